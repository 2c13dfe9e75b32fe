"""The demo measurement 2026 as `manage.py load_demo` loads it: three quarters of realisations with
the intended mix of statuses, late OPDs and indicators heading for a miss, budget realisation,
the reopened TW III of Dinas Kesehatan, idempotence, and data that passes the services' own
checks."""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from apps.measurement import selectors, services
from apps.measurement.demo import REOPEN_OPD, YEAR, load_measurement_demo
from apps.measurement.models import (
    BudgetRealisation,
    Realisation,
    RealisationStatus,
    WindowReopening,
)
from apps.organisations.demo import PEMDA_NAME
from apps.organisations.models import OrgUnit, User
from apps.performance.models import RenjaLine

pytestmark = pytest.mark.django_db


def _pemda() -> OrgUnit:
    return OrgUnit.objects.get(parent=None, name=PEMDA_NAME)


def test_it_loads_three_quarters_with_the_intended_status_mix(demo):
    assert "Loaded the realisations 2026 (TW I–III)" in demo
    pemda = _pemda()
    rows = Realisation.objects.filter(pemda=pemda, year=YEAR)
    by_quarter = Counter(rows.values_list("quarter", flat=True))
    assert set(by_quarter) == {1, 2, 3}
    assert by_quarter[1] == by_quarter[2] > by_quarter[3] > 0
    status = Counter(rows.values_list("quarter", "status"))
    early = by_quarter[1] + by_quarter[2]
    early_verified = status[(1, "verified")] + status[(2, "verified")]
    assert early_verified / early > 0.8, "most TW I–II rows are verified"
    assert status[(3, "submitted")] > status[(3, "verified")] > 0
    assert status[(3, "draft")] > 0
    returned = list(rows.filter(status=RealisationStatus.RETURNED))
    assert len(returned) == 2 and all(r.return_note for r in returned)
    assert {r.quarter for r in returned} == {2, 3}
    for row in rows.filter(status=RealisationStatus.VERIFIED).select_related("verified_by")[:50]:
        assert row.verified_by is not None and row.verified_at and row.submitted_at


def test_a_few_opds_are_late_and_a_few_indicators_head_for_a_miss(demo):
    pemda = _pemda()
    quarters = defaultdict(set)
    for opd_id, quarter in Realisation.objects.filter(pemda=pemda, year=YEAR).values_list(
        "opd_id", "quarter"
    ):
        quarters[opd_id].add(quarter)
    late = [opd for opd, qs in quarters.items() if qs == {1, 2}]
    assert 1 <= len(late) <= 5 and len(late) < len(quarters) / 4
    measured = [m for m in selectors.measures(pemda_id=pemda.pk, year=YEAR) if m.quarterly]
    results = [m.result(3) for m in measured if m.realisations]
    colours = Counter(r.colour for r in results)
    assert (colours["tinggi"] + colours["sangat_tinggi"]) / len(results) > 0.75
    at_risk = [r for r in results if r.capaian is not None and r.capaian < 66]
    assert 1 <= len(at_risk) < len(results) / 10


def test_budget_absorption_reaches_60_to_75_percent_by_tw_iii(demo):
    pemda = _pemda()
    spent = dict(
        BudgetRealisation.objects.filter(pemda=pemda, year=YEAR, quarter__lte=3)
        .values_list("node_id")
        .annotate(total=Sum("amount"))
    )
    full = set(
        BudgetRealisation.objects.filter(pemda=pemda, year=YEAR, quarter=3).values_list(
            "node_id", flat=True
        )
    )
    pagu = dict(
        RenjaLine.objects.filter(
            pemda=pemda, renja__year=YEAR, renja__is_current=True, node_id__in=list(full)
        ).values_list("node_id", "pagu")
    )
    assert len(full) > 100
    absorption = [spent[node] / pagu[node] * 100 for node in full]
    assert all(Decimal(59) < a <= Decimal(76) for a in absorption)


def test_dinas_kesehatan_has_tw_iii_open_today_and_the_operator_can_enter(demo):
    pemda = _pemda()
    dinkes = OrgUnit.objects.get(pemda=pemda, name=REOPEN_OPD)
    reopening = WindowReopening.objects.get(pemda=pemda, opd=dinkes, window__quarter=3)
    assert reopening.until >= timezone.localdate() and reopening.reason
    state = selectors.windows(pemda_id=pemda.pk, year=YEAR, unit_id=dinkes.pk)[3]
    assert state.is_open
    operator = User.objects.get(username="operator")
    open_rows = [
        m
        for m in selectors.opd_measures(opd=dinkes, year=YEAR)
        if m.quarterly
        and (m.realisations.get(3) is None or m.realisations[3].status == "returned")
        and not m.is_scale
    ]
    assert open_rows, "something is left for the demo operator to enter today"
    m = open_rows[0]
    row = services.realisation_save(
        actor=operator, indicator=m.indicator, year=YEAR, quarter=3, value=m.target
    )
    assert row.value == m.target


def test_the_data_passes_the_services_own_checks(demo):
    pemda = _pemda()
    measured = {
        m.indicator.pk: m
        for m in selectors.measures(pemda_id=pemda.pk, year=YEAR, with_realisations=False)
    }
    rows = Realisation.objects.filter(pemda=pemda, year=YEAR).select_related(
        "indicator__node__opd", "indicator__scale", "entered_by"
    )
    for row in rows:
        measure = measured[row.indicator_id]
        assert row.quarter in measure.quarters
        raw = row.text_value if measure.is_scale else row.value
        assert services.clean_value(row.indicator, raw) == {
            "value": row.value,
            "text_value": row.text_value,
        }
        assert row.opd_id == (row.indicator.node.opd_id or pemda.pk)
    enterers = {row.entered_by for row in rows}
    sample = {row.indicator.node.opd_id: row for row in rows}
    for row in sample.values():
        assert selectors.may_enter(row.entered_by, row.indicator)
    assert None not in enterers


def test_a_second_run_creates_nothing(demo):
    pemda = _pemda()
    before = (
        Realisation.objects.count(),
        BudgetRealisation.objects.count(),
        WindowReopening.objects.count(),
        User.objects.count(),
    )
    assert not load_measurement_demo(pemda).created
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "The demo realisations are already loaded; unchanged." in out.getvalue()
    after = (
        Realisation.objects.count(),
        BudgetRealisation.objects.count(),
        WindowReopening.objects.count(),
        User.objects.count(),
    )
    assert after == before
