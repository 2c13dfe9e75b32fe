"""Fixtures of the LKjIP lifecycle tests: the report of Dinas Kesehatan (OPD 1) for 2026 and
helpers that take a report through the workflow the way people do."""

from __future__ import annotations

import pytest

from apps.organisations.access import forget_scope
from apps.reporting import services
from apps.reporting.models import Report, Section

YEAR = 2026


def opd_report(cast, opd=None, year: int = YEAR) -> Report:
    opd = opd or cast.opd1
    actor = cast.operator if opd == cast.opd1 else cast.bappeda
    return services.report_get_or_create(actor=actor, opd=opd, year=year)[0]


def pemda_report(cast, year: int = YEAR) -> Report:
    return services.report_get_or_create(actor=cast.bappeda, opd=None, year=year)[0]


def _fresh(*users) -> None:
    for user in users:
        forget_scope(user)


def to_reviu(cast, report: Report) -> Report:
    """Bab I written by the OPD (or Bappeda for the Pemda), then submitted."""
    writer = cast.operator if report.opd_id == cast.opd1.pk else cast.bappeda
    _fresh(writer)
    current = Section.objects.filter(report=report, key="bab1").first()
    services.section_save(
        actor=writer,
        report=report,
        key="bab1",
        body="<p>Pendahuluan.</p>",
        expected_version=current.version if current else 0,
    )
    report.refresh_from_db()
    return services.transition(actor=writer, report=report, name="submit")


def to_final(cast, report: Report) -> Report:
    to_reviu(cast, report)
    services.reviu_statement_save(actor=cast.evaluator, report=report, text="Telah direviu.")
    return services.transition(actor=cast.evaluator, report=report, name="complete_reviu")


@pytest.fixture
def report(cast) -> Report:
    return opd_report(cast)
