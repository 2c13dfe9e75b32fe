"""The OpenAPI schema and the offline Swagger UI page of the REST API."""

from __future__ import annotations

import re

import pytest
from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.routers import DefaultRouter
from rest_framework.test import APIClient

from apps.core.api import obtain_token
from apps.organisations import api as organisations_api

OUR_PATHS = [
    "/api/v1/auth/token/",
    "/api/v1/units/",
    "/api/v1/units/{code}/",
    "/api/v1/positions/",
    "/api/v1/positions/{code}/",
    "/api/v1/people/",
    "/api/v1/people/{code}/",
    "/api/v1/assignments/",
    "/api/v1/assignments/{code}/",
    "/api/v1/memberships/",
    "/api/v1/memberships/{code}/",
    "/api/v1/users/",
    "/api/v1/users/{code}/",
]


def test_it_serves_the_schema_with_our_paths(db):
    response = APIClient().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert set(OUR_PATHS) <= set(schema["paths"])
    units = schema["paths"]["/api/v1/units/{code}/"]
    assert set(units) == {"get", "patch", "parameters"} or set(units) == {"get", "patch"}
    assert "delete" in schema["paths"]["/api/v1/memberships/{code}/"]
    assert "put" not in units


def test_it_generates_our_part_of_the_schema_without_warnings(db, capsys):
    """Only our endpoints (the organisation router and the token view), so that another app's
    endpoints cannot hide or cause a warning here."""
    router = DefaultRouter()
    organisations_api.register(router)
    patterns = [
        path("api/v1/auth/token/", obtain_token),
        path("api/v1/", include(router.urls)),
    ]
    GENERATOR_STATS.reset()
    schema = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    assert not GENERATOR_STATS, capsys.readouterr().err
    validate_schema(schema)
    assert set(schema["paths"]) == set(OUR_PATHS)
    # PATCH bodies always carry the version read (optimistic concurrency).
    update = schema["components"]["schemas"]["UnitUpdateRequest"]
    assert update["required"] == ["version"]
    patch = schema["paths"]["/api/v1/units/{code}/"]["patch"]
    assert {"200", "400", "403", "404", "409"} <= set(patch["responses"])


@pytest.fixture
def unhashed_static(settings):
    """Static URLs without the manifest (collectstatic does not run for tests); the question
    here is only where the page loads its files from."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def test_it_serves_the_docs_page_from_local_static_files_only(db, unhashed_static):
    response = APIClient().get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    # no CDN or any other absolute URL, no inline script or style (the CSP forbids them)
    assert not re.search(r"https?://", html)
    assert not re.search(r"<style", html)
    assert not re.search(r"\bstyle=", html)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts
    assert all('src="/static/' in attrs or 'src="/api/docs/' in attrs for attrs, _ in scripts)
    assert all(not body.strip() for _, body in scripts)
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert stylesheets
    assert all(href.startswith("/static/") for href in stylesheets)
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp


def test_it_serves_the_docs_start_up_script_from_its_own_url(db, unhashed_static):
    html = APIClient().get("/api/docs/").content.decode()
    script_url = re.search(r'<script src="(/api/docs/[^"]*)"', html).group(1)
    response = APIClient().get(script_url.replace("&amp;", "&"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in response.content.decode()
