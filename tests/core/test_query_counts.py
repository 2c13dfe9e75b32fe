"""Query-count pins: every list page of the foundation runs the same, pinned number of SQL
queries with the cast alone and with several times more data (DESIGN.md, rule 5)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.jobs import JobResult, job_run
from apps.core.models import Job, Notification
from apps.organisations import services
from apps.organisations.models import UnitType

# url name → pinned query count for the admin (the widest view). Session, user and scope
# lookups are part of every count.
PINS = {
    # +1: the PK inbox provider (apps.agreements.registry); +1: the realisations waiting for
    # verification or correction (apps.measurement.registry, one grouped query); +1: the LKjIPs
    # waiting (apps.reporting.registry); +1: the evaluations waiting for a self-assessment or
    # scores (apps.evaluation.registry, one query; the admin self-assesses the Pemda's own);
    # +1: the Pemda the dashboard names (the header reads its name with the scope: no query)
    "core:dashboard": 11,
    "core:inbox": 9,  # +1 PK, +1 realisations, +1 LKjIP, +1 evaluations, as on the dashboard
    "core:activity": 5,
    "core:jobs": 5,
    "core:notifications": 5,
    "organisations:unit_tree": 4,
    "organisations:position_list": 7,
    "organisations:person_list": 5,
    "organisations:user_list": 6,
    "organisations:period_list": 5,
}


def _grow(cast, n: int, start: int = 0) -> None:
    """Add `n` OPDs with a bidang, a seksi, heads, people, assignments, users and log rows."""
    for i in range(start, start + n):
        opd = services.unit_create(
            actor=cast.admin, parent=cast.pemda, name=f"Dinas {i}", unit_type=UnitType.OPD
        )
        bidang = services.unit_create(
            actor=cast.admin, parent=opd, name=f"Bidang {i}", unit_type=UnitType.BIDANG
        )
        seksi = services.unit_create(
            actor=cast.admin, parent=bidang, name=f"Seksi {i}", unit_type=UnitType.SEKSI
        )
        head = services.position_create(
            actor=cast.admin,
            unit=opd,
            title=f"Kepala Dinas {i}",
            level="jpt",
            is_head=True,
            superior=cast.kepala_daerah,
        )
        services.position_create(
            actor=cast.admin,
            unit=seksi,
            title=f"Kepala Seksi {i}",
            level="pengawas",
            is_head=True,
        )
        person = services.person_create(
            actor=cast.admin, unit=opd, name=f"Pegawai {i}", nip=f"19800101200501{i:04d}"
        )
        services.assignment_create(
            actor=cast.admin, position=head, person=person, start_date=dt.date(2025, 1, 1)
        )
        user = services.user_create(
            actor=cast.admin, pemda=cast.pemda, username=f"op{i}", password=None
        )
        services.membership_grant(actor=cast.admin, user=user, unit=opd, role="opd_operator")
        job = Job.objects.create(kind="organisation_export", owner=cast.admin, pemda=cast.pemda)
        job_run(job.pk, lambda job, progress: JobResult(filename="x.xlsx", content=b"x"))
        Notification.objects.create(pemda=cast.pemda, user=cast.admin, title=f"Pesan {i}")
    services.period_create(
        actor=cast.admin, pemda=cast.pemda, name=f"P{start}", start_year=2030 + 5 * start
    )


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", list(PINS))
def test_it_runs_a_constant_number_of_queries(cast, url_name):
    client = cast.client(cast.admin)
    url = reverse(url_name)
    # Every list has at least one row in both measurements (an empty page skips its SELECT).
    _grow(cast, 1)
    client.get(url)  # warm caches (content types, translations) outside the measurement
    small = _count(client, url)
    _grow(cast, 6, start=1)
    large = _count(client, url)
    assert small == large, f"{url_name}: {small} queries small, {large} with more data"
    assert small == PINS[url_name], f"{url_name} now runs {small} queries (pinned {PINS[url_name]})"
