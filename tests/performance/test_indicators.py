"""Indicators, targets per year, indicative budgets and value scales: every bad input is a clear
message on its field and nothing is saved."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from apps.core.concurrency import StaleVersionError
from apps.core.models import ActivityLog
from apps.performance import services
from apps.performance.models import Indicator, NodeBudget, Polarity, Target, ValueType
from apps.performance.services._base import parse_decimal

BPK = [
    {"label": "WTP", "score": 100},
    {"label": "WDP", "score": 75},
    {"label": "TW", "score": 25},
    {"label": "TMP", "score": 0},
]


def _targets(indicator):
    return {
        t.year: (t.value, t.value_max, t.text_value)
        for t in Target.objects.filter(indicator=indicator)
    }


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (75, Decimal("75.0000")),
        ("75,5", Decimal("75.5000")),
        ("1.234,5", Decimal("1234.5000")),
        ("1,234.5", Decimal("1234.5000")),
        (" 12.25 ", Decimal("12.2500")),
        (0.1, Decimal("0.1000")),
        ("", None),
        (None, None),
    ],
)
def test_it_reads_numbers_as_people_type_them(raw, expected):
    assert parse_decimal(raw, field="value") == expected


@pytest.mark.parametrize("raw", ["tujuh", "12a", "NaN", "Infinity", True, "1e30"])
def test_it_refuses_what_is_not_a_number(raw):
    with pytest.raises(ValidationError) as exc:
        parse_decimal(raw, field="value")
    assert "value" in exc.value.message_dict


def test_it_stores_an_indicator_with_everything_needed_to_measure_it(plan):
    indicator = plan.sasaran_indicator
    assert indicator.is_iku
    assert indicator.max_value == 100
    assert _targets(indicator)[2027] == (Decimal("60.0000"), None, "")
    assert ActivityLog.objects.filter(action="sakip.indicator.created").count() == 3


def test_it_refuses_a_non_numeric_target_on_a_numeric_indicator_and_saves_nothing(plan):
    before = _targets(plan.sasaran_indicator)
    with pytest.raises(ValidationError) as exc:
        services.targets_set(
            actor=None,
            indicator=plan.sasaran_indicator,
            targets={2025: "45", 2026: "lima puluh", 2027: "65"},
        )
    assert exc.value.message_dict == {
        "target_2026": ["The target must be a number (for example 75 or 75,5)."]
    }
    assert _targets(plan.sasaran_indicator) == before


def test_it_refuses_a_year_outside_the_period(plan):
    with pytest.raises(ValidationError) as exc:
        services.targets_set(actor=None, indicator=plan.sasaran_indicator, targets={2030: 90})
    assert "outside the plan period 2025–2029" in exc.value.message_dict["target_2030"][0]
    with pytest.raises(ValidationError) as exc:
        services.target_set(actor=None, indicator=plan.sasaran_indicator, year=2024, value=10)
    assert "year" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.budget_set(actor=None, node=plan.program, year=2031, amount=1000)
    assert "outside" in exc.value.message_dict["amount"][0]
    assert not Target.objects.filter(year__in=[2024, 2030]).exists()


def test_it_refuses_a_target_outside_the_valid_range(plan):
    with pytest.raises(ValidationError) as exc:
        services.target_set(actor=None, indicator=plan.sasaran_indicator, year=2029, value=120)
    assert "highest valid value" in exc.value.message_dict["value"][0]


def test_it_reports_every_bad_year_at_once(plan):
    with pytest.raises(ValidationError) as exc:
        services.targets_set(
            actor=None, indicator=plan.sasaran_indicator, targets={2025: "x", 2026: "y"}
        )
    assert set(exc.value.message_dict) == {"target_2025", "target_2026"}


def test_it_requires_an_upper_bound_not_below_the_lower_one_for_a_range(plan):
    indicator = services.indicator_create(
        actor=None,
        node=plan.sasaran,
        name="Rasio dokter per 1.000 penduduk",
        unit="rasio",
        definition="Jumlah dokter dibagi jumlah penduduk per 1.000",
        polarity=Polarity.RANGE,
    )
    with pytest.raises(ValidationError) as exc:
        services.target_set(actor=None, indicator=indicator, year=2025, value="0,4")
    assert "upper bound" in exc.value.message_dict["value_max"][0]
    with pytest.raises(ValidationError) as exc:
        services.target_set(actor=None, indicator=indicator, year=2025, value=5, value_max=4)
    assert "not be below" in exc.value.message_dict["value_max"][0]
    target = services.target_set(
        actor=None, indicator=indicator, year=2025, value="0,4", value_max="0,6"
    )
    assert (target.value, target.value_max) == (Decimal("0.4"), Decimal("0.6"))
    with pytest.raises(ValidationError) as exc:
        services.target_set(
            actor=None, indicator=plan.sasaran_indicator, year=2025, value=50, value_max=60
        )
    assert "Only a range indicator" in exc.value.message_dict["value_max"][0]


def test_it_takes_scale_targets_as_one_of_the_levels(plan):
    scale = services.scale_create(actor=None, pemda=plan.cast.pemda, name="Opini BPK", levels=BPK)
    indicator = services.indicator_create(
        actor=None,
        node=plan.sasaran_pemda,
        name="Opini BPK atas LKPD",
        value_type=ValueType.SCALE,
        scale=scale,
        definition="Opini Badan Pemeriksa Keuangan atas Laporan Keuangan Pemerintah Daerah",
        baseline_text="WDP",
        is_iku=True,
        targets={2025: "WDP", 2026: "WTP"},
    )
    assert _targets(indicator)[2026] == (None, None, "WTP")
    with pytest.raises(ValidationError) as exc:
        services.target_set(actor=None, indicator=indicator, year=2027, value="Wajar")
    assert "WTP, WDP, TW, TMP" in exc.value.message_dict["value"][0]
    with pytest.raises(ValidationError) as exc:
        services.indicator_create(
            actor=None, node=plan.sasaran_pemda, name="X", value_type=ValueType.SCALE
        )
    assert "scale" in exc.value.message_dict


def test_it_refuses_a_scale_that_is_not_ordered_or_too_short(plan):
    with pytest.raises(ValidationError, match="best first"):
        services.scale_create(
            actor=None, pemda=plan.cast.pemda, name="S", levels=list(reversed(BPK))
        )
    with pytest.raises(ValidationError, match="at least two"):
        services.scale_create(actor=None, pemda=plan.cast.pemda, name="S", levels=BPK[:1])


def test_it_refuses_a_scale_of_another_pemda(plan):
    scale = services.scale_create(actor=None, pemda=plan.cast.pemda_b, name="Opini", levels=BPK)
    with pytest.raises(ValidationError) as exc:
        services.indicator_create(
            actor=None, node=plan.sasaran, name="Opini", value_type=ValueType.SCALE, scale=scale
        )
    assert "scale" in exc.value.message_dict


def test_it_refuses_indicators_on_roots_and_misi_and_bad_fields(plan):
    with pytest.raises(ValidationError):
        services.indicator_create(actor=None, node=plan.misi, name="X")
    with pytest.raises(ValidationError) as exc:
        services.indicator_create(actor=None, node=plan.sasaran, name="  ")
    assert "name" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.indicator_create(
            actor=None, node=plan.sasaran, name="X", min_value=10, max_value=5
        )
    assert "max_value" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.indicator_create(
            actor=None, node=plan.sasaran, name="X", responsible_position=plan.cast.kepala_opd2
        )
    assert "responsible_position" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.indicator_create(actor=None, node=plan.sasaran, name="X", polarity="up")
    assert "polarity" in exc.value.message_dict


def test_it_creates_nothing_when_a_target_of_a_new_indicator_is_bad(plan):
    before = Indicator.objects.count()
    with pytest.raises(ValidationError):
        services.indicator_create(
            actor=None, node=plan.sasaran, name="Cakupan", unit="%", targets={2025: "banyak"}
        )
    assert Indicator.objects.count() == before


def test_it_refuses_an_indicator_change_its_targets_do_not_fit(plan):
    indicator = Indicator.objects.get(pk=plan.sasaran_indicator.pk)
    with pytest.raises(ValidationError) as exc:
        services.indicator_update(
            actor=None,
            indicator=indicator,
            data={"max_value": 50},
            expected_version=indicator.version,
        )
    assert "2027" in exc.value.message_dict["value_type"][0]
    services.indicator_update(
        actor=plan.cast.operator,
        indicator=indicator,
        data={"unit": "persen", "data_source": "Profil Kesehatan"},
        expected_version=indicator.version,
    )
    indicator.refresh_from_db()
    assert indicator.unit == "persen"
    assert indicator.history.first().data_source == "Profil Kesehatan"


def test_it_refuses_a_stale_indicator_update(plan):
    a = Indicator.objects.get(pk=plan.sasaran_indicator.pk)
    b = Indicator.objects.get(pk=plan.sasaran_indicator.pk)
    services.indicator_update(actor=None, indicator=a, data={"unit": "%"}, expected_version=1)
    with pytest.raises(StaleVersionError):
        services.indicator_update(
            actor=None, indicator=b, data={"unit": "persen"}, expected_version=b.version
        )


def test_it_refuses_a_stale_target(plan):
    target = Target.objects.get(indicator=plan.sasaran_indicator, year=2026)
    services.target_set(
        actor=None,
        indicator=plan.sasaran_indicator,
        year=2026,
        value=55,
        expected_version=target.version,
    )
    with pytest.raises(StaleVersionError) as exc:
        services.target_set(
            actor=None,
            indicator=plan.sasaran_indicator,
            year=2026,
            value=52,
            expected_version=target.version,
        )
    assert exc.value.current.value == Decimal("55")


def test_it_logs_old_and_new_targets_and_keeps_row_history(plan):
    services.targets_set(
        actor=plan.cast.operator,
        indicator=plan.sasaran_indicator,
        targets={2025: 40, 2026: 55, 2029: ""},
    )
    log = ActivityLog.objects.filter(action="sakip.target.set").latest("id")
    assert log.data["changes"] == {
        "2026": {"old": "50", "new": "55"},
        "2029": {"old": "80", "new": ""},
    }
    assert log.data["after_approval"] is False
    assert not Target.objects.filter(indicator=plan.sasaran_indicator, year=2029).exists()
    history = Target.history.filter(indicator_id=plan.sasaran_indicator.pk, year=2026)
    assert [h.value for h in history.order_by("history_date")] == [Decimal("50"), Decimal("55")]


def test_it_deletes_an_indicator_with_its_targets(plan):
    services.indicator_delete(actor=None, indicator=plan.sub_indicator)
    assert not Target.objects.filter(indicator_id=plan.sub_indicator.pk).exists()


def test_it_sets_and_clears_budgets_and_refuses_bad_amounts(plan):
    services.budgets_set(actor=None, node=plan.sub, amounts={2025: "1.750.000.000,00", 2026: ""})
    budgets = dict(NodeBudget.objects.filter(node=plan.sub).values_list("year", "amount"))
    assert budgets[2025] == Decimal("1750000000.00")
    assert 2026 not in budgets
    with pytest.raises(ValidationError) as exc:
        services.budgets_set(actor=None, node=plan.sub, amounts={2027: "-5", 2028: "sejuta"})
    assert set(exc.value.message_dict) == {"budget_2027", "budget_2028"}
    with pytest.raises(ValidationError, match="Only programs"):
        services.budgets_set(actor=None, node=plan.sasaran, amounts={2025: 1})


def test_it_speaks_indonesian_by_default(plan):
    with translation.override("id"), pytest.raises(ValidationError) as exc:
        services.targets_set(actor=None, indicator=plan.sasaran_indicator, targets={2030: 1})
    assert "2030" in exc.value.message_dict["target_2030"][0]
    assert "periode" in exc.value.message_dict["target_2030"][0]
