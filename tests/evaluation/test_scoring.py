"""The LKE scoring engine on DOMAIN.md's rules and boundaries, and its invariants by property-based
tests."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.evaluation import scoring as s

# The 88/2021 structure: (component weight, [(sub weight, number of criteria)]).
STRUCTURE_88 = [
    (D(30), [(D(6), 6), (D(9), 11), (D(15), 8)]),
    (D(30), [(D(6), 3), (D(9), 7), (D(15), 10)]),
    (D(15), [(D(3), 6), (D("4.5"), 9), (D("7.5"), 7)]),
    (D(25), [(D(5), 3), (D("7.5"), 5), (D("12.5"), 5)]),
]
VALUES = [
    D(0),
    D("0.25"),
    D("0.3"),
    D("0.5"),
    D("0.6"),
    D("0.7"),
    D("0.75"),
    D("0.8"),
    D("0.9"),
    D(1),
]


def specs() -> list[s.ComponentSpec]:
    out = []
    for number, (weight, subs) in enumerate(STRUCTURE_88, start=1):
        out.append(
            s.ComponentSpec(
                number,
                weight,
                [
                    s.SubComponentSpec(
                        code, sub_weight, [f"{number}{code}{i}" for i in range(count)]
                    )
                    for code, (sub_weight, count) in zip("abc", subs, strict=True)
                ],
            )
        )
    return out


KEYS = [key for c in specs() for sub in c.sub_components for key in sub.criteria]
answers_strategy = st.lists(
    st.one_of(st.none(), st.sampled_from(VALUES)), min_size=len(KEYS), max_size=len(KEYS)
)


def test_it_has_eighty_criteria_in_the_88_structure():
    assert len(KEYS) == 80


def test_it_scores_a_sub_component_as_mean_times_weight():
    assert s.sub_component_score(D(6), [D(1), D(0), D("0.5")]) == D("3")
    assert s.sub_component_score(D("4.5"), [D(1), D("0.75")]) == D("3.9375")
    assert s.sub_component_score(D(9), []) == D(0)


def test_it_counts_an_unanswered_criterion_as_zero_and_reports_it():
    assert s.sub_component_score(D(6), [D(1), None]) == D(3)
    c = s.completeness([D(1), None, D(0)])
    assert (c.answered, c.total, c.missing, c.is_complete) == (2, 3, 1, False)
    assert c.percent == D("66.67")


def test_it_refuses_a_value_outside_0_to_1():
    with pytest.raises(ValueError):
        s.sub_component_score(D(6), [D("1.01")])
    with pytest.raises(ValueError):
        s.sub_component_score(D(6), [D("-0.25")])


def test_it_rounds_the_total_half_up_to_two_decimals():
    assert s.total_score([D("33.335")]) == D("33.34")
    assert s.total_score([D("33.3349")]) == D("33.33")
    assert s.total_score([D(10), D("2.125")]) == D("12.13")


@pytest.mark.parametrize(
    ("score", "code", "predikat"),
    [
        ("100", "AA", "Sangat Memuaskan"),
        ("90.01", "AA", "Sangat Memuaskan"),
        ("90.00", "A", "Memuaskan"),
        ("80.01", "A", "Memuaskan"),
        ("80.00", "BB", "Sangat Baik"),
        ("70.01", "BB", "Sangat Baik"),
        ("70.00", "B", "Baik"),
        ("60.01", "B", "Baik"),
        ("60.00", "CC", "Cukup"),
        ("50.01", "CC", "Cukup"),
        ("50.00", "C", "Kurang"),
        ("30.01", "C", "Kurang"),
        ("30.00", "D", "Sangat Kurang"),
        ("0", "D", "Sangat Kurang"),
        # graded on the rounded total: 90.004 publishes as 90.00, so A; 90.005 as 90.01, so AA
        ("90.004", "A", "Memuaskan"),
        ("90.005", "AA", "Sangat Memuaskan"),
    ],
)
def test_it_grades_with_exclusive_lower_bounds(score, code, predikat):
    g = s.grade(D(score))
    assert (g.code, g.predikat) == (code, predikat)


def test_it_refuses_to_grade_outside_0_to_100():
    with pytest.raises(ValueError):
        s.grade(D("100.01"))
    with pytest.raises(ValueError):
        s.grade(D("-0.01"))


def test_it_evaluates_a_whole_lke():
    answers = {key: D(1) for key in KEYS}
    full = s.evaluate(specs(), answers)
    assert full.total == D("100.00")
    assert full.grade.code == "AA"
    assert [c.score for c in full.components] == [D(30), D(30), D(15), D(25)]
    assert full.completeness.is_complete

    # component 1 only, half of everything: 15.00 → D
    half = {key: D("0.5") for key in KEYS if key.startswith("1")}
    result = s.evaluate(specs(), half)
    assert result.total == D("15.00")
    assert result.grade.code == "D"
    assert result.completeness.answered == 25
    assert result.components[0].sub_components[1].completeness.total == 11
    assert result.components[1].score == D(0)


def test_it_keeps_4_5_weights_exact():
    # 3b has 9 criteria with weight 4.5: one A among them gives 0.5 exactly.
    answers = {"3b0": D(1)}
    result = s.evaluate(specs(), answers)
    assert result.components[2].sub_components[1].score == D("0.5")
    assert result.total == D("0.50")


@given(answers_strategy)
def test_it_keeps_the_total_within_0_and_100(values):
    result = s.evaluate(specs(), dict(zip(KEYS, values, strict=True)))
    assert D(0) <= result.total <= D(100)
    assert result.total == result.total.quantize(D("0.01"))


@given(answers_strategy, st.integers(min_value=0, max_value=79), st.sampled_from(VALUES))
def test_it_never_lowers_the_total_when_an_answer_rises(values, index, higher):
    before = dict(zip(KEYS, values, strict=True))
    current = before[KEYS[index]] or D(0)
    if higher < current:
        higher = current
    after = {**before, KEYS[index]: higher}
    low, high = s.evaluate(specs(), before), s.evaluate(specs(), after)
    assert high.total >= low.total
    assert s.grade_rank(high.grade.code) >= s.grade_rank(low.grade.code)


@given(
    st.decimals(min_value=0, max_value=100, places=2),
    st.decimals(min_value=0, max_value=100, places=2),
)
def test_it_never_gives_a_lower_grade_to_a_higher_score(a, b):
    low, high = sorted([a, b])
    assert s.grade_rank(s.grade(high).code) >= s.grade_rank(s.grade(low).code)


@given(st.decimals(min_value=0, max_value=100, places=2))
def test_it_grades_every_score_by_the_table(score):
    g = s.grade(score)
    above = [grade for grade in s.GRADES if score > grade.above]
    assert g == above[0]
    assert score > g.above
