"""The readiness panel: rows and the grade the data supports, who sees which rows, and the page
in a constant number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.evaluation import readiness
from apps.organisations import services as org_services
from apps.organisations.models import UnitType
from apps.performance.models import Node
from tests.measurement.conftest import YEAR, build_measure_world

pytestmark = pytest.mark.django_db


def test_implied_grade_follows_the_depth_rule():
    assert readiness.implied_grade("staff", 4, 4).grade == "AA"
    assert readiness.implied_grade("pengawas", 4, 4).grade == "A"
    assert readiness.implied_grade("administrator", 4, 4).grade == "BB"
    assert readiness.implied_grade("administrator", 2, 4).grade == "B"  # no IT-based system
    assert readiness.implied_grade("jpt", 4, 4).grade == "B"
    low = readiness.implied_grade("", 0, 4)
    assert low.grade == "CC" and any("below B" in r for r in low.reasons)


def test_rows_and_grade_from_the_data(cast):
    build_measure_world(cast)  # Kepala and Kasi signed, Kabid not
    rows = {
        r.facts.opd.pk if r.facts.opd else None: r
        for r in readiness.readiness(user=cast.admin, year=YEAR, today=dt.date(YEAR + 1, 1, 10))
    }
    assert set(rows) == {cast.opd1.pk, cast.opd2.pk, None}
    opd1 = rows[cast.opd1.pk]
    assert opd1.facts.pk_depth == "jpt" and opd1.grade.grade == "B"
    assert opd1.pk_signed == (2, 3) and opd1.rencana_aksi == 100
    assert opd1.node_depth_label == "Sub kegiatan" and opd1.app_use == 0
    assert not opd1.evaluated_last_year
    # The Kabid's program has no indicator (its PK cannot be signed): hand the program to the
    # Kasi, and every remaining position down to pengawas has signed.
    Node.objects.filter(owner_position=cast.kabid1).update(owner_position=cast.kasi1)
    row = next(
        r
        for r in readiness.readiness(user=cast.admin, year=YEAR, today=dt.date(YEAR + 1, 1, 10))
        if r.facts.opd == cast.opd1
    )
    assert row.facts.pk_depth == "pengawas"
    assert row.grade.grade == "B" and any("Without measurement" in r for r in row.grade.reasons)


def test_who_sees_which_rows(cast):
    names = lambda user: [r.name for r in readiness.readiness(user=user, year=YEAR)]  # noqa: E731
    assert names(cast.operator) == ["Dinas Kesehatan"]
    assert names(cast.other_operator) == ["Dinas Pendidikan"]
    assert len(names(cast.viewer)) == 3 and len(names(cast.bappeda)) == 3
    with pytest.raises(PermissionDenied):
        readiness.readiness(user=cast.evaluator, year=YEAR)


def test_page_constant_queries(cast):
    build_measure_world(cast)
    client = cast.client(cast.lead)
    url = reverse("evaluation:readiness") + f"?year={YEAR}"
    client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for i in range(3):
        org_services.unit_create(
            actor=None, parent=cast.pemda, name=f"Dinas {i}", unit_type=UnitType.OPD
        )
    assert count() == small
    assert "Dinas 2" in client.get(url).content.decode()
