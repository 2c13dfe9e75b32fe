"""The measurement services against the real database: entry (one and grid), the verification
workflow, window reopening, budget realisation and the Pemda's settings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.core.concurrency import StaleVersionError
from apps.core.models import ActivityLog, WorkflowEvent
from apps.core.workflow import WorkflowError
from apps.measurement import selectors, services
from apps.measurement.models import (
    BudgetRealisation,
    MeasurementSettings,
    Realisation,
    RealisationStatus,
    WindowReopening,
)
from apps.measurement.services import BudgetRow, BulkError, GridRow
from apps.organisations import services as org_services
from apps.organisations.models import QuarterWindow, Role
from apps.performance import services as perf_services
from tests.conftest import PASSWORD
from tests.measurement.conftest import YEAR, close_window

pytestmark = pytest.mark.django_db


def _save(cast, indicator, quarter=1, value="30", user=None, **kwargs):
    return services.realisation_save(
        actor=user or cast.operator,
        indicator=indicator,
        year=YEAR,
        quarter=quarter,
        value=value,
        **kwargs,
    )


def _message(exc_info, field):
    return " ".join(exc_info.value.message_dict[field])


def _window(cast, quarter):
    return QuarterWindow.objects.get(pemda=cast.pemda, plan_year__year=YEAR, quarter=quarter)


def _other_pemda_planner(cast):
    user = org_services.user_create(
        actor=None, pemda=cast.pemda_b, username="bappeda_b", password=PASSWORD
    )
    org_services.membership_grant(actor=None, user=user, unit=cast.pemda_b, role=Role.BAPPEDA)
    return user


# --- realisation_save -------------------------------------------------------------------------


def test_create_and_edit_are_audited(mworld, cast):
    indicator = mworld.plan.sasaran_indicator
    row = _save(cast, indicator, value="30,5", obstacle=" Hujan ", solution="Lembur")
    assert row.value == Decimal("30.5")
    assert row.status == RealisationStatus.DRAFT
    assert row.opd_id == cast.opd1.pk
    assert row.entered_by == cast.operator
    assert (row.obstacle, row.solution) == ("Hujan", "Lembur")
    log = ActivityLog.objects.get(action="sakip.realisation.created", object_code=row.code)
    assert log.data["changes"]["value"]["new"] == "30.5000"
    assert log.unit_id == cast.opd1.pk
    edited = _save(cast, indicator, value="32", expected_version=row.version)
    assert edited.pk == row.pk
    assert edited.version == row.version + 1
    assert Realisation.objects.get(pk=row.pk).value == Decimal(32)
    change = ActivityLog.objects.get(action="sakip.realisation.changed", object_code=row.code)
    assert change.data["changes"]["value"] == {"old": "30.5000", "new": "32.0000"}
    assert row.history.count() == 2


def test_an_unchanged_save_writes_nothing(mworld, cast):
    indicator = mworld.plan.sasaran_indicator
    row = _save(cast, indicator, value="30")
    again = _save(cast, indicator, value="30,0")
    assert again.version == row.version
    assert ActivityLog.objects.filter(action__startswith="sakip.realisation.").count() == 1


@pytest.mark.parametrize("raw", ["abc", "1,2,3x", "12%"])
def test_non_numeric_value_is_refused(mworld, cast, raw):
    with pytest.raises(ValidationError) as exc:
        _save(cast, mworld.plan.sasaran_indicator, value=raw)
    assert "must be a number" in _message(exc, "value")
    assert not Realisation.objects.exists()


def test_value_outside_the_unit_range_is_refused(mworld, cast):
    with pytest.raises(ValidationError) as exc:
        _save(cast, mworld.plan.sasaran_indicator, value="101")
    assert "highest valid value (100" in _message(exc, "value")
    assert _save(cast, mworld.plan.sasaran_indicator, value="100").value == 100


def test_empty_value_is_refused_on_create(mworld, cast):
    with pytest.raises(ValidationError) as exc:
        _save(cast, mworld.plan.sasaran_indicator, value="  ")
    assert "Enter the realisation" in _message(exc, "value")
    assert not Realisation.objects.exists()


def test_scale_value_must_be_on_the_scale(mworld, cast):
    scale = perf_services.scale_create(
        actor=None,
        pemda=cast.pemda,
        name="Predikat",
        levels=[{"label": "A", "score": 100}, {"label": "B", "score": 70}],
    )
    indicator = perf_services.indicator_create(
        actor=None,
        node=mworld.plan.sasaran,
        name="Predikat SAKIP",
        value_type="scale",
        scale=scale,
        targets={YEAR: "A"},
    )
    with pytest.raises(ValidationError) as exc:
        _save(cast, indicator, quarter=4, value="C")
    assert "Choose one of: A, B." in _message(exc, "value")
    assert _save(cast, indicator, quarter=4, value=" b ").text_value == "B"


def test_closed_window_refuses_and_reopening_allows(mworld, cast):
    indicator = mworld.plan.sasaran_indicator
    close_window(cast.pemda, 1)
    with pytest.raises(ValidationError) as exc:
        _save(cast, indicator, quarter=1)
    assert "closed on" in _message(exc, "quarter")
    assert "reopen" in _message(exc, "quarter")
    assert not Realisation.objects.exists()
    services.window_reopen(
        actor=cast.bappeda,
        window=_window(cast, 1),
        opd=cast.opd1,
        until=timezone.localdate() + dt.timedelta(days=3),
        reason="Server down",
    )
    assert _save(cast, indicator, quarter=1).value == Decimal(30)
    # Another OPD's window stays closed.
    state = selectors.windows(pemda_id=cast.pemda.pk, year=YEAR, unit_id=cast.opd2.pk)[1]
    assert not state.is_open and state.is_closed


def test_window_not_yet_open_refuses(mworld, cast):
    today = timezone.localdate()
    QuarterWindow.objects.filter(pemda=cast.pemda, plan_year__year=YEAR, quarter=2).update(
        opens_on=today + dt.timedelta(days=3), closes_on=today + dt.timedelta(days=20)
    )
    with pytest.raises(ValidationError) as exc:
        _save(cast, mworld.plan.sasaran_indicator, quarter=2)
    assert "opens on" in _message(exc, "quarter")


def test_year_end_only_indicator_refuses_tw_i(mworld, cast):
    indicator = perf_services.indicator_create(
        actor=None, node=mworld.plan.sasaran, name="Renstra saja", targets={YEAR: 5}
    )
    with pytest.raises(ValidationError) as exc:
        _save(cast, indicator, quarter=1, value="1")
    assert "year end only" in _message(exc, "quarter")
    assert _save(cast, indicator, quarter=4, value="1").quarter == 4


def test_indicator_without_target_is_refused(mworld, cast):
    indicator = perf_services.indicator_create(
        actor=None, node=mworld.plan.sasaran, name="Tanpa target", targets={YEAR + 1: 5}
    )
    with pytest.raises(ValidationError) as exc:
        _save(cast, indicator, quarter=4, value="1")
    assert "no target for 2026" in _message(exc, "indicator")


def test_renja_indicator_with_an_empty_target_is_refused(mworld, cast):
    from apps.performance.models import RenjaTarget

    plan = mworld.plan
    indicator = perf_services.indicator_create(
        actor=None, node=plan.program, name="Target kosong", targets={YEAR + 1: 5}
    )
    RenjaTarget.objects.create(
        pemda_id=cast.pemda.pk,
        renja=plan.renstra.renjas.get(year=YEAR, is_current=True),
        indicator=indicator,
    )
    with pytest.raises(ValidationError) as exc:
        _save(cast, indicator, quarter=1, value="1")
    assert "no target for 2026" in _message(exc, "indicator")
    with pytest.raises(BulkError):
        services.realisations_save(
            actor=cast.operator,
            pemda_id=cast.pemda.pk,
            year=YEAR,
            quarter=1,
            opd=cast.opd1,
            rows=[GridRow(row=1, indicator=str(indicator.code), value="1")],
        )
    assert not Realisation.objects.exists()


@pytest.mark.parametrize("who", ["other_operator", "viewer", "evaluator", "outsider", "bappeda"])
def test_who_may_not_enter(mworld, cast, who):
    with pytest.raises(PermissionDenied):
        _save(cast, mworld.plan.sasaran_indicator, user=getattr(cast, who))
    assert not Realisation.objects.exists()


def test_rpjmd_indicator_is_entered_by_planners_of_its_pemda_only(mworld, cast):
    ahh = selectors.measures(pemda_id=cast.pemda.pk, year=YEAR, opd_ids=[], pemda_level=True)
    indicator = ahh[0].indicator
    with pytest.raises(PermissionDenied):
        _save(cast, indicator, quarter=4, value="71,5", user=cast.operator)
    with pytest.raises(PermissionDenied):
        _save(cast, indicator, quarter=4, value="71,5", user=_other_pemda_planner(cast))
    row = _save(cast, indicator, quarter=4, value="71,5", user=cast.bappeda)
    assert row.opd_id == cast.pemda.pk


def test_stale_version_gets_the_current_row(mworld, cast):
    indicator = mworld.plan.sasaran_indicator
    row = _save(cast, indicator, value="30")
    _save(cast, indicator, value="31", user=cast.verifier, expected_version=row.version)
    with pytest.raises(StaleVersionError) as exc:
        _save(cast, indicator, value="35", expected_version=row.version)
    assert exc.value.current.value == Decimal(31)
    assert Realisation.objects.get(pk=row.pk).value == Decimal(31)


def test_submitted_and_verified_rows_are_locked(mworld, cast):
    indicator = mworld.plan.sasaran_indicator
    row = _save(cast, indicator, value="30")
    services.realisation_transition(actor=cast.operator, realisation=row, action="submit")
    with pytest.raises(ValidationError) as exc:
        _save(cast, indicator, value="31")
    assert "submitted and locked" in _message(exc, "value")
    # The same values again (a grid repeating what is there) are accepted without a change.
    assert _save(cast, indicator, value="30").version == row.version
    services.realisation_transition(actor=cast.verifier, realisation=row, action="verify")
    with pytest.raises(ValidationError) as exc:
        _save(cast, indicator, value="31")
    assert "verified and locked" in _message(exc, "value")
    assert Realisation.objects.get(pk=row.pk).value == Decimal(30)


# --- realisations_save ------------------------------------------------------------------------


def _grid(cast, rows, quarter=1, opd=None):
    return services.realisations_save(
        actor=cast.operator,
        pemda_id=cast.pemda.pk,
        year=YEAR,
        quarter=quarter,
        rows=rows,
        opd=opd or cast.opd1,
    )


def test_grid_saves_every_row_and_skips_empty_ones(mworld, cast):
    plan = mworld.plan
    saved = _grid(
        cast,
        [
            GridRow(row=1, indicator=str(plan.sasaran_indicator.code), value="12,5"),
            GridRow(row=2, indicator=f" {plan.sub_indicator.code} ", value=""),
        ],
    )
    assert [r.indicator_id for r in saved] == [plan.sasaran_indicator.pk]
    assert Realisation.objects.count() == 1


def test_grid_is_all_or_nothing(mworld, cast):
    plan = mworld.plan
    with pytest.raises(BulkError) as exc:
        _grid(
            cast,
            [
                GridRow(row=1, indicator=str(plan.sasaran_indicator.code), value="12,5"),
                GridRow(row=2, indicator=str(plan.sub_indicator.code), value="abc"),
                GridRow(row=3, indicator="not-a-code", value="1"),
            ],
        )
    errors = exc.value.errors
    assert [(r, f) for r, f, _m in errors] == [(2, "value"), (3, "indicator")]
    assert "must be a number" in errors[0][2]
    assert "Unknown indicator" in errors[1][2] and "not-a-code" in errors[1][2]
    assert "2 rows have errors" in str(exc.value)
    assert not Realisation.objects.exists()


def test_grid_refuses_another_opds_indicators_and_stale_rows(mworld, cast):
    plan = mworld.plan
    row = _save(cast, plan.sasaran_indicator, value="30")
    _save(cast, plan.sasaran_indicator, value="31", expected_version=row.version)
    with pytest.raises(BulkError) as exc:
        _grid(
            cast,
            [GridRow(row=4, indicator=str(plan.sasaran_indicator.code), value="40", version=1)],
        )
    assert exc.value.errors[0][:2] == (4, "value")
    assert "Someone else saved" in exc.value.errors[0][2]
    # Dinas Pendidikan's grid does not know Dinas Kesehatan's indicators.
    with pytest.raises(BulkError) as exc:
        _grid(
            cast,
            [GridRow(row=1, indicator=str(plan.sub_indicator.code), value="1")],
            opd=cast.opd2,
        )
    assert exc.value.errors[0][1] == "indicator"
    # Another OPD's operator may not enter Dinas Kesehatan's grid.
    with pytest.raises(BulkError) as exc:
        services.realisations_save(
            actor=cast.other_operator,
            pemda_id=cast.pemda.pk,
            year=YEAR,
            quarter=1,
            opd=cast.opd1,
            rows=[GridRow(row=1, indicator=str(plan.sub_indicator.code), value="1")],
        )
    assert exc.value.errors == [(1, "indicator", "You may not enter this indicator.")]
    assert Realisation.objects.get().value == Decimal(31)


def test_grid_refuses_year_end_indicators_before_tw_iv(mworld, cast):
    indicator = perf_services.indicator_create(
        actor=None, node=mworld.plan.sasaran, name="Renstra saja", targets={YEAR: 5}
    )
    with pytest.raises(BulkError) as exc:
        _grid(cast, [GridRow(row=1, indicator=str(indicator.code), value="1")])
    assert exc.value.errors[0][1] == "quarter"
    assert _grid(cast, [GridRow(row=1, indicator=str(indicator.code), value="1")], quarter=4)


def test_grid_accepts_unchanged_locked_rows(mworld, cast):
    plan = mworld.plan
    row = _save(cast, plan.sasaran_indicator, value="30")
    services.realisation_transition(actor=cast.operator, realisation=row, action="submit")
    saved = _grid(
        cast,
        [
            GridRow(row=1, indicator=str(plan.sasaran_indicator.code), value="30", version=2),
            GridRow(row=2, indicator=str(plan.sub_indicator.code), value="0,25"),
        ],
    )
    assert len(saved) == 2
    assert Realisation.objects.get(pk=row.pk).status == RealisationStatus.SUBMITTED


def test_grid_refuses_a_bad_quarter(mworld, cast):
    with pytest.raises(ValidationError) as exc:
        _grid(cast, [], quarter=5)
    assert "quarter" in exc.value.message_dict


# --- workflow ---------------------------------------------------------------------------------


def _events(row):
    return list(
        WorkflowEvent.objects.filter(object_code=row.code)
        .order_by("id")
        .values_list("transition", "actor__username", "note")
    )


def test_submit_verify_return_reopen(mworld, cast):
    indicator = mworld.plan.sasaran_indicator
    row = _save(cast, indicator, value="30")
    services.realisation_transition(actor=cast.operator, realisation=row, action="submit")
    assert row.status == RealisationStatus.SUBMITTED and row.submitted_at is not None
    with pytest.raises(WorkflowError):
        services.realisation_transition(actor=cast.verifier, realisation=row, action="return")
    services.realisation_transition(
        actor=cast.verifier, realisation=row, action="return", note="Data dukung kurang"
    )
    stored = Realisation.objects.get(pk=row.pk)
    assert stored.status == RealisationStatus.RETURNED
    assert stored.return_note == "Data dukung kurang"
    # Returned: editable again, then resubmitted and verified.
    row = _save(cast, indicator, value="31", expected_version=stored.version)
    services.realisation_transition(actor=cast.operator, realisation=row, action="submit")
    assert Realisation.objects.get(pk=row.pk).return_note == ""
    services.realisation_transition(actor=cast.verifier, realisation=row, action="verify")
    stored = Realisation.objects.get(pk=row.pk)
    assert stored.status == RealisationStatus.VERIFIED
    assert stored.verified_by == cast.verifier and stored.verified_at is not None
    assert stored.is_locked
    with pytest.raises(WorkflowError):
        services.realisation_transition(actor=cast.verifier, realisation=row, action="reopen")
    services.realisation_transition(
        actor=cast.verifier, realisation=row, action="reopen", note="Salah ketik"
    )
    stored = Realisation.objects.get(pk=row.pk)
    assert stored.status == RealisationStatus.RETURNED
    assert stored.verified_by is None and stored.verified_at is None
    assert _events(row) == [
        ("submit", "operator", ""),
        ("return", "verifier", "Data dukung kurang"),
        ("submit", "operator", ""),
        ("verify", "verifier", ""),
        ("reopen", "verifier", "Salah ketik"),
    ]
    assert ActivityLog.objects.filter(action="sakip.realisation.verify").count() == 1


def test_submit_needs_a_value_and_an_open_window(mworld, cast):
    indicator = mworld.plan.sasaran_indicator
    row = _save(cast, indicator, value="30", quarter=1)
    Realisation.objects.filter(pk=row.pk).update(value=None)
    row.refresh_from_db()
    with pytest.raises(WorkflowError):
        services.realisation_transition(actor=cast.operator, realisation=row, action="submit")
    row = _save(cast, indicator, value="30", quarter=1, expected_version=row.version)
    close_window(cast.pemda, 1)
    with pytest.raises(ValidationError):
        services.realisation_transition(actor=cast.operator, realisation=row, action="submit")
    assert Realisation.objects.get(pk=row.pk).status == RealisationStatus.DRAFT
    assert not WorkflowEvent.objects.filter(object_code=row.code).exists()


@pytest.mark.parametrize("who", ["operator", "other_operator", "bappeda", "viewer"])
def test_only_the_opds_verifier_verifies(mworld, cast, who):
    row = _save(cast, mworld.plan.sasaran_indicator, value="30")
    services.realisation_transition(actor=cast.operator, realisation=row, action="submit")
    for action, note in (("verify", ""), ("return", "Tidak")):
        with pytest.raises(PermissionDenied):
            services.realisation_transition(
                actor=getattr(cast, who), realisation=row, action=action, note=note
            )
    stored = Realisation.objects.get(pk=row.pk)
    assert stored.status == RealisationStatus.SUBMITTED
    assert stored.verified_by is None and stored.return_note == ""
    # The refused attempt left the object as it was: the real verifier can go on with it.
    assert row.verified_by is None and row.return_note == ""
    services.realisation_transition(actor=cast.verifier, realisation=row, action="verify")
    assert Realisation.objects.get(pk=row.pk).verified_by == cast.verifier


def test_another_opds_verifier_may_not_verify(mworld, cast):
    other = org_services.user_create(
        actor=None, pemda=cast.pemda, username="verifier2", password=PASSWORD
    )
    org_services.membership_grant(actor=None, user=other, unit=cast.opd2, role=Role.OPD_VERIFIER)
    row = _save(cast, mworld.plan.sasaran_indicator, value="30")
    services.realisation_transition(actor=cast.operator, realisation=row, action="submit")
    with pytest.raises(PermissionDenied):
        services.realisation_transition(actor=other, realisation=row, action="verify")
    draft = _save(cast, mworld.plan.sasaran_indicator, quarter=2, value="30")
    with pytest.raises(PermissionDenied):
        services.realisation_transition(
            actor=cast.other_operator, realisation=draft, action="submit"
        )
    assert Realisation.objects.get(pk=draft.pk).status == RealisationStatus.DRAFT


def test_transition_of_many_is_all_or_nothing(mworld, cast):
    plan = mworld.plan
    first = _save(cast, plan.sasaran_indicator, value="30")
    second = _save(cast, plan.sub_indicator, value="0,25")
    services.realisation_transition(actor=cast.operator, realisation=second, action="submit")
    with pytest.raises(WorkflowError):
        services.realisations_transition(
            actor=cast.operator, realisations=[first, second], action="submit"
        )
    assert Realisation.objects.get(pk=first.pk).status == RealisationStatus.DRAFT
    second.refresh_from_db()
    first.refresh_from_db()
    assert (
        services.realisations_transition(
            actor=cast.verifier, realisations=[second], action="verify"
        )
        == 1
    )


# --- window_reopen ----------------------------------------------------------------------------


def test_window_reopen_rules(mworld, cast):
    window = _window(cast, 1)
    until = timezone.localdate() + dt.timedelta(days=7)
    for user in (cast.operator, cast.verifier, cast.viewer, cast.evaluator):
        with pytest.raises(PermissionDenied):
            services.window_reopen(
                actor=user, window=window, opd=cast.opd1, until=until, reason="x"
            )
    with pytest.raises(PermissionDenied):
        services.window_reopen(
            actor=_other_pemda_planner(cast), window=window, opd=cast.opd1, until=until, reason="x"
        )
    with pytest.raises(PermissionDenied):
        services.window_reopen(
            actor=cast.bappeda, window=window, opd=cast.opd_b, until=until, reason="x"
        )
    with pytest.raises(ValidationError) as exc:
        services.window_reopen(
            actor=cast.bappeda, window=window, opd=cast.opd1, until=until, reason="  "
        )
    assert "reason" in exc.value.message_dict
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    for bad in (yesterday, yesterday.isoformat(), "besok", None):
        with pytest.raises(ValidationError) as exc:
            services.window_reopen(
                actor=cast.bappeda, window=window, opd=cast.opd1, until=bad, reason="Banjir"
            )
        assert "until" in exc.value.message_dict
    assert not WindowReopening.objects.exists()
    row = services.window_reopen(
        actor=cast.admin, window=window, opd=cast.opd1, until=until.isoformat(), reason="Banjir"
    )
    assert (row.until, row.reason, row.reopened_by) == (until, "Banjir", cast.admin)
    log = ActivityLog.objects.get(action="sakip.window.reopened")
    assert log.data == {"quarter": 1, "until": until.isoformat(), "reason": "Banjir"}
    assert log.unit_id == cast.opd1.pk


def test_window_reopen_for_a_unit_that_is_not_an_opd_is_refused(mworld, cast):
    with pytest.raises(ValidationError):
        services.window_reopen(
            actor=cast.bappeda,
            window=_window(cast, 1),
            opd=cast.bidang1,
            until=timezone.localdate(),
            reason="Banjir",
        )


# --- budget -----------------------------------------------------------------------------------


def test_budget_save_rules(mworld, cast):
    plan = mworld.plan
    row = services.budget_save(
        actor=cast.operator, node=plan.sub, year=YEAR, quarter=1, amount="150.000.000"
    )
    assert row.amount == Decimal(150_000_000) and row.opd_id == cast.opd1.pk
    assert ActivityLog.objects.filter(action="sakip.budget_realisation.saved").count() == 1
    same = services.budget_save(
        actor=cast.operator, node=plan.sub, year=YEAR, quarter=1, amount="150000000"
    )
    assert same.version == row.version
    changed = services.budget_save(
        actor=cast.operator,
        node=plan.sub,
        year=YEAR,
        quarter=1,
        amount="175.000.000",
        expected_version=row.version,
    )
    assert changed.amount == Decimal(175_000_000)
    with pytest.raises(StaleVersionError) as exc:
        services.budget_save(
            actor=cast.operator,
            node=plan.sub,
            year=YEAR,
            quarter=1,
            amount="1",
            expected_version=row.version,
        )
    assert exc.value.current.amount == Decimal(175_000_000)
    with pytest.raises(ValidationError) as exc:
        services.budget_save(actor=cast.operator, node=plan.sub, year=YEAR, quarter=1, amount="-5")
    assert "negative" in _message(exc, "amount")
    with pytest.raises(ValidationError) as exc:
        services.budget_save(actor=cast.operator, node=plan.sub, year=YEAR, quarter=1, amount="")
    assert "amount" in exc.value.message_dict
    assert (
        services.budget_save(actor=cast.operator, node=plan.sub, year=YEAR, quarter=2, amount="")
        is None
    )
    with pytest.raises(ValidationError) as exc:
        services.budget_save(
            actor=cast.operator, node=plan.kegiatan, year=YEAR, quarter=1, amount="5"
        )
    assert "sub kegiatan" in _message(exc, "node")
    for user in (cast.other_operator, cast.viewer, cast.bappeda, cast.outsider):
        with pytest.raises(PermissionDenied):
            services.budget_save(actor=user, node=plan.sub, year=YEAR, quarter=1, amount="5")
    assert BudgetRealisation.objects.get().amount == Decimal(175_000_000)


def test_budgets_save_is_all_or_nothing(mworld, cast):
    plan = mworld.plan
    code = str(plan.sub.code)
    with pytest.raises(BulkError) as exc:
        services.budgets_save(
            actor=cast.operator,
            opd=cast.opd1,
            year=YEAR,
            rows=[
                BudgetRow(row=1, node=code, quarter=1, amount="100"),
                BudgetRow(row=2, node=code, quarter=2, amount="-1"),
                BudgetRow(row=3, node=str(plan.kegiatan.code), quarter=1, amount="1"),
                BudgetRow(row=4, node=code, quarter=9, amount="1"),
            ],
        )
    assert [(r, f) for r, f, _m in exc.value.errors] == [
        (2, "amount"),
        (3, "node"),
        (4, "quarter"),
    ]
    assert not BudgetRealisation.objects.exists()
    saved = services.budgets_save(
        actor=cast.operator,
        opd=cast.opd1,
        year=YEAR,
        rows=[
            BudgetRow(row=1, node=code, quarter=1, amount="100"),
            BudgetRow(row=2, node=code, quarter=2, amount=""),
        ],
    )
    assert [r.amount for r in saved] == [Decimal(100)]
    with pytest.raises(BulkError) as exc:
        services.budgets_save(
            actor=cast.operator,
            opd=cast.opd1,
            year=YEAR,
            rows=[BudgetRow(row=1, node=code, quarter=1, amount="200", version=99)],
        )
    assert "Someone else saved" in exc.value.errors[0][2]


def test_budgets_save_of_another_opd_is_refused(mworld, cast):
    code = str(mworld.plan.sub.code)
    with pytest.raises(PermissionDenied):
        services.budgets_save(
            actor=cast.other_operator,
            opd=cast.opd1,
            year=YEAR,
            rows=[BudgetRow(row=1, node=code, quarter=1, amount="100")],
        )
    with pytest.raises(BulkError) as exc:
        services.budgets_save(
            actor=cast.other_operator,
            opd=cast.opd2,
            year=YEAR,
            rows=[BudgetRow(row=1, node=code, quarter=1, amount="100")],
        )
    assert exc.value.errors[0][1] == "node"
    assert not BudgetRealisation.objects.exists()


# --- settings ---------------------------------------------------------------------------------


def test_settings_update_rules(mworld, cast):
    for user in (cast.operator, cast.verifier, cast.viewer, cast.evaluator):
        with pytest.raises(PermissionDenied):
            services.settings_update(actor=user, pemda=cast.pemda, data={"index_cap": 110})
    with pytest.raises(PermissionDenied):
        services.settings_update(
            actor=_other_pemda_planner(cast), pemda=cast.pemda, data={"index_cap": 110}
        )
    with pytest.raises(ValidationError) as exc:
        services.settings_update(actor=cast.bappeda, pemda=cast.pemda, data={"index_cap": "90"})
    assert "index_cap" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.settings_update(
            actor=cast.bappeda, pemda=cast.pemda, data={"negative_formula": "other"}
        )
    with pytest.raises(ValidationError):
        services.settings_update(actor=cast.bappeda, pemda=cast.pemda, data={"range_penalty": "-1"})
    assert not MeasurementSettings.objects.exists()
    row = services.settings_update(
        actor=cast.bappeda,
        pemda=cast.pemda,
        data={"index_cap": "120", "range_penalty": "1,5", "reminder_days": "3"},
    )
    row.refresh_from_db()
    assert (row.index_cap, row.range_penalty, row.reminder_days) == (120, Decimal("1.5"), 3)
    log = ActivityLog.objects.get(action="sakip.measurement_settings.changed")
    assert set(log.data["changes"]) == {"index_cap", "range_penalty", "reminder_days"}
    rules = selectors.rules_for(cast.pemda.pk)
    assert rules.cap == Decimal(120) and rules.range_penalty == Decimal("1.5")
    again = services.settings_update(
        actor=cast.admin, pemda=cast.pemda, data={"index_cap": ""}, expected_version=row.version
    )
    assert again.index_cap is None and again.version == row.version + 1
    with pytest.raises(StaleVersionError):
        services.settings_update(
            actor=cast.admin,
            pemda=cast.pemda,
            data={"index_cap": 110},
            expected_version=row.version,
        )
    assert MeasurementSettings.objects.get().index_cap is None
    assert selectors.rules_for(cast.pemda.pk).cap is None
