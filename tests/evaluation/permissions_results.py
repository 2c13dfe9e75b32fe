"""Permission cases of the evaluation results URLs (collected by permissions.py), and the world
the results tests share: finished evaluations built with the real services.

`finish(cast, evaluation, yt=…, ae=…)` scores every criterion — one with E3's `answer_score`, the
rest with one bulk update (80 criteria one by one are not what these tests are about) — then
submits for review and finalises with E3's services, so the score and grade come from the real
code. The shipped 88/2021 answers Keberadaan (a) criteria Y/T and the others A–E: all Y and A →
100.00 AA; all Y and B → 20 + 80 × 0.75 = 80.00 BB; all Y and C → 60.00 CC.

Who sees what: the round's ranking and its Excel are for the round managers and the Pemda-wide
readers (admin, Bappeda, viewer, lead; 403 for the OPDs' users and the evaluators); one
evaluation's result and LHE for whoever reads the evaluation (the OPD's users, its assigned
evaluator, the Pemda-wide readers; 404 otherwise); publication by the lead and the admin only.
"""

from __future__ import annotations

from apps.evaluation import rounds, worksheet
from apps.evaluation.models import Answer, AnswerOption, Evaluation, EvaluationStatus, TeamMember
from tests.matrix import Case, in_pemda_a, only, statuses

PEMDA_WIDE = ("admin", "bappeda", "viewer", "lead")
READERS = ("admin", "bappeda", "operator", "verifier", "evaluator", "lead", "viewer")


def finish(cast, evaluation: Evaluation, *, yt: str = "Y", ae: str = "A", note: str = "") -> None:
    """Score every criterion (Y/T criteria `yt`, A–E criteria `ae`) and finalise."""
    evaluation.refresh_from_db()
    if not TeamMember.objects.filter(evaluation=evaluation, user=cast.evaluator).exists():
        rounds.team_assign(
            actor=cast.lead, evaluation=evaluation, user=cast.evaluator, role="member"
        )
    if evaluation.status != EvaluationStatus.EVALUATION:
        rounds.evaluation_move(
            actor=cast.lead, evaluation=evaluation, status="evaluation", note="Mulai evaluasi"
        )
    options = {(o.scale.key, o.label): o for o in AnswerOption.objects.select_related("scale")}
    rows = list(
        Answer.objects.filter(evaluation=evaluation)
        .select_related("criterion__scale", "criterion__sub_component__component")
        .order_by("criterion__sub_component__component__number", "criterion__order")
    )

    def label_of(a: Answer) -> str:
        return yt if a.criterion.scale.key == "yt" else ae

    first, rest = rows[0], rows[1:]
    for a in rest:
        option = options[(a.criterion.scale.key, label_of(a))]
        a.label, a.value = option.label, option.value
    Answer.objects.bulk_update(rest, ["label", "value"])
    worksheet.answer_score(
        actor=cast.evaluator,
        answer=first,
        label=label_of(first),
        note=note or "Pedoman perencanaan kinerja tersedia.",
        expected_version=first.version,
    )
    evaluation.refresh_from_db()
    worksheet.evaluation_submit_review(
        actor=cast.evaluator, evaluation=evaluation, expected_version=evaluation.version
    )
    worksheet.evaluation_finalise(
        actor=cast.lead,
        evaluation=evaluation,
        summary="Penerapan SAKIP sudah berjalan; perlu penguatan pemanfaatan hasil.",
        expected_version=evaluation.version,
    )
    evaluation.refresh_from_db()


def finished_round(cast, *, year: int = 2026, pending: bool = False):
    """A round with opd1 100.00 AA, opd2 60.00 CC and the Pemda 80.00 BB (opd2 left in
    evaluation when `pending`)."""
    from tests.evaluation.conftest import build_round

    world = build_round(cast, year=year)
    finish(cast, world.opd1, ae="A")
    if not pending:
        finish(cast, world.opd2, ae="C")
        # OPD 2's evaluation keeps no evaluator: the cast's evaluator reads OPD 1's only.
        member = TeamMember.objects.get(evaluation=world.opd2, user=cast.evaluator)
        rounds.team_remove(actor=cast.lead, member=member)
    finish(cast, world.pemda, ae="B")
    return world


# --- setups --------------------------------------------------------------------------------------


def _final(cast) -> dict:
    world = finished_round(cast)
    return {"world": world, "evaluation": world.opd1}


def _issued(cast) -> dict:
    from apps.evaluation import lhe

    ctx = _final(cast)
    lhe.issue_lhe(ctx["evaluation"], actor=cast.lead)
    return ctx


def round_code(cast, ctx) -> list:
    return [ctx["world"].round.code]


def evaluation_code(cast, ctx) -> list:
    return [ctx["evaluation"].code]


def opd2_code(cast, ctx) -> list:
    return [ctx["world"].opd2.code]


# OPD 2's evaluation: its operator and the Pemda-wide readers; not OPD 1's users nor the
# evaluator (not assigned to it).
OPD2_READERS = statuses(
    200, operator=404, verifier=404, evaluator=404, other_operator=200, outsider=404
)

CASES = [
    Case(
        "evaluation:round_results",
        only(200, PEMDA_WIDE, outside={"outsider": 404}),
        args=round_code,
        setup=_final,
    ),
    Case(
        "evaluation:round_results_excel",
        only(200, PEMDA_WIDE, outside={"outsider": 404}),
        args=round_code,
        setup=_final,
    ),
    Case(
        "evaluation:round_publish",
        only(302, ("lead", "admin"), outside={"outsider": 404}),
        args=round_code,
        method="post",
        data=lambda cast, ctx: {},
        setup=_final,
    ),
    Case(
        "evaluation:evaluation_comparison",
        in_pemda_a(200, READERS),
        args=evaluation_code,
        setup=_final,
    ),
    Case(
        "evaluation:evaluation_comparison",
        OPD2_READERS,
        args=opd2_code,
        setup=_final,
        id="evaluation:evaluation_comparison[opd2]",
    ),
    Case(
        "evaluation:lhe_start",
        in_pemda_a(302, READERS),
        args=evaluation_code,
        method="post",
        data=lambda cast, ctx: {},
        setup=_final,
    ),
    Case(
        "evaluation:lhe_download",
        in_pemda_a(200, READERS),
        args=evaluation_code,
        setup=_issued,
    ),
]
