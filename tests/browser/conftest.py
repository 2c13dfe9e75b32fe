"""Browser tests: the `browser` and `page` fixtures live in tests/conftest.py (one browser for
the whole session); this module keeps the login helper."""

from __future__ import annotations


def login(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_load_state("networkidle")
