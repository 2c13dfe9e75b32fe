"""Recommendations and follow-up: who writes what when, the status rules, evidence checked by
content, scoped downloads, and the list page in constant queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.concurrency import StaleVersionError
from apps.core.models import ActivityLog
from apps.evaluation import followup
from apps.evaluation.models import EvaluationStatus, Recommendation, RecommendationStatus

pytestmark = pytest.mark.django_db


def _client(cast, user):
    """A signed-in client reading the English msgids the assertions use."""
    client = cast.client(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def review(round_world):
    for ev in (round_world.opd1, round_world.opd2):
        ev.status = EvaluationStatus.REVIEW
        ev.save()
    return round_world


def test_recommendations_wait_for_review(cast, round_world):
    with pytest.raises(ValidationError, match="quality review"):
        followup.recommendation_add(actor=cast.lead, evaluation=round_world.opd1, text="X")
    assert not Recommendation.objects.exists()


def test_recommendation_add_by_assigned_evaluator(cast, review):
    component = review.template.components.get(number=4)
    rec = followup.recommendation_add(
        actor=cast.evaluator,
        evaluation=review.opd1,
        text="Lakukan evaluasi internal berjenjang",
        component=component,
        owner_unit=cast.bidang1,
        due_date=dt.date(2027, 6, 30),
    )
    second = followup.recommendation_add(actor=cast.lead, evaluation=review.opd1, text="Dua")
    assert (rec.number, second.number) == (1, 2)
    assert second.owner_unit == cast.opd1  # the OPD by default
    assert rec.history.count() == 1
    assert ActivityLog.objects.filter(action="sakip.recommendation.added").count() == 2


def test_recommendation_refusals(cast, review):
    with pytest.raises(PermissionDenied):  # not assigned to OPD 2
        followup.recommendation_add(actor=cast.evaluator, evaluation=review.opd2, text="X")
    for user in (cast.operator, cast.bappeda, cast.viewer):
        with pytest.raises(PermissionDenied):
            followup.recommendation_add(actor=user, evaluation=review.opd1, text="X")
    with pytest.raises(ValidationError) as exc:
        followup.recommendation_add(
            actor=cast.lead, evaluation=review.opd1, text=" ", owner_unit=cast.opd2
        )
    assert set(exc.value.message_dict) == {"text", "owner_unit"}
    assert not Recommendation.objects.exists()


def test_recommendation_update_is_versioned(cast, review):
    rec = followup.recommendation_add(actor=cast.lead, evaluation=review.opd1, text="A")
    followup.recommendation_update(
        actor=cast.evaluator, recommendation=rec, text="B", expected_version=rec.version
    )
    with pytest.raises(StaleVersionError):
        followup.recommendation_update(
            actor=cast.lead, recommendation=rec, text="C", expected_version=1
        )
    rec.refresh_from_db()
    assert rec.text == "B" and rec.history.count() == 2


def test_followup_and_status_flow(cast, review, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    rec = followup.recommendation_add(actor=cast.lead, evaluation=review.opd1, text="A")
    with pytest.raises(ValidationError, match="at least one follow-up"):
        followup.recommendation_set_status(actor=cast.operator, recommendation=rec, status="done")
    for user in (cast.other_operator, cast.evaluator, cast.bappeda):
        with pytest.raises(PermissionDenied):
            followup.followup_add(actor=user, recommendation=rec, text="X")
    with pytest.raises(ValidationError, match="not a real PDF"):
        followup.followup_add(
            actor=cast.operator, recommendation=rec, text="X", name="a.pdf", content=b"MZ fake"
        )
    with pytest.raises(ValidationError, match="future"):
        followup.followup_add(
            actor=cast.operator,
            recommendation=rec,
            text="X",
            done_on=dt.date(2030, 1, 1),
            today=dt.date(2027, 1, 1),
        )
    assert not rec.follow_ups.exists()
    item = followup.followup_add(
        actor=cast.operator, recommendation=rec, text="SOP disusun", name="sop.pdf", content=PDF
    )
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.IN_PROGRESS and item.sha256
    followup.recommendation_set_status(
        actor=cast.verifier, recommendation=rec, status="done", expected_version=rec.version
    )
    # The OPD cannot reopen; a manager must say why.
    with pytest.raises(PermissionDenied):
        followup.recommendation_set_status(actor=cast.operator, recommendation=rec, status="open")
    with pytest.raises(ValidationError, match="reopened"):
        followup.recommendation_set_status(actor=cast.lead, recommendation=rec, status="open")
    followup.recommendation_set_status(
        actor=cast.lead, recommendation=rec, status="in_progress", note="Bukti belum lengkap"
    )
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.IN_PROGRESS
    log = ActivityLog.objects.filter(action="sakip.recommendation.status").first()
    assert log.data == {"from": "done", "to": "in_progress", "note": "Bukti belum lengkap"}
    # The download is scoped.
    url = reverse("evaluation:followup_file", args=[item.code])
    assert _client(cast, cast.viewer).get(url).status_code == 200
    assert _client(cast, cast.other_operator).get(url).status_code == 404


def test_pages_show_forms_and_messages(cast, review, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = _client(cast, cast.evaluator)
    response = client.post(
        reverse("evaluation:recommendation_add", args=[review.opd1.code]),
        {"text": "Perbaiki definisi operasional", "due_date": "2027-03-31"},
    )
    rec = Recommendation.objects.get()
    assert response.url == reverse("evaluation:recommendation_detail", args=[rec.code])
    op = _client(cast, cast.operator)
    page = op.get(response.url).content.decode()
    assert "Record a follow-up" in page and "Edit the recommendation" not in page
    response = op.post(
        reverse("evaluation:recommendation_status", args=[rec.code]),
        {"status": "done", "version": rec.version},
        follow=True,
    )
    assert "Record at least one follow-up" in response.content.decode()
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.OPEN


def test_recommendations_page_constant_queries(cast, review):
    def load() -> tuple[int, str]:
        client = _client(cast, cast.lead)
        url = reverse("evaluation:recommendations") + "?year=2026"
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            body = client.get(url).content.decode()
        return len(ctx.captured_queries), body

    followup.recommendation_add(
        actor=cast.lead, evaluation=review.opd1, text="R1", due_date=dt.date(2026, 1, 1)
    )
    small, body = load()
    assert "overdue" in body and "R1" in body
    for n in range(5):
        rec = followup.recommendation_add(actor=cast.lead, evaluation=review.opd2, text=f"S{n}")
        followup.followup_add(actor=cast.other_operator, recommendation=rec, text="ok")
    large, body = load()
    assert small == large and "S4" in body
    # An OPD's user sees only its own OPD's recommendations.
    other = _client(cast, cast.other_operator).get(
        reverse("evaluation:recommendations") + "?year=2026"
    )
    assert "S4" in other.content.decode() and "R1" not in other.content.decode()
