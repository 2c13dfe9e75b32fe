"""Round, evaluation and self-assessment pages: happy paths, refusals shown with their reason,
conflicts with the other person's values, and query pins at two data sizes."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.evaluation import rounds
from apps.evaluation.models import (
    Answer,
    AnswerEvidence,
    Evaluation,
    EvaluationRound,
    EvaluationStatus,
    TeamMember,
)
from apps.organisations import services as org_services
from apps.organisations.models import UnitType

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _client(cast, user):
    """A signed-in client reading the pages in English (the tests' language)."""
    client = cast.client(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _first(evaluation) -> Answer:
    return (
        Answer.objects.filter(evaluation=evaluation)
        .select_related("criterion__scale")
        .order_by("criterion__sub_component__component__number", "criterion__order")
        .first()
    )


def test_it_creates_a_round_from_the_page(cast, round_world):
    client = _client(cast, cast.lead)
    response = client.post(
        reverse("evaluation:round_create"),
        {
            "name": "Evaluasi Pemda 2026",
            "year": 2026,
            "kind": "pemda",
            "template": round_world.template.code,
            "pre_evaluation_from": "2026-06-01",
            "pre_evaluation_to": "2026-06-30",
        },
    )
    created = EvaluationRound.objects.get(kind="pemda")
    assert response["Location"] == reverse("evaluation:round_detail", args=[created.code])
    assert created.evaluations.count() == 1


def test_it_shows_a_refused_round_with_its_reason(cast, round_world):
    response = _client(cast, cast.admin).post(
        reverse("evaluation:round_create"),
        {
            "name": "Dua kali",
            "year": 2026,
            "kind": "internal",
            "template": round_world.template.code,
            "evaluation_from": "2026-07-10",
            "pre_evaluation_to": "2026-07-20",
        },
    )
    assert response.status_code == 200
    assert b"lies before" in response.content
    assert EvaluationRound.objects.count() == 1


def test_it_lists_rounds_with_progress(cast, round_world):
    Evaluation.objects.filter(pk=round_world.opd2.pk).update(status=EvaluationStatus.EVALUATION)
    response = _client(cast, cast.viewer).get(reverse("evaluation:round_list"))
    r = response.context["rounds"][0]
    assert r.progress["self"] == 2 and r.progress["evaluation"] == 1
    assert round_world.round.name.encode() in response.content
    # The evaluator counts only the evaluations assigned to them.
    response = _client(cast, cast.evaluator).get(reverse("evaluation:round_list"))
    assert response.context["rounds"][0].evaluation_count == 1


def test_it_shows_an_evaluator_only_the_assigned_evaluations(cast, round_world):
    url = reverse("evaluation:round_detail", args=[round_world.round.code])
    response = _client(cast, cast.evaluator).get(url)
    assert [e.pk for e in response.context["evaluations"]] == [round_world.opd1.pk]
    assert response.context["assign_form"] is None
    response = _client(cast, cast.lead).get(url)
    assert len(response.context["evaluations"]) == 3
    assert b"Dinas Pendidikan" in response.content
    assert response.context["assign_form"] is not None
    response = _client(cast, cast.other_operator).get(url)
    assert [e.pk for e in response.context["evaluations"]] == [round_world.opd2.pk]


def test_it_assigns_and_removes_a_team_member(cast, round_world):
    client = _client(cast, cast.admin)
    client.post(
        reverse("evaluation:team_assign", args=[round_world.opd2.code]),
        {"user": cast.evaluator.pk, "role": "member"},
    )
    member = TeamMember.objects.get(evaluation=round_world.opd2)
    assert member.user == cast.evaluator
    # An operator is not an evaluator: refused with the reason, nothing added.
    response = client.post(
        reverse("evaluation:team_assign", args=[round_world.opd2.code]),
        {"user": cast.operator.pk, "role": "member"},
        follow=True,
    )
    assert b"Choose an evaluator of this Pemda" in response.content
    assert TeamMember.objects.filter(evaluation=round_world.opd2).count() == 1
    client.post(reverse("evaluation:team_remove", args=[member.code]))
    assert not TeamMember.objects.filter(evaluation=round_world.opd2).exists()


def test_it_saves_a_self_assessment_from_the_sheet(cast, round_world):
    client = _client(cast, cast.operator)
    url = reverse("evaluation:self_assessment", args=[round_world.opd1.code])
    response = client.get(url)
    assert response.status_code == 200 and response.context["editable"]
    assert response.content.count(b'class="row g-2 align-items-start mb-2 self-answer"') == 80
    answer = _first(round_world.opd1)
    label = answer.criterion.scale.options.first().label
    p = f"a{answer.pk}"
    response = client.post(
        reverse("evaluation:answer_self", args=[answer.code]),
        {f"{p}-version": 1, f"{p}-self_label": label, f"{p}-self_note": "SK terlampir"},
    )
    assert response["Location"] == f"{url}#a-{answer.code}"
    answer.refresh_from_db()
    assert (answer.self_label, answer.self_note) == (label, "SK terlampir")
    response = client.get(url)
    assert response.context["done"].answered == 1
    assert b"1 of 80 criteria answered" in response.content


def test_it_refuses_an_answer_outside_the_scale_on_the_page(cast, round_world):
    answer = _first(round_world.opd1)
    p = f"a{answer.pk}"
    response = _client(cast, cast.operator).post(
        reverse("evaluation:answer_self", args=[answer.code]),
        {f"{p}-version": 1, f"{p}-self_label": "ZZ", f"{p}-self_note": ""},
    )
    assert response.status_code == 200
    assert b"ZZ is not an answer of this criterion" in response.content
    answer.refresh_from_db()
    assert answer.self_label == "" and answer.version == 1


def test_it_shows_the_other_persons_values_on_a_conflict(cast, round_world):
    answer = _first(round_world.opd1)
    labels = list(answer.criterion.scale.options.values_list("label", flat=True))
    rounds.answer_self_assess(
        actor=cast.verifier,
        answer=answer,
        label=labels[0],
        note="Catatan verifikator",
        expected_version=1,
    )
    p = f"a{answer.pk}"
    response = _client(cast, cast.operator).post(
        reverse("evaluation:answer_self", args=[answer.code]),
        {f"{p}-version": 1, f"{p}-self_label": labels[-1], f"{p}-self_note": "Catatan operator"},
    )
    assert response.status_code == 200
    assert b"Someone else saved this record" in response.content
    assert b"Catatan verifikator" in response.content
    answer.refresh_from_db()
    assert answer.self_note == "Catatan verifikator"


def test_it_uploads_links_downloads_and_removes_evidence(cast, round_world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = _client(cast, cast.operator)
    answer = _first(round_world.opd1)
    client.post(
        reverse("evaluation:evidence_add", args=[answer.code]),
        {"file": SimpleUploadedFile("sk.pdf", PDF, "application/pdf")},
    )
    response = client.post(
        reverse("evaluation:evidence_add", args=[answer.code]),
        {"file": SimpleUploadedFile("palsu.pdf", b"hello", "application/pdf")},
        follow=True,
    )
    assert b"is not a real PDF file" in response.content
    response = client.post(
        reverse("evaluation:evidence_link", args=[answer.code]),
        {"link": "https://example.com/x", "label": "luar"},
        follow=True,
    )
    assert b"Link a page of this application" in response.content
    client.post(
        reverse("evaluation:evidence_link", args=[answer.code]),
        {"link": f"/evaluation/rounds/{round_world.round.code}/", "label": "Ronde"},
    )
    assert AnswerEvidence.objects.filter(answer=answer).count() == 2
    file_ev = AnswerEvidence.objects.get(answer=answer, link="")
    response = _client(cast, cast.evaluator).get(
        reverse("evaluation:evidence_download", args=[file_ev.code])
    )
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    client.post(reverse("evaluation:evidence_remove", args=[file_ev.code]))
    file_ev.refresh_from_db()
    assert file_ev.deleted_at is not None
    assert (
        _client(cast, cast.operator)
        .get(reverse("evaluation:evidence_download", args=[file_ev.code]))
        .status_code
        == 404
    )


def test_it_submits_the_self_assessment_from_the_page(cast, round_world):
    client = _client(cast, cast.operator)
    url = reverse("evaluation:self_submit", args=[round_world.opd1.code])
    response = client.post(url, follow=True)
    assert b"Answer at least one criterion" in response.content
    answer = _first(round_world.opd1)
    rounds.answer_self_assess(
        actor=cast.operator,
        answer=answer,
        label=answer.criterion.scale.options.first().label,
        note="",
        expected_version=1,
    )
    response = client.post(url)
    assert response["Location"] == reverse(
        "evaluation:evaluation_detail", args=[round_world.opd1.code]
    )
    round_world.opd1.refresh_from_db()
    assert round_world.opd1.status == EvaluationStatus.EVALUATION


def test_it_shows_the_evaluation_summary_with_team_and_worksheet_guard(cast, round_world):
    response = _client(cast, cast.evaluator).get(
        reverse("evaluation:evaluation_detail", args=[round_world.opd1.code])
    )
    assert response.status_code == 200
    assert b"0 of 80 criteria answered" in response.content
    assert b"lead" in response.content and b"evaluator" in response.content


def test_it_offers_the_inbox_items(cast, round_world):
    from apps.core.registry import inbox_for

    titles = [i.title for i in inbox_for(cast.operator) if i.url.startswith("/evaluation/")]
    assert titles == [f"{round_world.round.name} – Dinas Kesehatan"]
    evaluator_items = [i for i in inbox_for(cast.evaluator) if i.url.startswith("/evaluation/")]
    assert evaluator_items == []


# --- query pins ---------------------------------------------------------------------------------


def _grow(cast, round_world, n: int) -> None:
    """Add `n` OPDs with an evaluation (80 answers each), a team and some evidence."""
    criteria = list(round_world.opd1.answers.values_list("criterion_id", flat=True))
    for i in range(n):
        opd = org_services.unit_create(
            actor=None, parent=cast.pemda, name=f"Dinas {i}", unit_type=UnitType.OPD
        )
        e = Evaluation.objects.create(pemda=cast.pemda, round=round_world.round, opd=opd)
        Answer.objects.bulk_create(
            [Answer(pemda=cast.pemda, evaluation=e, criterion_id=c) for c in criteria]
        )
        TeamMember.objects.create(pemda=cast.pemda, evaluation=e, user=cast.evaluator)


def _evidence(cast, round_world, n: int) -> None:
    answers = list(
        Answer.objects.filter(evaluation=round_world.opd1).select_related(
            "evaluation__round", "criterion"
        )[:n]
    )
    for a in answers:
        rounds.evidence_add(actor=cast.operator, answer=a, name="sk.pdf", content=PDF)
        rounds.evidence_link(actor=cast.operator, answer=a, link="/evaluation/")
        rounds.answer_self_assess(
            actor=cast.operator,
            answer=a,
            label=a.criterion.scale.options.first().label,
            note="x",
            expected_version=a.version,
        )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "name, user, args",
    [
        ("evaluation:round_list", "lead", lambda w: []),
        ("evaluation:round_detail", "lead", lambda w: [w.round.code]),
        ("evaluation:round_detail", "evaluator", lambda w: [w.round.code]),
        ("evaluation:self_assessment", "operator", lambda w: [w.opd1.code]),
        ("evaluation:evaluation_detail", "lead", lambda w: [w.opd1.code]),
    ],
)
def test_it_runs_a_constant_number_of_queries(cast, round_world, name, user, args):
    client = _client(cast, getattr(cast, user))
    url = reverse(name, args=args(round_world))
    small = _count(client, url)
    _grow(cast, round_world, 4)
    _evidence(cast, round_world, 6)
    EvaluationRound.objects.create(
        pemda=cast.pemda,
        name="Evaluasi 2025",
        year=2025,
        kind="internal",
        template=round_world.template,
    )
    assert _count(client, url) == small
