"""Permission cases of the evaluation rounds URLs (collected by permissions.py).

The world: tests/evaluation/conftest.py's round of 2026 with evaluations of OPD 1 (the cast's
evaluator and lead on its team), OPD 2 (no team) and the Pemda. Round managers (admin, lead)
create rounds and teams; OPD 1's operator and verifier self-assess OPD 1; Pemda-wide readers
read; an evaluator reads only what they are assigned; OPD 2's operator and the outsider get 404
on OPD 1's evaluation."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.evaluation import rounds
from apps.evaluation.models import Answer, TeamMember
from tests.matrix import Case, everyone, in_pemda_a, only, statuses

ALL_A = ("admin", "bappeda", "operator", "verifier", "evaluator", "lead", "viewer")
MANAGERS = ("admin", "lead")
WRITERS = ("operator", "verifier")
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _world(cast) -> dict:
    from tests.evaluation.conftest import build_round

    world = build_round(cast)
    answer = Answer.objects.filter(evaluation=world.opd1).select_related("criterion").first()
    return {"world": world, "answer": answer}


def _answered(cast) -> dict:
    ctx = _world(cast)
    label = ctx["answer"].criterion.scale.options.first().label
    rounds.answer_self_assess(
        actor=cast.operator, answer=ctx["answer"], label=label, note="", expected_version=1
    )
    return ctx


def _with_evidence(cast) -> dict:
    ctx = _world(cast)
    ctx["evidence"] = rounds.evidence_add(
        actor=cast.operator, answer=ctx["answer"], name="sk.pdf", content=PDF
    )
    return ctx


def round_code(cast, ctx) -> list:
    return [ctx["world"].round.code]


def opd1_code(cast, ctx) -> list:
    return [ctx["world"].opd1.code]


def answer_code(cast, ctx) -> list:
    return [ctx["answer"].code]


def evidence_code(cast, ctx) -> list:
    return [ctx["evidence"].code]


def create_data(cast, ctx) -> dict:
    return {
        "name": "Evaluasi SAKIP 2027",
        "year": 2027,
        "kind": "internal",
        "template": ctx["world"].template.code,
    }


def edit_data(cast, ctx) -> dict:
    r = ctx["world"].round
    return {"version": r.version, "name": "Evaluasi (revisi)", "status": r.status}


def member_code(cast, ctx) -> list:
    return [TeamMember.objects.get(evaluation=ctx["world"].opd1, user=cast.evaluator).code]


# OPD 1's evaluation: other Pemda A roles see it (403 on a write); OPD 2's operator and the
# outsider do not (404).
def opd1_write(roles) -> dict:
    return in_pemda_a(302, roles)


CASES = [
    Case("evaluation:round_list", everyone()),
    Case("evaluation:round_create", only(200, MANAGERS)),
    Case(
        "evaluation:round_create",
        only(302, MANAGERS),
        method="post",
        data=create_data,
        setup=_world,
    ),
    Case(
        "evaluation:round_detail",
        statuses(200, outsider=404),
        args=round_code,
        setup=_world,
    ),
    Case(
        "evaluation:round_edit",
        only(200, MANAGERS, outside={"outsider": 404}),
        args=round_code,
        setup=_world,
    ),
    Case(
        "evaluation:round_edit",
        only(302, MANAGERS, outside={"outsider": 404}),
        args=round_code,
        method="post",
        data=edit_data,
        setup=_world,
    ),
    Case(
        "evaluation:evaluation_detail",
        in_pemda_a(200, ALL_A),
        args=opd1_code,
        setup=_world,
    ),
    # OPD 2's evaluation has no team: the evaluator (not assigned) and OPD 1's users get 404.
    Case(
        "evaluation:evaluation_detail",
        statuses(200, outsider=404, evaluator=404, operator=404, verifier=404),
        args=lambda c, x: [x["world"].opd2.code],
        setup=_world,
        id="evaluation:evaluation_detail[unassigned]",
    ),
    Case(
        "evaluation:team_assign",
        opd1_write(MANAGERS),
        args=opd1_code,
        method="post",
        data=lambda c, x: {"user": c.lead.pk, "role": "member"},
        setup=_world,
    ),
    Case(
        "evaluation:team_remove",
        opd1_write(MANAGERS),
        args=member_code,
        method="post",
        setup=_world,
    ),
    Case(
        "evaluation:evaluation_move",
        opd1_write(MANAGERS),
        args=opd1_code,
        method="post",
        data=lambda c, x: {"status": "evaluation", "note": "Batas waktu lewat"},
        setup=_world,
    ),
    Case("evaluation:self_assessment", in_pemda_a(200, ALL_A), args=opd1_code, setup=_world),
    Case(
        "evaluation:self_submit",
        opd1_write(WRITERS),
        args=opd1_code,
        method="post",
        setup=_answered,
    ),
    Case(
        "evaluation:answer_self",
        in_pemda_a(200, WRITERS),
        args=answer_code,
        setup=_world,
    ),
    Case(
        "evaluation:answer_self",
        opd1_write(WRITERS),
        args=answer_code,
        method="post",
        data=lambda c, x: {
            f"a{x['answer'].pk}-version": 1,
            f"a{x['answer'].pk}-self_label": x["answer"].criterion.scale.options.first().label,
            f"a{x['answer'].pk}-self_note": "Ada",
        },
        setup=_world,
    ),
    Case(
        "evaluation:evidence_add",
        opd1_write(WRITERS),
        args=answer_code,
        method="post",
        data=lambda c, x: {"file": SimpleUploadedFile("sk.pdf", PDF, "application/pdf")},
        setup=_world,
    ),
    Case(
        "evaluation:evidence_link",
        opd1_write(WRITERS),
        args=answer_code,
        method="post",
        data=lambda c, x: {"link": "/evaluation/", "label": "Daftar evaluasi"},
        setup=_world,
    ),
    Case(
        "evaluation:evidence_download",
        in_pemda_a(200, ALL_A),
        args=evidence_code,
        setup=_with_evidence,
    ),
    Case(
        "evaluation:evidence_remove",
        opd1_write(WRITERS),
        args=evidence_code,
        method="post",
        setup=_with_evidence,
    ),
]
