"""Publication management pages: the list with what can be published, publishing each kind
through the page, bad input refused with a message and nothing stored, withdrawal with a
reason, and the permissions (planners only)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from apps.reporting.models import Publication, PublicationKind
from tests.measurement.conftest import YEAR
from tests.reporting.portal_fixtures import build_portal_world

pytestmark = pytest.mark.django_db

LIST = reverse("reporting:publication_list")
PUBLISH = reverse("reporting:publish")


def _client(cast, user):
    """A signed-in client reading the English msgids the assertions use."""
    client = cast.client(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_planner_publishes_every_kind_from_the_page(cast):
    world = build_portal_world(cast)
    client = _client(cast, cast.bappeda)
    page = client.get(LIST, {"year": YEAR})
    assert page.status_code == 200
    body = page.content.decode()
    assert str(world.plan.renstra.code) in body  # the approved Renstra is offered
    assert str(world.plan.renstra2.code) not in body  # the draft is not
    posts = [
        {"kind": "rpjmd", "object": str(world.plan.rpjmd.code)},
        {"kind": "renstra", "object": str(world.plan.renstra.code)},
        {"kind": "renja", "object": str(world.renja.code)},
        {"kind": "iku"},
        {"kind": "pk"},
        {"kind": "indicators", "quarter": "1"},
    ]
    for data in posts:
        response = client.post(PUBLISH, {**data, "year": YEAR}, follow=True)
        assert response.redirect_chain[-1][0] == f"{LIST}?year={YEAR}"
        assert any("Published to the portal" in m for m in _messages(response)), data
    kinds = sorted(Publication.objects.values_list("kind", flat=True))
    assert kinds == sorted(["rpjmd", "renstra", "renja", "iku", "pk", "indicators"])
    listing = client.get(LIST, {"year": YEAR}).content.decode()
    assert listing.count("On the portal") == 6


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "renstra", "object": "not-a-code"},
        {"kind": "renstra", "object": "renstra2"},  # a draft Renstra
        {"kind": "indicators", "quarter": "7"},
        {"kind": "evaluation"},
        {"kind": ""},
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_published(cast, data):
    world = build_portal_world(cast) if data.get("object") == "renstra2" else None
    if world is not None:
        data = {**data, "object": str(world.plan.renstra2.code)}
    response = _client(cast, cast.admin).post(PUBLISH, {**data, "year": YEAR}, follow=True)
    assert response.status_code == 200
    assert _messages(response) and not any("Published" in m for m in _messages(response))
    assert not Publication.objects.exists()


def test_an_object_of_another_pemda_is_not_found(cast):
    from apps.organisations import services as org_services
    from apps.performance import services as p_services

    period = org_services.period_create(
        actor=None, pemda=cast.pemda_b, name="RPJMD B", start_year=2025
    )
    other = p_services.rpjmd_create(actor=None, period=period, visi="Kota Lain")
    response = _client(cast, cast.admin).post(
        PUBLISH, {"kind": "rpjmd", "object": str(other.code), "year": YEAR}, follow=True
    )
    assert any("Choose what to publish" in m for m in _messages(response))
    assert not Publication.objects.exists()


def test_withdrawing_needs_a_reason(cast):
    _client(cast, cast.bappeda).post(PUBLISH, {"kind": "iku", "year": YEAR})
    row = Publication.objects.get(kind=PublicationKind.IKU)
    url = reverse("reporting:withdraw", args=[row.code])
    client = _client(cast, cast.admin)
    response = client.post(url, {"reason": " "}, follow=True)
    assert any("Say why" in m for m in _messages(response))
    row.refresh_from_db()
    assert row.withdrawn_at is None
    response = client.post(url, {"reason": "Salah data"}, follow=True)
    assert any("Withdrawn from the portal" in m for m in _messages(response))
    row.refresh_from_db()
    assert row.withdrawn_at is not None
    # Withdrawn twice: a message, no change.
    response = client.post(url, {"reason": "Lagi"}, follow=True)
    assert any("already withdrawn" in m for m in _messages(response))


@pytest.mark.parametrize(
    "role", ["operator", "verifier", "evaluator", "lead", "viewer", "outsider"]
)
def test_others_get_403_and_nothing_changes(cast, role):
    client = _client(cast, getattr(cast, role))
    assert client.get(LIST).status_code == 403
    assert client.post(PUBLISH, {"kind": "iku", "year": YEAR}).status_code == 403
    assert not Publication.objects.exists()
    anonymous = _client(cast, None).get(LIST)
    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]


def test_the_list_runs_constant_queries(cast, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.reporting.test_portal import make_publications

    client = _client(cast, cast.bappeda)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST, {"year": YEAR}).status_code == 200
        return len(ctx.captured_queries)

    make_publications(cast.pemda, 1)
    small = count()
    make_publications(cast.pemda, 5)
    assert count() == small
