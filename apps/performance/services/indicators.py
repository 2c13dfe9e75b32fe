"""Indicators of a statement, their target per year, the indicative budget per year, and the
qualitative value scales (e.g. the BPK audit opinion).

DOMAIN.md "Statements and indicators": each indicator carries unit, polarity, aggregation over
quarters, definition/formula, data source, the responsible position, IKU/IKK flags, baseline and a
target per year of the plan period. Targets of a number indicator are numbers (within the
indicator's valid range; a range indicator has a lower and an upper bound); targets of a scale
indicator are one of the scale's levels.

A target changed after the Renstra was approved once is logged as `sakip.target.revised` with the
old and the new value (issue 3, item 10).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils.translation import gettext as _

from apps.core.activity import log_action
from apps.core.concurrency import StaleVersionError
from apps.core.numbers import check_bounds
from apps.core.services import update_versioned
from apps.organisations.models import OrgUnit, Position
from apps.performance.models import (
    Aggregation,
    Indicator,
    Node,
    NodeBudget,
    NodeLevel,
    Polarity,
    Target,
    ValueScale,
    ValueType,
)
from apps.performance.services._base import (
    Anchor,
    check_year,
    ensure_open,
    lock_anchor_of,
    parse_decimal,
    parse_money,
    required_text,
    unit_id_of,
    was_approved,
)
from apps.planning.models import Renstra

NO_INDICATOR_LEVELS = frozenset({NodeLevel.VISI, NodeLevel.MISI, NodeLevel.OPD})
BUDGET_LEVELS = frozenset({NodeLevel.PROGRAM, NodeLevel.KEGIATAN, NodeLevel.SUBKEGIATAN})

INDICATOR_FIELDS = frozenset(
    {
        "name",
        "definition",
        "formula",
        "unit",
        "value_type",
        "scale",
        "polarity",
        "aggregation",
        "min_value",
        "max_value",
        "data_source",
        "responsible_position",
        "is_iku",
        "is_ikk",
        "baseline",
        "baseline_text",
        "national_standard",
        "sort_order",
    }
)


def _lock_for_indicator(indicator: Indicator) -> tuple[Anchor, Indicator]:
    ids = Indicator.objects.filter(pk=indicator.pk).values_list(
        "node_id", "node__renstra_id", "node__rpjmd_id"
    )
    node_id, renstra_id, rpjmd_id = ids[0]
    anchor = lock_anchor_of(Node(pk=node_id, renstra_id=renstra_id, rpjmd_id=rpjmd_id))
    current = Indicator.objects.select_related("node", "scale").get(pk=indicator.pk)
    return anchor, current


def _text(value: Any, *, field: str, max_length: int) -> str:
    text = (value or "").strip() if isinstance(value, str) else str(value or "").strip()
    if len(text) > max_length:
        raise ValidationError({field: _("At most %(n)s characters.") % {"n": max_length}})
    return text


def _clean_indicator(anchor: Anchor, node: Node, data: dict[str, Any]) -> dict[str, Any]:
    """Validate the indicator's own fields (all present in `data`) and return them cleaned."""
    if node.node_level in NO_INDICATOR_LEVELS:
        raise ValidationError(
            _("A %(level)s has no indicators.") % {"level": NodeLevel(node.node_level).label}
        )
    out: dict[str, Any] = {}
    out["name"] = required_text(data.get("name"), field="name", message=_("Name the indicator."))
    if len(out["name"]) > 500:
        raise ValidationError({"name": _("At most %(n)s characters.") % {"n": 500}})
    out["definition"] = (data.get("definition") or "").strip()
    out["formula"] = (data.get("formula") or "").strip()
    out["unit"] = _text(data.get("unit"), field="unit", max_length=50)
    out["data_source"] = _text(data.get("data_source"), field="data_source", max_length=300)
    out["national_standard"] = _text(
        data.get("national_standard"), field="national_standard", max_length=200
    )
    value_type = data.get("value_type") or ValueType.NUMBER
    if value_type not in ValueType.values:
        raise ValidationError({"value_type": _("Choose a number or a qualitative scale.")})
    out["value_type"] = value_type
    scale = data.get("scale")
    if value_type == ValueType.SCALE:
        if scale is None:
            raise ValidationError({"scale": _("Choose the scale of this indicator.")})
        if scale.pemda_id != anchor.pemda_id:
            raise ValidationError({"scale": _("Choose a scale of this Pemda.")})
        out["scale"] = scale
    else:
        out["scale"] = None
    polarity = data.get("polarity") or Polarity.POSITIVE
    if polarity not in Polarity.values:
        raise ValidationError({"polarity": _("Choose a polarity.")})
    if value_type == ValueType.SCALE and polarity == Polarity.RANGE:
        raise ValidationError({"polarity": _("A scale indicator cannot have a range target.")})
    out["polarity"] = polarity
    aggregation = data.get("aggregation") or Aggregation.LAST
    if aggregation not in Aggregation.values:
        raise ValidationError({"aggregation": _("Choose how quarters add up.")})
    out["aggregation"] = aggregation
    if value_type == ValueType.NUMBER:
        out["min_value"] = parse_decimal(data.get("min_value"), field="min_value")
        out["max_value"] = parse_decimal(data.get("max_value"), field="max_value")
        if (
            out["min_value"] is not None
            and out["max_value"] is not None
            and out["min_value"] > out["max_value"]
        ):
            raise ValidationError(
                {"max_value": _("The highest valid value is below the lowest one.")}
            )
        out["baseline"] = parse_decimal(data.get("baseline"), field="baseline")
        out["baseline_text"] = ""
        if out["baseline"] is not None:
            check_bounds(out["baseline"], out["min_value"], out["max_value"], "baseline")
    else:
        out["min_value"] = out["max_value"] = out["baseline"] = None
        # A scale baseline is a level label; accept it in either baseline field.
        raw_baseline = data.get("baseline_text") or data.get("baseline")
        baseline_text = str(raw_baseline).strip() if isinstance(raw_baseline, str) else ""
        if baseline_text and baseline_text not in scale.labels:
            raise ValidationError(
                {
                    "baseline_text": _("Choose one of: %(labels)s.")
                    % {"labels": ", ".join(scale.labels)}
                }
            )
        out["baseline_text"] = baseline_text
    position = data.get("responsible_position")
    if position is not None:
        if position.pemda_id != anchor.pemda_id:
            raise ValidationError({"responsible_position": _("Choose a position of this Pemda.")})
        if isinstance(anchor, Renstra) and position.opd_id != anchor.opd_id:
            raise ValidationError(
                {
                    "responsible_position": _("Choose a position of %(opd)s.")
                    % {"opd": anchor.opd.name}
                }
            )
    out["responsible_position"] = position
    out["is_iku"] = bool(data.get("is_iku"))
    out["is_ikk"] = bool(data.get("is_ikk"))
    return out


def _clean_target(
    anchor: Anchor,
    indicator: Indicator,
    value: Any,
    value_max: Any,
    *,
    field: str,
    field_max: str,
) -> dict[str, Any] | None:
    """A target as stored: {value, value_max, text_value}; None for an empty entry."""
    if indicator.value_type == ValueType.SCALE:
        text = str(value).strip() if value is not None else ""
        if not text:
            return None
        labels = indicator.scale.labels
        if text not in labels:
            raise ValidationError(
                {field: _("Choose one of: %(labels)s.") % {"labels": ", ".join(labels)}}
            )
        return {"value": None, "value_max": None, "text_value": text}
    number = parse_decimal(
        value, field=field, message=_("The target must be a number (for example 75 or 75,5).")
    )
    upper = parse_decimal(
        value_max,
        field=field_max,
        message=_("The upper bound must be a number (for example 80 or 80,5)."),
    )
    if number is None:
        if upper is not None:
            raise ValidationError({field: _("Enter the lower bound too.")})
        return None
    check_bounds(number, indicator.min_value, indicator.max_value, field)
    if indicator.polarity == Polarity.RANGE:
        if upper is None:
            raise ValidationError(
                {field_max: _("A range indicator needs an upper bound for its target.")}
            )
        if upper < number:
            raise ValidationError(
                {field_max: _("The upper bound must not be below the lower bound.")}
            )
        check_bounds(upper, indicator.min_value, indicator.max_value, field_max)
    elif upper is not None:
        raise ValidationError({field_max: _("Only a range indicator has an upper bound.")})
    return {"value": number, "value_max": upper, "text_value": ""}


def target_display(value: Decimal | None, value_max: Decimal | None, text_value: str) -> str:
    if text_value:
        return text_value
    if value is None:
        return ""
    low = format(value.normalize(), "f")
    if value_max is None:
        return low
    return f"{low}–{format(value_max.normalize(), 'f')}"


def _write_targets(
    *,
    actor,
    anchor: Anchor,
    indicator: Indicator,
    cleaned: dict[int, dict[str, Any] | None],
    expected_versions: Mapping[int, int] | None,
) -> list[Target]:
    existing = {t.year: t for t in Target.objects.select_for_update().filter(indicator=indicator)}
    for year, version in (expected_versions or {}).items():
        stored = existing.get(int(year))
        if stored is not None and version is not None and stored.version != int(version):
            raise StaleVersionError(stored)
    changes: dict[str, dict[str, str]] = {}
    saved: list[Target] = []
    for year in sorted(cleaned):
        values = cleaned[year]
        stored = existing.get(year)
        old = target_display(stored.value, stored.value_max, stored.text_value) if stored else ""
        if values is None:
            if stored is not None:
                stored.delete()
                changes[str(year)] = {"old": old, "new": ""}
            continue
        new = target_display(values["value"], values["value_max"], values["text_value"])
        if stored is None:
            stored = Target(pemda_id=indicator.pemda_id, indicator=indicator, year=year, **values)
            stored.save()
            changes[str(year)] = {"old": "", "new": new}
        elif old != new:
            for name, value in values.items():
                setattr(stored, name, value)
            stored.version += 1
            stored.save()
            changes[str(year)] = {"old": old, "new": new}
        saved.append(stored)
    if changes:
        revised = was_approved(anchor)
        log_action(
            action="sakip.target.revised" if revised else "sakip.target.set",
            actor=actor,
            obj=indicator,
            pemda_id=indicator.pemda_id,
            unit_id=unit_id_of(anchor),
            data={"changes": changes, "after_approval": revised},
        )
    return saved


def _clean_targets(
    anchor: Anchor,
    indicator: Indicator,
    targets: Mapping[Any, Any],
    targets_max: Mapping[Any, Any] | None,
) -> dict[int, dict[str, Any] | None]:
    """Every year's target checked; all errors at once, keyed target_<year> / target_max_<year>."""
    errors: dict[str, list] = {}
    cleaned: dict[int, dict[str, Any] | None] = {}
    targets_max = {int(k): v for k, v in (targets_max or {}).items()}
    years = {int(y) for y in targets} | set(targets_max)
    raw = {int(k): v for k, v in targets.items()}
    for year in sorted(years):
        field = f"target_{year}"
        try:
            check_year(anchor, year, field=field)
            cleaned[year] = _clean_target(
                anchor,
                indicator,
                raw.get(year),
                targets_max.get(year),
                field=field,
                field_max=f"target_max_{year}",
            )
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return cleaned


def indicator_create(
    *,
    actor,
    node: Node,
    name: str,
    definition: str = "",
    formula: str = "",
    unit: str = "",
    value_type: str = ValueType.NUMBER,
    scale: ValueScale | None = None,
    polarity: str = Polarity.POSITIVE,
    aggregation: str = Aggregation.LAST,
    min_value: Any = None,
    max_value: Any = None,
    data_source: str = "",
    responsible_position: Position | None = None,
    is_iku: bool = False,
    is_ikk: bool = False,
    baseline: Any = None,
    baseline_text: str = "",
    national_standard: str = "",
    sort_order: int | None = None,
    targets: Mapping[int, Any] | None = None,
    targets_max: Mapping[int, Any] | None = None,
) -> Indicator:
    """Add an indicator to a statement, optionally with its targets per year (all-or-nothing)."""
    data = {k: v for k, v in locals().items() if k in INDICATOR_FIELDS}
    with transaction.atomic():
        anchor = lock_anchor_of(node)
        ensure_open(anchor)
        node = Node.objects.get(pk=node.pk)
        cleaned = _clean_indicator(anchor, node, data)
        if sort_order is None:
            last = Indicator.objects.filter(node=node).aggregate(m=Max("sort_order"))["m"]
            sort_order = (last or 0) + 1
        indicator = Indicator(pemda_id=node.pemda_id, node=node, sort_order=sort_order, **cleaned)
        indicator.full_clean()
        indicator.save()
        log_action(
            action="sakip.indicator.created",
            actor=actor,
            obj=indicator,
            pemda_id=indicator.pemda_id,
            unit_id=unit_id_of(anchor),
            data={"node": str(node), "unit": indicator.unit, "is_iku": indicator.is_iku},
        )
        if targets or targets_max:
            years = _clean_targets(anchor, indicator, targets or {}, targets_max)
            _write_targets(
                actor=actor,
                anchor=anchor,
                indicator=indicator,
                cleaned=years,
                expected_versions=None,
            )
    return indicator


def indicator_update(
    *, actor, indicator: Indicator, data: dict[str, Any], expected_version: int | None
) -> Indicator:
    """Change an indicator. Its targets must still fit (a scale label, a number in range)."""
    unexpected = set(data) - INDICATOR_FIELDS
    if unexpected:
        raise ValidationError(
            _("These fields cannot be changed here: %s") % ", ".join(sorted(unexpected))
        )
    with transaction.atomic():
        anchor, current = _lock_for_indicator(indicator)
        ensure_open(anchor)
        merged = {name: getattr(current, name) for name in INDICATOR_FIELDS}
        merged.update(data)
        cleaned = _clean_indicator(anchor, current.node, merged)
        if "sort_order" in data:
            cleaned["sort_order"] = int(data["sort_order"] or 0)
        probe = Indicator(**{**{n: getattr(current, n) for n in INDICATOR_FIELDS}, **cleaned})
        problems = []
        for target in current.targets.all():
            values = target.text_value if target.text_value else target.value
            try:
                _clean_target(
                    anchor, probe, values, target.value_max, field="value", field_max="value_max"
                )
            except ValidationError as exc:
                problems.append(f"{target.year}: {' '.join(exc.messages)}")
        if problems:
            raise ValidationError(
                {
                    "value_type": _("Some targets do not fit these settings: %(list)s")
                    % {"list": "; ".join(problems)}
                }
            )
        changes = {name: cleaned[name] for name in data if name in cleaned}
        if "value_type" in data or "scale" in data:
            # Fields that depend on the value type follow it even when they were not sent.
            for name in ("scale", "min_value", "max_value", "baseline", "baseline_text"):
                changes[name] = cleaned[name]
        return update_versioned(
            current,
            actor=actor,
            data=changes,
            expected_version=expected_version,
            action="sakip.indicator.changed",
            unit_id=unit_id_of(anchor),
        )


def indicator_delete(*, actor, indicator: Indicator) -> None:
    """Delete an indicator and its targets; refused once realisations exist."""
    with transaction.atomic():
        anchor, current = _lock_for_indicator(indicator)
        ensure_open(anchor)
        log_action(
            action="sakip.indicator.deleted",
            actor=actor,
            obj=current,
            pemda_id=current.pemda_id,
            unit_id=unit_id_of(anchor),
            data={"node": str(current.node)},
        )
        try:
            current.delete()
        except ProtectedError as exc:
            raise ValidationError(
                _("This indicator cannot be deleted: realisations have been recorded for it.")
            ) from exc


def target_set(
    *,
    actor,
    indicator: Indicator,
    year: Any,
    value: Any,
    value_max: Any = None,
    expected_version: int | None = None,
) -> Target:
    """Set one year's target (fields: year, value, value_max)."""
    with transaction.atomic():
        anchor, current = _lock_for_indicator(indicator)
        ensure_open(anchor)
        year = check_year(anchor, year)
        values = _clean_target(
            anchor, current, value, value_max, field="value", field_max="value_max"
        )
        if values is None:
            raise ValidationError({"value": _("Enter the target.")})
        saved = _write_targets(
            actor=actor,
            anchor=anchor,
            indicator=current,
            cleaned={year: values},
            expected_versions={year: expected_version} if expected_version else None,
        )
    return saved[0]


def targets_set(
    *,
    actor,
    indicator: Indicator,
    targets: Mapping[Any, Any],
    targets_max: Mapping[Any, Any] | None = None,
    expected_versions: Mapping[Any, int] | None = None,
) -> list[Target]:
    """Set the targets of several years at once (a year left empty removes its target).
    All-or-nothing; errors keyed target_<year> and target_max_<year>."""
    with transaction.atomic():
        anchor, current = _lock_for_indicator(indicator)
        ensure_open(anchor)
        cleaned = _clean_targets(anchor, current, targets, targets_max)
        return _write_targets(
            actor=actor,
            anchor=anchor,
            indicator=current,
            cleaned=cleaned,
            expected_versions=expected_versions,
        )


def target_delete(*, actor, target: Target) -> None:
    with transaction.atomic():
        anchor, current = _lock_for_indicator(Indicator(pk=target.indicator_id))
        ensure_open(anchor)
        _write_targets(
            actor=actor,
            anchor=anchor,
            indicator=current,
            cleaned={target.year: None},
            expected_versions=None,
        )


# --- indicative budget -----------------------------------------------------------------------


def budgets_set(
    *,
    actor,
    node: Node,
    amounts: Mapping[Any, Any],
    expected_versions: Mapping[Any, int] | None = None,
) -> list[NodeBudget]:
    """The indicative budget (Rp) of a program/kegiatan/sub kegiatan for several years; a year
    left empty removes it. All-or-nothing; errors keyed budget_<year>."""
    with transaction.atomic():
        anchor = lock_anchor_of(node)
        ensure_open(anchor)
        node = Node.objects.get(pk=node.pk)
        if node.node_level not in BUDGET_LEVELS:
            raise ValidationError(
                _("Only programs, kegiatan and sub kegiatan have an indicative budget.")
            )
        errors: dict[str, list] = {}
        cleaned: dict[int, Decimal | None] = {}
        for raw_year, raw_amount in amounts.items():
            field = f"budget_{raw_year}"
            try:
                year = check_year(anchor, raw_year, field=field)
                cleaned[year] = parse_money(raw_amount, field=field)
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    errors.setdefault(name, []).extend(messages)
        if errors:
            raise ValidationError(errors)
        existing = {b.year: b for b in NodeBudget.objects.select_for_update().filter(node=node)}
        for year, version in (expected_versions or {}).items():
            stored = existing.get(int(year))
            if stored is not None and version is not None and stored.version != int(version):
                raise StaleVersionError(stored)
        changes: dict[str, dict[str, str]] = {}
        saved = []
        for year in sorted(cleaned):
            amount = cleaned[year]
            stored = existing.get(year)
            old = str(stored.amount) if stored else ""
            if amount is None:
                if stored is not None:
                    stored.delete()
                    changes[str(year)] = {"old": old, "new": ""}
                continue
            if stored is None:
                stored = NodeBudget(pemda_id=node.pemda_id, node=node, year=year, amount=amount)
                stored.save()
                changes[str(year)] = {"old": "", "new": str(amount)}
            elif stored.amount != amount:
                stored.amount = amount
                stored.version += 1
                stored.save()
                changes[str(year)] = {"old": old, "new": str(amount)}
            saved.append(stored)
        if changes:
            log_action(
                action="sakip.budget.set",
                actor=actor,
                obj=node,
                pemda_id=node.pemda_id,
                unit_id=unit_id_of(anchor),
                data={"changes": changes, "after_approval": was_approved(anchor)},
            )
    return saved


def budget_set(
    *, actor, node: Node, year: Any, amount: Any, expected_version: int | None = None
) -> NodeBudget | None:
    """One year's indicative budget (field: amount); empty removes it."""
    try:
        saved = budgets_set(
            actor=actor,
            node=node,
            amounts={year: amount},
            expected_versions={year: expected_version} if expected_version else None,
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            renamed = {
                ("amount" if name.startswith("budget_") else name): messages
                for name, messages in exc.error_dict.items()
            }
            raise ValidationError(renamed) from exc
        raise
    return saved[0] if saved else None


# --- value scales ----------------------------------------------------------------------------


def scale_create(*, actor, pemda: OrgUnit, name: str, levels: list[dict[str, Any]]) -> ValueScale:
    """An ordered qualitative scale, best level first, each with a score 0–100 (e.g. the BPK
    audit opinion WTP 100, WDP 75, TW 25, TMP 0)."""
    name = required_text(name, field="name")
    cleaned = []
    seen: set[str] = set()
    for position, level in enumerate(levels or [], start=1):
        label = str(level.get("label") or "").strip()
        if not label or len(label) > 50:
            raise ValidationError(
                {
                    "levels": _("Level %(n)s needs a label of at most 50 characters.")
                    % {"n": position}
                }
            )
        if label in seen:
            raise ValidationError(
                {"levels": _("The label %(label)s appears twice.") % {"label": label}}
            )
        seen.add(label)
        score = parse_decimal(level.get("score"), field="levels")
        if score is None or not (0 <= score <= 100):
            raise ValidationError(
                {"levels": _("The score of %(label)s must be 0 to 100.") % {"label": label}}
            )
        cleaned.append({"label": label, "score": float(score)})
    if len(cleaned) < 2:
        raise ValidationError({"levels": _("A scale needs at least two levels.")})
    scores = [level["score"] for level in cleaned]
    if scores != sorted(scores, reverse=True):
        raise ValidationError({"levels": _("List the levels best first (scores going down).")})
    if ValueScale.objects.filter(pemda_id=pemda.pemda_id, name=name).exists():
        raise ValidationError({"name": _("A scale with this name exists already.")})
    with transaction.atomic():
        scale = ValueScale.objects.create(pemda_id=pemda.pemda_id, name=name, levels=cleaned)
        log_action(
            action="sakip.scale.created",
            actor=actor,
            obj=scale,
            pemda_id=scale.pemda_id,
            unit_id=scale.pemda_id,
        )
    return scale
