"""The evaluator's worksheet (Lembar Kerja Evaluasi) and the quality review (issue 7, points 4
and 5; DOMAIN.md "Evaluation").

* `worksheet(evaluation)` reads one evaluation as the LKE table: components → sub-components →
  criteria, each with the OPD's self-assessment, the proposal from the data and the evaluator's
  value, and the live scores computed by `scoring.evaluate` (a constant number of queries).
* The services score an answer (`answer_score`, or confirm the proposal / the self-assessment
  with `accept_proposal` / `accept_self`) and move the evaluation through the quality review:
  evaluation → review (every criterion scored) → final (score and grade frozen) and back
  (`evaluation_return` with a note; `evaluation_reopen` of a final evaluation with a note).

Every refusal is a ValidationError (or PermissionDenied) and changes nothing; every change of a
value is in the row history (simple-history) and the activity log.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.activity import log_action
from apps.core.concurrency import save_versioned
from apps.core.templatetags.sakip import format_number
from apps.core.workflow import Transition, Workflow
from apps.evaluation import access, rounds, scoring
from apps.evaluation.models import (
    Answer,
    AnswerEvidence,
    AnswerOption,
    AnswerScale,
    Component,
    Criterion,
    Evaluation,
    EvaluationStatus,
    RoundStatus,
    SubComponent,
)
from apps.evaluation.selectors import template_specs
from apps.organisations.access import get_scope
from apps.organisations.models import Role

FINAL_MESSAGE = gettext_lazy("The evaluation is final: reopen it first.")
REOPENERS = frozenset({Role.ADMIN, Role.EVALUATOR_LEAD})


# --- who may act --------------------------------------------------------------------------------


def may_reopen(user, evaluation: Evaluation) -> bool:
    """The Pemda's lead evaluator or administrator."""
    scope = get_scope(user)
    return evaluation.pemda_id == scope.pemda_id and scope.covers(None, REOPENERS)


def _unit(evaluation: Evaluation):
    return evaluation.opd if evaluation.opd_id else None


workflow = Workflow(
    action_prefix="sakip.evaluation",
    states=dict(EvaluationStatus.choices),
    transitions=[
        Transition(
            "review",
            gettext_lazy("Submit for quality review"),
            frozenset({EvaluationStatus.EVALUATION}),
            EvaluationStatus.REVIEW,
            access.may_score,
        ),
        Transition(
            "finalise",
            gettext_lazy("Finalise"),
            frozenset({EvaluationStatus.REVIEW}),
            EvaluationStatus.FINAL,
            access.may_finalise,
        ),
        Transition(
            "return",
            gettext_lazy("Return to the evaluator"),
            frozenset({EvaluationStatus.REVIEW}),
            EvaluationStatus.EVALUATION,
            access.may_finalise,
            requires_note=True,
        ),
        Transition(
            "reopen",
            gettext_lazy("Reopen"),
            frozenset({EvaluationStatus.FINAL}),
            EvaluationStatus.REVIEW,
            may_reopen,
            requires_note=True,
        ),
    ],
    unit_of=_unit,
)


# --- the worksheet ------------------------------------------------------------------------------


@dataclass
class Row:
    number: str  # "1a.3"
    answer: Answer
    criterion: Criterion
    options: list[AnswerOption]
    evidence: list[AnswerEvidence]

    @property
    def labels(self) -> list[str]:
        return [o.label for o in self.options]

    @property
    def evidence_count(self) -> int:
        return len(self.evidence)

    @property
    def is_scored(self) -> bool:
        return self.answer.value is not None

    @property
    def needs_note(self) -> bool:
        """True when the evaluator's value differs from the self-assessment or the proposal."""
        return _differs(self.answer, self.answer.label)


@dataclass
class SubBlock:
    sub: SubComponent
    rows: list[Row]
    result: scoring.SubComponentResult


@dataclass
class ComponentBlock:
    component: Component
    subs: list[SubBlock]
    result: scoring.ComponentResult


@dataclass
class Worksheet:
    evaluation: Evaluation
    components: list[ComponentBlock]
    result: scoring.Result  # the evaluator's values
    self_result: scoring.Result  # the OPD's self-assessment
    rows: list[Row] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.result.total

    @property
    def grade(self) -> scoring.Grade:
        return self.result.grade

    @property
    def completeness(self) -> scoring.Completeness:
        return self.result.completeness

    def totals(self) -> dict:
        """The live scores as plain data (the JSON the worksheet script reads), numbers formatted
        like the page's."""
        return totals_data(self.result)


def totals_data(result: scoring.Result) -> dict:
    return {
        "total": format_number(result.total, 2),
        "grade": result.grade.code,
        "predikat": result.grade.predikat,
        "answered": result.completeness.answered,
        "criteria": result.completeness.total,
        "missing": result.completeness.missing,
        "components": {
            str(c.number): {
                "score": format_number(c.score, 2),
                "subs": {
                    s.code: {
                        "score": format_number(s.score, 2),
                        "answered": s.completeness.answered,
                        "criteria": s.completeness.total,
                    }
                    for s in c.sub_components
                },
            }
            for c in result.components
        },
    }


# What the worksheet reads of the template's structure and of each answer. Only these fields are
# loaded (no timestamps, no other columns): a field the page starts showing goes here too, or
# every row would read it with a query of its own.
_SUB = "sub_component__"
_COMPONENT = "sub_component__component__"
_STRUCTURE = {
    Component: {
        "id": f"{_COMPONENT}id",
        "number": f"{_COMPONENT}number",
        "name": f"{_COMPONENT}name",
        "weight": f"{_COMPONENT}weight",
    },
    SubComponent: {
        "id": f"{_SUB}id",
        "component_id": f"{_COMPONENT}id",
        "ref": f"{_SUB}ref",
        "name": f"{_SUB}name",
        "weight": f"{_SUB}weight",
        "order": f"{_SUB}order",
    },
    AnswerScale: {"id": "scale_id", "key": "scale__key"},
    Criterion: {
        "id": "id",
        "code": "code",
        "sub_component_id": f"{_SUB}id",
        "number": "number",
        "text": "text",
        "scale_id": "scale_id",
        "evidence_types": "evidence_types",
        "order": "order",
    },
}
ANSWER_FIELDS = (
    "id",
    "code",
    "version",
    "criterion_id",
    "self_label",
    "self_value",
    "self_note",
    "proposed_label",
    "proposed_note",
    "proposed_link",
    "label",
    "value",
    "note",
)


def _partial(model, db: str, row: dict, columns: dict[str, str]):
    """A model instance with only `columns` loaded (any other field is read when first used)."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in columns]
    return model.from_db(db, names, [row[columns[name]] for name in names])


def _criteria(evaluation: Evaluation) -> list[Criterion]:
    """The template's criteria in LKE order with their sub-component, component and scale: one
    query of plain rows, one instance per component, sub-component and scale."""
    qs = Criterion.objects.filter(
        sub_component__component__template_id=evaluation.round.template_id
    ).order_by(
        f"{_COMPONENT}number",
        f"{_SUB}order",
        f"{_SUB}ref",
        "order",
        "number",
    )
    columns = {c for fields in _STRUCTURE.values() for c in fields.values()}
    shared: dict[tuple, object] = {}
    criteria = []
    for row in qs.values(*columns):
        for model in (Component, SubComponent, AnswerScale):
            key = (model, row[_STRUCTURE[model]["id"]])
            if key not in shared:
                shared[key] = _partial(model, qs.db, row, _STRUCTURE[model])
        sub = shared[(SubComponent, row[f"{_SUB}id"])]
        SubComponent.component.field.set_cached_value(
            sub, shared[(Component, row[f"{_COMPONENT}id"])]
        )
        criterion = _partial(Criterion, qs.db, row, _STRUCTURE[Criterion])
        Criterion.sub_component.field.set_cached_value(criterion, sub)
        Criterion.scale.field.set_cached_value(criterion, shared[(AnswerScale, row["scale_id"])])
        criteria.append(criterion)
    return criteria


def _values(answers, attr: str) -> dict[str, Decimal | None]:
    return {str(a.criterion.code): getattr(a, attr) for a in answers}


def score_of(evaluation: Evaluation, attr: str = "value") -> scoring.Result:
    """The evaluation's scores from the evaluator's values (`attr="self_value"`: the OPD's)."""
    specs = template_specs(evaluation.round.template)
    values = dict(Answer.objects.filter(evaluation=evaluation).values_list("criterion__code", attr))
    return scoring.evaluate(specs, {str(k): v for k, v in values.items()})


def worksheet(evaluation: Evaluation) -> Worksheet:
    """The LKE table of one evaluation with its live scores: four queries whatever the size
    (the criteria with the template's structure, the answers, the scales' options, the
    evidence)."""
    criteria = _criteria(evaluation)
    by_criterion = {
        a.criterion_id: a
        for a in Answer.objects.filter(evaluation=evaluation).only(*ANSWER_FIELDS).order_by()
    }
    answers: list[Answer] = []
    for criterion in criteria:
        answer = by_criterion.get(criterion.pk)
        if answer is not None:
            Answer.criterion.field.set_cached_value(answer, criterion)
            answers.append(answer)
    scale_ids = {a.criterion.scale_id for a in answers}
    options: dict[int, list[AnswerOption]] = defaultdict(list)
    for option in AnswerOption.objects.filter(scale_id__in=scale_ids).order_by("order", "id"):
        options[option.scale_id].append(option)
    evidence: dict[int, list[AnswerEvidence]] = defaultdict(list)
    for item in AnswerEvidence.objects.filter(
        answer__evaluation=evaluation, deleted_at__isnull=True
    ).order_by("created_at", "id"):
        evidence[item.answer_id].append(item)
    specs = template_specs(evaluation.round.template, criteria)
    result = scoring.evaluate(specs, _values(answers, "value"))
    self_result = scoring.evaluate(specs, _values(answers, "self_value"))
    comp_results = {c.number: c for c in result.components}

    blocks: list[ComponentBlock] = []
    rows: list[Row] = []
    by_sub: dict[int, SubBlock] = {}
    for answer in answers:
        criterion = answer.criterion
        sub = criterion.sub_component
        comp = sub.component
        if not blocks or blocks[-1].component.pk != comp.pk:
            blocks.append(ComponentBlock(comp, [], comp_results[comp.number]))
        if sub.pk not in by_sub:
            sub_result = next(s for s in blocks[-1].result.sub_components if s.code == sub.ref)
            by_sub[sub.pk] = SubBlock(sub, [], sub_result)
            blocks[-1].subs.append(by_sub[sub.pk])
        row = Row(
            number=f"{comp.number}{sub.ref}.{len(by_sub[sub.pk].rows) + 1}",
            answer=answer,
            criterion=criterion,
            options=options[criterion.scale_id],
            evidence=evidence[answer.pk],
        )
        by_sub[sub.pk].rows.append(row)
        rows.append(row)
    return Worksheet(evaluation, blocks, result, self_result, rows)


def answer_history(answer: Answer) -> list:
    """Every recorded version of the answer (newest first) with who changed it and when."""
    return list(answer.history.select_related("history_user").order_by("-history_date", "-pk"))


# --- scoring ------------------------------------------------------------------------------------


def _differs(answer: Answer, label: str) -> bool:
    return bool(
        (answer.self_label and label != answer.self_label)
        or (answer.proposed_label and label != answer.proposed_label)
    )


def _check_scorer(actor, evaluation: Evaluation) -> None:
    if access.may_score(actor, evaluation):
        return
    if evaluation.status != EvaluationStatus.EVALUATION and access.is_team_member(
        actor, evaluation
    ):
        if evaluation.status == EvaluationStatus.FINAL:
            raise ValidationError(FINAL_MESSAGE, code="final")
        raise ValidationError(
            _("Scores can be changed only while the evaluation is in the evaluation stage."),
            code="status",
        )
    raise PermissionDenied


def answer_score(
    *, actor, answer: Answer, label: str, note: str = "", expected_version: int | None = None
) -> Answer:
    """The evaluator's value of one criterion: an answer on the criterion's scale, with a note
    when it differs from the self-assessment or the proposal."""
    evaluation = answer.evaluation
    _check_scorer(actor, evaluation)
    label = (label or "").strip()
    note = (note or "").strip()
    if not label:
        raise ValidationError({"label": _("Choose a value.")}, code="required")
    option = rounds.scale_option(answer.criterion, label)
    if _differs(answer, label) and not note:
        raise ValidationError(
            {
                "note": _(
                    "Write a note: the value differs from the self-assessment or the proposal."
                )
            },
            code="note",
        )
    old = {"label": answer.label, "note": answer.note}
    with transaction.atomic():
        # Lock the evaluation row and check its stage again: a finalise (which saves that row
        # under the same lock) and a score can never interleave.
        evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        _check_scorer(actor, evaluation)
        answer.label, answer.value, answer.note = option.label, option.value, note
        answer.scored_by, answer.scored_at = actor, timezone.now()
        answer._history_user = actor  # who, also outside a request (simple-history)
        save_versioned(
            answer,
            expected_version=expected_version,
            fields=["label", "value", "note", "scored_by", "scored_at"],
        )
        log_action(
            action="sakip.evaluation.answer_scored",
            actor=actor,
            obj=answer,
            pemda_id=answer.pemda_id,
            unit_id=evaluation.opd_id,
            data={
                "criterion": str(answer.criterion.code),
                "old": old,
                "new": {"label": answer.label, "note": answer.note},
            },
        )
    return answer


def accept_proposal(
    *, actor, answer: Answer, note: str = "", expected_version: int | None = None
) -> Answer:
    """Confirm the value proposed from the data (its note is what the data shows)."""
    if not answer.proposed_label:
        raise ValidationError(_("There is no proposal from the data for this criterion."))
    return answer_score(
        actor=actor,
        answer=answer,
        label=answer.proposed_label,
        note=note or answer.note or answer.proposed_note,
        expected_version=expected_version,
    )


def accept_self(
    *, actor, answer: Answer, note: str = "", expected_version: int | None = None
) -> Answer:
    """Confirm the OPD's self-assessment (a note is needed when the data proposes otherwise)."""
    if not answer.self_label:
        raise ValidationError(_("The OPD has not assessed this criterion."))
    return answer_score(
        actor=actor,
        answer=answer,
        label=answer.self_label,
        note=note or answer.note,
        expected_version=expected_version,
    )


# --- the quality review ---------------------------------------------------------------------


def _not_final(evaluation: Evaluation) -> None:
    if evaluation.status == EvaluationStatus.FINAL:
        raise ValidationError(FINAL_MESSAGE, code="final")


def _check(evaluation: Evaluation, name: str, user) -> None:
    """The workflow's own refusals, ahead of any other check (so that an unauthorised user is
    refused before learning anything about the evaluation)."""
    transition = workflow.transitions[name]
    if not transition.may_act(user, evaluation) and evaluation.status in transition.sources:
        raise PermissionDenied
    evaluation._history_user = user  # the history row names who, also outside a request


def evaluation_submit_review(
    *, actor, evaluation: Evaluation, expected_version: int | None = None
) -> Evaluation:
    """evaluation → review, once every criterion is scored."""
    _not_final(evaluation)
    _check(evaluation, "review", actor)
    missing = Answer.objects.filter(evaluation=evaluation, value__isnull=True).count()
    if missing and evaluation.status == EvaluationStatus.EVALUATION:
        raise ValidationError(
            _("%(count)s criteria are not scored yet; score every criterion first.")
            % {"count": missing},
            code="incomplete",
        )
    return workflow.apply(evaluation, "review", user=actor, expected_version=expected_version)


def evaluation_finalise(
    *, actor, evaluation: Evaluation, summary: str, expected_version: int | None = None
) -> Evaluation:
    """review → final: the score and grade from the evaluator's values, frozen with the lead's
    summary."""
    _not_final(evaluation)
    _check(evaluation, "finalise", actor)
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"summary": _("Write the summary of the evaluation.")})
    result = score_of(evaluation)
    with transaction.atomic():
        workflow.apply(evaluation, "finalise", user=actor, expected_version=expected_version)
        evaluation.score = result.total
        evaluation.grade = result.grade.code
        evaluation.summary = summary
        evaluation.finalised_at = timezone.now()
        evaluation.finalised_by = actor
        evaluation.save(update_fields=["score", "grade", "summary", "finalised_at", "finalised_by"])
        log_action(
            action="sakip.evaluation.scored",
            actor=actor,
            obj=evaluation,
            pemda_id=evaluation.pemda_id,
            unit_id=evaluation.opd_id,
            data={"score": str(result.total), "grade": result.grade.code},
        )
    return evaluation


def evaluation_return(
    *, actor, evaluation: Evaluation, note: str, expected_version: int | None = None
) -> Evaluation:
    """review → evaluation, back to the evaluator with the reviewer's note."""
    _not_final(evaluation)
    _check(evaluation, "return", actor)
    return workflow.apply(
        evaluation, "return", user=actor, note=note, expected_version=expected_version
    )


def evaluation_reopen(
    *, actor, evaluation: Evaluation, note: str, expected_version: int | None = None
) -> Evaluation:
    """final → review with a note: the frozen score and grade are cleared (the history keeps
    them) until the evaluation is finalised again. Results already published stay as published:
    their round refuses the reopen."""
    if evaluation.round.status == RoundStatus.PUBLISHED:
        raise ValidationError(
            _("The round's results are published; a published evaluation cannot be reopened."),
            code="published",
        )
    _check(evaluation, "reopen", actor)
    with transaction.atomic():
        workflow.apply(
            evaluation, "reopen", user=actor, note=note, expected_version=expected_version
        )
        evaluation.score = None
        evaluation.grade = ""
        evaluation.finalised_at = None
        evaluation.finalised_by = None
        evaluation.save(update_fields=["score", "grade", "finalised_at", "finalised_by"])
    return evaluation
