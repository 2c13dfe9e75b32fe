"""Every write of the measurement app: realisations (one, or a whole grid / workbook at once),
the verification workflow, evidence files, window reopenings, budget realisation and the Pemda's
measurement settings.

Views, the Excel import and the API call these functions after looking objects up through the
scoped selectors. Each takes the acting user as `actor`, raises ValidationError with per-field
messages (or BulkError with per-row messages) for bad input, StaleVersionError for a stale
`expected_version`, WorkflowError / PermissionDenied for what the state or role does not allow,
and changes nothing when it refuses.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.activity import log_action
from apps.core.concurrency import StaleVersionError, save_versioned
from apps.core.numbers import check_bounds, parse_decimal, parse_money
from apps.core.uploads import EVIDENCE_TYPES, check_upload, max_evidence_bytes, sniff  # noqa: F401
from apps.core.workflow import Transition, Workflow, WorkflowError
from apps.measurement import selectors
from apps.measurement.models import (
    BudgetRealisation,
    Evidence,
    MeasurementSettings,
    Realisation,
    RealisationStatus,
    WindowReopening,
)
from apps.organisations.models import OrgUnit, QuarterWindow
from apps.performance.models import Indicator, Node, NodeLevel, ValueType

EDITABLE = frozenset({RealisationStatus.DRAFT, RealisationStatus.RETURNED})


class BulkError(Exception):
    """A grid or workbook refused as a whole: `errors` lists (row, field, message), rows counted
    from 1 as the user sees them."""

    def __init__(self, errors: list[tuple[int, str, str]]):
        self.errors = errors
        super().__init__(
            _("Nothing was saved: %(count)s rows have errors.") % {"count": len(errors)}
        )


# --- helpers ----------------------------------------------------------------------------------


def unit_of(indicator: Indicator) -> OrgUnit:
    """The unit a realisation belongs to: the indicator's OPD, or the Pemda root for the RPJMD."""
    node = indicator.node
    return node.opd if node.opd_id else OrgUnit.objects.get(pk=indicator.pemda_id)


def _check_quarter(quarter: Any) -> int:
    try:
        quarter = int(quarter)
    except (TypeError, ValueError) as exc:
        raise ValidationError({"quarter": _("Choose a quarter (1 to 4).")}) from exc
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("Choose a quarter (1 to 4).")})
    return quarter


def check_window(
    *, pemda_id: int, unit_id: int, year: int, quarter: int, today: dt.date | None = None
) -> None:
    """Refuse entry outside the quarter's window (and any reopening for this OPD)."""
    state = selectors.windows(pemda_id=pemda_id, year=year, unit_id=unit_id, today=today)[quarter]
    if state.is_open:
        return
    if state.opens_on is None:
        raise ValidationError(
            {"quarter": _("No entry window is set for this quarter; ask Bappeda to set one.")}
        )
    if state.today < state.opens_on:
        raise ValidationError(
            {
                "quarter": _("Entry for TW %(q)s opens on %(day)s.")
                % {"q": quarter, "day": state.opens_on.strftime("%d-%m-%Y")}
            }
        )
    raise ValidationError(
        {
            "quarter": _(
                "Entry for TW %(q)s closed on %(day)s. Ask Bappeda to reopen the window for your "
                "OPD."
            )
            % {"q": quarter, "day": (state.until or state.closes_on).strftime("%d-%m-%Y")}
        }
    )


def clean_value(indicator: Indicator, raw: Any, *, field: str = "value") -> dict[str, Any]:
    """A realisation as stored ({value, text_value}); both empty for an empty entry. A number must
    be a number within the indicator's valid range; a scale value one of the scale's levels."""
    if indicator.value_type == ValueType.SCALE:
        text = str(raw).strip() if raw is not None else ""
        if not text:
            return {"value": None, "text_value": ""}
        labels = indicator.scale.labels if indicator.scale_id else []
        match = next((label for label in labels if label.upper() == text.upper()), None)
        if match is None:
            raise ValidationError(
                {field: _("Choose one of: %(labels)s.") % {"labels": ", ".join(labels)}}
            )
        return {"value": None, "text_value": match}
    number = parse_decimal(
        raw,
        field=field,
        message=_("The realisation must be a number (for example 75 or 75,5)."),
    )
    if number is not None:
        check_bounds(number, indicator.min_value, indicator.max_value, field)
    return {"value": number, "text_value": ""}


def _text(value: Any, limit: int = 5000) -> str:
    text = str(value or "").strip()
    return text[:limit]


# --- realisations -----------------------------------------------------------------------------


def _measure_of(indicator: Indicator, year: int) -> selectors.Measure | None:
    found = selectors.measures(
        pemda_id=indicator.pemda_id,
        year=year,
        opd_ids=[indicator.node.opd_id] if indicator.node.opd_id else [],
        pemda_level=not indicator.node.opd_id,
        indicator_ids=[indicator.pk],
        with_realisations=False,
    )
    return found[0] if found else None


def _has_target(measure: selectors.Measure) -> bool:
    """A Renja copies every indicator of its lines, also those without a target for the year."""
    return measure.target is not None or bool(measure.target_text)


def _no_target_error(year: int) -> ValidationError:
    return ValidationError(
        {"indicator": _("This indicator has no target for %(year)s.") % {"year": year}}
    )


def _check_measured(indicator: Indicator, year: int, quarter: int) -> None:
    measure = _measure_of(indicator, year)
    if measure is None or not _has_target(measure):
        raise _no_target_error(year)
    if quarter not in measure.quarters:
        raise ValidationError(
            {"quarter": _("This indicator is measured at year end only (TW IV).")}
        )


def realisation_save(
    *,
    actor,
    indicator: Indicator,
    year: int,
    quarter: Any,
    value: Any,
    obstacle: Any = "",
    solution: Any = "",
    expected_version: int | None = None,
    today: dt.date | None = None,
    _checked: bool = False,
) -> Realisation:
    """Create or change one realisation (draft or returned only, inside the window)."""
    if not selectors.may_enter(actor, indicator):
        raise PermissionDenied
    quarter = _check_quarter(quarter)
    unit = unit_of(indicator)
    if not _checked:
        _check_measured(indicator, year, quarter)
    cleaned = clean_value(indicator, value)
    data = {**cleaned, "obstacle": _text(obstacle), "solution": _text(solution)}
    with transaction.atomic():
        row = (
            Realisation.objects.select_for_update()
            .filter(pemda_id=indicator.pemda_id, indicator=indicator, year=year, quarter=quarter)
            .first()
        )
        if row is not None and expected_version is not None and row.version != expected_version:
            raise StaleVersionError(row)
        if row is None and expected_version not in (None, 0):
            # The user edited a row that someone else has since deleted: cannot happen (rows are
            # never deleted), but a forged version must not create silently.
            raise ValidationError({"value": _("This realisation does not exist.")})
        unchanged = row is not None and all(getattr(row, k) == v for k, v in data.items())
        if unchanged:
            return row
        if row is not None and row.status not in EDITABLE:
            raise ValidationError(
                {
                    "value": _(
                        "This realisation is %(status)s and locked; it can be changed only after "
                        "the verifier returns it."
                    )
                    % {"status": row.get_status_display().lower()}
                }
            )
        check_window(
            pemda_id=indicator.pemda_id, unit_id=unit.pk, year=year, quarter=quarter, today=today
        )
        if row is None:
            if data["value"] is None and not data["text_value"]:
                raise ValidationError({"value": _("Enter the realisation.")})
            row = Realisation(
                pemda_id=indicator.pemda_id,
                indicator=indicator,
                opd=unit,
                year=year,
                quarter=quarter,
                entered_by=actor if getattr(actor, "is_authenticated", False) else None,
                **data,
            )
            row.full_clean(exclude=["indicator", "opd", "entered_by", "verified_by"])
            row.save()
            changes = {
                k: {"old": "", "new": str(v)} for k, v in data.items() if v not in ("", None)
            }
            action = "sakip.realisation.created"
        else:
            changes = {
                k: {"old": str(getattr(row, k) or ""), "new": str(v or "")}
                for k, v in data.items()
                if getattr(row, k) != v
            }
            for k, v in data.items():
                setattr(row, k, v)
            row.entered_by = actor if getattr(actor, "is_authenticated", False) else row.entered_by
            save_versioned(row, expected_version=row.version, fields=[*data, "entered_by"])
            action = "sakip.realisation.changed"
        log_action(
            action=action,
            actor=actor,
            obj=row,
            pemda_id=row.pemda_id,
            unit_id=unit.pk,
            data={"changes": changes},
        )
    return row


@dataclass(frozen=True)
class GridRow:
    """One row of a grid paste or an uploaded workbook, as the user typed it."""

    row: int  # 1-based, as the user sees it
    indicator: str  # the indicator's code (UUID)
    value: Any
    obstacle: Any = ""
    solution: Any = ""
    version: int | None = None


def realisations_save(
    *,
    actor,
    pemda_id: int,
    year: int,
    quarter: Any,
    rows: Iterable[GridRow],
    opd: OrgUnit | None = None,
    today: dt.date | None = None,
) -> list[Realisation]:
    """A whole grid (or workbook) of one quarter: every row is checked, and either all are saved
    or none (BulkError listing every bad row). Rows left empty that were never entered are
    skipped; rows unchanged are left as they are (a locked row may be repeated unchanged)."""
    quarter = _check_quarter(quarter)
    rows = list(rows)
    # `opd` None: any OPD of the Pemda; the Pemda root: the RPJMD's own indicators.
    is_root = opd is not None and opd.parent_id is None
    measured = {
        m.code: m
        for m in selectors.measures(
            pemda_id=pemda_id,
            year=year,
            opd_ids=None if opd is None else ([] if is_root else [opd.pk]),
            pemda_level=opd is None or is_root,
        )
    }
    errors: list[tuple[int, str, str]] = []
    saved: list[Realisation] = []
    with transaction.atomic():
        for grid_row in rows:
            measure = measured.get(str(grid_row.indicator).strip())
            if measure is None:
                errors.append(
                    (
                        grid_row.row,
                        "indicator",
                        _("Unknown indicator for this OPD and year: %(code)s")
                        % {"code": grid_row.indicator},
                    )
                )
                continue
            existing = measure.realisations.get(quarter)
            empty = grid_row.value is None or str(grid_row.value).strip() == ""
            if (
                existing is None
                and empty
                and not _text(grid_row.obstacle)
                and not _text(grid_row.solution)
            ):
                continue
            if quarter not in measure.quarters:
                errors.append(
                    (
                        grid_row.row,
                        "quarter",
                        _("This indicator is measured at year end only (TW IV)."),
                    )
                )
                continue
            if not _has_target(measure):
                errors.append(
                    (grid_row.row, "indicator", " ".join(_no_target_error(year).messages))
                )
                continue
            try:
                with transaction.atomic():
                    saved.append(
                        realisation_save(
                            actor=actor,
                            indicator=measure.indicator,
                            year=year,
                            quarter=quarter,
                            value=grid_row.value,
                            obstacle=grid_row.obstacle,
                            solution=grid_row.solution,
                            expected_version=grid_row.version,
                            today=today,
                            _checked=True,
                        )
                    )
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    errors.append((grid_row.row, name, " ".join(messages)))
            except StaleVersionError as exc:
                errors.append(
                    (
                        grid_row.row,
                        "value",
                        _(
                            "Someone else saved this row meanwhile (now %(value)s); reload "
                            "and try again."
                        )
                        % {"value": exc.current.text_value or exc.current.value},
                    )
                )
            except PermissionDenied:
                errors.append((grid_row.row, "indicator", _("You may not enter this indicator.")))
        if errors:
            raise BulkError(errors)
    return saved


# --- verification -----------------------------------------------------------------------------


def _may_submit(user, row: Realisation) -> bool:
    return selectors.may_enter(user, row.indicator)


def _may_verify(user, row: Realisation) -> bool:
    return selectors.may_verify(user, row.indicator)


workflow = Workflow(
    action_prefix="sakip.realisation",
    states=dict(RealisationStatus.choices),
    transitions=[
        Transition(
            "submit",
            gettext_lazy("Submit for verification"),
            frozenset({RealisationStatus.DRAFT, RealisationStatus.RETURNED}),
            RealisationStatus.SUBMITTED,
            _may_submit,
        ),
        Transition(
            "verify",
            gettext_lazy("Verify"),
            frozenset({RealisationStatus.SUBMITTED}),
            RealisationStatus.VERIFIED,
            _may_verify,
        ),
        Transition(
            "return",
            gettext_lazy("Return with notes"),
            frozenset({RealisationStatus.SUBMITTED}),
            RealisationStatus.RETURNED,
            _may_verify,
            requires_note=True,
        ),
        Transition(
            "reopen",
            gettext_lazy("Unlock for correction"),
            frozenset({RealisationStatus.VERIFIED}),
            RealisationStatus.RETURNED,
            _may_verify,
            requires_note=True,
        ),
    ],
    unit_of=lambda row: row.opd,
)


def realisation_transition(
    *,
    actor,
    realisation: Realisation,
    action: str,
    note: str = "",
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> Realisation:
    """Submit (inside the window, with a value), verify, return with a note, or unlock a verified
    value with a note. The step is recorded with who and when."""
    row = realisation
    if action == "submit":
        if row.value is None and not row.text_value:
            raise WorkflowError(_("Enter the realisation before submitting it."))
        check_window(
            pemda_id=row.pemda_id,
            unit_id=row.opd_id,
            year=row.year,
            quarter=row.quarter,
            today=today,
        )
    now = timezone.now()
    # A refused step must leave the caller's object as it was (not only the database).
    before = {
        name: getattr(row, name)
        for name in (
            "status",
            "version",
            "submitted_at",
            "return_note",
            "verified_by_id",
            "verified_at",
        )
    }
    try:
        with transaction.atomic():
            if action == "submit":
                row.submitted_at = now
                row.return_note = ""
            elif action == "verify":
                row.verified_by = actor
                row.verified_at = now
            elif action in {"return", "reopen"}:
                row.return_note = (note or "").strip()
                row.verified_by = None
                row.verified_at = None
            workflow.apply(row, action, user=actor, note=note, expected_version=expected_version)
            Realisation.objects.filter(pk=row.pk).update(
                submitted_at=row.submitted_at,
                return_note=row.return_note,
                verified_by=row.verified_by,
                verified_at=row.verified_at,
            )
    except Exception:
        for name, value in before.items():
            setattr(row, name, value)
        row._state.fields_cache.pop("verified_by", None)
        raise
    return row


def realisations_transition(
    *, actor, realisations: Iterable[Realisation], action: str, note: str = ""
) -> int:
    """One step on many rows (submit a whole quarter, verify a whole page): all or nothing."""
    count = 0
    with transaction.atomic():
        for row in realisations:
            realisation_transition(actor=actor, realisation=row, action=action, note=note)
            count += 1
    return count


# --- evidence ---------------------------------------------------------------------------------


def _check_evidence_allowed(row: Realisation, today: dt.date | None) -> None:
    if row.status not in EDITABLE:
        raise ValidationError(
            {"file": _("The realisation is locked; evidence can no longer be changed.")}
        )
    check_window(
        pemda_id=row.pemda_id, unit_id=row.opd_id, year=row.year, quarter=row.quarter, today=today
    )


def evidence_add(
    *, actor, realisation: Realisation, name: str, content: bytes, today: dt.date | None = None
) -> Evidence:
    """Store one evidence file through Django's storage API after checking its size and its real
    type (the content must be what the extension says)."""
    row = realisation
    if not selectors.may_enter(actor, row.indicator):
        raise PermissionDenied
    checked = check_upload(name, content)
    _check_evidence_allowed(row, today)
    original, digest = checked.original_name, checked.sha256
    with transaction.atomic():
        evidence = Evidence(
            pemda_id=row.pemda_id,
            realisation=row,
            original_name=original,
            content_type=checked.content_type,
            size=checked.size,
            sha256=digest,
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        evidence.file.save(
            get_valid_filename(original) or f"evidence{checked.ext}",
            ContentFile(content),
            save=False,
        )
        evidence.save()
        log_action(
            action="sakip.evidence.added",
            actor=actor,
            obj=evidence,
            pemda_id=row.pemda_id,
            unit_id=row.opd_id,
            data={"realisation": str(row.code), "sha256": digest, "size": len(content)},
        )
    return evidence


def evidence_remove(*, actor, evidence: Evidence, today: dt.date | None = None) -> Evidence:
    """Hide an evidence file (the file and its row stay: nothing is lost)."""
    row = evidence.realisation
    if not selectors.may_enter(actor, row.indicator):
        raise PermissionDenied
    if evidence.deleted_at is not None:
        return evidence
    _check_evidence_allowed(row, today)
    with transaction.atomic():
        evidence.deleted_at = timezone.now()
        evidence.deleted_by = actor if getattr(actor, "is_authenticated", False) else None
        save_versioned(
            evidence, expected_version=evidence.version, fields=["deleted_at", "deleted_by"]
        )
        log_action(
            action="sakip.evidence.removed",
            actor=actor,
            obj=evidence,
            pemda_id=row.pemda_id,
            unit_id=row.opd_id,
        )
    return evidence


# --- windows ----------------------------------------------------------------------------------


def window_reopen(
    *, actor, window: QuarterWindow, opd: OrgUnit, until: Any, reason: Any
) -> WindowReopening:
    """Bappeda reopens a quarter for one OPD until a date, with the reason on record."""
    if not selectors.may_reopen_window(actor, window.pemda_id) or opd.pemda_id != window.pemda_id:
        raise PermissionDenied
    if opd.parent_id is not None and opd.unit_type != "opd":
        raise ValidationError({"opd": _("Windows are reopened for an OPD.")})
    if isinstance(until, str):
        try:
            until = dt.date.fromisoformat(until.strip())
        except ValueError as exc:
            raise ValidationError({"until": _("Enter a date.")}) from exc
    if not isinstance(until, dt.date):
        raise ValidationError({"until": _("Enter a date.")})
    if until < timezone.localdate():
        raise ValidationError({"until": _("The date must not be in the past.")})
    reason = _text(reason)
    if not reason:
        raise ValidationError({"reason": _("Write the reason for reopening.")})
    with transaction.atomic():
        row = WindowReopening.objects.create(
            pemda_id=window.pemda_id,
            window=window,
            opd=opd,
            until=until,
            reason=reason,
            reopened_by=actor,
        )
        log_action(
            action="sakip.window.reopened",
            actor=actor,
            obj=row,
            pemda_id=window.pemda_id,
            unit_id=opd.pk,
            data={"quarter": window.quarter, "until": until.isoformat(), "reason": reason},
        )
    return row


# --- budget -----------------------------------------------------------------------------------


def _check_budget_node(actor, node: Node) -> None:
    if node.node_level != NodeLevel.SUBKEGIATAN or not node.opd_id:
        raise ValidationError({"node": _("Budget realisation is entered per sub kegiatan.")})
    if not selectors.may_enter_budget(actor, node):
        raise PermissionDenied


def budget_save(
    *,
    actor,
    node: Node,
    year: int,
    quarter: Any,
    amount: Any,
    expected_version: int | None = None,
) -> BudgetRealisation | None:
    """Set the budget spent on a sub kegiatan in one quarter (Rp). Empty clears nothing: an
    amount once entered is corrected, never erased."""
    _check_budget_node(actor, node)
    quarter = _check_quarter(quarter)
    value = parse_money(amount, field="amount")
    with transaction.atomic():
        row = (
            BudgetRealisation.objects.select_for_update()
            .filter(pemda_id=node.pemda_id, node=node, year=year, quarter=quarter)
            .first()
        )
        if row is not None and expected_version is not None and row.version != expected_version:
            raise StaleVersionError(row)
        if value is None:
            if row is None:
                return None
            raise ValidationError({"amount": _("Enter an amount (0 when nothing was spent).")})
        if row is None:
            row = BudgetRealisation.objects.create(
                pemda_id=node.pemda_id,
                node=node,
                opd_id=node.opd_id,
                year=year,
                quarter=quarter,
                amount=value,
            )
            old = ""
        elif row.amount == value:
            return row
        else:
            old = str(row.amount)
            row.amount = value
            save_versioned(row, expected_version=row.version, fields=["amount"])
        log_action(
            action="sakip.budget_realisation.saved",
            actor=actor,
            obj=row,
            pemda_id=node.pemda_id,
            unit_id=node.opd_id,
            data={"changes": {"amount": {"old": old, "new": str(value)}}},
        )
    return row


@dataclass(frozen=True)
class BudgetRow:
    row: int
    node: str  # the sub kegiatan's code (UUID)
    quarter: Any
    amount: Any
    version: int | None = None


def budgets_save(
    *, actor, opd: OrgUnit, year: int, rows: Iterable[BudgetRow]
) -> list[BudgetRealisation]:
    """A grid or workbook of budget realisation: all rows or none (BulkError)."""
    if not selectors.may_enter_unit(actor, opd) or opd.parent_id is None:
        raise PermissionDenied
    rows = list(rows)
    codes = {str(r.node).strip() for r in rows}
    nodes = {
        str(n.code): n
        for n in Node.objects.filter(
            pemda_id=opd.pemda_id, opd=opd, node_level=NodeLevel.SUBKEGIATAN
        ).filter(code__in=[c for c in codes if _is_uuid(c)])
    }
    errors: list[tuple[int, str, str]] = []
    saved: list[BudgetRealisation] = []
    with transaction.atomic():
        for r in rows:
            node = nodes.get(str(r.node).strip())
            if node is None:
                errors.append(
                    (
                        r.row,
                        "node",
                        _("Unknown sub kegiatan for this OPD: %(code)s") % {"code": r.node},
                    )
                )
                continue
            try:
                with transaction.atomic():
                    row = budget_save(
                        actor=actor,
                        node=node,
                        year=year,
                        quarter=r.quarter,
                        amount=r.amount,
                        expected_version=r.version,
                    )
                if row is not None:
                    saved.append(row)
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    errors.append((r.row, name, " ".join(messages)))
            except StaleVersionError:
                errors.append(
                    (
                        r.row,
                        "amount",
                        _("Someone else saved this row meanwhile; reload and try again."),
                    )
                )
            except PermissionDenied:
                errors.append((r.row, "node", _("You may not enter this sub kegiatan.")))
        if errors:
            raise BulkError(errors)
    return saved


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


# --- settings ---------------------------------------------------------------------------------


def settings_update(
    *, actor, pemda: OrgUnit, data: Mapping[str, Any], expected_version: int | None = None
) -> MeasurementSettings:
    """Bappeda/admin set the Pemda's measurement rules (negative formula, cap, range penalty,
    reminder lead time)."""
    if not selectors.may_reopen_window(actor, pemda.pk):
        raise PermissionDenied
    row = MeasurementSettings.objects.filter(pemda=pemda).first()
    created = row is None
    if created:
        row = MeasurementSettings(pemda=pemda)
    changes = {}
    for name in ("negative_formula", "index_cap", "range_penalty", "reminder_days"):
        if name in data:
            value = data[name]
            if name == "index_cap" and value in ("", None):
                value = None
            elif name in {"index_cap", "reminder_days"}:
                # As stored (110, not "110"), so that an unchanged value is not logged.
                try:
                    value = MeasurementSettings._meta.get_field(name).to_python(value)
                except ValidationError as exc:
                    raise ValidationError({name: exc.messages}) from exc
            elif name == "range_penalty":
                value = parse_decimal(value, field=name, places=Decimal("0.01"))
                if value is None or value < 0:
                    raise ValidationError({name: _("Enter zero or a positive number.")})
            if getattr(row, name) != value:
                changes[name] = {"old": str(getattr(row, name)), "new": str(value)}
            setattr(row, name, value)
    row.full_clean()
    if row.index_cap is not None and row.index_cap < 100:
        raise ValidationError({"index_cap": _("A cap below 100 would punish meeting the target.")})
    with transaction.atomic():
        if created:
            row.save()
        else:
            save_versioned(row, expected_version=expected_version)
        log_action(
            action="sakip.measurement_settings.changed",
            actor=actor,
            obj=row,
            pemda_id=pemda.pk,
            data={"changes": changes},
        )
    return row


__all__ = [
    "BudgetRow",
    "BulkError",
    "GridRow",
    "budget_save",
    "budgets_save",
    "check_window",
    "clean_value",
    "evidence_add",
    "evidence_remove",
    "realisation_save",
    "realisation_transition",
    "realisations_save",
    "realisations_transition",
    "settings_update",
    "sniff",
    "window_reopen",
    "workflow",
]
