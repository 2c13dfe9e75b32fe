"""Runs every app's permission cases and checks that no URL pattern is missing from them."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from tests.matrix import ROLES, Case

# URLs that are not part of the app's own access model: Django's admin (superusers only, its
# own permission system), and the language switch and health check (public by design, tested
# on their own).
NOT_IN_MATRIX = {"set_language", "healthz", "login", "logout", "password_change_done"}


def _cases() -> list[Case]:
    cases: list[Case] = []
    root = Path(__file__).parent
    for info in pkgutil.iter_modules([str(root)]):
        if not info.ispkg:
            continue
        if (root / info.name / "permissions.py").exists():
            module = importlib.import_module(f"tests.{info.name}.permissions")
            cases.extend(module.CASES)
    return cases


CASES = _cases()


def _url_names() -> set[str]:
    names: set[str] = set()

    def walk(resolver: URLResolver, prefix: str) -> None:
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue
                walk(p, prefix + (f"{p.namespace}:" if p.namespace else ""))
            elif isinstance(p, URLPattern) and p.name:
                names.add(prefix + p.name)

    walk(get_resolver(), "")
    return names - NOT_IN_MATRIX - {"api-root"}


def test_it_has_a_case_for_every_url_pattern():
    covered = {case.url_name for case in CASES}
    missing = sorted(_url_names() - covered)
    assert not missing, f"URL patterns without a permission case: {missing}"


def _client(case: Case, user) -> Client:
    client = APIClient() if case.api else Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_it_gives_each_role_the_expected_status(cast, case: Case):
    ctx = case.setup(cast) if case.setup else {}
    url = reverse(case.url_name, args=case.args(cast, ctx))
    got = {}
    for role in ROLES:
        user = cast.users[role]
        # Each role's request runs in its own savepoint, rolled back, so that a write by one role
        # never changes what the next one sees.
        with transaction.atomic():
            client = _client(case, user)
            kwargs = {}
            if case.data is not None:
                kwargs["data"] = case.data(cast, ctx)
            if case.api and case.method in {"post", "patch", "put"}:
                kwargs["format"] = "json"
            response = getattr(client, case.method)(url, **kwargs)
            got[role] = response.status_code
            if role == "anonymous" and response.status_code == 302:
                assert reverse("login") in response["Location"]
            transaction.set_rollback(True)
    assert got == case.expect
