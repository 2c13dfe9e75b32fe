"""The LKE scoring engine (DOMAIN.md "Evaluation", PermenPANRB 88/2021): pure functions over
plain values, no database.

* a criterion's value lies between 0 and 1 (its answer through the template's scale);
* sub-component score = mean of its criterion values × the sub-component's weight;
* component score = sum of its sub-components; total = sum of the components, 0–100 when the
  weights add up to 100 (services.check_weights);
* the total is rounded to 2 decimals, half up, and the grade is read from the rounded total with
  exclusive lower bounds: 90.00 is A, 90.01 is AA.

An unanswered criterion (None) counts as 0 for the score — an evaluation cannot gain points by
leaving a criterion open — and is reported by `completeness` so the page can say how much is
still missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
CENTS = Decimal("0.01")

Value = Decimal | None


def _checked(value: Value) -> Decimal:
    if value is None:
        return ZERO
    value = Decimal(value)
    if not ZERO <= value <= ONE:
        raise ValueError(f"a criterion value lies between 0 and 1, not {value}")
    return value


def round2(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENTS, rounding=ROUND_HALF_UP)


def sub_component_score(weight: Decimal, values: Sequence[Value]) -> Decimal:
    """Mean of the criterion values × weight (unrounded). No criteria: 0."""
    if not values:
        return ZERO
    return sum((_checked(v) for v in values), ZERO) / len(values) * Decimal(weight)


def component_score(sub_scores: Iterable[Decimal]) -> Decimal:
    return sum(sub_scores, ZERO)


def total_score(component_scores: Iterable[Decimal]) -> Decimal:
    """The total, rounded to 2 decimals half up (the number that is published and graded)."""
    return round2(sum(component_scores, ZERO))


@dataclass(frozen=True)
class Completeness:
    answered: int
    total: int

    @property
    def missing(self) -> int:
        return self.total - self.answered

    @property
    def is_complete(self) -> bool:
        return self.answered == self.total

    @property
    def percent(self) -> Decimal:
        if not self.total:
            return HUNDRED
        return round2(Decimal(self.answered) * HUNDRED / self.total)


def completeness(values: Iterable[Value]) -> Completeness:
    values = list(values)
    return Completeness(answered=sum(v is not None for v in values), total=len(values))


# --- grades ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grade:
    code: str
    predikat: str
    # The score must be strictly above this (D: at least 0).
    above: Decimal
    # What the grade implies about how deep performance is managed (DOMAIN.md).
    depth: str


GRADES: tuple[Grade, ...] = (
    Grade(
        "AA",
        "Sangat Memuaskan",
        Decimal(90),
        _("Performance is measured down to every individual."),
    ),
    Grade("A", "Memuaskan", Decimal(80), _("Performance is measured down to the pengawas.")),
    Grade(
        "BB",
        "Sangat Baik",
        Decimal(70),
        _("Performance is measured down to the administrator, with an IT-based system."),
    ),
    Grade("B", "Baik", Decimal(60), _("Performance is measured at JPT / unit level.")),
    Grade("CC", "Cukup", Decimal(50), _("The SAKIP is adequate but needs many improvements.")),
    Grade("C", "Kurang", Decimal(30), _("The SAKIP is weak and needs fundamental improvement.")),
    Grade("D", "Sangat Kurang", Decimal(-1), _("The SAKIP is very weak or absent.")),
)
GRADE_CODES = tuple(g.code for g in GRADES)


def grade(score: Decimal) -> Grade:
    """The grade of a total (rounded to 2 decimals first). Lower bounds are exclusive: > 90 is
    AA, > 80 A, > 70 BB, > 60 B, > 50 CC, > 30 C, otherwise D."""
    score = round2(Decimal(score))
    if not ZERO <= score <= HUNDRED:
        raise ValueError(f"a total lies between 0 and 100, not {score}")
    for g in GRADES:
        if score > g.above:
            return g
    raise AssertionError("unreachable: D covers 0")


def grade_rank(code: str) -> int:
    """0 for D … 6 for AA, to compare grades."""
    return len(GRADES) - 1 - GRADE_CODES.index(code)


# --- a whole evaluation ------------------------------------------------------------------------


@dataclass
class SubComponentSpec:
    code: str
    weight: Decimal
    criteria: list[str]  # criterion keys


@dataclass
class ComponentSpec:
    number: int
    weight: Decimal
    sub_components: list[SubComponentSpec]


@dataclass
class SubComponentResult:
    code: str
    weight: Decimal
    score: Decimal
    completeness: Completeness


@dataclass
class ComponentResult:
    number: int
    weight: Decimal
    score: Decimal
    sub_components: list[SubComponentResult] = field(default_factory=list)


@dataclass
class Result:
    total: Decimal
    grade: Grade
    components: list[ComponentResult]
    completeness: Completeness


def evaluate(components: Sequence[ComponentSpec], answers: dict[str, Value]) -> Result:
    """Score a template's structure with the values of its criteria (key → value 0–1 or None;
    a key missing from `answers` is unanswered)."""
    results: list[ComponentResult] = []
    every_value: list[Value] = []
    for comp in components:
        subs = []
        for sub in comp.sub_components:
            values = [answers.get(key) for key in sub.criteria]
            every_value.extend(values)
            subs.append(
                SubComponentResult(
                    code=sub.code,
                    weight=Decimal(sub.weight),
                    score=sub_component_score(sub.weight, values),
                    completeness=completeness(values),
                )
            )
        results.append(
            ComponentResult(
                number=comp.number,
                weight=Decimal(comp.weight),
                score=component_score(s.score for s in subs),
                sub_components=subs,
            )
        )
    total = total_score(c.score for c in results)
    return Result(
        total=total,
        grade=grade(total),
        components=results,
        completeness=completeness(every_value),
    )
