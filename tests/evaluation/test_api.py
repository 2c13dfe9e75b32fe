"""The evaluation REST API on the real database: the answers of an evaluation with their scale,
self-assessment and scoring through the services (a value outside the scale is 400, a stale
version 409 with the other person's values, a final evaluation refuses changes), what an
evaluator sees, recommendations with a follow-up upload, constant queries per list, and our part
of the OpenAPI schema without warnings."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.routers import DefaultRouter
from rest_framework.test import APIClient

from apps.evaluation import api as evaluation_api
from apps.evaluation.models import (
    Answer,
    EvaluationStatus,
    FollowUp,
    Recommendation,
    RecommendationStatus,
)
from tests.evaluation.conftest import build_round

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def _answers(user, evaluation, **params):
    return _api(user).get("/api/v1/answers/", {"evaluation": str(evaluation.code), **params})


def _first(evaluation) -> Answer:
    """Criterion 1a.1 (answered Y/T)."""
    return Answer.objects.get(
        evaluation=evaluation,
        criterion__sub_component__component__number=1,
        criterion__sub_component__ref="a",
        criterion__number=1,
    )


def _ae(evaluation) -> Answer:
    """Criterion 1b.1 (answered A–E)."""
    return Answer.objects.get(
        evaluation=evaluation,
        criterion__sub_component__component__number=1,
        criterion__sub_component__ref="b",
        criterion__number=1,
    )


def test_it_lists_the_answers_with_criterion_number_text_and_scale(cast, round_world):
    response = _answers(cast.operator, round_world.opd1)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 80
    first = body["results"][0]
    assert first["number"] == "1a.1" and first["text"].startswith("Terdapat pedoman")
    assert [o["label"] for o in first["options"]] == ["Y", "T"]
    ae = next(r for r in body["results"] if r["number"] == "1b.1")
    assert [o["label"] for o in ae["options"]] == ["A", "B", "C", "D", "E"]
    assert {r["evaluation"] for r in body["results"]} == {str(round_world.opd1.code)}
    # The evaluation is required, and one outside the caller's scope is 404.
    assert _api(cast.operator).get("/api/v1/answers/").status_code == 400
    assert _answers(cast.other_operator, round_world.opd1).status_code == 404


def test_self_assess_saves_then_a_stale_version_is_409_with_the_other_values(cast, round_world):
    answer = _first(round_world.opd1)
    url = f"/api/v1/answers/{answer.code}/self-assess/"
    first = _api(cast.verifier).post(
        url, {"label": "y", "note": "SK Bupati ada.", "version": answer.version}, format="json"
    )
    assert first.status_code == 200, first.json()
    assert first.json()["self_label"] == "Y" and first.json()["self_note"] == "SK Bupati ada."
    stale = _api(cast.operator).post(
        url, {"label": "T", "note": "", "version": answer.version}, format="json"
    )
    assert stale.status_code == 409
    assert stale.json()["current"]["self_label"] == "Y"
    assert stale.json()["current"]["self_note"] == "SK Bupati ada."
    answer.refresh_from_db()
    assert answer.self_label == "Y" and answer.self_by == cast.verifier
    # The fixture's rows are bulk-created without history: the one row is the verifier's save.
    (saved,) = answer.history.all()
    assert saved.self_label == "Y" and saved.history_user == cast.verifier


def test_a_value_outside_the_scale_is_400_and_changes_nothing(cast, round_world):
    answer = _first(round_world.opd1)
    response = _api(cast.operator).post(
        f"/api/v1/answers/{answer.code}/self-assess/",
        {"label": "A", "note": "", "version": answer.version},
        format="json",
    )
    assert response.status_code == 400
    assert "A is not an answer of this criterion (allowed: Y, T)" in response.json()["label"][0]
    fresh = Answer.objects.get(pk=answer.pk)
    assert fresh.self_label == "" and fresh.version == answer.version
    # A field the API does not take is refused, not dropped.
    unknown = _api(cast.operator).post(
        f"/api/v1/answers/{answer.code}/self-assess/",
        {"label": "Y", "value": "1", "version": answer.version},
        format="json",
    )
    assert unknown.status_code == 400 and "value" in unknown.json()


def test_the_evaluator_scores_with_a_note_when_it_differs(cast, round_world):
    evaluation = round_world.opd1
    answer = _ae(evaluation)
    Answer.objects.filter(pk=answer.pk).update(self_label="A", self_value=1)
    evaluation.status = EvaluationStatus.EVALUATION
    evaluation.save(update_fields=["status"])
    url = f"/api/v1/answers/{answer.code}/score/"
    refused = _api(cast.evaluator).post(
        url, {"label": "C", "version": answer.version}, format="json"
    )
    assert refused.status_code == 400 and "note" in refused.json()
    scored = _api(cast.evaluator).post(
        url,
        {"label": "C", "note": "Rencana Aksi belum dipantau.", "version": answer.version},
        format="json",
    )
    assert scored.status_code == 200, scored.json()
    assert scored.json()["label"] == "C" and scored.json()["value"] == "0.5000"
    # The OPD cannot score; the self-assessment is closed once the evaluation moved on.
    assert (
        _api(cast.operator).post(url, {"label": "A", "version": 9}, format="json").status_code
        == 403
    )
    closed = _api(cast.operator).post(
        f"/api/v1/answers/{answer.code}/self-assess/",
        {"label": "B", "version": scored.json()["version"]},
        format="json",
    )
    assert closed.status_code == 400 and "self-assessment is closed" in str(closed.json())


def test_a_final_evaluation_refuses_scores_with_the_reason(cast, round_world):
    evaluation = round_world.opd1
    answer = _first(evaluation)
    Answer.objects.filter(pk=answer.pk).update(label="Y", value=1)
    evaluation.status = EvaluationStatus.FINAL
    evaluation.save(update_fields=["status"])
    response = _api(cast.evaluator).post(
        f"/api/v1/answers/{answer.code}/score/",
        {"label": "T", "note": "Ubah", "version": answer.version},
        format="json",
    )
    assert response.status_code == 400
    assert "The evaluation is final: reopen it first." in str(response.json())
    assert Answer.objects.get(pk=answer.pk).label == "Y"
    # The viewer reads it but may write nothing.
    viewer = _api(cast.viewer)
    assert viewer.get(f"/api/v1/answers/{answer.code}/").status_code == 200
    assert (
        viewer.post(
            f"/api/v1/answers/{answer.code}/score/",
            {"label": "T", "note": "x", "version": answer.version},
            format="json",
        ).status_code
        == 403
    )
    assert _api(None).get(f"/api/v1/answers/{answer.code}/").status_code == 403


def test_the_evaluator_sees_only_the_assigned_evaluations(cast, round_world):
    body = _api(cast.evaluator).get("/api/v1/evaluations/").json()
    assert [e["code"] for e in body["results"]] == [str(round_world.opd1.code)]
    row = body["results"][0]
    assert row["status"] == "self" and row["grade"] == "" and row["score"] is None
    assert row["completeness"] == {"answered": 0, "total": 80, "percent": "0.00"}
    assert _answers(cast.evaluator, round_world.opd2).status_code == 404
    opd2_answer = _first(round_world.opd2)
    assert _api(cast.evaluator).get(f"/api/v1/answers/{opd2_answer.code}/").status_code == 404
    lead = _api(cast.lead).get("/api/v1/evaluations/", {"round": str(round_world.round.code)})
    assert lead.json()["count"] == 3
    rounds = _api(cast.viewer).get("/api/v1/evaluation-rounds/", {"year": 2026}).json()
    assert [r["code"] for r in rounds["results"]] == [str(round_world.round.code)]
    assert rounds["results"][0]["template_name"] == round_world.template.name


def test_the_opd_records_a_follow_up_with_an_evidence_file(cast, round_world):
    evaluation = round_world.opd1
    evaluation.status = EvaluationStatus.FINAL
    evaluation.save(update_fields=["status"])
    rec = Recommendation.objects.create(
        pemda=cast.pemda, evaluation=evaluation, number=1, text="Susun Rencana Aksi."
    )
    url = f"/api/v1/recommendations/{rec.code}/follow-up/"
    bad = _api(cast.operator).post(
        url,
        {"text": "Disusun", "file": SimpleUploadedFile("ra.pdf", b"not a pdf")},
        format="multipart",
    )
    assert bad.status_code == 400 and "file" in bad.json()
    assert not FollowUp.objects.exists()
    done = _api(cast.operator).post(
        url,
        {"text": "Rencana Aksi disusun.", "file": SimpleUploadedFile("ra.pdf", PDF)},
        format="multipart",
    )
    assert done.status_code == 201, done.json()
    assert done.json()["original_name"] == "ra.pdf" and done.json()["file_url"]
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.IN_PROGRESS
    listed = _api(cast.viewer).get("/api/v1/recommendations/", {"evaluation": str(evaluation.code)})
    assert listed.json()["results"][0]["follow_ups"][0]["text"] == "Rencana Aksi disusun."
    assert _api(cast.evaluator).post(url, {"text": "x"}, format="json").status_code == 403


def _queries(user, url, params=None) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = _api(user).get(url, params or {})
    assert response.status_code == 200
    return response.json()["count"], len(queries)


def test_lists_take_a_constant_number_of_queries(cast, round_world):
    _queries(cast.lead, "/api/v1/evaluation-rounds/")  # warm the per-process caches
    small = _queries(cast.lead, "/api/v1/evaluations/")
    few = _queries(cast.lead, "/api/v1/answers/", {"evaluation": str(round_world.opd1.code)})
    for number in (1, 2):
        rec = Recommendation.objects.create(
            pemda=cast.pemda, evaluation=round_world.opd1, number=number, text="R"
        )
        FollowUp.objects.create(pemda=cast.pemda, recommendation=rec, text="Dilakukan")
    recs_small = _queries(cast.lead, "/api/v1/recommendations/")
    build_round(cast, year=2025)
    for number in (3, 4, 5):
        rec = Recommendation.objects.create(
            pemda=cast.pemda, evaluation=round_world.opd2, number=number, text="R"
        )
        FollowUp.objects.create(pemda=cast.pemda, recommendation=rec, text="Dilakukan")
    large = _queries(cast.lead, "/api/v1/evaluations/")
    assert (small[0], large[0]) == (3, 6) and large[1] == small[1]
    recs_large = _queries(cast.lead, "/api/v1/recommendations/")
    assert (recs_small[0], recs_large[0]) == (2, 5) and recs_large[1] == recs_small[1]
    limited = _queries(
        cast.lead, "/api/v1/answers/", {"evaluation": str(round_world.opd1.code), "limit": 5}
    )
    assert few[0] == limited[0] == 80 and few[1] == limited[1]


def test_our_part_of_the_schema_generates_without_warnings(db, capsys):
    router = DefaultRouter()
    evaluation_api.register(router)
    GENERATOR_STATS.reset()
    schema = SchemaGenerator(patterns=[path("api/v1/", include(router.urls))]).get_schema(
        request=None, public=True
    )
    assert not GENERATOR_STATS, capsys.readouterr().err
    validate_schema(schema)
    assert "/api/v1/answers/{code}/self-assess/" in schema["paths"]
    assert "/api/v1/answers/{code}/score/" in schema["paths"]
    post = schema["paths"]["/api/v1/recommendations/{code}/follow-up/"]["post"]
    assert "multipart/form-data" in post["requestBody"]["content"]
    assert "409" in schema["paths"]["/api/v1/answers/{code}/score/"]["post"]["responses"]
