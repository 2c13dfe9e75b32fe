"""Data checks: each autofill check on data where it is met, partly met and not met, and
propose_answers filling a round's proposals in a constant number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.agreements.models import ActionPlanQuarter
from apps.core.models import ActivityLog
from apps.evaluation import prefill
from apps.evaluation.models import (
    Answer,
    Autofill,
    Evaluation,
    Recommendation,
    RecommendationStatus,
)
from apps.measurement import services as measurement
from apps.organisations import services as org_services
from apps.organisations.access import forget_scope
from apps.organisations.models import UnitType
from apps.planning.models import DocumentStatus, Renstra
from apps.reporting.models import Report, ReportKind, ReportStatus
from tests.evaluation.conftest import build_round
from tests.measurement.conftest import YEAR, build_measure_world

pytestmark = pytest.mark.django_db
YT = [("Y", Decimal(1)), ("T", Decimal(0))]
AE = [
    ("A", Decimal(1)),
    ("B", Decimal("0.75")),
    ("C", Decimal("0.5")),
    ("D", Decimal("0.25")),
    ("E", Decimal(0)),
]
LATER = dt.date(YEAR + 1, 1, 15)  # every quarter of the year is due


def facts(cast, today=LATER, year=YEAR):
    return prefill.load_facts(pemda_id=cast.pemda.pk, year=year, today=today)


def test_label_for_maps_a_share_to_the_nearest_option():
    assert prefill.label_for(Decimal(1), AE) == AE[0]
    assert prefill.label_for(Decimal(0), AE) == AE[-1]
    assert prefill.label_for(Decimal("0.6"), AE)[0] == "C"
    assert prefill.label_for(Decimal("0.99"), AE)[0] == "B"  # partly is never the best
    assert prefill.label_for(Decimal("0.01"), AE)[0] == "D"  # … nor the worst
    assert prefill.label_for(Decimal("0.9"), YT)[0] == "T"  # no middle: partly answers the worst


def test_renstra_approved(cast):
    world = build_measure_world(cast)
    f = facts(cast)
    assert prefill.propose(Autofill.RENSTRA_APPROVED, f[cast.opd1.pk], AE).label == "E"
    Renstra.objects.filter(pk=world.plan.renstra.pk).update(status=DocumentStatus.SUBMITTED)
    f = facts(cast)
    assert prefill.propose(Autofill.RENSTRA_APPROVED, f[cast.opd1.pk], AE).label == "C"
    Renstra.objects.filter(pk=world.plan.renstra.pk).update(status=DocumentStatus.APPROVED)
    f = facts(cast)
    p = prefill.propose(Autofill.RENSTRA_APPROVED, f[cast.opd1.pk], AE)
    assert p.label == "A" and "approved" in p.note.lower()
    assert p.link == f"/plans/renstra/{world.plan.renstra.code}/"
    # The Pemda: one OPD of two has its Renstra approved.
    pemda = prefill.propose(Autofill.RENSTRA_APPROVED, f[None], AE)
    assert pemda.share == Decimal("0.5") and pemda.label == "C"
    assert "1 of 2 OPDs" in pemda.note


def test_renja_approved(cast):
    world = build_measure_world(cast)
    f = facts(cast)
    assert prefill.propose(Autofill.RENJA_APPROVED, f[cast.opd1.pk], AE).label == "C"  # no DPA
    assert prefill.propose(Autofill.RENJA_APPROVED, f[cast.opd2.pk], AE).label == "E"  # no Renja
    world.plan.renstra.renjas.update(dpa_number="DPA/1/2026")
    f = facts(cast)
    assert prefill.propose(Autofill.RENJA_APPROVED, f[cast.opd1.pk], AE).label == "A"


def test_pk_signed_down_to_pengawas(cast):
    from tests.agreements.conftest import build_world

    build_world(cast)  # drafts only
    f = facts(cast)
    assert prefill.propose(Autofill.PK_SIGNED_DOWN_TO_PENGAWAS, f[cast.opd1.pk], AE).label == "E"


def test_pk_and_rencana_aksi_partly_then_fully(cast):
    world = build_measure_world(cast)  # the Kepala Dinas and the Kasi signed; the Kabid not
    f = facts(cast)[cast.opd1.pk]
    p = prefill.propose(Autofill.PK_SIGNED_DOWN_TO_PENGAWAS, f, AE)
    assert (f.coverage(prefill.PK_LEVELS_TO_PENGAWAS)) == (2, 3)
    assert p.label == "B" and "2 of 3 positions" in p.note
    assert p.link.startswith("/pk/coverage/")
    ra = prefill.propose(Autofill.RENCANA_AKSI_PRESENT, f, AE)
    assert ra.label == "A"
    # A signed line without its Rencana Aksi: partly.
    ActionPlanQuarter.objects.filter(line__pk_doc=world.signed[1]).delete()
    f = facts(cast)[cast.opd1.pk]
    ra = prefill.propose(Autofill.RENCANA_AKSI_PRESENT, f, AE)
    assert Decimal(0) < ra.share < Decimal(1) and ra.label not in {"A", "E"}
    ActionPlanQuarter.objects.all().delete()
    f = facts(cast)[cast.opd1.pk]
    assert prefill.propose(Autofill.RENCANA_AKSI_PRESENT, f, AE).label == "E"


def _enter(cast, indicator, quarter, value="10", submit=False, verify=False):
    row = measurement.realisation_save(
        actor=cast.operator, indicator=indicator, year=YEAR, quarter=quarter, value=value
    )
    if submit or verify:
        measurement.realisation_transition(actor=cast.operator, realisation=row, action="submit")
        row.refresh_from_db()
    if verify:
        measurement.realisation_transition(actor=cast.verifier, realisation=row, action="verify")
        row.refresh_from_db()
    return row


def test_realisations_every_quarter_monitoring_and_verification(cast):
    world = build_measure_world(cast)
    ind = world.plan.sasaran_indicator
    f = facts(cast)[cast.opd1.pk]
    assert f.quarters_due == (1, 2, 3, 4)
    for key in (
        Autofill.REALISATIONS_EVERY_QUARTER,
        Autofill.RENCANA_AKSI_MONITORED,
    ):
        assert prefill.propose(key, f, AE).label == "E"
    assert prefill.propose(Autofill.REALISATIONS_VERIFIED, f, AE).share is None  # nothing yet
    _enter(cast, ind, 1, verify=True)
    _enter(cast, ind, 2, submit=True)
    f = facts(cast)[cast.opd1.pk]
    p = prefill.propose(Autofill.REALISATIONS_EVERY_QUARTER, f, AE)
    assert p.share == Decimal("0.5") and p.label == "C" and "2 of the 4 quarters" in p.note
    assert p.link == f"/measure/{cast.opd1.code}/{YEAR}/4/"
    v = prefill.propose(Autofill.REALISATIONS_VERIFIED, f, AE)
    assert v.share == Decimal("0.5") and "1 of 2 realisations" in v.note
    m = prefill.propose(Autofill.RENCANA_AKSI_MONITORED, f, AE)
    assert Decimal(0) < m.share < Decimal(1)
    for q in (3, 4):
        _enter(cast, ind, q, verify=True)
    for q in (1, 2, 3, 4):
        _enter(cast, world.plan.sub_indicator, q, value="1", verify=True)
    measurement.realisation_transition(
        actor=cast.verifier,
        realisation=ind.realisations.get(quarter=2),
        action="verify",
    )
    f = facts(cast)[cast.opd1.pk]
    assert prefill.propose(Autofill.REALISATIONS_EVERY_QUARTER, f, AE).label == "A"
    assert prefill.propose(Autofill.REALISATIONS_VERIFIED, f, AE).label == "A"
    assert prefill.propose(Autofill.RENCANA_AKSI_MONITORED, f, AE).label == "A"


def test_cascading_and_indicators(cast):
    world = build_measure_world(cast)
    f = facts(cast)
    opd1 = f[cast.opd1.pk]
    # Tujuan linked to an RPJMD sasaran; Kepala, Kabid and Kasi own statements in their units.
    p = prefill.propose(Autofill.CASCADING_COMPLETE, opd1, AE)
    assert p.label == "A" and opd1.node_depth == "subkegiatan"
    # A new bidang without any statement: partly.
    org_services.unit_create(
        actor=None, parent=cast.opd1, name="Bidang Baru", unit_type=UnitType.BIDANG
    )
    p = prefill.propose(Autofill.CASCADING_COMPLETE, facts(cast)[cast.opd1.pk], AE)
    assert p.label not in {"A", "E"} and "3 of 4 units" in p.note
    # Indicators: the sasaran indicator has a formula but no definition, the sub indicator none.
    ind = prefill.propose(Autofill.INDICATORS_DEFINED, facts(cast)[cast.opd1.pk], AE)
    assert ind.label == "E" and "0 of 2 indicators" in ind.note
    world.plan.sasaran_indicator.__class__.objects.filter(
        pk=world.plan.sasaran_indicator.pk
    ).update(definition="Puskesmas yang terakreditasi paripurna")
    ind = prefill.propose(Autofill.INDICATORS_DEFINED, facts(cast)[cast.opd1.pk], AE)
    assert ind.share == Decimal("0.5") and ind.label == "C"
    world.plan.sub_indicator.__class__.objects.filter(pemda=cast.pemda).update(
        definition="D", formula="F"
    )
    ind = prefill.propose(Autofill.INDICATORS_DEFINED, facts(cast)[cast.opd1.pk], AE)
    assert ind.label == "A"


def test_cascading_not_met(cast):
    world = build_measure_world(cast)
    world.plan.tujuan.pemda_sasaran.clear()
    from apps.performance.models import Node

    Node.objects.filter(renstra=world.plan.renstra).update(owner_position=None, owner_unit=None)
    p = prefill.propose(Autofill.CASCADING_COMPLETE, facts(cast)[cast.opd1.pk], AE)
    assert p.label == "E"


def _report(cast, opd, status, published_at=None, reviu_at=None):
    return Report.objects.create(
        pemda=cast.pemda,
        kind=ReportKind.OPD if opd else ReportKind.PEMDA,
        opd=opd,
        year=YEAR,
        status=status,
        published_at=published_at,
        reviu_at=reviu_at,
    )


def _at(day: dt.date):
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, 10))


def test_lkjip_reviewed_and_published_on_time(cast):
    f = facts(cast)
    assert prefill.propose(Autofill.LKJIP_REVIEWED, f[cast.opd1.pk], YT).label == "T"
    assert prefill.propose(Autofill.LKJIP_PUBLISHED_ON_TIME, f[cast.opd1.pk], AE).label == "E"
    _report(cast, cast.opd1, ReportStatus.REVIU)
    _report(
        cast,
        cast.opd2,
        ReportStatus.PUBLISHED,
        _at(dt.date(YEAR + 1, 3, 10)),
        _at(dt.date(YEAR + 1, 2, 1)),
    )
    # The Pemda's deadline is 31 March: 10 March is on time for the Pemda, late for an OPD.
    _report(cast, None, ReportStatus.PUBLISHED, _at(dt.date(YEAR + 1, 3, 10)))
    f = facts(cast)
    reviu = prefill.propose(Autofill.LKJIP_REVIEWED, f[cast.opd1.pk], AE)
    assert reviu.label == "C" and "in reviu" in reviu.note
    assert prefill.propose(Autofill.LKJIP_REVIEWED, f[cast.opd2.pk], AE).label == "A"
    late = prefill.propose(Autofill.LKJIP_PUBLISHED_ON_TIME, f[cast.opd2.pk], AE)
    assert late.label == "C" and "after the deadline 28-02-2027" in late.note
    on_time = prefill.propose(Autofill.LKJIP_PUBLISHED_ON_TIME, f[None], AE)
    assert on_time.label == "A" and "31-03-2027" in on_time.note
    Report.objects.filter(opd=cast.opd2).update(published_at=_at(dt.date(YEAR + 1, 2, 28)))
    f = facts(cast)
    assert prefill.propose(Autofill.LKJIP_PUBLISHED_ON_TIME, f[cast.opd2.pk], AE).label == "A"
    assert prefill.lkjip_deadline(2027, pemda=False) == dt.date(2028, 2, 29)  # leap year


def test_internal_evaluation_and_recommendations(cast):
    f = facts(cast)
    p = prefill.propose(Autofill.INTERNAL_EVALUATION_ALL_UNITS, f[None], AE)
    assert p.label == "E" and "no internal evaluation round" in p.note
    assert prefill.propose(Autofill.RECOMMENDATIONS_FOLLOWED_UP, f[cast.opd1.pk], AE).share is None
    last = build_round(cast, year=YEAR - 1)  # opd1, opd2 and the Pemda evaluated
    f = facts(cast)
    assert prefill.propose(Autofill.INTERNAL_EVALUATION_ALL_UNITS, f[None], AE).label == "A"
    Evaluation.objects.filter(pk=last.opd2.pk).delete()
    f = facts(cast)
    assert prefill.propose(Autofill.INTERNAL_EVALUATION_ALL_UNITS, f[None], AE).label == "C"
    assert prefill.propose(Autofill.INTERNAL_EVALUATION_ALL_UNITS, f[cast.opd2.pk], YT).label == "T"
    for n, status in enumerate(
        (
            RecommendationStatus.DONE,
            RecommendationStatus.OPEN,
            RecommendationStatus.DONE,
            RecommendationStatus.IN_PROGRESS,
        ),
        start=1,
    ):
        Recommendation.objects.create(
            pemda=cast.pemda, evaluation=last.opd1, number=n, text=f"R{n}", status=status
        )
    f = facts(cast)
    p = prefill.propose(Autofill.RECOMMENDATIONS_FOLLOWED_UP, f[cast.opd1.pk], AE)
    assert p.share == Decimal("0.5") and p.label == "C" and "2 of 4" in p.note
    assert p.link == f"/evaluation/recommendations/?year={YEAR - 1}&opd={cast.opd1.code}"
    Recommendation.objects.update(status=RecommendationStatus.DONE)
    assert (
        prefill.propose(Autofill.RECOMMENDATIONS_FOLLOWED_UP, facts(cast)[cast.opd1.pk], AE).label
        == "A"
    )
    Recommendation.objects.update(status=RecommendationStatus.OPEN)
    assert (
        prefill.propose(Autofill.RECOMMENDATIONS_FOLLOWED_UP, facts(cast)[cast.opd1.pk], AE).label
        == "E"
    )


def _add_opds(cast, n):
    for i in range(n):
        org_services.unit_create(
            actor=None, parent=cast.pemda, name=f"Dinas {i}", unit_type=UnitType.OPD
        )


def _evaluate_new_opds(cast, round_, n):
    from apps.evaluation.models import Criterion

    criteria = list(Criterion.objects.filter(sub_component__component__template=round_.template))
    for i in range(n):
        opd = org_services.unit_create(
            actor=None, parent=cast.pemda, name=f"Dinas {i}", unit_type=UnitType.OPD
        )
        ev = Evaluation.objects.create(pemda=cast.pemda, round=round_, opd=opd)
        Answer.objects.bulk_create(
            [Answer(pemda=cast.pemda, evaluation=ev, criterion=c) for c in criteria]
        )


def _propose(cast, round_):
    """The proposals and the number of reads they took. Reads must not grow with the number of
    evaluations; the writes are bulk statements that the database splits into batches by its own
    parameter limit (SQLite's is small), so they are not counted."""
    forget_scope(cast.lead)  # every measured call loads the scope itself (a cold request)
    with CaptureQueriesContext(connection) as ctx:
        result = prefill.propose_answers(actor=cast.lead, round_=round_, today=LATER)
    reads = [q for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    return result, len(reads)


def test_propose_answers_fills_every_checked_answer(cast):
    build_measure_world(cast)
    world = build_round(cast)
    result, _ = _propose(cast, world.round)
    checked = Answer.objects.filter(evaluation__round=world.round).exclude(criterion__autofill="")
    assert result.evaluations == 3 and result.answers == checked.count() > 0
    assert not checked.filter(proposed_at__isnull=True).exists()
    pk = checked.get(evaluation=world.opd1, criterion__autofill=Autofill.PK_SIGNED_DOWN_TO_PENGAWAS)
    assert pk.proposed_label and pk.proposed_value is not None and "positions" in pk.proposed_note
    assert pk.proposed_link.startswith("/pk/coverage/")
    assert pk.history.first().proposed_label == pk.proposed_label  # in the history
    assert ActivityLog.objects.filter(action="sakip.evaluation.proposed").count() == 3
    # Answers without a check are left alone.
    assert not Answer.objects.filter(
        evaluation__round=world.round, criterion__autofill="", proposed_at__isnull=False
    ).exists()


def test_propose_answers_is_for_round_managers(cast):
    world = build_round(cast)
    for user in (cast.evaluator, cast.operator, cast.bappeda):
        with pytest.raises(PermissionDenied):
            prefill.propose_answers(actor=user, round_=world.round)
    assert not Answer.objects.filter(proposed_at__isnull=False).exists()


def test_propose_answers_runs_in_constant_queries(cast):
    build_measure_world(cast)
    world = build_round(cast)
    Evaluation.objects.filter(round=world.round, opd=cast.opd2).delete()
    _, small = _propose(cast, world.round)  # one OPD (and the Pemda)
    _evaluate_new_opds(cast, world.round, 2)
    result, large = _propose(cast, world.round)  # three OPDs
    assert result.evaluations == 4
    assert small == large
