"""Writes of the Perjanjian Kinerja: drafts generated from the tree, line edits, the workflow
(submit → approve → sign), the rendered PDF kept with its SHA-256, revisions (PK perubahan) and the
Rencana Aksi. Every refusal is a ValidationError naming the field, and nothing is changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from apps.agreements.models import (
    ActionPlanQuarter,
    PerjanjianKinerja,
    PkBudgetLine,
    PkLine,
    PkStatus,
    RevisionReason,
)
from apps.core import revisions
from apps.core.activity import log_action
from apps.core.concurrency import save_versioned
from apps.core.workflow import Transition, Workflow, WorkflowError
from apps.organisations.access import OPD_WRITERS, PLANNERS, get_scope
from apps.organisations.models import Assignment, OrgUnit, PlanPeriod, Position, Role
from apps.performance.models import Indicator, Node, NodeLevel, RenjaLine, RenjaTarget, Target
from apps.planning.models import Renja

# Which node levels become lines of a position's PK, by position level (DOMAIN.md "Who owns
# which level of the tree").
LINE_LEVELS: dict[str, tuple[str, ...]] = {
    "kepala_daerah": (NodeLevel.SASARAN_PEMDA,),
    "jpt": (NodeLevel.SASARAN,),
    "administrator": (NodeLevel.PROGRAM,),
    "pengawas": (NodeLevel.KEGIATAN, NodeLevel.SUBKEGIATAN),
}
BUDGET_LEVELS = (NodeLevel.PROGRAM, NodeLevel.KEGIATAN, NodeLevel.SUBKEGIATAN)
TOP_LEVELS = {"kepala_daerah", "jpt"}

APPROVERS_TOP = frozenset({Role.ADMIN, Role.BAPPEDA})
APPROVERS_OPD = frozenset({Role.ADMIN, Role.BAPPEDA, Role.OPD_VERIFIER})
WRITERS = frozenset(PLANNERS | OPD_WRITERS)


# --- who may act ------------------------------------------------------------------------------


def _pk_unit(pk: PerjanjianKinerja) -> OrgUnit | None:
    # The Kepala Daerah's PK belongs to the Pemda level (covered only by Pemda-wide grants).
    return pk.opd if pk.opd_id else None


def may_edit(user, pk: PerjanjianKinerja) -> bool:
    return get_scope(user).covers(_pk_unit(pk), WRITERS)


def may_approve(user, pk: PerjanjianKinerja) -> bool:
    """The superior side: Bappeda/admin for the Kepala Daerah and Kepala OPD level; the OPD's
    verifier inside an OPD (including its Kepala OPD, whom the verifier prepares with)."""
    scope = get_scope(user)
    if pk.position.level == "kepala_daerah":
        return scope.covers(None, APPROVERS_TOP)
    return scope.covers(_pk_unit(pk), APPROVERS_OPD) or scope.pemda_wide(APPROVERS_TOP)


workflow = Workflow(
    action_prefix="sakip.pk",
    states=dict(PkStatus.choices),
    transitions=[
        Transition("submit", gettext_lazy("Submit"), frozenset({"draft"}), "submitted", may_edit),
        Transition(
            "return",
            gettext_lazy("Return for correction"),
            frozenset({"submitted", "approved"}),
            "draft",
            may_approve,
            requires_note=True,
        ),
        Transition(
            "approve", gettext_lazy("Approve"), frozenset({"submitted"}), "approved", may_approve
        ),
        Transition(
            "sign", gettext_lazy("Record signing"), frozenset({"approved"}), "signed", may_approve
        ),
    ],
    unit_of=_pk_unit,
)


# --- parties ----------------------------------------------------------------------------------


def superior_of(position: Position) -> Position | None:
    """The second party: the named superior position, else the head of the parent unit (for a
    head) or of the own unit (for staff)."""
    if position.superior_id:
        return position.superior
    if position.level == "kepala_daerah":
        return None
    unit = position.unit.parent if position.is_head else position.unit
    if unit is None:
        return None
    return (
        Position.objects.filter(unit=unit, is_head=True, is_active=True)
        .exclude(pk=position.pk)
        .first()
    )


@dataclass(frozen=True)
class Party:
    name: str
    title: str
    nip: str
    pangkat: str
    acting: str  # "", "plt", "plh"

    @property
    def display_title(self) -> str:
        return f"{self.acting.capitalize()}. {self.title}" if self.acting else self.title


def party_of(position: Position | None, day: dt.date) -> Party | None:
    if position is None:
        return None
    holders = list(
        Assignment.objects.current_on(day).filter(position=position).select_related("person")
    )
    acting = [a for a in holders if a.is_acting]
    holder = (acting or holders or [None])[0]
    if holder is None:
        return None
    return Party(
        name=holder.person.name,
        title=position.title,
        nip=holder.person.nip,
        pangkat=holder.person.pangkat,
        acting=holder.kind if holder.is_acting else "",
    )


# --- drafts -----------------------------------------------------------------------------------


def _period_for(pemda_id: int, year: int) -> PlanPeriod:
    period = (
        PlanPeriod.objects.filter(pemda_id=pemda_id, start_year__lte=year, end_year__gte=year)
        .order_by("-is_active", "-start_year")
        .first()
    )
    if period is None:
        raise ValidationError(
            {"year": _("No plan period covers the year %(year)s.") % {"year": year}}
        )
    return period


def _year_targets(pemda_id: int, year: int, indicator_ids: list[int]) -> dict[int, tuple]:
    """(value, value_max, text) per indicator: the current Renja's target, else the Renstra's."""
    out: dict[int, tuple] = {}
    for t in Target.objects.filter(pemda_id=pemda_id, year=year, indicator_id__in=indicator_ids):
        out[t.indicator_id] = (t.value, t.value_max, t.text_value)
    for t in RenjaTarget.objects.filter(
        pemda_id=pemda_id, renja__year=year, renja__is_current=True, indicator_id__in=indicator_ids
    ):
        out[t.indicator_id] = (t.value, t.value_max, t.text_value)
    return out


def _pagu(pemda_id: int, year: int) -> dict[int, Decimal]:
    return {
        line.node_id: line.pagu
        for line in RenjaLine.objects.filter(
            pemda_id=pemda_id, renja__year=year, renja__is_current=True
        ).only("node_id", "pagu")
        if line.pagu is not None
    }


def _amount(
    node: Node, nodes_by_parent: dict[int, list[Node]], pagu: dict[int, Decimal]
) -> Decimal:
    if node.pk in pagu:
        return pagu[node.pk]
    return sum(
        (_amount(child, nodes_by_parent, pagu) for child in nodes_by_parent.get(node.pk, [])),
        Decimal(0),
    )


def generate_drafts(*, actor, pemda: OrgUnit, year: int, opd: OrgUnit | None = None) -> list:
    """A draft PK for `year` for every position owning nodes (of `opd` only, when given) that has
    no PK for the year yet. Returns the new PKs."""
    period = _period_for(pemda.pk, year)
    nodes = list(
        Node.objects.filter(pemda_id=pemda.pk)
        .filter(Q(rpjmd__period=period) | Q(renstra__period=period))
        .select_related("owner_position__unit", "nomenclature")
        .order_by("tree_id", "lft")
    )
    if Renja.objects.filter(pemda_id=pemda.pk, year=year, is_current=True).exists():
        # Only what the year's Renja carries (plus the RPJMD tree, which has no Renja).
        active = set(
            RenjaLine.objects.filter(
                pemda_id=pemda.pk, renja__year=year, renja__is_current=True
            ).values_list("node_id", flat=True)
        )
        renja_opds = set(
            Renja.objects.filter(pemda_id=pemda.pk, year=year, is_current=True).values_list(
                "renstra__opd_id", flat=True
            )
        )
        nodes = [n for n in nodes if n.rpjmd_id or n.opd_id not in renja_opds or n.pk in active]
    by_parent: dict[int, list[Node]] = {}
    for n in nodes:
        by_parent.setdefault(n.parent_id, []).append(n)
    owned: dict[int, list[Node]] = {}
    # A node without its own owner is carried by its nearest owned ancestor (tree order puts
    # parents first).
    owner_of: dict[int, Position | None] = {}
    for n in nodes:
        pos = n.owner_position or owner_of.get(n.parent_id)
        owner_of[n.pk] = pos
        if pos is None or n.node_level not in LINE_LEVELS.get(pos.level, ()):
            continue
        if opd is not None and pos.opd_id != opd.pk and pos.unit_id != opd.pk:
            continue
        owned.setdefault(pos.pk, []).append(n)
    existing = set(
        PerjanjianKinerja.objects.filter(pemda_id=pemda.pk, year=year).values_list(
            "position_id", flat=True
        )
    )
    indicators: dict[int, list[Indicator]] = {}
    for ind in Indicator.objects.filter(node_id__in=[n.pk for ns in owned.values() for n in ns]):
        indicators.setdefault(ind.node_id, []).append(ind)
    for inds in indicators.values():
        inds.sort(key=lambda i: (i.sort_order, i.pk))
    targets = _year_targets(pemda.pk, year, [i.pk for inds in indicators.values() for i in inds])
    pagu = _pagu(pemda.pk, year)
    created = []
    lines: list[PkLine] = []
    budget_lines: list[PkBudgetLine] = []
    user = actor if actor is not None and actor.is_authenticated else None
    with transaction.atomic():
        for pos_id, pos_nodes in owned.items():
            if pos_id in existing:
                continue
            position = owner_of[pos_nodes[0].pk]
            pk = PerjanjianKinerja.objects.create(
                pemda_id=pemda.pk,
                year=year,
                position=position,
                opd=position.opd if position.opd_id else None,
                unit=position.unit,
                superior_position=superior_of(position),
            )
            pk_lines = _lines_of(pk, pos_nodes, indicators, targets)
            lines += pk_lines
            budget_nodes = [n for n in pos_nodes if n.node_level in BUDGET_LEVELS]
            if position.level == "jpt":
                budget_nodes = [
                    n
                    for n in nodes
                    if n.node_level == NodeLevel.PROGRAM
                    and n.renstra_id
                    and n.opd_id == position.opd_id
                ]
            budget_lines += [
                PkBudgetLine(
                    pemda_id=pemda.pk,
                    pk_doc=pk,
                    number=number,
                    node=n,
                    level=n.node_level,
                    item_code=n.nomenclature.code if n.nomenclature_id else n.number,
                    name=n.statement,
                    amount=_amount(n, by_parent, pagu),
                )
                for number, n in enumerate(budget_nodes, start=1)
            ]
            log_action(
                action="sakip.pk.generated",
                actor=actor,
                obj=pk,
                pemda_id=pemda.pk,
                unit_id=pk.opd_id,
                data={"year": year, "lines": len(pk_lines)},
            )
            created.append(pk)
        # Written in bulk (with their history rows): a Pemda's drafts are thousands of lines.
        bulk_create_with_history(lines, PkLine, batch_size=1000, default_user=user)
        bulk_create_with_history(budget_lines, PkBudgetLine, batch_size=1000, default_user=user)
    return created


def _lines_of(pk, nodes, indicators, targets) -> list[PkLine]:
    """The PK's lines (unsaved): one per indicator of its nodes, with the year's plan target."""
    lines = []
    for n in nodes:
        for ind in indicators.get(n.pk, []):
            value, value_max, text = targets.get(ind.pk, (None, None, ""))
            lines.append(
                PkLine(
                    pemda_id=pk.pemda_id,
                    pk_doc=pk,
                    number=len(lines) + 1,
                    node=n,
                    indicator=ind,
                    statement=n.statement,
                    indicator_name=ind.name,
                    unit=ind.unit,
                    target=value,
                    target_max=value_max,
                    target_text=text or "",
                    plan_target=value,
                    plan_target_text=text or "",
                    is_iku=ind.is_iku,
                    polarity=ind.polarity,
                    aggregation=ind.aggregation,
                )
            )
    return lines


# --- editing ----------------------------------------------------------------------------------


def _refuse_frozen(pk: PerjanjianKinerja) -> None:
    if pk.status != PkStatus.DRAFT:
        if pk.is_frozen:
            raise ValidationError(
                _("This PK is signed and frozen; only a revision (PK perubahan) can change it.")
            )
        raise ValidationError(_("Only a draft can be edited; return it to draft first."))


def line_update(
    *,
    actor,
    line: PkLine,
    target: Decimal | None,
    target_text: str = "",
    target_reason: str = "",
    expected_version: int | None = None,
) -> PkLine:
    pk = line.pk_doc
    if not may_edit(actor, pk):
        raise PermissionDenied
    _refuse_frozen(pk)
    target_text = (target_text or "").strip()
    target_reason = (target_reason or "").strip()
    if target is None and not target_text:
        raise ValidationError({"target": _("Enter the target.")})
    differs = (target != line.plan_target) or (target_text != line.plan_target_text)
    if differs and (line.plan_target is not None or line.plan_target_text) and not target_reason:
        raise ValidationError(
            {"target_reason": _("The target differs from the Renja: explain why.")}
        )
    before = {"target": str(line.target), "target_text": line.target_text}
    line.target = target
    line.target_text = target_text
    line.target_reason = target_reason if differs else ""
    save_versioned(
        line, expected_version=expected_version, fields=["target", "target_text", "target_reason"]
    )
    log_action(
        action="sakip.pk.line_changed",
        actor=actor,
        obj=line,
        pemda_id=pk.pemda_id,
        unit_id=pk.opd_id,
        data={"before": before, "after": {"target": str(target), "target_text": target_text}},
    )
    return line


# --- workflow ---------------------------------------------------------------------------------


def transition(
    *,
    actor,
    pk: PerjanjianKinerja,
    name: str,
    note: str = "",
    expected_version=None,
    place: str = "",
):
    """Apply a workflow step; `sign` goes through `sign` below."""
    if name == "sign":
        return sign(actor=actor, pk=pk, place=place, expected_version=expected_version)
    try:
        return workflow.apply(pk, name, user=actor, note=note, expected_version=expected_version)
    except WorkflowError as exc:
        raise ValidationError(str(exc)) from exc


def sign_problems(pk: PerjanjianKinerja, day: dt.date) -> list[str]:
    problems = []
    if party_of(pk.position, day) is None:
        problems.append(
            _("The position “%(title)s” has no holder: assign one before signing.")
            % {"title": pk.position.title}
        )
    if pk.position.level != "kepala_daerah":
        if pk.superior_position_id is None:
            problems.append(_("The PK has no superior position (second party)."))
        elif party_of(pk.superior_position, day) is None:
            problems.append(
                _("The superior position “%(title)s” has no holder: assign one before signing.")
                % {"title": pk.superior_position.title}
            )
    lines = list(pk.lines.all())
    if not lines:
        problems.append(_("The PK has no lines."))
    missing = [str(line.number) for line in lines if line.target is None and not line.target_text]
    if missing:
        problems.append(_("Lines without a target: %(numbers)s.") % {"numbers": ", ".join(missing)})
    return problems


def _new_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        code = "".join(secrets.choice(alphabet) for _i in range(10))
        if not PerjanjianKinerja.objects.filter(verification_code=code).exists():
            return code


def sign(
    *,
    actor,
    pk: PerjanjianKinerja,
    place: str = "",
    day: dt.date | None = None,
    expected_version: int | None = None,
    enqueue_pdf: bool = True,
) -> PerjanjianKinerja:
    """Record the signing: both parties as they are today, frozen; the PDF is rendered by a job."""
    day = day or timezone.localdate()
    if not may_approve(actor, pk):
        raise PermissionDenied
    if pk.status != PkStatus.APPROVED:
        raise ValidationError(_("Only an approved PK can be signed."))
    problems = sign_problems(pk, day)
    if problems:
        raise ValidationError(problems)
    first = party_of(pk.position, day)
    second = party_of(pk.superior_position, day) if pk.superior_position_id else None
    pemda = OrgUnit.objects.get(pk=pk.pemda_id)
    with transaction.atomic():
        workflow.apply(pk, "sign", user=actor, expected_version=expected_version)
        pk.first_party_name = first.name
        pk.first_party_title = first.title
        pk.first_party_nip = first.nip
        pk.first_party_pangkat = first.pangkat
        pk.first_party_acting = first.acting
        if second:
            pk.second_party_name = second.name
            pk.second_party_title = second.title
            pk.second_party_nip = second.nip
            pk.second_party_pangkat = second.pangkat
            pk.second_party_acting = second.acting
        pk.signed_place = (place or "").strip() or pemda.place or pemda.name
        pk.signed_on = day
        pk.signed_at = timezone.now()
        pk.verification_code = _new_code()
        pk.save()
        if pk.previous_id:
            PerjanjianKinerja.objects.filter(pk=pk.previous_id).update(status=PkStatus.SUPERSEDED)
        if enqueue_pdf and actor is not None:
            from apps.agreements.tasks import render_pk_pdf_task
            from apps.core.jobs import job_start

            job_start(
                kind="pk_pdf",
                owner=actor,
                pemda_id=pk.pemda_id,
                task=render_pk_pdf_task,
                params={"pk": pk.pk},
            )
    return pk


def store_pdf(pk_id: int) -> tuple[str, bytes]:
    """Render the signed PK's PDF once and keep it with its SHA-256; a second call returns the
    stored file unchanged (the issued document never changes)."""
    from apps.agreements.pdf import render_pk_pdf

    pk = PerjanjianKinerja.objects.get(pk=pk_id)
    if not pk.is_frozen:
        raise ValidationError(_("Only a signed PK has a PDF."))
    name = f"pk-{pk.year}-{pk.verification_code}.pdf"
    if pk.pdf:
        with pk.pdf.open("rb") as fh:
            return name, fh.read()
    content = render_pk_pdf(pk)
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        locked = PerjanjianKinerja.objects.select_for_update().get(pk=pk_id)
        if locked.pdf:
            with locked.pdf.open("rb") as fh:
                return name, fh.read()
        locked.pdf.save(name, ContentFile(content), save=False)
        locked.pdf_sha256 = digest
        locked.save(update_fields=["pdf", "pdf_sha256", "updated_at"])
        # Not an edit (no activity log entry), but the PK's page now offers the file.
        revisions.bump(locked.pemda_id)
    return name, content


# --- revisions --------------------------------------------------------------------------------


def revise(*, actor, pk: PerjanjianKinerja, reason: str, note: str = "") -> PerjanjianKinerja:
    """PK perubahan: a new draft version with the lines copied; signed, it supersedes `pk`."""
    if not may_edit(actor, pk):
        raise PermissionDenied
    if pk.status != PkStatus.SIGNED:
        raise ValidationError(_("Only the signed, current version of a PK can be revised."))
    if reason not in RevisionReason.values:
        raise ValidationError({"reason": _("Choose the reason for the revision.")})
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Describe what changes and why.")})
    if PerjanjianKinerja.objects.filter(previous=pk).exists():
        raise ValidationError(_("A revision of this PK is already in preparation."))
    with transaction.atomic():
        new = PerjanjianKinerja.objects.create(
            pemda_id=pk.pemda_id,
            year=pk.year,
            position=pk.position,
            opd=pk.opd,
            unit=pk.unit,
            superior_position=superior_of(pk.position) or pk.superior_position,
            version_number=pk.version_number + 1,
            previous=pk,
            revision_reason=reason,
            revision_note=note,
        )
        for line in pk.lines.prefetch_related("quarters"):
            quarters = list(line.quarters.all())
            old_pk = line.pk
            line.pk = None
            line.id = None
            line._state.adding = True
            line.pk_doc = new
            line.version = 1
            _fresh_code(line)
            line.save()
            for q in quarters:
                q.pk = None
                q.id = None
                q._state.adding = True
                q.line = line
                q.version = 1
                _fresh_code(q)
                q.save()
            del old_pk
        for b in pk.budget_lines.all():
            b.pk = None
            b.id = None
            b._state.adding = True
            b.pk_doc = new
            b.version = 1
            _fresh_code(b)
            b.save()
        log_action(
            action="sakip.pk.revised",
            actor=actor,
            obj=new,
            pemda_id=pk.pemda_id,
            unit_id=pk.opd_id,
            data={"from_version": pk.version_number, "reason": reason, "note": note},
        )
    return new


def _fresh_code(obj) -> None:
    import uuid

    obj.code = uuid.uuid4()


# --- Rencana Aksi -----------------------------------------------------------------------------


def check_quarters(line: PkLine, quarters: list[dict]) -> dict[str, str]:
    """Errors per field ("q1_target"...) of quarterly targets inconsistent with the annual one."""
    errors: dict[str, str] = {}
    if line.target_text and line.target is None:
        # A qualitative scale: TW IV must reach the agreed label.
        q4 = (quarters[3].get("target_text") or "").strip()
        if q4 != line.target_text:
            errors["q4_target_text"] = _(
                "TW IV must equal the annual target “%(target)s” (a qualitative target)."
            ) % {"target": line.target_text}
        return errors
    values = [q.get("target") for q in quarters]
    for i, v in enumerate(values, start=1):
        if v is None:
            errors[f"q{i}_target"] = _("Enter the TW %(n)s target.") % {
                "n": ["I", "II", "III", "IV"][i - 1]
            }
    if errors or line.target is None:
        return errors
    if line.aggregation == "kumulatif":
        total = sum(values, Decimal(0))
        if total != line.target:
            errors["q4_target"] = _(
                "Cumulative indicator: TW I–IV must add up to the annual target %(target)s "
                "(they add up to %(total)s)."
            ) % {"target": _num(line.target), "total": _num(total)}
    elif values[3] != line.target:
        errors["q4_target"] = _(
            "TW IV must equal the annual target %(target)s for this indicator."
        ) % {"target": _num(line.target)}
    return errors


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f") if value is not None else "–"


def action_plan_save(
    *, actor, line: PkLine, quarters: list[dict], expected_version: int | None = None
) -> PkLine:
    """Save TW I–IV (target, target_text, actions) of a line at once, checked against the annual
    target; the line's version guards the four rows together."""
    pk = line.pk_doc
    if not may_edit(actor, pk):
        raise PermissionDenied
    _refuse_frozen(pk)
    if len(quarters) != 4:
        raise ValidationError(_("Give the four quarters TW I–IV."))
    errors = check_quarters(line, quarters)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        save_versioned(line, expected_version=expected_version, fields=[])
        existing = {q.quarter: q for q in line.quarters.all()}
        for number, data in enumerate(quarters, start=1):
            row = existing.get(number) or ActionPlanQuarter(
                pemda_id=pk.pemda_id, line=line, quarter=number
            )
            row.target = data.get("target")
            row.target_text = (data.get("target_text") or "").strip()
            row.actions = (data.get("actions") or "").strip()
            row.save()
        log_action(
            action="sakip.pk.action_plan_set",
            actor=actor,
            obj=line,
            pemda_id=pk.pemda_id,
            unit_id=pk.opd_id,
            data={
                "quarters": [str(q.get("target") or q.get("target_text") or "") for q in quarters]
            },
        )
    return line
