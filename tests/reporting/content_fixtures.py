"""The measurement test world (tests/measurement/conftest.py) with LKjIP reports on top, and a
helper that records an official (verified) realisation the way people do: enter, submit, verify.
Used by tests/reporting/test_content.py."""

from __future__ import annotations

from dataclasses import dataclass

from apps.measurement import services
from apps.measurement.models import Realisation
from apps.organisations.access import forget_scope
from apps.performance.models import Indicator
from apps.reporting.models import Report, ReportKind
from tests.measurement.conftest import YEAR, MeasureWorld, build_measure_world, open_windows

__all__ = ["YEAR", "ContentWorld", "build_content_world", "record", "spend"]


@dataclass
class ContentWorld:
    m: MeasureWorld
    opd_report: Report
    pemda_report: Report

    @property
    def plan(self):
        return self.m.plan


def record(
    cast,
    indicator: Indicator,
    quarter: int,
    value,
    *,
    year: int = YEAR,
    obstacle: str = "",
    solution: str = "",
    upto: str = "verified",
) -> Realisation:
    """Enter a realisation and take it to `upto` ("draft", "submitted" or "verified"): the OPD's
    operator and verifier, or Bappeda and the admin for the RPJMD's own indicators."""
    indicator = Indicator.objects.select_related("node__opd", "scale").get(pk=indicator.pk)
    pemda_level = indicator.node.opd_id is None
    enterer = cast.bappeda if pemda_level else cast.operator
    verifier = cast.admin if pemda_level else cast.verifier
    forget_scope(enterer)
    forget_scope(verifier)
    if year != YEAR:
        open_windows(cast.pemda, year)
    row = services.realisation_save(
        actor=enterer,
        indicator=indicator,
        year=year,
        quarter=quarter,
        value=value,
        obstacle=obstacle,
        solution=solution,
    )
    if upto in {"submitted", "verified"}:
        row = services.realisation_transition(actor=enterer, realisation=row, action="submit")
    if upto == "verified":
        row = services.realisation_transition(actor=verifier, realisation=row, action="verify")
    return row


def spend(cast, node, quarter: int, amount: str, year: int = YEAR):
    return services.budget_save(
        actor=cast.operator, node=node, year=year, quarter=quarter, amount=amount
    )


def build_content_world(cast) -> ContentWorld:
    m = build_measure_world(cast)
    opd_report = Report.objects.create(
        pemda=cast.pemda, kind=ReportKind.OPD, opd=cast.opd1, year=YEAR
    )
    pemda_report = Report.objects.create(pemda=cast.pemda, kind=ReportKind.PEMDA, year=YEAR)
    return ContentWorld(m=m, opd_report=opd_report, pemda_report=pemda_report)
