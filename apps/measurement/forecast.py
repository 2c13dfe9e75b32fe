"""Early warning arithmetic: the year-end forecast of an indicator from the quarters so far, and
which quarters of an indicator are late. Pure functions over plain values (and over already
loaded `Measure` objects): no database access, never an exception, never NaN.

The forecast projects the realisation at the end of the year (TW IV) by the indicator's
aggregation (docs/measurement.md, "Early warning and reminders"):

* kumulatif (flows): what is done so far plus what the remaining quarters will add at the pace
  so far. With the Rencana Aksi's quarterly targets, the pace follows the plan's shape: the year's
  planned total times the share reached so far (sum so far / planned so far). Without them (or
  when nothing was planned so far), each quarter without a value adds the mean of the quarters
  with one; when nothing was planned so far but the plan puts the work later, the remaining
  quarters are assumed to deliver their plan.
* nilai akhir (stocks, indexes, percentages): the least-squares line through (quarter, value)
  extrapolated to TW IV; one value is carried forward; a TW IV value is the answer itself.
* rata-rata: the mean of the quarters so far.

The forecast capaian is capaian.capaian of the projection against the annual target with the
indicator's polarity; below 100 the indicator is at risk, below the Sedang band (66) at high risk.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from apps.measurement import capaian as engine
from apps.measurement.models import RealisationStatus

AT_RISK = Decimal(100)
HIGH_RISK = Decimal(66)  # the floor of the Sedang band (Permendagri 86/2017)

RISK_NONE = "on_track"
RISK_AT = "at_risk"
RISK_HIGH = "high_risk"
RISK_UNKNOWN = "undefined"

QUARTERS = (1, 2, 3, 4)


@dataclass(frozen=True)
class Forecast:
    value: Decimal | None  # projected year-end realisation (None: no data or scale indicator)
    value_text: str  # projected level of a scale indicator
    capaian: Decimal | None  # forecast capaian against the annual target
    risk: str
    quarters: tuple[int, ...]  # the quarters the forecast rests on
    method: str  # "plan" (Rencana Aksi shape), "mean", "trend", "last", "actual", ""

    @property
    def at_risk(self) -> bool:
        return self.risk in (RISK_AT, RISK_HIGH)


def _values(realisations: Mapping[int, object]) -> dict[int, Decimal]:
    out = {}
    for q, v in realisations.items():
        d = engine._dec(v)
        if q in QUARTERS and d is not None:
            out[q] = d
    return out


def _safe(value: Decimal) -> Decimal | None:
    return value if value.is_finite() else None


def project(
    *,
    method: str,
    realisations: Mapping[int, object],
    quarter_targets: Mapping[int, object] | None = None,
) -> tuple[Decimal | None, str]:
    """(projected year-end realisation, method used); (None, "") when there is no value."""
    values = _values(realisations)
    if not values:
        return None, ""
    present = sorted(values)
    try:
        if method == engine.CUMULATIVE:
            return _cumulative(values, _values(quarter_targets or {}))
        if method == engine.AVERAGE:
            return _safe(sum(values.values(), Decimal(0)) / len(values)), "mean"
        if 4 in values:
            return values[4], "actual"
        if len(present) < 2:
            return values[present[-1]], "last"
        return _trend(values), "trend"
    except (InvalidOperation, ArithmeticError):
        return None, ""


def _cumulative(values: dict[int, Decimal], plan: dict[int, Decimal]) -> tuple[Decimal | None, str]:
    done = sum(values.values(), Decimal(0))
    if len(values) == 4:
        return done, "actual"
    if len(plan) == 4 and all(v >= 0 for v in plan.values()):
        planned_so_far = sum((plan[q] for q in values), Decimal(0))
        planned_rest = sum((plan[q] for q in QUARTERS if q not in values), Decimal(0))
        if planned_so_far > 0:
            return _safe(done + done / planned_so_far * planned_rest), "plan"
        if planned_rest > 0:
            return done + planned_rest, "plan"
    mean = done / len(values)
    return _safe(done + mean * (4 - len(values))), "mean"


def _trend(values: dict[int, Decimal]) -> Decimal | None:
    n = Decimal(len(values))
    qbar = sum((Decimal(q) for q in values), Decimal(0)) / n
    vbar = sum(values.values(), Decimal(0)) / n
    sxx = sum(((Decimal(q) - qbar) ** 2 for q in values), Decimal(0))
    sxy = sum(((Decimal(q) - qbar) * (v - vbar) for q, v in values.items()), Decimal(0))
    slope = sxy / sxx  # sxx > 0: at least two distinct quarters
    return _safe(vbar + slope * (Decimal(4) - qbar))


def risk_of(value: Decimal | None) -> str:
    if value is None:
        return RISK_UNKNOWN
    if value < HIGH_RISK:
        return RISK_HIGH
    if value < AT_RISK:
        return RISK_AT
    return RISK_NONE


def forecast(
    *,
    method: str,
    realisations: Mapping[int, object],
    annual_target,
    quarter_targets: Mapping[int, object] | None = None,
    polarity: str = engine.POSITIVE,
    target_max=None,
    rules: engine.Rules = engine.DEFAULT_RULES,
) -> Forecast:
    """The year-end forecast and its capaian against the annual target."""
    value, used = project(method=method, realisations=realisations, quarter_targets=quarter_targets)
    if value is not None:
        value = engine._q(value)
    result = engine.capaian(
        target=annual_target,
        realisation=value,
        polarity=polarity,
        target_max=target_max,
        rules=rules,
    )
    present = tuple(sorted(_values(realisations)))
    return Forecast(value, "", result, risk_of(result), present, used)


def forecast_scale(*, realisations: Mapping[int, str], target: str, levels) -> Forecast:
    """A scale indicator (e.g. the BPK opinion) is forecast at its latest level."""
    present = tuple(sorted(q for q, v in realisations.items() if q in QUARTERS and v))
    if not present:
        return Forecast(None, "", None, RISK_UNKNOWN, (), "")
    text = realisations[present[-1]]
    value = engine.scale_capaian(target=target, realisation=text, levels=levels)
    return Forecast(None, text, value, risk_of(value), present, "last")


def forecast_measure(measure, rules: engine.Rules = engine.DEFAULT_RULES) -> Forecast:
    """The forecast of a loaded selectors.Measure (no query: its indicator's scale is loaded)."""
    ind = measure.indicator
    if measure.is_scale:
        return forecast_scale(
            realisations={q: r.text_value for q, r in measure.realisations.items()},
            target=measure.target_text,
            levels=ind.scale.levels if ind.scale_id else [],
        )
    return forecast(
        method=ind.aggregation,
        realisations={q: r.value for q, r in measure.realisations.items()},
        annual_target=measure.target,
        quarter_targets={
            q: v for q, v in measure.quarter_targets.items() if not isinstance(v, str)
        },
        polarity=ind.polarity,
        target_max=measure.target_max,
        rules=rules,
    )


# --- late data --------------------------------------------------------------------------------


def is_pending(row) -> bool:
    """No submitted value yet: no row, a draft, or a row returned for correction."""
    return row is None or row.status in (RealisationStatus.DRAFT, RealisationStatus.RETURNED)


def is_late(row) -> bool:
    """After the window closed: no row at all, or a draft never submitted. A returned row was
    submitted on time and waits for its correction, so it is not late."""
    return row is None or row.status == RealisationStatus.DRAFT


def late_quarters(measure, windows: Mapping[int, object]) -> list[int]:
    """The quarters of `measure` whose window (with any reopening) has closed with no
    submitted realisation. `windows` is one unit's selectors.windows() result."""
    out = []
    for q in measure.quarters:
        state = windows.get(q)
        if state is not None and state.is_closed and is_late(measure.realisations.get(q)):
            out.append(q)
    return out


# --- page tables (over loaded measures and windows) -------------------------------------------


@dataclass(frozen=True)
class RiskRow:
    measure: object  # selectors.Measure
    forecast: Forecast
    so_far: object  # selectors.Result up to the last quarter with a value


def risk_rows(measures, rules: engine.Rules = engine.DEFAULT_RULES) -> tuple[list[RiskRow], dict]:
    """The indicators heading for a miss (high risk first, then lowest forecast capaian) and the
    count of every risk level."""
    counts = dict.fromkeys((RISK_HIGH, RISK_AT, RISK_NONE, RISK_UNKNOWN), 0)
    rows = []
    for m in measures:
        result = forecast_measure(m, rules)
        counts[result.risk] += 1
        if result.at_risk:
            so_far = m.result(up_to_quarter=result.quarters[-1], rules=rules)
            rows.append(RiskRow(m, result, so_far))
    rows.sort(key=lambda r: (r.forecast.risk != RISK_HIGH, r.forecast.capaian))
    return rows, counts


@dataclass(frozen=True)
class LateItem:
    measure: object
    quarter: int
    missing: bool  # True: no realisation at all; False: a draft never submitted
    closed_on: object  # the date the window (or its reopening) closed


@dataclass
class LateUnit:
    unit_id: int
    name: str
    items: list[LateItem]

    @property
    def count(self) -> int:
        return len(self.items)


def late_table(measures, windows_by_unit: Mapping[int, Mapping], units, pemda_id: int):
    """Per unit ((id, name) pairs, in order; the Pemda root stands for the RPJMD's own
    indicators) the quarters whose window closed without a submitted realisation. Units with
    the most late items first, then in the given order."""
    table = {uid: LateUnit(uid, name, []) for uid, name in units}
    for m in measures:
        unit_id = m.opd_id or pemda_id
        if unit_id not in table:
            continue
        windows = windows_by_unit.get(unit_id, {})
        for q in late_quarters(m, windows):
            state = windows[q]
            closed = max(state.closes_on, state.reopened_until or state.closes_on)
            table[unit_id].items.append(LateItem(m, q, m.realisations.get(q) is None, closed))
    order = {uid: i for i, (uid, _name) in enumerate(units)}
    return sorted(table.values(), key=lambda u: (-u.count, order[u.unit_id]))
