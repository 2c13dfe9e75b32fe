"""The results of an evaluation round (issue 7, point 7): per evaluation its final score, grade and
per-component scores with last year's beside them, the ranking of the OPDs (table, chart and
Excel), the comparison of one evaluation with last year's criterion by criterion, and the
publication of the round to the public portal.

* Only a **final** evaluation has results: its score and grade are the ones frozen by
  `worksheet.evaluation_finalise`; the component and sub-component scores are recomputed with
  `scoring.evaluate` from the evaluator's values, which a final evaluation no longer changes.
* **Last year** is the final evaluation of the same OPD (or of the Pemda itself) in the Pemda's
  round of the previous year and the same kind. Components are matched by number, criteria by
  their place (component, sub-component, number), so a clone of the template still compares.
* Who sees what: the round's ranking is for the round managers and the Pemda-wide readers
  (admin, Bappeda, the leadership, the lead evaluator); an OPD's users see their own
  evaluation's result and LHE, an evaluator the evaluations assigned to them
  (`access.get_evaluation_for_user`).
* Publishing (`round_publish`) is the round managers' act (the Pemda's lead evaluator or
  administrator), once every evaluation of the round is final; the publication itself is
  written by the reporting app (`apps.reporting.publications_evaluation`).

Every read here runs a constant number of queries whatever the number of OPDs and criteria.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.activity import log_action, register_actions
from apps.core.excel import add_sheet, new_workbook, workbook_bytes
from apps.core.templatetags.sakip import format_number
from apps.evaluation import access, scoring
from apps.evaluation.models import (
    Answer,
    Evaluation,
    EvaluationRound,
    EvaluationStatus,
    RoundStatus,
    SubComponent,
)
from apps.evaluation.selectors import template_specs
from apps.organisations.access import get_scope

RESULT_READERS = access.ROUND_MANAGERS | access.READERS_BY_REACH
register_actions(
    {"sakip.evaluation_round.published": gettext_lazy("published the evaluation round's results")}
)


def signed(value: Decimal | None) -> str:
    """A change with its sign, the Indonesian way: +3,25 / -1,00 / 0,00; "–" when unknown."""
    if value is None:
        return "–"
    text = format_number(value, 2)
    return f"+{text}" if value > 0 else text


# --- who may see and do what -------------------------------------------------------------------


def may_see_round_results(user) -> bool:
    """The round managers and the Pemda-wide readers (admin, Bappeda, viewer, lead)."""
    return get_scope(user).pemda_wide(RESULT_READERS)


def may_publish(user, round_: EvaluationRound) -> bool:
    """The Pemda's lead evaluator or administrator (the round managers)."""
    return access.may_manage_rounds(user) and get_scope(user).pemda_id == round_.pemda_id


# --- results of evaluations --------------------------------------------------------------------


@dataclass
class SubScore:
    ref: str
    name: str
    weight: Decimal
    score: Decimal


@dataclass
class ComponentScore:
    number: int
    name: str
    weight: Decimal
    score: Decimal
    subs: list[SubScore] = field(default_factory=list)
    previous: Decimal | None = None

    @property
    def delta(self) -> Decimal | None:
        if self.previous is None:
            return None
        return scoring.round2(self.score) - scoring.round2(self.previous)

    @property
    def delta_text(self) -> str:
        return signed(self.delta)


@dataclass
class EvaluationResult:
    evaluation: Evaluation
    components: list[ComponentScore]
    previous: EvaluationResult | None = None
    rank: int | None = None

    @property
    def subject(self) -> str:
        e = self.evaluation
        return e.opd.name if e.opd_id else str(_("Pemda (own evaluation)"))

    @property
    def score(self) -> Decimal | None:
        return self.evaluation.score

    @property
    def grade(self) -> scoring.Grade | None:
        return next((g for g in scoring.GRADES if g.code == self.evaluation.grade), None)

    @property
    def delta(self) -> Decimal | None:
        if self.previous is None or self.score is None or self.previous.score is None:
            return None
        return self.score - self.previous.score

    @property
    def delta_text(self) -> str:
        return signed(self.delta)

    @property
    def lhe_issued(self) -> bool:
        from apps.evaluation.lhe import issued  # lhe reads these results

        return issued(self.evaluation)

    def component(self, number: int) -> ComponentScore | None:
        return next((c for c in self.components if c.number == number), None)


def _names(template_ids) -> dict[tuple[int, int, str], SubComponent]:
    """(template id, component number, sub-component ref) → the sub-component with its component
    (one query)."""
    return {
        (s.component.template_id, s.component.number, s.ref): s
        for s in SubComponent.objects.filter(component__template_id__in=template_ids)
        .select_related("component")
        .order_by()
    }


def _scored(evaluations: list[Evaluation]) -> dict[int, EvaluationResult]:
    """Each evaluation's component and sub-component scores (from the evaluator's values): two
    queries per distinct template (a round has one), one for the names and one for the answers."""
    if not evaluations:
        return {}
    templates = {e.round.template_id: e.round.template for e in evaluations}
    specs = {pk: template_specs(t) for pk, t in templates.items()}
    names = _names(list(templates))
    values: dict[int, dict[str, Decimal | None]] = {e.pk: {} for e in evaluations}
    for evaluation_id, criterion, value in Answer.objects.filter(
        evaluation_id__in=list(values)
    ).values_list("evaluation_id", "criterion__code", "value"):
        values[evaluation_id][str(criterion)] = value
    out: dict[int, EvaluationResult] = {}
    for e in evaluations:
        template_id = e.round.template_id
        result = scoring.evaluate(specs[template_id], values[e.pk])
        components = []
        for c in result.components:
            subs = [
                SubScore(s.code, names[(template_id, c.number, s.code)].name, s.weight, s.score)
                for s in c.sub_components
            ]
            first = names[(template_id, c.number, c.sub_components[0].code)]
            components.append(
                ComponentScore(c.number, first.component.name, c.weight, c.score, subs)
            )
        out[e.pk] = EvaluationResult(e, components)
    return out


def previous_evaluations(round_: EvaluationRound, opd_ids) -> dict[int | None, Evaluation]:
    """Last year's final evaluations of the same kind, by OPD id (None: the Pemda's own); one
    query."""
    rows = Evaluation.objects.filter(
        pemda_id=round_.pemda_id,
        round__year=round_.year - 1,
        round__kind=round_.kind,
        status=EvaluationStatus.FINAL,
    ).select_related("round", "round__template", "opd")
    opd_ids = set(opd_ids)
    return {e.opd_id: e for e in rows if e.opd_id in opd_ids}


def results_for(evaluations: list[Evaluation]) -> list[EvaluationResult]:
    """The results of final evaluations of one round, each with last year's beside it (a
    constant number of queries)."""
    evaluations = [e for e in evaluations if e.status == EvaluationStatus.FINAL]
    if not evaluations:
        return []
    previous = previous_evaluations(evaluations[0].round, {e.opd_id for e in evaluations})
    scored = _scored(evaluations + list(previous.values()))
    out = []
    for e in evaluations:
        result = scored[e.pk]
        before = previous.get(e.opd_id)
        if before is not None:
            result.previous = scored[before.pk]
            for c in result.components:
                old = result.previous.component(c.number)
                c.previous = old.score if old is not None else None
        out.append(result)
    return out


# --- the round's ranking -----------------------------------------------------------------------


@dataclass
class RoundResults:
    round: EvaluationRound
    ranking: list[EvaluationResult]  # the OPDs' final evaluations, best first
    pemda: EvaluationResult | None  # the Pemda's own evaluation (not ranked)
    pending: list[Evaluation]  # not final yet
    components: list[tuple[int, str]]

    @property
    def all_final(self) -> bool:
        return not self.pending

    def chart(self) -> dict:
        """The ranking as plain data for static/evaluation/results.js (numbers as floats: ECharts
        plots them; the table shows the exact values)."""
        rows = list(reversed(self.ranking))  # a horizontal bar chart draws bottom-up
        return {
            "names": [r.evaluation.opd.short_name or r.evaluation.opd.name for r in rows],
            "scores": [float(r.score) for r in rows],
            "previous": [float(r.previous.score) if r.previous else None for r in rows],
            "grades": [r.evaluation.grade for r in rows],
            "labels": {"score": str(self.round.year), "previous": str(self.round.year - 1)},
        }


def rank(results: list[EvaluationResult]) -> list[EvaluationResult]:
    """Best score first; equal scores share a rank (1, 1, 3), then by name."""
    ordered = sorted(results, key=lambda r: (-r.score, r.subject))
    for i, r in enumerate(ordered):
        same = i and ordered[i - 1].score == r.score
        r.rank = ordered[i - 1].rank if same else i + 1
    return ordered


def round_results(*, user, round_: EvaluationRound) -> RoundResults:
    """The round's results as the user may read them (the views check may_see_round_results)."""
    evaluations = list(access.evaluation_list(user=user).filter(round=round_))
    results = results_for(evaluations)
    pending = [e for e in evaluations if e.status != EvaluationStatus.FINAL]
    components: list[tuple[int, str]] = []
    if results:
        components = [(c.number, c.name) for c in results[0].components]
    return RoundResults(
        round=round_,
        ranking=rank([r for r in results if r.evaluation.opd_id]),
        pemda=next((r for r in results if not r.evaluation.opd_id), None),
        pending=pending,
        components=components,
    )


def round_workbook(data: RoundResults) -> bytes:
    """The ranking as an Excel workbook (numbers as numbers; text made formula-safe)."""
    year = data.round.year
    headers = [
        _("Rank"),
        _("OPD"),
        _("Score %(year)s") % {"year": year},
        _("Grade"),
        _("Predikat"),
        *[f"{n}. {name}" for n, name in data.components],
        _("Score %(year)s") % {"year": year - 1},
        _("Grade %(year)s") % {"year": year - 1},
        _("Change"),
    ]
    rows = []
    listed = [*data.ranking, *([data.pemda] if data.pemda else [])]
    for r in listed:
        rows.append(
            [
                r.rank or "",
                r.subject,
                r.score,
                r.evaluation.grade,
                r.grade.predikat if r.grade else "",
                *[
                    scoring.round2(c.score) if (c := r.component(n)) else None
                    for n, _name in data.components
                ],
                r.previous.score if r.previous else None,
                r.previous.evaluation.grade if r.previous else "",
                r.delta,
            ]
        )
    wb = new_workbook()
    add_sheet(wb, _("Ranking %(year)s") % {"year": year}, headers, rows, widths=[8, 40])
    return workbook_bytes(wb)


# --- one evaluation against last year -----------------------------------------------------------


@dataclass
class CriterionChange:
    number: str  # "1a.3"
    text: str
    previous: str  # last year's label
    label: str
    note: str


@dataclass
class Comparison:
    result: EvaluationResult | None  # None: the evaluation is not final
    changes: list[CriterionChange]
    same_template: bool


def _place(answer: Answer) -> str:
    criterion = answer.criterion
    sub = criterion.sub_component
    return f"{sub.component.number}{sub.ref}.{criterion.number}"


def _answers_by_place(evaluation: Evaluation) -> dict[str, Answer]:
    prefix = "criterion__sub_component__"
    rows = (
        Answer.objects.filter(evaluation=evaluation)
        .select_related(f"{prefix}component")
        .order_by(
            f"{prefix}component__number", f"{prefix}order", f"{prefix}ref", "criterion__order"
        )
    )
    return {_place(a): a for a in rows}


def comparison(evaluation: Evaluation) -> Comparison:
    """This year's result beside last year's and every criterion whose value changed (a constant
    number of queries)."""
    found = results_for([evaluation])
    if not found:
        return Comparison(None, [], True)
    result = found[0]
    if result.previous is None:
        return Comparison(result, [], True)
    before = _answers_by_place(result.previous.evaluation)
    changes = []
    for place, answer in _answers_by_place(evaluation).items():
        old = before.get(place)
        if old is not None and old.label != answer.label:
            changes.append(
                CriterionChange(place, answer.criterion.text, old.label, answer.label, answer.note)
            )
    same = result.previous.evaluation.round.template_id == evaluation.round.template_id
    return Comparison(result, changes, same)


# --- publication --------------------------------------------------------------------------------


def round_publish(*, actor, round_: EvaluationRound):
    """Publish the round's results to the public portal: only the round managers, only when every
    evaluation of the round is final, and once (a published round does not change). Sets the
    round's status and who/when, and has the reporting app write the Publication."""
    from apps.reporting.publications_evaluation import publish_evaluation_round

    if not may_publish(actor, round_):
        raise PermissionDenied(_("Only the lead evaluator or the administrator publishes."))
    with transaction.atomic():
        locked = EvaluationRound.objects.select_for_update().get(pk=round_.pk)
        if locked.status == RoundStatus.PUBLISHED:
            raise ValidationError(_("The round's results are already published."))
        evaluations = Evaluation.objects.filter(round=locked)
        if not evaluations.exists():
            raise ValidationError(_("The round has no evaluations to publish."))
        waiting = evaluations.exclude(status=EvaluationStatus.FINAL).count()
        if waiting:
            raise ValidationError(
                _(
                    "%(count)s evaluations of the round are not final yet; every evaluation "
                    "must be final before the results are published."
                )
                % {"count": waiting},
                code="not_final",
            )
        old_status = locked.status
        locked.status = RoundStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.published_by = actor
        locked._history_user = actor
        locked.version += 1
        locked.save(
            update_fields=["status", "published_at", "published_by", "version", "updated_at"]
        )
        publication = publish_evaluation_round(actor, locked)
        log_action(
            action="sakip.evaluation_round.published",
            actor=actor,
            obj=locked,
            pemda_id=locked.pemda_id,
            data={"old_status": old_status, "publication": str(publication.code)},
        )
    round_.refresh_from_db()
    return publication
