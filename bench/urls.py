"""The bench's URLconf: the product's URLs plus the floor, a minimal authenticated Django view.
Installed only by the bench (override_settings(ROOT_URLCONF="bench.urls")), never by sakip."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import include, path


@login_required
def floor(request):
    """The least a signed-in page costs here: middleware, session, user; no query of ours."""
    return HttpResponse(f"ok {request.user.pk}", content_type="text/plain")


urlpatterns = [
    path("bench-floor/", floor, name="bench_floor"),
    path("", include("sakip.urls")),
]
