"""Evaluation rounds, their teams and the OPD's self-assessment (issue 7, points 2 and 3;
DOMAIN.md "Evaluation").

Writes (services) first, then the reads the round pages share (each a constant number of
queries). Every write checks who acts through `apps.evaluation.access`, runs in one transaction,
keeps the rows' history (django-simple-history) and records the act in the activity log. A
refusal is a `PermissionDenied` (the actor may not do this at all) or a `ValidationError` with the
reason (the actor may, but not now or not with these values); nothing is changed then.

Rules enforced here:

* one round per Pemda, year and kind; the template must be the Pemda's own, and creating the
  round locks it (a template in use never changes under a round);
* the calendar runs pre-evaluation → evaluation → results panel → handover: each date lies on or
  after the one before it (the same day is allowed), and a period ends on or after it starts;
* a round moves planned → open → closed (publishing belongs to the results); a published round
  does not change;
* only an evaluator or lead evaluator of the Pemda joins a team;
* the OPD's writers (the Pemda's planners for the Pemda's own evaluation) self-assess while the
  evaluation is in self-assessment and its round is not closed; an answer is an option of the
  criterion's scale; the self-assessment is submitted once at least one criterion is answered
  (the rest count as 0 when scored, and the page shows how many are still open);
* evidence is a file whose content matches its extension (the measurement app's sniffing), or a
  link to a page of this site (an internal path that resolves to a known URL); removing evidence
  only hides it.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from apps.core.activity import log_action
from apps.core.concurrency import save_versioned
from apps.core.services import update_versioned
from apps.core.uploads import check_upload
from apps.evaluation import access, scoring
from apps.evaluation.models import (
    Answer,
    AnswerEvidence,
    AnswerOption,
    Criterion,
    Evaluation,
    EvaluationRound,
    EvaluationStatus,
    LkeTemplate,
    RoundKind,
    RoundStatus,
    TeamMember,
)
from apps.evaluation.services import template_lock
from apps.organisations.access import EVALUATORS, get_scope
from apps.organisations.models import Membership, OrgUnit, UnitType

# The calendar in the order the phases follow each other (DOMAIN.md: June, July, November,
# December in practice).
CALENDAR_FIELDS = (
    "pre_evaluation_from",
    "pre_evaluation_to",
    "evaluation_from",
    "evaluation_to",
    "panel_on",
    "handover_on",
)
# Where a round's status may go from each status (publishing is the results' act).
ROUND_MOVES = {
    RoundStatus.PLANNED: {RoundStatus.PLANNED, RoundStatus.OPEN},
    RoundStatus.OPEN: {RoundStatus.OPEN, RoundStatus.CLOSED},
    RoundStatus.CLOSED: {RoundStatus.CLOSED},
    RoundStatus.PUBLISHED: {RoundStatus.PUBLISHED},
}
# A manager may move an evaluation between these; finalising and reopening are the quality
# review's acts (they compute and clear the score).
MOVABLE = (EvaluationStatus.SELF_ASSESSMENT, EvaluationStatus.EVALUATION, EvaluationStatus.REVIEW)
NOTE_LIMIT = 5000


# --- guards ------------------------------------------------------------------------------------


def _require_manager(actor, pemda_id: int | None = None) -> None:
    if not access.may_manage_rounds(actor) or (
        pemda_id is not None and getattr(actor, "pemda_id", None) != pemda_id
    ):
        raise PermissionDenied(_("You may not manage evaluation rounds."))


def _refuse_published(round_: EvaluationRound) -> None:
    if round_.status == RoundStatus.PUBLISHED:
        raise ValidationError(_("The round is published and can no longer be changed."))


def _require_self_assessor(actor, evaluation: Evaluation) -> None:
    """The actor self-assesses this evaluation now (see the module docstring)."""
    if evaluation.round.status in (RoundStatus.CLOSED, RoundStatus.PUBLISHED):
        raise ValidationError(_("The round is closed; the self-assessment can no longer change."))
    if evaluation.status != EvaluationStatus.SELF_ASSESSMENT:
        if _self_assessor_apart_from_status(actor, evaluation):
            raise ValidationError(
                _(
                    "The self-assessment is closed: the evaluation is in status %(status)s. "
                    "Ask the round manager to move it back."
                )
                % {"status": evaluation.get_status_display()}
            )
        raise PermissionDenied(_("You may not self-assess this evaluation."))
    if not access.may_self_assess(actor, evaluation):
        raise PermissionDenied(_("You may not self-assess this evaluation."))


def _self_assessor_apart_from_status(actor, evaluation: Evaluation) -> bool:
    # Whether the actor would self-assess were the evaluation still in self-assessment: they are
    # told why not, instead of a bare "forbidden".
    probe = copy.copy(evaluation)
    probe.status = EvaluationStatus.SELF_ASSESSMENT
    return access.may_self_assess(actor, probe)


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _unit_id(evaluation: Evaluation) -> int:
    return evaluation.opd_id or evaluation.pemda_id


def _text(value, field_name: str, *, required: bool = True, limit: int = 200) -> str:
    value = str(value or "").strip()
    if required and not value:
        raise ValidationError({field_name: _("This field is required.")})
    if len(value) > limit:
        raise ValidationError({field_name: _("At most %(limit)s characters.") % {"limit": limit}})
    return value


def _date(value, field_name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise ValidationError({field_name: _("Enter a date.")}) from exc


def check_calendar(dates: dict[str, dt.date | None]) -> None:
    """Each date of the calendar lies on or after the dates before it (CALENDAR_FIELDS order);
    missing dates are skipped. Raises with a message on the later field."""
    labels = {f: EvaluationRound._meta.get_field(f).verbose_name for f in CALENDAR_FIELDS}
    errors: dict[str, str] = {}
    previous: tuple[str, dt.date] | None = None
    for name in CALENDAR_FIELDS:
        day = dates.get(name)
        if day is None:
            continue
        if previous is not None and day < previous[1]:
            errors[name] = _("%(this)s lies before %(previous)s.") % {
                "this": str(labels[name]).capitalize(),
                "previous": labels[previous[0]],
            }
            continue
        previous = (name, day)
    if errors:
        raise ValidationError(errors)


def _audit(action: str, actor, obj, *, pemda_id: int, unit_id: int | None = None, **data):
    log_action(action=action, actor=actor, obj=obj, pemda_id=pemda_id, unit_id=unit_id, data=data)


# --- rounds ------------------------------------------------------------------------------------


def round_create(
    *,
    actor,
    name: str,
    year: int,
    kind: str,
    template: LkeTemplate,
    **calendar,
) -> EvaluationRound:
    """Create a round with its evaluations — for kind internal every active OPD plus the Pemda
    itself, for kind pemda the Pemda alone — and one empty answer per criterion of the template,
    and lock the template. Round managers only; one round per year and kind."""
    _require_manager(actor)
    pemda_id = actor.pemda_id
    unknown = set(calendar) - set(CALENDAR_FIELDS)
    if unknown:
        raise TypeError(f"unknown calendar fields {sorted(unknown)}")
    name = _text(name, "name")
    if kind not in RoundKind.values:
        raise ValidationError({"kind": _("Choose the kind of round.")})
    try:
        year = int(year)
    except (TypeError, ValueError) as exc:
        raise ValidationError({"year": _("Enter the year as a number.")}) from exc
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Enter a year between 2000 and 2100.")})
    if template is None or template.pemda_id != pemda_id:
        raise ValidationError({"template": _("Choose a template of this Pemda.")})
    dates = {f: _date(calendar.get(f), f) for f in CALENDAR_FIELDS}
    check_calendar(dates)
    with transaction.atomic():
        if EvaluationRound.objects.filter(pemda_id=pemda_id, year=year, kind=kind).exists():
            raise ValidationError(
                {"year": _("There is already a round of this kind for %(year)s.") % {"year": year}}
            )
        round_ = EvaluationRound.objects.create(
            pemda_id=pemda_id, name=name, year=year, kind=kind, template=template, **dates
        )
        opds: list[OrgUnit | None] = []
        if kind == RoundKind.INTERNAL:
            opds = list(
                OrgUnit.objects.filter(
                    pemda_id=pemda_id, unit_type=UnitType.OPD, is_active=True
                ).order_by("sort_order", "name")
            )
        opds.append(None)  # the Pemda's own evaluation
        evaluations = bulk_create_with_history(
            [Evaluation(pemda_id=pemda_id, round=round_, opd=opd) for opd in opds],
            Evaluation,
            default_user=_user(actor),
        )
        criteria = list(
            Criterion.objects.filter(sub_component__component__template=template).values_list(
                "pk", flat=True
            )
        )
        bulk_create_with_history(
            [
                Answer(pemda_id=pemda_id, evaluation=e, criterion_id=c)
                for e in evaluations
                for c in criteria
            ],
            Answer,
            batch_size=1000,
            default_user=_user(actor),
        )
        template_lock(actor=actor, template=template)
        _audit(
            "sakip.evaluation_round.created",
            actor,
            round_,
            pemda_id=pemda_id,
            year=year,
            kind=kind,
            template=str(template.code),
            evaluations=len(evaluations),
            criteria=len(criteria),
        )
    return round_


def round_update(
    *, actor, round: EvaluationRound, data: dict, expected_version: int | None
) -> EvaluationRound:
    """Change the name, the calendar or the status (planned → open → closed) of a round that is
    not published."""
    round_ = round
    _require_manager(actor, round_.pemda_id)
    _refuse_published(round_)
    allowed = {"name", "status", *CALENDAR_FIELDS}
    unknown = set(data) - allowed
    if unknown:
        raise TypeError(f"round_update cannot change {sorted(unknown)}")
    clean: dict = {}
    if "name" in data:
        clean["name"] = _text(data["name"], "name")
    for f in CALENDAR_FIELDS:
        if f in data:
            clean[f] = _date(data[f], f)
    if "status" in data:
        status = data["status"]
        if status not in ROUND_MOVES.get(round_.status, set()):
            raise ValidationError(
                {
                    "status": _("A round in status %(from)s cannot move to %(to)s.")
                    % {
                        "from": round_.get_status_display(),
                        "to": dict(RoundStatus.choices).get(status, status),
                    }
                }
            )
        clean["status"] = status
    check_calendar({f: clean.get(f, getattr(round_, f)) for f in CALENDAR_FIELDS})
    return update_versioned(
        round_,
        actor=actor,
        data=clean,
        expected_version=expected_version,
        action="sakip.evaluation_round.changed",
    )


# --- teams -------------------------------------------------------------------------------------


def evaluator_users(pemda_id: int) -> QuerySet:
    """The users of the Pemda who hold an evaluator or lead evaluator membership."""
    from apps.organisations.models import User

    return User.objects.filter(
        pemda_id=pemda_id,
        is_active=True,
        pk__in=Membership.objects.filter(pemda_id=pemda_id, role__in=EVALUATORS).values("user_id"),
    ).order_by("username")


def team_assign(*, actor, evaluation: Evaluation, user, role: str) -> TeamMember:
    """Put an evaluator on the evaluation's team (or change their role on it)."""
    _require_manager(actor, evaluation.pemda_id)
    _refuse_published(evaluation.round)
    if role not in TeamMember.Role.values:
        raise ValidationError({"role": _("Choose the role on the team.")})
    if (
        user is None
        or user.pemda_id != evaluation.pemda_id
        or not Membership.objects.filter(
            pemda_id=evaluation.pemda_id, user_id=user.pk, role__in=EVALUATORS
        ).exists()
    ):
        raise ValidationError(
            {"user": _("%(user)s is not an evaluator of this Pemda.") % {"user": user}}
        )
    with transaction.atomic():
        member = (
            TeamMember.objects.select_for_update()
            .filter(evaluation=evaluation, user_id=user.pk)
            .order_by("pk")  # the model ordering joins the nullable OPD: no FOR UPDATE there
            .first()
        )
        if member is not None:
            if member.role == role:
                raise ValidationError(
                    {"user": _("%(user)s is already on this team.") % {"user": user}}
                )
            old = member.role
            member.role = role
            save_versioned(member, expected_version=member.version, fields=["role"])
            _audit(
                "sakip.evaluation_team.changed",
                actor,
                member,
                pemda_id=evaluation.pemda_id,
                unit_id=_unit_id(evaluation),
                evaluation=str(evaluation.code),
                user=user.username,
                changes={"role": {"old": old, "new": role}},
            )
            return member
        member = TeamMember.objects.create(
            pemda_id=evaluation.pemda_id, evaluation=evaluation, user=user, role=role
        )
        _audit(
            "sakip.evaluation_team.assigned",
            actor,
            member,
            pemda_id=evaluation.pemda_id,
            unit_id=_unit_id(evaluation),
            evaluation=str(evaluation.code),
            user=user.username,
            role=role,
        )
    return member


def team_remove(*, actor, member: TeamMember) -> None:
    """Take an evaluator off a team (the history keeps that they were on it)."""
    evaluation = member.evaluation
    _require_manager(actor, evaluation.pemda_id)
    _refuse_published(evaluation.round)
    with transaction.atomic():
        _audit(
            "sakip.evaluation_team.removed",
            actor,
            member,
            pemda_id=evaluation.pemda_id,
            unit_id=_unit_id(evaluation),
            evaluation=str(evaluation.code),
            user=member.user.username,
        )
        member.delete()


# --- the evaluation's status -------------------------------------------------------------------


def evaluation_submit_self(
    *, actor, evaluation: Evaluation, expected_version: int | None = None
) -> Evaluation:
    """The OPD hands its self-assessment to the evaluators (self-assessment → evaluation). At
    least one criterion must be answered; open criteria count as 0 when scored."""
    _require_self_assessor(actor, evaluation)
    done = completeness_of(evaluation)
    if not done.answered:
        raise ValidationError(
            _("Answer at least one criterion before submitting the self-assessment.")
        )
    with transaction.atomic():
        evaluation.status = EvaluationStatus.EVALUATION
        save_versioned(evaluation, expected_version=expected_version, fields=["status"])
        _audit(
            "sakip.evaluation.self_submitted",
            actor,
            evaluation,
            pemda_id=evaluation.pemda_id,
            unit_id=_unit_id(evaluation),
            answered=done.answered,
            total=done.total,
        )
    return evaluation


def evaluation_move(*, actor, evaluation: Evaluation, status: str, note: str) -> Evaluation:
    """A round manager moves an evaluation between self-assessment, evaluation and quality
    review (e.g. back to the OPD, or on without its submission), with the reason on record. A
    final evaluation is reopened through the quality review, never moved."""
    _require_manager(actor, evaluation.pemda_id)
    _refuse_published(evaluation.round)
    if evaluation.status == EvaluationStatus.FINAL:
        raise ValidationError(
            _("The evaluation is final; reopen it through the quality review to change it.")
        )
    if status not in MOVABLE:
        raise ValidationError({"status": _("Choose self-assessment, evaluation or review.")})
    if status == evaluation.status:
        raise ValidationError({"status": _("The evaluation is already in this status.")})
    note = _text(note, "note", limit=NOTE_LIMIT)
    old = evaluation.status
    with transaction.atomic():
        evaluation.status = status
        save_versioned(evaluation, expected_version=evaluation.version, fields=["status"])
        _audit(
            "sakip.evaluation.moved",
            actor,
            evaluation,
            pemda_id=evaluation.pemda_id,
            unit_id=_unit_id(evaluation),
            changes={"status": {"old": old, "new": status}},
            note=note,
        )
    return evaluation


# --- self-assessment ---------------------------------------------------------------------------


def scale_option(criterion: Criterion, label: str) -> AnswerOption:
    """The option of the criterion's scale with this label (case-insensitive), or a
    ValidationError that lists the allowed answers."""
    options = list(AnswerOption.objects.filter(scale_id=criterion.scale_id).order_by("order"))
    wanted = str(label or "").strip().casefold()
    for option in options:
        if option.label.casefold() == wanted:
            return option
    raise ValidationError(
        {
            "label": _("%(label)s is not an answer of this criterion (allowed: %(allowed)s).")
            % {"label": label, "allowed": ", ".join(o.label for o in options)}
        }
    )


def answer_self_assess(
    *, actor, answer: Answer, label: str, note: str, expected_version: int | None
) -> Answer:
    """Save the OPD's answer to one criterion: an option of its scale (its value is stored beside
    it) and a note. An empty label clears the answer."""
    evaluation = answer.evaluation
    _require_self_assessor(actor, evaluation)
    note = _text(note, "note", required=False, limit=NOTE_LIMIT)
    if str(label or "").strip():
        option = scale_option(answer.criterion, label)
        new_label, new_value = option.label, option.value
    else:
        new_label, new_value = "", None
    changes = {}
    if answer.self_label != new_label:
        changes["self_label"] = {"old": answer.self_label, "new": new_label}
    if answer.self_note != note:
        changes["self_note"] = {"old": answer.self_note, "new": note}
    with transaction.atomic():
        answer.self_label, answer.self_value, answer.self_note = new_label, new_value, note
        answer.self_by, answer.self_at = _user(actor), timezone.now()
        save_versioned(
            answer,
            expected_version=expected_version,
            fields=["self_label", "self_value", "self_note", "self_by", "self_at"],
        )
        if changes:
            _audit(
                "sakip.answer.self_assessed",
                actor,
                answer,
                pemda_id=answer.pemda_id,
                unit_id=_unit_id(evaluation),
                evaluation=str(evaluation.code),
                criterion=str(answer.criterion.code),
                changes=changes,
            )
    return answer


def evidence_add(*, actor, answer: Answer, name: str, content: bytes) -> AnswerEvidence:
    """Store an evidence file of a self-assessment through the storage API after checking its
    size and its real type (apps.measurement.services.sniff: the content must be what the
    extension says)."""
    evaluation = answer.evaluation
    _require_self_assessor(actor, evaluation)
    checked = check_upload(name, content)
    original, digest = checked.original_name, checked.sha256
    with transaction.atomic():
        evidence = AnswerEvidence(
            pemda_id=answer.pemda_id,
            answer=answer,
            original_name=original,
            content_type=checked.content_type,
            size=checked.size,
            sha256=digest,
            added_by=_user(actor),
        )
        evidence.file.save(
            get_valid_filename(original) or f"evidence{checked.ext}",
            ContentFile(content),
            save=False,
        )
        evidence.save()
        _audit(
            "sakip.answer_evidence.added",
            actor,
            evidence,
            pemda_id=answer.pemda_id,
            unit_id=_unit_id(evaluation),
            answer=str(answer.code),
            sha256=digest,
            size=len(content),
        )
    return evidence


def internal_link(link: str) -> str:
    """The link if it is a path of this site that resolves to a known page, else a
    ValidationError: external addresses ("https://…", "//host/…") are refused."""
    link = str(link or "").strip()
    if not link:
        raise ValidationError({"link": _("This field is required.")})
    parts = urlsplit(link)
    if (
        not link.startswith("/")
        or link.startswith("//")
        or "\\" in link
        or parts.scheme
        or parts.netloc
        or any(ord(ch) < 32 for ch in link)
    ):
        raise ValidationError(
            {"link": _("Link a page of this application (a path starting with /).")}
        )
    try:
        match = resolve(parts.path)
    except Resolver404 as exc:
        raise ValidationError({"link": _("No page of this application has this address.")}) from exc
    if not match.url_name:
        raise ValidationError({"link": _("No page of this application has this address.")})
    if len(link) > AnswerEvidence._meta.get_field("link").max_length:
        raise ValidationError({"link": _("The link is too long.")})
    return link


def evidence_link(*, actor, answer: Answer, link: str, label: str = "") -> AnswerEvidence:
    """Link a document or data already in the system as evidence (an internal path)."""
    evaluation = answer.evaluation
    _require_self_assessor(actor, evaluation)
    link = internal_link(link)
    label = _text(label, "label", required=False, limit=300)
    with transaction.atomic():
        evidence = AnswerEvidence.objects.create(
            pemda_id=answer.pemda_id, answer=answer, link=link, label=label, added_by=_user(actor)
        )
        _audit(
            "sakip.answer_evidence.linked",
            actor,
            evidence,
            pemda_id=answer.pemda_id,
            unit_id=_unit_id(evaluation),
            answer=str(answer.code),
            link=link,
        )
    return evidence


def evidence_remove(*, actor, evidence: AnswerEvidence) -> AnswerEvidence:
    """Hide evidence (the row and its file stay on record)."""
    evaluation = evidence.answer.evaluation
    _require_self_assessor(actor, evaluation)
    if evidence.deleted_at is not None:
        return evidence
    with transaction.atomic():
        evidence.deleted_at = timezone.now()
        evidence.deleted_by = _user(actor)
        save_versioned(
            evidence, expected_version=evidence.version, fields=["deleted_at", "deleted_by"]
        )
        _audit(
            "sakip.answer_evidence.removed",
            actor,
            evidence,
            pemda_id=evidence.pemda_id,
            unit_id=_unit_id(evaluation),
            answer=str(evidence.answer.code),
        )
    return evidence


# --- reads of the round pages (each a constant number of queries) ------------------------------


def completeness_of(evaluation: Evaluation) -> scoring.Completeness:
    """How many criteria the self-assessment answered (one query)."""
    row = Answer.objects.filter(evaluation=evaluation).aggregate(
        total=Count("id"), answered=Count("id", filter=~Q(self_label=""))
    )
    return scoring.Completeness(answered=row["answered"], total=row["total"])


def completeness_by_evaluation(evaluation_ids) -> dict[int, scoring.Completeness]:
    rows = (
        Answer.objects.filter(evaluation_id__in=evaluation_ids)
        .values("evaluation_id")
        .annotate(total=Count("id"), answered=Count("id", filter=~Q(self_label="")))
        .order_by()
    )
    return {
        r["evaluation_id"]: scoring.Completeness(answered=r["answered"], total=r["total"])
        for r in rows
    }


def status_counts(*, user, round_ids) -> dict[int, dict[str, int]]:
    """Per round, how many of the evaluations the user reads are in each status (one query)."""
    out: dict[int, dict[str, int]] = {}
    rows = (
        access.evaluation_list(user=user)
        .filter(round_id__in=round_ids)
        .values("round_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for r in rows:
        out.setdefault(r["round_id"], dict.fromkeys(EvaluationStatus.values, 0))[r["status"]] = r[
            "n"
        ]
    return out


def teams_by_evaluation(evaluation_ids) -> dict[int, list[TeamMember]]:
    out: dict[int, list[TeamMember]] = {}
    for m in TeamMember.objects.filter(evaluation_id__in=evaluation_ids).select_related("user"):
        out.setdefault(m.evaluation_id, []).append(m)
    return out


@dataclass
class SheetCriterion:
    answer: Answer
    options: list[AnswerOption]
    evidence: list[AnswerEvidence] = field(default_factory=list)


@dataclass
class SheetSub:
    sub: object
    rows: list[SheetCriterion] = field(default_factory=list)


@dataclass
class SheetComponent:
    component: object
    subs: list[SheetSub] = field(default_factory=list)


def self_sheet(evaluation: Evaluation) -> list[SheetComponent]:
    """The LKE of one evaluation by component → sub-component → criterion with each criterion's
    options and live evidence (three queries whatever the number of criteria)."""
    answers = (
        Answer.objects.filter(evaluation=evaluation)
        .select_related("criterion__sub_component__component", "criterion__scale", "self_by")
        .order_by(
            "criterion__sub_component__component__number",
            "criterion__sub_component__order",
            "criterion__sub_component__ref",
            "criterion__order",
            "criterion__number",
        )
    )
    options: dict[int, list[AnswerOption]] = {}
    for o in AnswerOption.objects.filter(scale__template_id=evaluation.round.template_id):
        options.setdefault(o.scale_id, []).append(o)
    evidence: dict[int, list[AnswerEvidence]] = {}
    for e in AnswerEvidence.objects.filter(
        answer__evaluation=evaluation, deleted_at__isnull=True
    ).select_related("added_by"):
        evidence.setdefault(e.answer_id, []).append(e)
    components: list[SheetComponent] = []
    for a in answers:
        sub = a.criterion.sub_component
        if not components or components[-1].component.pk != sub.component_id:
            components.append(SheetComponent(component=sub.component))
        subs = components[-1].subs
        if not subs or subs[-1].sub.pk != sub.pk:
            subs.append(SheetSub(sub=sub))
        subs[-1].rows.append(
            SheetCriterion(
                answer=a,
                options=options.get(a.criterion.scale_id, []),
                evidence=evidence.get(a.pk, []),
            )
        )
    return components


def get_answer_for_user(user, code) -> Answer:
    """An answer of an evaluation the user reads (404 otherwise)."""
    from django.http import Http404

    try:
        return (
            Answer.objects.select_related("evaluation__round", "evaluation__opd", "criterion")
            .filter(evaluation__in=access.evaluation_list(user=user))
            .get(code=code)
        )
    except (Answer.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def get_evidence_for_user(user, code) -> AnswerEvidence:
    from django.http import Http404

    try:
        return (
            AnswerEvidence.objects.select_related("answer__evaluation__round")
            .filter(
                answer__evaluation__in=access.evaluation_list(user=user), deleted_at__isnull=True
            )
            .get(code=code)
        )
    except (AnswerEvidence.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def get_member_for_user(user, code) -> TeamMember:
    from django.http import Http404

    try:
        return (
            TeamMember.objects.select_related("evaluation__round", "user")
            .filter(evaluation__in=access.evaluation_list(user=user))
            .get(code=code)
        )
    except (TeamMember.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def waiting_evaluations(user) -> QuerySet[Evaluation]:
    """What waits for the user in the evaluation rounds (one query): for the evaluated OPD's
    writers (the Pemda's planners for the Pemda's own) the evaluations in self-assessment, for
    an evaluator the assigned evaluations being evaluated. Closed rounds wait for nobody."""
    from apps.organisations.access import OPD_WRITERS, PLANNERS

    scope = get_scope(user)
    if scope.pemda_id is None or not scope.grants:
        return Evaluation.objects.none()
    self_q = Q(status=EvaluationStatus.SELF_ASSESSMENT)
    q = Q(pk__in=[])
    wanted = False
    if scope.has_role(*OPD_WRITERS):
        q |= self_q & scope.units_q("opd", OPD_WRITERS)
        wanted = True
    if scope.covers(None, PLANNERS):
        q |= self_q & Q(opd__isnull=True)
        wanted = True
    if scope.has_role(*EVALUATORS):
        q |= Q(status=EvaluationStatus.EVALUATION, team__user_id=scope.user_id)
        wanted = True
    if not wanted:
        return Evaluation.objects.none()
    return (
        Evaluation.objects.filter(pemda_id=scope.pemda_id)
        .filter(round__status__in=[RoundStatus.PLANNED, RoundStatus.OPEN])
        .filter(q)
        .select_related("round", "opd")
        .distinct()
    )
