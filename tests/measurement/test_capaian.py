"""The capaian engine on DOMAIN.md's own cases, and its invariants by property-based tests."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.measurement import capaian as c

BPK = [
    {"label": "WTP", "score": 100},
    {"label": "WDP", "score": 75},
    {"label": "TW", "score": 25},
    {"label": "TMP", "score": 0},
]


@pytest.mark.parametrize(
    ("target", "realisation", "polarity", "expected"),
    [
        (80, 80, "positive", D("100.00")),
        (80, 72, "positive", D("90.00")),
        (80, 100, "positive", D("125.00")),  # no cap in reports
        (10, 8, "negative", D("120.00")),  # (2×10 − 8) / 10 × 100
        (10, 12, "negative", D("80.00")),
        (10, 25, "negative", D("-50.00")),
        (0, 0, "negative", D("100.00")),
        (0, 5, "positive", None),  # target 0, positive: undefined
        (0, 0, "positive", None),
        (0, 3, "negative", None),
    ],
)
def test_it_follows_the_domain_table(target, realisation, polarity, expected):
    assert c.capaian(target=target, realisation=realisation, polarity=polarity) == expected


def test_it_uses_the_alternative_negative_formula_when_set():
    rules = c.Rules(negative_formula="inverse")
    assert c.capaian(target=10, realisation=8, polarity="negative", rules=rules) == D("125.00")
    assert c.capaian(target=10, realisation=0, polarity="negative", rules=rules) is None


def test_it_scores_a_range_inside_and_outside():
    assert c.capaian(target=2, target_max=4, realisation=3, polarity="range") == D("100.00")
    assert c.capaian(target=2, target_max=4, realisation=5, polarity="range") == D("75.00")
    assert c.capaian(target=2, target_max=4, realisation=1, polarity="range") == D("50.00")
    strict = c.Rules(range_penalty=D(2))
    assert c.capaian(target=2, target_max=4, realisation=5, polarity="range", rules=strict) == D(
        "50.00"
    )
    assert c.capaian(target=2, target_max=4, realisation=100, polarity="range") == D("0.00")


def test_it_caps_only_when_asked():
    rules = c.Rules(cap=D(120))
    assert c.capaian(target=50, realisation=100, rules=rules) == D("200.00")
    assert c.capaian(target=50, realisation=100, rules=rules, capped=True) == D("120.00")


def test_it_scores_the_bpk_opinion_scale():
    assert c.scale_capaian(target="WTP", realisation="WTP", levels=BPK) == D("100.00")
    assert c.scale_capaian(target="WTP", realisation="WDP", levels=BPK) == D("75.00")
    assert c.scale_capaian(target="wtp", realisation=" tmp ", levels=BPK) == D("0.00")
    assert c.scale_capaian(target="TMP", realisation="WTP", levels=BPK) is None
    assert c.scale_capaian(target="WTP", realisation="XYZ", levels=BPK) is None


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (D("91"), "sangat_tinggi"),
        (D("125"), "sangat_tinggi"),
        (D("90.99"), "tinggi"),
        (D("76"), "tinggi"),
        (D("75.5"), "sedang"),
        (D("66"), "sedang"),
        (D("65"), "rendah"),
        (D("51"), "rendah"),
        (D("50.99"), "sangat_rendah"),
        (D("-20"), "sangat_rendah"),
    ],
)
def test_it_gives_the_permendagri_predicate(value, code):
    assert c.predicate(value)[0] == code


def test_it_has_no_predicate_for_an_undefined_capaian():
    assert c.predicate(None) is None
    assert c.display(None) == "–"
    assert c.display(D("1234.5")) == "1.234,50"


def test_it_aggregates_cumulative_flows():
    agg = c.aggregate(
        method="kumulatif",
        realisations={1: 10, 2: 20, 3: 25},
        quarter_targets={1: 10, 2: 25, 3: 25, 4: 40},
        annual_target=100,
        up_to_quarter=3,
    )
    assert agg.realisation == D(55)
    assert agg.target == D(60)
    year_end = c.aggregate(
        method="kumulatif", realisations={1: 10, 2: 20, 3: 25, 4: 40}, annual_target=100
    )
    assert (year_end.realisation, year_end.target) == (D(95), D(100))


def test_it_aggregates_stocks_by_the_latest_value():
    agg = c.aggregate(
        method="nilai_akhir", realisations={1: "70.5", 2: None, 3: "72"}, annual_target=75
    )
    assert agg.realisation == D(72)
    assert agg.target == D(75)
    assert agg.quarters == (1, 3)


def test_it_aggregates_averages():
    agg = c.aggregate(method="rata_rata", realisations={1: 80, 2: 90}, annual_target=85)
    assert agg.realisation == D(85)


def test_it_computes_absorption_and_efficiency():
    assert c.absorption(spent=750_000, pagu=1_000_000) == D("75.00")
    assert c.absorption(spent=1, pagu=0) is None
    assert c.efficiency(capaian_value=D(90), absorption_value=D(75)) == D("120.00")


def test_it_rolls_up_with_weights_and_ignores_undefined_values():
    assert c.weighted_mean([(D(100), D(1)), (D(50), D(1))]) == D("75.00")
    assert c.weighted_mean([(D(100), D(3)), (D(50), D(1))]) == D("87.50")
    assert c.weighted_mean([(None, D(1)), (D(80), D(1))]) == D("80.00")
    assert c.weighted_mean([(None, D(1))]) is None


# --- invariants -----------------------------------------------------------------------------

numbers = st.decimals(
    min_value=D("-1e9"), max_value=D("1e9"), allow_nan=False, allow_infinity=False, places=4
)
positive_numbers = st.decimals(
    min_value=D("0.0001"), max_value=D("1e9"), allow_nan=False, allow_infinity=False, places=4
)
anything = st.one_of(
    st.none(), st.text(max_size=5), numbers, st.floats(allow_nan=True, allow_infinity=True)
)


@given(target=numbers.filter(lambda t: t != 0), polarity=st.sampled_from(["positive", "negative"]))
def test_it_gives_100_at_target(target, polarity):
    assert c.capaian(target=target, realisation=target, polarity=polarity) == D("100.00")


@given(target=positive_numbers, low=positive_numbers, high=positive_numbers)
def test_it_rises_with_the_realisation_for_positive_polarity(target, low, high):
    low, high = sorted((low, high))
    assert c.capaian(target=target, realisation=low) <= c.capaian(target=target, realisation=high)


@given(target=numbers.filter(lambda t: t != 0), low=numbers, high=numbers)
def test_it_falls_with_the_realisation_for_negative_polarity(target, low, high):
    low, high = sorted((low, high))
    a = c.capaian(target=target, realisation=low, polarity="negative")
    b = c.capaian(target=target, realisation=high, polarity="negative")
    assert a >= b


@given(
    target=anything,
    realisation=anything,
    target_max=anything,
    polarity=st.sampled_from(["positive", "negative", "range", "unknown"]),
    formula=st.sampled_from(["default", "inverse"]),
)
def test_it_never_raises_and_never_gives_nan(target, realisation, target_max, polarity, formula):
    value = c.capaian(
        target=target,
        realisation=realisation,
        target_max=target_max,
        polarity=polarity,
        rules=c.Rules(negative_formula=formula),
    )
    assert value is None or value.is_finite()
    assert "nan" not in c.display(value).lower()


@given(
    values=st.dictionaries(st.integers(1, 4), anything, max_size=4),
    method=st.sampled_from(["kumulatif", "nilai_akhir", "rata_rata"]),
)
def test_it_aggregates_anything_without_raising(values, method):
    agg = c.aggregate(method=method, realisations=values, annual_target=10)
    assert agg.realisation is None or agg.realisation.is_finite()
