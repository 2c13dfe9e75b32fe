"""The year-end forecast on hand-computed cases, and its invariants by property-based tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from apps.measurement import forecast as f
from apps.measurement.selectors import WindowState

PLAN = {1: D(10), 2: D(20), 3: D(30), 4: D(40)}


def test_it_projects_a_cumulative_indicator_at_the_mean_pace():
    # 30 + 2 quarters × mean(10, 20) = 60 against 80 → 75 %: at risk, not high risk.
    result = f.forecast(method="kumulatif", realisations={1: 10, 2: 20}, annual_target=80)
    assert (result.value, result.method) == (D("60.00"), "mean")
    assert result.capaian == D("75.00")
    assert result.risk == f.RISK_AT and result.at_risk


def test_it_follows_the_rencana_aksi_shape_when_the_plan_has_four_quarters():
    # planned so far 10 + 20 = 30, done 27 (90 %); the year's plan 100 → 27 + 0.9 × 70 = 90.
    result = f.forecast(
        method="kumulatif", realisations={1: 9, 2: 18}, annual_target=100, quarter_targets=PLAN
    )
    assert (result.value, result.method) == (D("90.00"), "plan")
    assert result.capaian == D("90.00")


def test_it_trusts_a_back_loaded_plan_when_nothing_was_planned_yet():
    # Build one puskesmas in TW IV: nothing planned or done so far, so the plan still holds.
    plan = {1: 0, 2: 0, 3: 0, 4: 1}
    result = f.forecast(
        method="kumulatif", realisations={1: 0, 2: 0}, annual_target=1, quarter_targets=plan
    )
    assert (result.value, result.capaian, result.risk) == (D("1.00"), D("100.00"), f.RISK_NONE)


def test_a_complete_cumulative_year_is_the_actual_total():
    result = f.forecast(method="kumulatif", realisations={1: 1, 2: 2, 3: 3, 4: 4}, annual_target=10)
    assert (result.value, result.method, result.capaian) == (D("10.00"), "actual", D("100.00"))


def test_it_extrapolates_the_trend_of_a_final_value_indicator():
    # Least squares through (1, 40), (2, 44), (3, 50): slope 5, mean 44.67 at q̄ = 2 →
    # 44.67 + 5 × 2 = 54.67 against 60 → 91.12 %.
    result = f.forecast(method="nilai_akhir", realisations={1: 40, 2: 44, 3: 50}, annual_target=60)
    assert (result.value, result.method) == (D("54.67"), "trend")
    assert result.capaian == D("91.12")
    assert result.risk == f.RISK_AT


def test_a_single_final_value_is_carried_forward():
    result = f.forecast(method="nilai_akhir", realisations={2: 30}, annual_target=60)
    assert (result.value, result.method, result.capaian) == (D("30.00"), "last", D("50.00"))
    assert result.risk == f.RISK_HIGH


def test_a_tw_iv_final_value_is_the_answer():
    result = f.forecast(method="nilai_akhir", realisations={1: 10, 4: 70}, annual_target=60)
    assert (result.value, result.method) == (D("70.00"), "actual")
    assert result.risk == f.RISK_NONE


def test_it_averages_a_mean_indicator():
    result = f.forecast(method="rata_rata", realisations={1: 70, 2: 80, 3: 90}, annual_target=80)
    assert (result.value, result.capaian, result.risk) == (D("80.00"), D("100.00"), f.RISK_NONE)


def test_it_uses_the_polarity_of_the_indicator():
    # Lower is better: a falling trend 12, 10, 8 heads for 6 against a target of 8 → 125 %.
    result = f.forecast(
        method="nilai_akhir",
        realisations={1: 12, 2: 10, 3: 8},
        annual_target=8,
        polarity="negative",
    )
    assert (result.value, result.capaian, result.risk) == (D("6.00"), D("125.00"), f.RISK_NONE)


def test_it_is_undefined_without_data_or_target():
    empty = f.forecast(method="kumulatif", realisations={}, annual_target=10)
    assert (empty.value, empty.capaian, empty.risk) == (None, None, f.RISK_UNKNOWN)
    assert not empty.at_risk
    no_target = f.forecast(method="kumulatif", realisations={1: 5}, annual_target=0)
    assert no_target.capaian is None and no_target.risk == f.RISK_UNKNOWN


def test_it_forecasts_a_scale_at_its_latest_level():
    levels = [{"label": "WTP", "score": 100}, {"label": "WDP", "score": 75}]
    result = f.forecast_scale(realisations={1: "WTP", 2: "WDP"}, target="WTP", levels=levels)
    assert (result.value_text, result.capaian, result.risk) == ("WDP", D("75.00"), f.RISK_AT)


def test_risk_bands():
    assert f.risk_of(D("99.99")) == f.RISK_AT
    assert f.risk_of(D("66")) == f.RISK_AT
    assert f.risk_of(D("65.99")) == f.RISK_HIGH
    assert f.risk_of(D("100")) == f.RISK_NONE
    assert f.risk_of(None) == f.RISK_UNKNOWN


def _window(closes_in: int, reopened_in: int | None = None) -> WindowState:
    today = dt.date(2026, 5, 1)
    return WindowState(
        quarter=1,
        opens_on=today - dt.timedelta(days=30),
        closes_on=today + dt.timedelta(days=closes_in),
        reopened_until=today + dt.timedelta(days=reopened_in) if reopened_in is not None else None,
        today=today,
    )


def test_late_quarters_need_a_closed_window_and_no_submitted_value():
    row = lambda status: SimpleNamespace(status=status)  # noqa: E731
    measure = SimpleNamespace(
        quarters=(1, 2, 3, 4),
        realisations={1: row("submitted"), 2: row("draft"), 3: row("returned")},
    )
    closed = {q: _window(-3) for q in (1, 2, 3, 4)}
    assert f.late_quarters(measure, closed) == [2, 4]
    reopened = {**closed, 4: _window(-3, reopened_in=2)}
    assert f.late_quarters(measure, reopened) == [2]
    still_open = {q: _window(3) for q in (1, 2, 3, 4)}
    assert f.late_quarters(measure, still_open) == []


# --- properties ---------------------------------------------------------------------------------

numbers = st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=2)
non_negative = st.decimals(min_value=0, max_value=10**9, allow_nan=False, places=2)
anything = st.one_of(
    st.none(), st.text(max_size=5), numbers, st.floats(allow_nan=True, allow_infinity=True)
)
methods = st.sampled_from(["kumulatif", "nilai_akhir", "rata_rata", "unknown"])
polarities = st.sampled_from(["positive", "negative", "range", "unknown"])
quarters = st.lists(st.integers(1, 4), min_size=1, max_size=4, unique=True)


@given(
    values=st.dictionaries(st.integers(-1, 6), anything, max_size=6),
    plan=st.dictionaries(st.integers(-1, 6), anything, max_size=6),
    target=anything,
    method=methods,
    polarity=polarities,
)
def test_it_never_raises_and_never_gives_nan(values, plan, target, method, polarity):
    result = f.forecast(
        method=method,
        realisations=values,
        annual_target=target,
        quarter_targets=plan,
        polarity=polarity,
        target_max=target,
    )
    for number in (result.value, result.capaian):
        assert number is None or number.is_finite()
    assert result.risk in {f.RISK_NONE, f.RISK_AT, f.RISK_HIGH, f.RISK_UNKNOWN}
    assert (result.capaian is None) == (result.risk == f.RISK_UNKNOWN)


@given(
    qs=quarters,
    base=st.lists(non_negative, min_size=4, max_size=4),
    raise_by=st.lists(non_negative, min_size=4, max_size=4),
    plan=st.one_of(st.none(), st.lists(non_negative, min_size=4, max_size=4)),
    method=st.sampled_from(["kumulatif", "rata_rata"]),
)
def test_higher_realisations_never_lower_a_flow_or_mean_forecast(qs, base, raise_by, plan, method):
    plan_map = {q: plan[q - 1] for q in (1, 2, 3, 4)} if plan else None
    low = {q: base[q - 1] for q in qs}
    high = {q: base[q - 1] + raise_by[q - 1] for q in qs}
    lo = f.forecast(method=method, realisations=low, annual_target=100, quarter_targets=plan_map)
    hi = f.forecast(method=method, realisations=high, annual_target=100, quarter_targets=plan_map)
    assert hi.value >= lo.value
    assert hi.capaian >= lo.capaian


@given(qs=quarters, base=st.lists(numbers, min_size=4, max_size=4), shift=non_negative)
def test_a_higher_final_value_path_never_lowers_its_forecast(qs, base, shift):
    # The trend's slope depends on the shape, so raising every quarter by the same amount must
    # raise the forecast by exactly that amount (up to rounding).
    low = {q: base[q - 1] for q in qs}
    high = {q: v + shift for q, v in low.items()}
    lo = f.forecast(method="nilai_akhir", realisations=low, annual_target=100)
    hi = f.forecast(method="nilai_akhir", realisations=high, annual_target=100)
    assert abs(hi.value - lo.value - shift) <= D("0.01")
    assert hi.capaian >= lo.capaian


@given(qs=quarters, value=non_negative.filter(lambda v: v > 0))
def test_a_flat_path_forecasts_itself(qs, value):
    flat = dict.fromkeys(qs, value)
    assert f.forecast(method="nilai_akhir", realisations=flat, annual_target=1).value == (
        value.quantize(D("0.01"))
    )
    assert f.forecast(method="rata_rata", realisations=flat, annual_target=1).value == (
        value.quantize(D("0.01"))
    )
