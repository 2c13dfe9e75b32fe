from __future__ import annotations

import pytest

from tests.browser.conftest import login
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_logs_the_operator_in_and_shows_the_dashboard(cast, live_server, page):
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    login(page, live_server, "operator", PASSWORD)
    assert page.url.rstrip("/").endswith("/dashboard") or page.url == f"{live_server.url}/"
    body = page.locator("body").inner_text()
    assert "Dinas Kesehatan" in body or "Kabupaten Contoh" in body
    assert "Operator OPD" in body, "the dashboard names the user's role in Indonesian"
    assert not console_errors, console_errors  # e.g. CSP refusals or missing static files


def test_it_refuses_a_wrong_password_with_a_message(cast, live_server, page):
    login(page, live_server, "operator", "wrong-password")
    assert "/accounts/login/" in page.url
    assert page.locator(".alert, .errorlist, .invalid-feedback").count() > 0
