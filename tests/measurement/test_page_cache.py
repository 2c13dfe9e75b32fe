"""The page cache (apps.core.pagecache) through the realisation grid and the Pemda dashboard:
a page is served without being computed while nothing changed, never stale after an audited
change, each user's own, with the request's own messages and CSRF token, and only after the
access check."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core import revisions
from apps.measurement import dashboards, services
from tests.measurement.conftest import YEAR
from tests.measurement.test_entry_views import client_for, enter, grid_url

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, len(ctx.captured_queries)


def _without_tokens(response) -> str:
    """The page without its CSRF tokens (masked anew for every request)."""
    html = response.content.decode()
    html = TOKEN.sub('name="csrfmiddlewaretoken" value=""', html)
    return re.sub(r'<meta name="csrf-token" content="[^"]+">', "", html)


def test_every_audited_change_raises_its_own_pemdas_revision(cast, mworld):
    before, other = revisions.current(cast.pemda.pk), revisions.current(cast.pemda_b.pk)
    enter(cast, mworld.plan.sasaran_indicator, "40")
    assert revisions.current(cast.pemda.pk) > before
    assert revisions.current(cast.pemda_b.pk) == other


def test_the_grid_is_served_from_the_cache_until_an_audited_change(cast, mworld):
    client = client_for(cast, cast.operator)
    url = grid_url(cast)
    first, computed = _get(client, url)
    second, cached = _get(client, url)
    # Session, user, the revision, the user's grants, the unit and the window (two): the grid's
    # lines are not read again.
    assert cached == 7 < computed
    assert _without_tokens(second) == _without_tokens(first)
    # Another tab of the same OPD saves a value: the next read shows it at once.
    services.realisation_save(
        actor=cast.operator,
        indicator=mworld.plan.sasaran_indicator,
        year=YEAR,
        quarter=1,
        value="40",
        obstacle="Kendala dari tab lain",
    )
    third, _n = _get(client, url)
    assert "Kendala dari tab lain" in third.content.decode()
    assert "Kendala dari tab lain" not in first.content.decode()


def test_each_user_gets_their_own_page_and_the_access_check_comes_first(cast, mworld):
    url = grid_url(cast)
    operator_page, _n = _get(client_for(cast, cast.operator), url)
    viewer_page, _n = _get(client_for(cast, cast.viewer), url)
    # The leadership viewer reads the grid the operator may edit: not the operator's page.
    assert 'data-editable="1"' in operator_page.content.decode()
    assert 'data-editable="1"' not in viewer_page.content.decode()
    # The page is in the cache; another OPD's operator and an anonymous reader still get nothing.
    assert client_for(cast, cast.other_operator).get(url).status_code in (403, 404)
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    assert client_for(cast, cast.outsider).get(url).status_code in (403, 404)


def test_messages_and_the_csrf_token_are_the_requests_own(cast, mworld):
    url = grid_url(cast)
    first = Client(enforce_csrf_checks=True)
    first.force_login(cast.operator)
    first.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    first.get(url)  # computed and kept
    # A second browser of the same user gets the cached page, with a token of its own that its
    # own POST passes with (the first browser's token would be refused).
    second = Client(enforce_csrf_checks=True)
    second.force_login(cast.operator)
    second.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page, queries = _get(second, url)
    assert queries == 7  # from the cache
    token = TOKEN.search(page.content.decode()).group(1)
    response = second.post(url, {"csrfmiddlewaretoken": token, "submit_drafts": "1"})
    assert response.status_code == 302
    # Nothing to submit changed nothing: the page comes from the cache, with the message.
    after, queries = _get(second, url)
    assert queries < 10
    assert "There is nothing to submit." in after.content.decode()
    assert "There is nothing to submit." not in second.get(url).content.decode()


def test_the_pemda_dashboard_keeps_no_page_of_figures_older_than_the_revision(
    cast, mworld, monkeypatch
):
    client = client_for(cast, cast.viewer)
    url = reverse("measurement:pemda_dashboard") + f"?year={YEAR}&quarter=1"
    _get(client, url)
    _page, cached = _get(client, url)
    assert cached == 4
    # A change within the figures' grace: the page shows the figures computed a moment ago, but
    # is not kept under the new revision (it would outlive the grace).
    enter(cast, mworld.plan.sasaran_indicator, "40")
    _page, first = _get(client, url)
    _page, again = _get(client, url)
    assert first == again > cached
    # Past the grace the figures are computed at the new revision, and the page is kept.
    monkeypatch.setattr(dashboards, "CACHE_GRACE_SECONDS", 0)
    _get(client, url)
    _page, queries = _get(client, url)
    assert queries == cached
