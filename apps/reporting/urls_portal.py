"""The public portal under /portal/ (namespace "portal"): no login; published data only."""

from __future__ import annotations

from django.urls import path

from apps.reporting.views import portal

app_name = "portal"

urlpatterns = [
    path("", portal.home, name="home"),
    path("p/<uuid:code>/", portal.document, name="document"),
    path("p/<uuid:code>/file/", portal.file, name="file"),
    path("p/<uuid:code>/tree/", portal.tree, name="tree"),
    path("p/<uuid:code>/data.<str:fmt>", portal.open_data, name="open_data"),
    path("<uuid:code>/", portal.pemda, name="pemda"),
]
