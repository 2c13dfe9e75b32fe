"""The OPD's self-assessment: answers on the criterion's scale, evidence files and internal
links, submission (apps/evaluation/rounds.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core.concurrency import StaleVersionError
from apps.core.models import ActivityLog
from apps.evaluation import rounds
from apps.evaluation.models import Answer, AnswerEvidence, Evaluation, EvaluationStatus

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _answer(evaluation, scale_key: str) -> Answer:
    return (
        Answer.objects.filter(evaluation=evaluation, criterion__scale__key=scale_key)
        .select_related("evaluation__round", "criterion")
        .order_by("criterion__sub_component__component__number", "criterion__order")
        .first()
    )


def _scale_keys(answer: Answer) -> list[str]:
    return list(answer.criterion.scale.options.values_list("label", flat=True))


def test_it_saves_an_answer_from_the_scale_with_its_value_and_history(cast, round_world):
    answer = Answer.objects.filter(evaluation=round_world.opd1).select_related("criterion").first()
    label = _scale_keys(answer)[0]
    option = answer.criterion.scale.options.get(label=label)
    rounds.answer_self_assess(
        actor=cast.operator,
        answer=answer,
        label=label.lower(),
        note="SK Renstra terlampir",
        expected_version=answer.version,
    )
    answer.refresh_from_db()
    assert (answer.self_label, answer.self_value) == (option.label, option.value)
    assert answer.self_by == cast.operator and answer.self_at is not None
    # (The shared world bulk-creates its answers without history rows: the save is the first.)
    assert answer.history.first().self_label == option.label
    log = ActivityLog.objects.get(action="sakip.answer.self_assessed")
    assert log.data["changes"]["self_label"] == {"old": "", "new": option.label}
    assert log.unit_id == cast.opd1.pk


def test_it_refuses_a_label_outside_the_scale_and_changes_nothing(cast, round_world):
    answer = Answer.objects.filter(evaluation=round_world.opd1).first()
    with pytest.raises(ValidationError) as err:
        rounds.answer_self_assess(
            actor=cast.operator, answer=answer, label="ZZ", note="", expected_version=1
        )
    assert "ZZ is not an answer of this criterion (allowed:" in err.value.message_dict["label"][0]
    answer.refresh_from_db()
    assert answer.self_label == "" and answer.version == 1
    assert not ActivityLog.objects.filter(action="sakip.answer.self_assessed").exists()


def test_it_refuses_a_stale_version_with_the_other_persons_values(cast, round_world):
    answer = Answer.objects.filter(evaluation=round_world.opd1).select_related("criterion").first()
    label = _scale_keys(answer)[0]
    rounds.answer_self_assess(
        actor=cast.verifier, answer=answer, label=label, note="verifier", expected_version=1
    )
    mine = Answer.objects.get(pk=answer.pk)
    with pytest.raises(StaleVersionError) as err:
        rounds.answer_self_assess(
            actor=cast.operator, answer=mine, label="", note="operator", expected_version=1
        )
    assert err.value.current.self_note == "verifier"
    assert Answer.objects.get(pk=answer.pk).self_note == "verifier"


def test_it_lets_only_the_opds_writers_self_assess(cast, round_world):
    answer = Answer.objects.filter(evaluation=round_world.opd1).first()
    for user in (cast.other_operator, cast.evaluator, cast.viewer, cast.bappeda, cast.outsider):
        with pytest.raises(PermissionDenied):
            rounds.answer_self_assess(
                actor=user, answer=answer, label="", note="x", expected_version=1
            )
    pemda_answer = Answer.objects.filter(evaluation=round_world.pemda).first()
    rounds.answer_self_assess(
        actor=cast.bappeda, answer=pemda_answer, label="", note="Pemda", expected_version=1
    )
    with pytest.raises(PermissionDenied):
        rounds.answer_self_assess(
            actor=cast.operator, answer=pemda_answer, label="", note="x", expected_version=2
        )


def test_it_refuses_self_assessment_after_submission_with_the_reason(cast, round_world):
    Evaluation.objects.filter(pk=round_world.opd1.pk).update(status=EvaluationStatus.EVALUATION)
    answer = Answer.objects.filter(evaluation=round_world.opd1).first()
    with pytest.raises(ValidationError) as err:
        rounds.answer_self_assess(
            actor=cast.operator, answer=answer, label="", note="x", expected_version=1
        )
    assert "The self-assessment is closed" in err.value.messages[0]
    with pytest.raises(PermissionDenied):
        rounds.answer_self_assess(
            actor=cast.viewer, answer=answer, label="", note="x", expected_version=1
        )


def test_it_submits_once_a_criterion_is_answered(cast, round_world):
    e = round_world.opd1
    with pytest.raises(ValidationError) as err:
        rounds.evaluation_submit_self(actor=cast.operator, evaluation=e)
    assert "at least one criterion" in err.value.messages[0]
    answer = Answer.objects.filter(evaluation=e).select_related("criterion").first()
    rounds.answer_self_assess(
        actor=cast.operator,
        answer=answer,
        label=_scale_keys(answer)[-1],
        note="",
        expected_version=1,
    )
    assert rounds.completeness_of(e).answered == 1
    with pytest.raises(PermissionDenied):
        rounds.evaluation_submit_self(actor=cast.evaluator, evaluation=e)
    rounds.evaluation_submit_self(actor=cast.operator, evaluation=e)
    e.refresh_from_db()
    assert e.status == EvaluationStatus.EVALUATION
    log = ActivityLog.objects.get(action="sakip.evaluation.self_submitted")
    assert (log.data["answered"], log.data["total"]) == (1, 80)
    assert e.history.first().status == EvaluationStatus.EVALUATION


def test_it_stores_a_real_pdf_with_its_sha256(cast, round_world):
    answer = Answer.objects.filter(evaluation=round_world.opd1).first()
    ev = rounds.evidence_add(actor=cast.operator, answer=answer, name="sk.pdf", content=PDF)
    assert ev.content_type == "application/pdf" and ev.size == len(PDF)
    assert len(ev.sha256) == 64
    with ev.file.open("rb") as f:
        assert f.read() == PDF
    assert ActivityLog.objects.filter(action="sakip.answer_evidence.added").exists()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("bukti.pdf", b"just some text pretending", "is not a real PDF file"),
        ("bukti.exe", PDF, "Allowed files"),
        ("bukti.pdf", b"", "The file is empty."),
    ],
)
def test_it_refuses_a_file_whose_content_does_not_match(cast, round_world, name, content, message):
    answer = Answer.objects.filter(evaluation=round_world.opd1).first()
    with pytest.raises(ValidationError) as err:
        rounds.evidence_add(actor=cast.operator, answer=answer, name=name, content=content)
    assert message in err.value.message_dict["file"][0]
    assert not AnswerEvidence.objects.exists()


def test_it_refuses_a_file_over_the_limit(cast, round_world, settings):
    settings.EVIDENCE_MAX_BYTES = 50
    answer = Answer.objects.filter(evaluation=round_world.opd1).first()
    with pytest.raises(ValidationError) as err:
        rounds.evidence_add(actor=cast.operator, answer=answer, name="a.pdf", content=PDF * 2)
    assert "larger than" in err.value.message_dict["file"][0]


def test_it_links_internal_pages_only(cast, round_world):
    answer = Answer.objects.filter(evaluation=round_world.opd1).first()
    link = f"/evaluation/rounds/{round_world.round.code}/"
    ev = rounds.evidence_link(actor=cast.operator, answer=answer, link=link, label="Ronde")
    assert (ev.link, ev.label, ev.file.name or "") == (link, "Ronde", "")
    for bad in (
        "https://example.com/evaluation/",
        "//evil.example/evaluation/",
        "evaluation/",
        "/\\evil.example",
        "javascript:alert(1)",
    ):
        with pytest.raises(ValidationError) as err:
            rounds.evidence_link(actor=cast.operator, answer=answer, link=bad)
        assert "Link a page of this application" in err.value.message_dict["link"][0], bad
    with pytest.raises(ValidationError) as err:
        rounds.evidence_link(actor=cast.operator, answer=answer, link="/no/such/page/")
    assert "No page of this application" in err.value.message_dict["link"][0]
    assert AnswerEvidence.objects.count() == 1
    assert ActivityLog.objects.filter(action="sakip.answer_evidence.linked").count() == 1


def test_it_removes_evidence_softly(cast, round_world):
    answer = Answer.objects.filter(evaluation=round_world.opd1).first()
    ev = rounds.evidence_add(actor=cast.operator, answer=answer, name="sk.pdf", content=PDF)
    with pytest.raises(PermissionDenied):
        rounds.evidence_remove(actor=cast.viewer, evidence=ev)
    rounds.evidence_remove(actor=cast.verifier, evidence=ev)
    ev.refresh_from_db()
    assert ev.deleted_at is not None and ev.deleted_by == cast.verifier
    assert ev.file.storage.exists(ev.file.name)
    assert ActivityLog.objects.filter(action="sakip.answer_evidence.removed").exists()


def test_it_refuses_evidence_once_the_round_is_closed(cast, round_world):
    round_world.round.status = "closed"
    round_world.round.save()
    answer = (
        Answer.objects.select_related("evaluation__round")
        .filter(evaluation=round_world.opd1)
        .first()
    )
    with pytest.raises(ValidationError) as err:
        rounds.evidence_add(actor=cast.operator, answer=answer, name="sk.pdf", content=PDF)
    assert "The round is closed" in err.value.messages[0]


def test_it_keeps_the_value_of_the_option(cast, round_world):
    answer = _answer(round_world.opd1, "aa_e") or _answer(round_world.opd1, "ae")
    options = list(answer.criterion.scale.options.all())
    last = options[-1]
    rounds.answer_self_assess(
        actor=cast.operator, answer=answer, label=last.label, note="", expected_version=1
    )
    rounds.answer_self_assess(
        actor=cast.operator, answer=answer, label="", note="", expected_version=2
    )
    answer.refresh_from_db()
    assert answer.self_label == "" and answer.self_value is None
    assert answer.history.filter(self_value=Decimal(last.value)).exists()
