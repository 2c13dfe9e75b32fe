from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from apps.core import views as core_views
from apps.core.api import ApiDocsView

urlpatterns = [
    path("", core_views.dashboard, name="home"),
    path("healthz/", core_views.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("apps.core.urls")),
    path("org/", include("apps.organisations.urls")),
    path("planning/", include("apps.planning.urls")),
    path("plans/", include("apps.performance.urls")),
    path("pk/", include("apps.agreements.urls")),
    path("verify/", include("apps.agreements.urls_public")),
    path("measure/", include("apps.measurement.urls")),
    path("reports/", include("apps.reporting.urls")),
    path("portal/", include("apps.reporting.urls_portal")),
    path("evaluation/", include("apps.evaluation.urls")),
    path("api/v1/", include("sakip.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", ApiDocsView.as_view(url_name="api_schema"), name="api_docs"),
    path("django-admin/", admin.site.urls),
]
