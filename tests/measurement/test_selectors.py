"""measures(): which indicators are measured, against which target, in which quarters, with a
constant number of queries; Measure.result for every aggregation, scales and polarity rules."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.agreements import services as pk_services
from apps.agreements.models import PkStatus
from apps.measurement import selectors, services
from apps.measurement.capaian import DEFAULT_RULES
from apps.organisations import services as org_services
from apps.organisations.access import forget_scope
from apps.organisations.models import UnitType
from apps.performance import services as perf_services
from apps.performance.models import Indicator, Polarity, RenjaTarget, ValueType
from apps.performance.services.renja import renja_set_target
from tests.measurement.conftest import YEAR, sign_pk

pytestmark = pytest.mark.django_db


def _measures(cast, **kwargs):
    return {
        m.indicator.pk: m for m in selectors.measures(pemda_id=cast.pemda.pk, year=YEAR, **kwargs)
    }


def _indicator(plan, node=None, **kwargs):
    kwargs.setdefault("name", "Indikator tambahan")
    kwargs.setdefault("unit", "%")
    kwargs.setdefault("targets", {YEAR: 20})
    return perf_services.indicator_create(actor=None, node=node or plan.sasaran, **kwargs)


def _enter(cast, indicator, quarter, value):
    # Fresh from the database: adding OPDs renumbers the unit tree under cached objects.
    indicator = Indicator.objects.select_related("node__opd").get(pk=indicator.pk)
    user = cast.operator if indicator.node.opd_id else cast.bappeda
    forget_scope(user)
    return services.realisation_save(
        actor=user, indicator=indicator, year=YEAR, quarter=quarter, value=value
    )


# --- which indicators, which target ---------------------------------------------------------


def test_pk_indicators_are_quarterly_with_the_pk_target_and_rencana_aksi(mworld, cast):
    plan = mworld.plan
    found = _measures(cast)
    sasaran = found[plan.sasaran_indicator.pk]
    assert sasaran.source == selectors.SOURCE_PK
    assert sasaran.quarterly and sasaran.quarters == (1, 2, 3, 4)
    assert sasaran.target == Decimal(50)
    assert sasaran.quarter_targets == {
        1: Decimal("12.5"),
        2: Decimal(25),
        3: Decimal("37.5"),
        4: Decimal(50),
    }
    assert sasaran.quarter_target(2) == Decimal(25)
    assert sasaran.pk_line_id is not None
    sub = found[plan.sub_indicator.pk]
    assert sub.source == selectors.SOURCE_PK
    assert sum(sub.quarter_targets.values()) == sub.target == Decimal(1)


def test_rpjmd_and_plan_only_indicators_are_measured_at_year_end(mworld, cast):
    plan = mworld.plan
    extra = _indicator(plan, name="Indikator Renstra saja", targets={YEAR: 33})
    no_target = _indicator(plan, name="Tanpa target", targets={YEAR + 1: 5})
    found = _measures(cast)
    rpjmd = [m for m in found.values() if m.opd_id is None]
    assert [m.indicator.name for m in rpjmd] == ["Angka Harapan Hidup"]
    assert rpjmd[0].source == selectors.SOURCE_PLAN
    assert not rpjmd[0].quarterly and rpjmd[0].quarters == (4,)
    assert rpjmd[0].target == Decimal("71.4")
    assert found[extra.pk].source == selectors.SOURCE_PLAN
    assert found[extra.pk].quarters == (4,)
    assert found[extra.pk].target == Decimal(33)
    assert found[extra.pk].quarter_targets == {}
    assert no_target.pk not in found


def test_scoping_by_opd_and_pemda_level(mworld, cast):
    plan = mworld.plan
    only_opd = _measures(cast, opd_ids=[cast.opd1.pk], pemda_level=False)
    assert set(only_opd) == {plan.sasaran_indicator.pk, plan.sub_indicator.pk}
    only_pemda = _measures(cast, opd_ids=[], pemda_level=True)
    assert [m.indicator.name for m in only_pemda.values()] == ["Angka Harapan Hidup"]
    assert _measures(cast, opd_ids=[cast.opd2.pk], pemda_level=False) == {}
    other = selectors.measures(pemda_id=cast.pemda_b.pk, year=YEAR)
    assert other == []
    assert selectors.measures(pemda_id=cast.pemda.pk, year=YEAR + 10) == []


def test_target_precedence_pk_over_renja_over_renstra(mworld, cast):
    plan = mworld.plan
    renja = plan.renstra.renjas.get(year=YEAR, is_current=True)
    # An indicator of the program: in the Renja (not in any PK), Renstra target 20.
    on_program = _indicator(plan, node=plan.program, name="Cakupan program", targets={YEAR: 20})
    found = _measures(cast)
    assert found[on_program.pk].source == selectors.SOURCE_PLAN
    assert found[on_program.pk].target == Decimal(20)
    rt = RenjaTarget.objects.create(
        pemda_id=cast.pemda.pk, renja=renja, indicator=on_program, value=Decimal(20)
    )
    renja_set_target(actor=None, renja_target=rt, value="25", expected_version=rt.version)
    # The Renja also changes the PK indicator's target: the PK still rules.
    pk_rt = RenjaTarget.objects.get(renja=renja, indicator=plan.sasaran_indicator)
    renja_set_target(actor=None, renja_target=pk_rt, value="55", expected_version=pk_rt.version)
    found = _measures(cast)
    assert found[on_program.pk].source == selectors.SOURCE_RENJA
    assert found[on_program.pk].quarterly
    assert found[on_program.pk].target == Decimal(25)
    assert found[plan.sasaran_indicator.pk].source == selectors.SOURCE_PK
    assert found[plan.sasaran_indicator.pk].target == Decimal(50)


def test_the_latest_signed_pk_version_wins(mworld, cast):
    plan = mworld.plan
    kepala = mworld.signed[0]
    revision = pk_services.revise(
        actor=cast.operator, pk=kepala, reason="budget", note="APBD-P menaikkan target"
    )
    line = revision.lines.get(indicator=plan.sasaran_indicator)
    # Not signed yet: the signed version 1 still rules.
    assert _measures(cast)[plan.sasaran_indicator.pk].target == Decimal(50)
    pk_services.line_update(
        actor=cast.operator,
        line=line,
        target=Decimal(60),
        target_reason="APBD-P",
        expected_version=line.version,
    )
    sign_pk(cast, revision)
    kepala.refresh_from_db()
    assert kepala.status == PkStatus.SUPERSEDED
    measure = _measures(cast)[plan.sasaran_indicator.pk]
    assert measure.target == Decimal(60)
    assert measure.pk_line_id == line.pk
    assert measure.quarter_targets[4] == Decimal(60)
    assert measure.quarter_targets[2] == Decimal(30)


def test_query_count_is_constant_whatever_the_size(mworld, cast):
    plan = mworld.plan

    def grow(start: int, n: int) -> None:
        for i in range(start, start + n):
            opd = org_services.unit_create(
                actor=None, parent=cast.pemda, name=f"Dinas {i}", unit_type=UnitType.OPD
            )
            del opd
            indicator = _indicator(plan, name=f"Indikator {i}", targets={YEAR: 10 + i})
            _enter(cast, indicator, 4, 5)
        _enter(cast, plan.sasaran_indicator, 1 + start % 3, 10)

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as ctx:
            found = selectors.measures(pemda_id=cast.pemda.pk, year=YEAR)
            for m in found:
                m.result(4, DEFAULT_RULES)
                m.node.statement  # noqa: B018 - loaded with the indicator
        return len(ctx.captured_queries), len(found)

    grow(0, 1)
    small, n_small = count()
    grow(1, 6)
    large, n_large = count()
    assert n_large == n_small + 6
    assert small == large == 6


# --- Measure.result ---------------------------------------------------------------------------


def test_result_kumulatif(mworld, cast):
    plan = mworld.plan
    _enter(cast, plan.sub_indicator, 1, "0,25")
    _enter(cast, plan.sub_indicator, 2, "0,25")
    measure = _measures(cast)[plan.sub_indicator.pk]
    half = measure.result(2)
    assert half.realisation == Decimal("0.5")
    assert half.target == Decimal("0.5")
    assert half.capaian == Decimal(100)
    assert half.predicate == ("sangat_tinggi", "Sangat Tinggi")
    assert half.colour == "sangat_tinggi"
    assert half.quarters == (1, 2)
    year = measure.result(4)
    assert year.target == Decimal(1)
    assert year.capaian == Decimal(50)
    assert year.colour == "sangat_rendah"
    assert measure.capaian_of_quarter(1) == Decimal(100)
    assert measure.capaian_of_quarter(3) is None


def test_result_nilai_akhir(mworld, cast):
    plan = mworld.plan
    _enter(cast, plan.sasaran_indicator, 1, 10)
    _enter(cast, plan.sasaran_indicator, 2, 30)
    measure = _measures(cast)[plan.sasaran_indicator.pk]
    assert measure.result(1).capaian == Decimal(80)
    second = measure.result(2)
    assert second.realisation == Decimal(30)
    assert second.target == Decimal(25)
    assert second.capaian == Decimal(120)
    # Up to TW IV with data through TW II: the latest value against its own quarter's target.
    assert measure.result(4).capaian == Decimal(120)
    # With TW IV entered, the latest value is held against the annual target.
    _enter(cast, plan.sasaran_indicator, 4, 30)
    year = _measures(cast)[plan.sasaran_indicator.pk].result(4)
    assert year.target == Decimal(50)
    assert year.capaian == Decimal(60)
    assert year.colour == "rendah"


def test_result_rata_rata(mworld, cast):
    plan = mworld.plan
    sub = plan.sub_indicator
    perf_services.indicator_update(
        actor=None, indicator=sub, data={"aggregation": "rata_rata"}, expected_version=sub.version
    )
    _enter(cast, sub, 1, "0,2")
    _enter(cast, sub, 2, "0,3")
    measure = _measures(cast)[sub.pk]
    result = measure.result(2)
    assert result.realisation == Decimal("0.25")
    assert result.target == Decimal("0.25")
    assert result.capaian == Decimal(100)
    assert measure.result(4).target == Decimal(1)
    assert measure.result(4).capaian == Decimal(25)


def test_result_only_verified(mworld, cast):
    plan = mworld.plan
    row = _enter(cast, plan.sasaran_indicator, 1, 10)
    measure = _measures(cast)[plan.sasaran_indicator.pk]
    assert measure.result(1, verified_only=True).capaian is None
    assert measure.result(1, verified_only=True).colour == "none"
    services.realisation_transition(actor=cast.operator, realisation=row, action="submit")
    services.realisation_transition(actor=cast.verifier, realisation=row, action="verify")
    measure = _measures(cast)[plan.sasaran_indicator.pk]
    assert measure.result(1, verified_only=True).capaian == Decimal(80)


def test_result_of_a_scale_indicator(mworld, cast):
    plan = mworld.plan
    scale = perf_services.scale_create(
        actor=None,
        pemda=cast.pemda,
        name="Opini BPK",
        levels=[
            {"label": "WTP", "score": 100},
            {"label": "WDP", "score": 75},
            {"label": "TW", "score": 25},
            {"label": "TMP", "score": 0},
        ],
    )
    indicator = _indicator(
        plan,
        name="Opini BPK",
        unit="",
        value_type=ValueType.SCALE,
        scale=scale,
        targets={YEAR: "WTP"},
    )
    measure = _measures(cast)[indicator.pk]
    assert measure.is_scale and measure.target_text == "WTP" and measure.quarters == (4,)
    assert measure.result().capaian is None
    row = _enter(cast, indicator, 4, "wdp")
    assert row.text_value == "WDP" and row.value is None
    measure = _measures(cast)[indicator.pk]
    result = measure.result()
    assert result.realisation_text == "WDP"
    assert result.target_text == "WTP"
    assert result.capaian == Decimal(75)
    assert result.colour == "sedang"
    assert result.quarters == (4,)
    assert measure.capaian_of_quarter(4) == Decimal(75)


def test_negative_polarity_follows_the_pemda_setting(mworld, cast):
    plan = mworld.plan
    indicator = _indicator(
        plan, name="Angka kematian bayi", unit="per 1000", polarity=Polarity.NEGATIVE
    )
    _enter(cast, indicator, 4, 25)
    measure = _measures(cast)[indicator.pk]
    assert selectors.rules_for(cast.pemda.pk) == DEFAULT_RULES
    assert measure.result(4, selectors.rules_for(cast.pemda.pk)).capaian == Decimal(75)
    services.settings_update(
        actor=cast.bappeda, pemda=cast.pemda, data={"negative_formula": "inverse"}
    )
    rules = selectors.rules_for(cast.pemda.pk)
    assert rules.negative_formula == "inverse"
    assert measure.result(4, rules).capaian == Decimal(80)
    assert measure.result(4).capaian == Decimal(75)


def test_cap_applies_to_the_capped_figure_only(mworld, cast):
    plan = mworld.plan
    _enter(cast, plan.sasaran_indicator, 2, 40)
    services.settings_update(actor=cast.admin, pemda=cast.pemda, data={"index_cap": 110})
    rules = selectors.rules_for(cast.pemda.pk)
    result = _measures(cast)[plan.sasaran_indicator.pk].result(2, rules)
    assert result.capaian == Decimal(160)
    assert result.capaian_capped == Decimal(110)


def test_scale_result_takes_the_latest_quarter_with_a_level(mworld, cast):
    plan = mworld.plan
    scale = perf_services.scale_create(
        actor=None,
        pemda=cast.pemda,
        name="Opini",
        levels=[{"label": "WTP", "score": 100}, {"label": "WDP", "score": 75}],
    )
    indicator = _indicator(
        plan,
        node=plan.program,
        name="Opini program",
        unit="",
        value_type=ValueType.SCALE,
        scale=scale,
        targets={YEAR: "WTP"},
    )
    RenjaTarget.objects.create(
        pemda_id=cast.pemda.pk,
        renja=plan.renstra.renjas.get(year=YEAR, is_current=True),
        indicator=indicator,
        text_value="WTP",
    )
    _enter(cast, indicator, 1, "WDP")
    second = _enter(cast, indicator, 2, "WTP")
    assert _measures(cast)[indicator.pk].result(2).capaian == Decimal(100)
    services.realisation_save(
        actor=cast.operator,
        indicator=indicator,
        year=YEAR,
        quarter=2,
        value="",
        expected_version=second.version,
    )
    result = _measures(cast)[indicator.pk].result(2)
    assert result.realisation_text == "WDP"
    assert result.capaian == Decimal(75)
    assert result.quarters == (1,)


def test_may_enter_unit_is_limited_to_the_users_pemda(cast):
    assert selectors.may_enter_unit(cast.bappeda, cast.pemda)
    assert not selectors.may_enter_unit(cast.bappeda, cast.pemda_b)
    assert not selectors.may_enter_unit(cast.operator, cast.pemda)
    assert selectors.may_enter_unit(cast.operator, cast.opd1)
    assert not selectors.may_enter_unit(cast.operator, cast.opd2)
