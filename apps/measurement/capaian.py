"""The capaian engine: DOMAIN.md "Measurement" as pure functions (no database, no Django models).

Every function takes plain values and returns a Decimal rounded to two places, or None where the
regulation leaves capaian undefined (shown as "–", never as a division error or NaN).

* positive polarity: realisasi / target × 100
* negative polarity: (2 × target − realisasi) / target × 100 by default; target / realisasi × 100
  as a Pemda setting
* range ("stabil"): 100 inside [low, high]; outside, 100 minus `range_penalty` points per percent
  of distance from the nearest bound (a local rule, hence a setting), never below 0
* target 0: positive → undefined; negative → 100 when realisasi is 0
* qualitative scales (e.g. BPK opinion WTP > WDP > TW > TMP): the realisation level's score over
  the target level's score × 100
* an optional cap applies to index calculations only; reports show the uncapped value
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")

POSITIVE = "positive"
NEGATIVE = "negative"
RANGE = "range"

CUMULATIVE = "kumulatif"
LAST = "nilai_akhir"
AVERAGE = "rata_rata"


@dataclass(frozen=True)
class Rules:
    negative_formula: str = "default"  # or "inverse"
    range_penalty: Decimal = Decimal(1)
    cap: Decimal | None = None  # for index calculations only


DEFAULT_RULES = Rules()


def _q(value: Decimal) -> Decimal | None:
    """Two places; None for a figure too large to mean anything (a target of 1e-170 gives a
    capaian with more digits than the decimal context holds)."""
    try:
        return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return None


def _dec(value) -> Decimal | None:
    if isinstance(value, Decimal):  # what the database gives: no round trip through str
        return value if value.is_finite() else None
    if value is None or value == "":
        return None
    try:
        result = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return result if result.is_finite() else None


def capaian(
    *,
    target,
    realisation,
    polarity: str = POSITIVE,
    target_max=None,
    rules: Rules = DEFAULT_RULES,
    capped: bool = False,
) -> Decimal | None:
    """Capaian in percent of one realisation against one target."""
    t = _dec(target)
    r = _dec(realisation)
    if t is None or r is None:
        return None
    if polarity == RANGE:
        value = _range(t, _dec(target_max), r, rules.range_penalty)
    elif polarity == NEGATIVE:
        value = _negative(t, r, rules.negative_formula)
    else:
        value = _positive(t, r)
    if value is None:
        return None
    if capped and rules.cap is not None:
        value = min(value, rules.cap)
    return _q(value)


def _positive(t: Decimal, r: Decimal) -> Decimal | None:
    if t == 0:
        return None
    # Written as a distance from the target so that a negative target (e.g. a growth of −2 %)
    # still rises with the realisation; for t > 0 it equals r / t × 100 exactly.
    return HUNDRED + (r - t) / abs(t) * HUNDRED


def _negative(t: Decimal, r: Decimal, formula: str) -> Decimal | None:
    if t == 0:
        return HUNDRED if r == 0 else None
    if formula == "inverse":
        if r <= 0 or t < 0:
            return None
        return t / r * HUNDRED
    # (2t − r) / t × 100, written as a distance so a negative target keeps the same direction.
    return HUNDRED - (r - t) / abs(t) * HUNDRED


def _range(low: Decimal, high: Decimal | None, r: Decimal, penalty: Decimal) -> Decimal | None:
    high = low if high is None else high
    if high < low:
        low, high = high, low
    if low <= r <= high:
        return HUNDRED
    bound = low if r < low else high
    if bound == 0:
        return Decimal(0)
    distance = abs(r - bound) / abs(bound) * HUNDRED
    return max(Decimal(0), HUNDRED - penalty * distance)


def scale_capaian(*, target: str, realisation: str, levels: Sequence[Mapping]) -> Decimal | None:
    """Capaian on an ordered qualitative scale: score(realisation) / score(target) × 100.
    `levels` is best first, each {"label": ..., "score": ...}."""
    scores = {str(level["label"]).strip().upper(): _dec(level["score"]) for level in levels}
    t = scores.get(str(target or "").strip().upper())
    r = scores.get(str(realisation or "").strip().upper())
    if t is None or r is None or t == 0:
        return None
    return _q(r / t * HUNDRED)


@dataclass(frozen=True)
class Aggregate:
    realisation: Decimal | None
    target: Decimal | None
    quarters: tuple[int, ...]


def aggregate(
    *,
    method: str,
    realisations: Mapping[int, object],
    quarter_targets: Mapping[int, object] | None = None,
    annual_target=None,
    up_to_quarter: int = 4,
) -> Aggregate:
    """Combine quarterly values (quarter → value) into the figure to compare with a target.

    kumulatif (flows): sum of the quarters so far, against the sum of their quarterly targets
    (or the annual target when there are no quarterly targets, or at year end);
    nilai akhir (stocks, indexes, percentages): the latest quarter with a value, against that
    quarter's target (or the annual one); rata-rata: the mean of the quarters with a value.
    """
    quarter_targets = quarter_targets or {}
    given = {
        q: d
        for q, v in realisations.items()
        if 1 <= q <= up_to_quarter and (d := _dec(v)) is not None
    }
    present = sorted(given)
    annual = _dec(annual_target)
    if not present:
        return Aggregate(None, annual, ())
    values = [given[q] for q in present]
    qt = {q: d for q, v in quarter_targets.items() if (d := _dec(v)) is not None}
    if method == CUMULATIVE:
        total = sum(values, Decimal(0))
        if up_to_quarter >= 4 or not qt:
            target = annual
        else:
            target = sum((qt.get(q, Decimal(0)) for q in range(1, up_to_quarter + 1)), Decimal(0))
        return Aggregate(total, target, tuple(present))
    if method == AVERAGE:
        mean = sum(values, Decimal(0)) / len(values)
        quarter_values = [qt[q] for q in present if q in qt]
        target = (
            sum(quarter_values, Decimal(0)) / len(quarter_values)
            if quarter_values and up_to_quarter < 4
            else annual
        )
        return Aggregate(mean, target, tuple(present))
    last = present[-1]
    target = annual if last == 4 or last not in qt else qt[last]
    return Aggregate(given[last], target, tuple(present))


# Permendagri 86/2017 predicate bands.
PREDICATES = (
    (Decimal(91), "sangat_tinggi", "Sangat Tinggi"),
    (Decimal(76), "tinggi", "Tinggi"),
    (Decimal(66), "sedang", "Sedang"),
    (Decimal(51), "rendah", "Rendah"),
)


def predicate(value: Decimal | None) -> tuple[str, str] | None:
    """(code, label) of the capaian band; None when capaian is undefined. Bands are on whole
    percents (≥ 91, 76–90, 66–75, 51–65, ≤ 50); a fraction belongs to the band of its integer
    part, so 90.5 is still Tinggi."""
    if value is None:
        return None
    whole = Decimal(int(value)) if value >= 0 else value
    for floor, code, label in PREDICATES:
        if whole >= floor:
            return code, label
    return "sangat_rendah", "Sangat Rendah"


def absorption(*, spent, pagu) -> Decimal | None:
    """Budget absorption in percent (realisasi anggaran / pagu × 100)."""
    s, p = _dec(spent), _dec(pagu)
    if s is None or p is None or p == 0:
        return None
    return _q(s / p * HUNDRED)


def efficiency(
    *, capaian_value: Decimal | None, absorption_value: Decimal | None
) -> Decimal | None:
    """Capaian kinerja against budget absorption: above 100 means more result per rupiah spent
    than planned."""
    if capaian_value is None or absorption_value is None or absorption_value == 0:
        return None
    return _q(capaian_value / absorption_value * HUNDRED)


def weighted_mean(pairs: Sequence[tuple[Decimal | None, Decimal]]) -> Decimal | None:
    """Roll-up: the weighted mean of the defined capaian values (undefined ones are left out, and
    their weight with them)."""
    defined = [(v, w) for v, w in pairs if v is not None and w is not None and w > 0]
    total = sum((w for _, w in defined), Decimal(0))
    if not defined or total == 0:
        return None
    return _q(sum((v * w for v, w in defined), Decimal(0)) / total)


def display(value: Decimal | None) -> str:
    """Indonesian display: 95,25 — or "–" when undefined."""
    if value is None:
        return "–"
    return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
