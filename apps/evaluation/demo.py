"""Demo evaluation data (`manage.py load_demo`, after the reporting step): the LKE templates of
the demo Pemda, last year's internal round finished and this year's round in progress
(issue 7, point 9).

* **2025, finished**: every OPD and the Pemda evaluated on the 88/2021 template, self-assessed,
  scored, reviewed and finalised with a summary; the quality of the OPDs is spread (seeded) so
  that the grades range from BB to C; two or three recommendations per evaluation with their
  owner and due date, part of them followed up (some marked followed up). The round is closed
  and its results published to the public portal.
* **2026, in progress**: the template locked by the round, the demo evaluator and lead
  evaluator on the teams of a few OPDs (the lead alone on the others), answers proposed from
  the data (prefill.propose_answers), Dinas Kesehatan self-assessing (part of the criteria, some
  with links to its Renstra and signed PK as evidence), three OPDs in evaluation with part of
  their criteria scored (the proposals accepted by the evaluator, more values set).

Every status change, team, recommendation and follow-up goes through the services, and so does
every answer of Dinas Kesehatan (the representative OPD: each criterion self-assessed with
`rounds.answer_self_assess` and scored with `worksheet.answer_score`). The other OPDs' answers
are written in bulk by `_bulk_answers` — the demo's fast path, which sets exactly the fields
those two services set (label, value = the option's value on the criterion's own scale, note —
written whenever the value differs from the self-assessment or the proposal, who and when, and
the version), with history rows (bulk_update_with_history) but without one activity entry per
answer. The demo test checks the values against the scales and the scores against
`worksheet.score_of`. Idempotent: nothing happens when the 2025 round exists.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from apps.agreements.models import PerjanjianKinerja, PkStatus
from apps.evaluation import followup, prefill, results, rounds, worksheet
from apps.evaluation.models import (
    Answer,
    AnswerOption,
    Component,
    Evaluation,
    EvaluationRound,
    EvaluationStatus,
    LkeTemplate,
    RecommendationStatus,
    RoundKind,
    RoundStatus,
    TeamMember,
)
from apps.evaluation.services import templates_install
from apps.organisations.models import Membership, OrgUnit, Role, UnitType, User
from apps.planning.models import Renstra

LAST_YEAR = 2025
THIS_YEAR = 2026
SEED = "sakip-evaluation-demo"
SELF_OPD = "Dinas Kesehatan"  # the representative OPD (the demo operator's)
IN_EVALUATION = 3  # OPDs of 2026 in evaluation with partial scores
EVALUATOR_OPDS = 6  # OPDs whose 2026 team has the demo evaluator
# Quality of the OPDs' SAKIP in 2025 (the share of the maximum their answers reach): spread so
# that the grades run from BB (> 70) down to C (> 30 – 50).
QUALITY_HIGH, QUALITY_LOW = Decimal("0.78"), Decimal("0.40")

CALENDAR = {
    LAST_YEAR: {
        "pre_evaluation_from": dt.date(2025, 6, 2),
        "pre_evaluation_to": dt.date(2025, 6, 30),
        "evaluation_from": dt.date(2025, 7, 1),
        "evaluation_to": dt.date(2025, 10, 31),
        "panel_on": dt.date(2025, 11, 20),
        "handover_on": dt.date(2025, 12, 15),
    },
    THIS_YEAR: {
        "pre_evaluation_from": dt.date(2026, 6, 1),
        "pre_evaluation_to": dt.date(2026, 6, 30),
        "evaluation_from": dt.date(2026, 7, 1),
        "evaluation_to": dt.date(2026, 12, 11),
        "panel_on": dt.date(2026, 12, 16),
        "handover_on": dt.date(2026, 12, 22),
    },
}
RECOMMENDATIONS = (
    (
        1,
        "Menyusun cascading kinerja sampai tingkat pengawas dan menuangkannya dalam Perjanjian "
        "Kinerja setiap pejabat.",
    ),
    (
        2,
        "Memantau capaian Rencana Aksi setiap triwulan dan menindaklanjuti indikator yang "
        "berisiko tidak tercapai.",
    ),
    (3, "Menyajikan perbandingan capaian dengan tahun sebelumnya dan target jangka menengah."),
    (4, "Melaksanakan evaluasi internal atas seluruh unit kerja secara berjenjang."),
)
FOLLOW_UP = "Telah disusun dan ditetapkan dengan Keputusan Kepala Perangkat Daerah."
SUMMARY = (
    "Penerapan SAKIP {subject} memperoleh nilai {score} dengan predikat {grade}. "
    "Perbaikan utama diperlukan pada kualitas perencanaan dan pemanfaatan hasil pengukuran."
)
NOTE_DIFFERS = "Nilai disesuaikan dengan bukti yang tersedia saat evaluasi."
SELF_NOTE = "Dokumen tersedia dan dapat diperiksa."


@dataclass
class EvaluationDemoSummary:
    created: bool = True
    templates: int = 0
    grades: dict[str, int] = field(default_factory=dict)
    recommendations: int = 0
    followed_up: int = 0
    published: bool = False
    self_answered: int = 0
    in_evaluation: int = 0
    scored: int = 0
    proposed: int = 0


@dataclass
class _People:
    admin: User
    lead: User
    evaluator: User
    planner: User
    operators: dict[int, User]  # OPD id → an operator (or verifier) login of the OPD

    def writer(self, evaluation: Evaluation) -> User | None:
        return self.operators.get(evaluation.opd_id) if evaluation.opd_id else self.planner


def _member(pemda: OrgUnit, role: str) -> User | None:
    m = (
        Membership.objects.filter(pemda=pemda, unit=pemda, role=role)
        .select_related("user")
        .order_by("id")
        .first()
    )
    return m.user if m else None


def _people(pemda: OrgUnit) -> _People | None:
    admin, lead = _member(pemda, Role.ADMIN), _member(pemda, Role.EVALUATOR_LEAD)
    evaluator = _member(pemda, Role.EVALUATOR)
    planner = _member(pemda, Role.BAPPEDA) or admin
    if admin is None or lead is None or evaluator is None:
        return None
    operators: dict[int, User] = {}
    for m in (
        Membership.objects.filter(pemda=pemda, role__in=[Role.OPD_OPERATOR, Role.OPD_VERIFIER])
        .select_related("user", "unit")
        .order_by("role", "id")  # operators before verifiers
    ):
        if m.unit.unit_type == UnitType.OPD:  # a writer of the whole OPD, not of one bidang
            operators.setdefault(m.unit_id, m.user)
    return _People(admin, lead, evaluator, planner, operators)


# --- answers -------------------------------------------------------------------------------------


class _Scales:
    """The options of every scale of a template, to pick an answer near a wanted value."""

    def __init__(self, template: LkeTemplate):
        self.options: dict[int, list[AnswerOption]] = {}
        for o in AnswerOption.objects.filter(scale__template=template).order_by("order"):
            self.options.setdefault(o.scale_id, []).append(o)

    def pick(self, scale_id: int, quality: Decimal, rng: random.Random) -> AnswerOption:
        options = self.options[scale_id]
        if len(options) == 2:  # Y/T: yes with the probability `quality`
            return (
                max(options, key=lambda o: o.value)
                if rng.random() < quality
                else min(options, key=lambda o: o.value)
            )
        wanted = quality + Decimal(rng.choice((-25, -10, 0, 0, 10, 25))) / 100
        return min(options, key=lambda o: abs(o.value - wanted))


def _answers(evaluations) -> list[Answer]:
    return list(
        Answer.objects.filter(evaluation__in=evaluations)
        .select_related("criterion", "evaluation")
        .order_by(
            "evaluation_id",
            "criterion__sub_component__component__number",
            "criterion__sub_component__order",
            "criterion__order",
        )
    )


def _bulk_answers(rows: list[tuple[Answer, AnswerOption, str]], *, kind: str, who) -> None:
    """The fast path (see the module docstring): `kind` "self" sets what answer_self_assess
    sets, "score" what answer_score sets; `who(answer)` is the user who answered."""
    now = timezone.now()
    fields = (
        ["self_label", "self_value", "self_note", "self_by", "self_at"]
        if kind == "self"
        else ["label", "value", "note", "scored_by", "scored_at"]
    )
    changed = []
    for answer, option, note in rows:
        if kind == "self":
            answer.self_label, answer.self_value, answer.self_note = (
                option.label,
                option.value,
                note,
            )
            answer.self_by, answer.self_at = who(answer), now
        else:
            differs = (answer.self_label and option.label != answer.self_label) or (
                answer.proposed_label and option.label != answer.proposed_label
            )
            answer.label, answer.value = option.label, option.value
            answer.note = note or (NOTE_DIFFERS if differs else "")
            answer.scored_by, answer.scored_at = who(answer), now
        answer.version += 1
        changed.append(answer)
    if changed:
        bulk_update_with_history(
            changed, Answer, [*fields, "version"], batch_size=500, default_user=None
        )


def _self_assess_all(answers, scales, quality, rng, people) -> None:
    rows = [
        (
            a,
            scales.pick(
                a.criterion.scale_id,
                min(quality[a.evaluation_id] + Decimal("0.1"), Decimal(1)),
                rng,
            ),
            SELF_NOTE,
        )
        for a in answers
    ]
    _bulk_answers(rows, kind="self", who=lambda a: people.writer(a.evaluation))


def _submit_self(evaluation: Evaluation, people: _People) -> None:
    writer = people.writer(evaluation)
    evaluation.refresh_from_db()
    if writer is not None:
        rounds.evaluation_submit_self(actor=writer, evaluation=evaluation)
    else:
        rounds.evaluation_move(
            actor=people.lead,
            evaluation=evaluation,
            status=EvaluationStatus.EVALUATION,
            note="Lembar kerja mandiri diterima dalam bentuk dokumen; dilanjutkan ke evaluasi.",
        )


def _team(round_: EvaluationRound, people: _People, with_evaluator: set[int]) -> None:
    for evaluation in round_.evaluations.all():
        rounds.team_assign(
            actor=people.lead, evaluation=evaluation, user=people.lead, role=TeamMember.Role.LEAD
        )
        if evaluation.pk in with_evaluator:
            rounds.team_assign(
                actor=people.lead,
                evaluation=evaluation,
                user=people.evaluator,
                role=TeamMember.Role.MEMBER,
            )


def _through_services(evaluation: Evaluation, answers, scales, quality, rng, people) -> None:
    """Dinas Kesehatan 2025: every criterion self-assessed and scored through the services."""
    writer = people.writer(evaluation)
    for a in answers:
        option = scales.pick(a.criterion.scale_id, min(quality + Decimal("0.1"), Decimal(1)), rng)
        rounds.answer_self_assess(
            actor=writer, answer=a, label=option.label, note=SELF_NOTE, expected_version=a.version
        )
    rounds.evaluation_submit_self(actor=writer, evaluation=evaluation)
    for a in answers:
        a.evaluation = evaluation  # now in evaluation
        option = scales.pick(a.criterion.scale_id, quality, rng)
        worksheet.answer_score(
            actor=people.evaluator,
            answer=a,
            label=option.label,
            note=NOTE_DIFFERS if option.label != a.self_label else "",
            expected_version=a.version,
        )


# --- the rounds ----------------------------------------------------------------------------------


def _round(pemda, template, year, people, name) -> EvaluationRound:
    round_ = rounds.round_create(
        actor=people.lead,
        name=name,
        year=year,
        kind=RoundKind.INTERNAL,
        template=template,
        **CALENDAR[year],
    )
    return rounds.round_update(
        actor=people.lead,
        round=round_,
        data={"status": RoundStatus.OPEN},
        expected_version=round_.version,
    )


def _ordered(round_: EvaluationRound) -> list[Evaluation]:
    return list(
        # The Pemda's own evaluation (no OPD) first on every database: SQLite and PostgreSQL
        # sort NULL differently, and the seeded qualities follow this order.
        round_.evaluations.select_related("opd", "round").order_by(
            F("opd__sort_order").asc(nulls_first=True), "opd__name"
        )
    )


def _last_year(pemda, template, people, summary: EvaluationDemoSummary) -> EvaluationRound:
    rng = random.Random(f"{SEED}-{LAST_YEAR}")
    round_ = _round(pemda, template, LAST_YEAR, people, "Evaluasi Internal SAKIP Tahun 2025")
    evaluations = _ordered(round_)
    dinkes = next((e for e in evaluations if e.opd and e.opd.name == SELF_OPD), None)
    _team(round_, people, {dinkes.pk} if dinkes else set())
    steps = max(len(evaluations) - 1, 1)
    order = list(range(len(evaluations)))
    rng.shuffle(order)
    quality = {
        e.pk: QUALITY_HIGH - (QUALITY_HIGH - QUALITY_LOW) * Decimal(i) / steps
        for e, i in zip(evaluations, order, strict=True)
    }
    scales = _Scales(template)
    bulk = [e for e in evaluations if e != dinkes]
    bulk_answers = _answers(bulk)
    _self_assess_all(bulk_answers, scales, quality, rng, people)
    if dinkes is not None:
        _through_services(dinkes, _answers([dinkes]), scales, quality[dinkes.pk], rng, people)
    for e in bulk:
        _submit_self(e, people)
    _bulk_answers(
        [
            (a, scales.pick(a.criterion.scale_id, quality[a.evaluation_id], rng), "")
            for a in bulk_answers
        ],
        kind="score",
        who=lambda a: people.lead,
    )
    components = {c.number: c for c in Component.objects.filter(template=template)}
    today = timezone.localdate()
    for index, e in enumerate(evaluations):
        e.refresh_from_db()
        scorer = people.evaluator if e == dinkes else people.lead
        worksheet.evaluation_submit_review(actor=scorer, evaluation=e)
        e.refresh_from_db()
        score = worksheet.score_of(e)
        worksheet.evaluation_finalise(
            actor=people.lead,
            evaluation=e,
            summary=SUMMARY.format(
                subject=e.opd.name if e.opd_id else pemda.name,
                score=score.total,
                grade=score.grade.code,
            ),
        )
        summary.grades[e.grade] = summary.grades.get(e.grade, 0) + 1
        _recommend(e, index, components, people, today, summary)
    round_ = rounds.round_update(
        actor=people.lead,
        round=round_,
        data={"status": RoundStatus.CLOSED},
        expected_version=EvaluationRound.objects.get(pk=round_.pk).version,
    )
    # Published to the public portal by the lead, as the round's handover does.
    results.round_publish(actor=people.lead, round_=round_)
    return EvaluationRound.objects.get(pk=round_.pk)


def _recommend(e, index, components, people, today, summary) -> None:
    for n in range(2 + index % 2):
        number, text = RECOMMENDATIONS[(index + n) % len(RECOMMENDATIONS)]
        rec = followup.recommendation_add(
            actor=people.lead,
            evaluation=e,
            text=text,
            component=components.get(number),
            due_date=dt.date(THIS_YEAR, 3 + 3 * n, 30),
        )
        summary.recommendations += 1
        writer = people.writer(e)
        if writer is None or (index + n) % 3 == 2:
            continue  # left open
        followup.followup_add(
            actor=writer,
            recommendation=rec,
            text=FOLLOW_UP,
            done_on=min(dt.date(THIS_YEAR, 2, 16 + n), today),
        )
        summary.followed_up += 1
        if n == 0:
            rec.refresh_from_db()
            followup.recommendation_set_status(
                actor=writer, recommendation=rec, status=RecommendationStatus.DONE
            )


def _evidence_links(dinkes: Evaluation) -> list[tuple[str, str]]:
    links = []
    renstra = Renstra.objects.filter(pemda_id=dinkes.pemda_id, opd_id=dinkes.opd_id).first()
    if renstra is not None:
        links.append((reverse("performance:renstra_detail", args=[renstra.code]), "Renstra"))
    pk = (
        PerjanjianKinerja.objects.filter(
            pemda_id=dinkes.pemda_id, opd_id=dinkes.opd_id, year=THIS_YEAR, status=PkStatus.SIGNED
        )
        .order_by("id")
        .first()
    )
    if pk is not None:
        links.append((reverse("agreements:pk_detail", args=[pk.code]), "Perjanjian Kinerja 2026"))
    return links


def _this_year(pemda, template, people, summary: EvaluationDemoSummary) -> EvaluationRound:
    rng = random.Random(f"{SEED}-{THIS_YEAR}")
    round_ = _round(pemda, template, THIS_YEAR, people, "Evaluasi Internal SAKIP Tahun 2026")
    evaluations = _ordered(round_)
    dinkes = next((e for e in evaluations if e.opd and e.opd.name == SELF_OPD), None)
    others = [e for e in evaluations if e != dinkes and e.opd_id]
    scoring = others[:IN_EVALUATION]
    with_evaluator = {e.pk for e in [dinkes, *others[: EVALUATOR_OPDS - 1]] if e is not None}
    _team(round_, people, with_evaluator)
    summary.proposed = prefill.propose_answers(actor=people.lead, round_=round_).answers
    scales = _Scales(template)
    if dinkes is not None:
        writer = people.writer(dinkes)
        answers = _answers([dinkes])
        links = _evidence_links(dinkes)
        for i, a in enumerate(answers[: len(answers) * 2 // 5]):
            option = scales.pick(a.criterion.scale_id, Decimal("0.85"), rng)
            rounds.answer_self_assess(
                actor=writer,
                answer=a,
                label=option.label,
                note=SELF_NOTE,
                expected_version=a.version,
            )
            summary.self_answered += 1
            if i < len(links):
                rounds.evidence_link(actor=writer, answer=a, link=links[i][0], label=links[i][1])
    quality = {e.pk: Decimal("0.6") + Decimal(i) / 10 for i, e in enumerate(scoring)}
    answers = _answers(scoring)
    _self_assess_all(answers, scales, quality, rng, people)
    for e in scoring:
        _submit_self(e, people)
        summary.in_evaluation += 1
    for a in answers:
        a.refresh_from_db(fields=["version", "proposed_label", "proposed_value"])
    # The evaluator accepts the proposals from the data (through the service) and scores the
    # first half of the rest.
    by_evaluation: dict[int, list[Answer]] = {}
    for a in answers:
        by_evaluation.setdefault(a.evaluation_id, []).append(a)
    rows = []
    for e in scoring:
        own = by_evaluation[e.pk]
        for a in own:
            a.evaluation = e  # now in evaluation
            if a.proposed_label:
                worksheet.accept_proposal(
                    actor=people.evaluator, answer=a, expected_version=a.version
                )
                summary.scored += 1
        rest = [a for a in own if not a.proposed_label]
        for a in rest[: len(rest) // 2]:
            rows.append((a, scales.pick(a.criterion.scale_id, quality[e.pk], rng), ""))
    for a, _option, _note in rows:
        a.refresh_from_db(fields=["version"])
    _bulk_answers(rows, kind="score", who=lambda a: people.evaluator)
    summary.scored += len(rows)
    return round_


def load_evaluation_demo(pemda: OrgUnit) -> EvaluationDemoSummary:
    """Does nothing when the Pemda already has the 2025 internal round (or lacks the demo's
    admin, lead evaluator and evaluator logins)."""
    summary = EvaluationDemoSummary()
    people = _people(pemda)
    exists = EvaluationRound.objects.filter(
        pemda=pemda, year=LAST_YEAR, kind=RoundKind.INTERNAL
    ).exists()
    if people is None or exists:
        summary.created = False
        return summary
    with transaction.atomic():
        summary.templates = len(templates_install(pemda=pemda, actor=people.admin))
        template = LkeTemplate.objects.get(pemda=pemda, is_default=True)
        _last_year(pemda, template, people, summary)
        _this_year(pemda, template, people, summary)
    return summary
