"""A real job end to end: the organisation export, run by the db_worker in its own process."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from apps.core.jobs import JobResult, job_run, job_start
from apps.core.models import Job
from apps.organisations.tasks import export_organisation
from tests.dbutil import manage


@pytest.mark.django_db(transaction=True)
def test_it_exports_the_organisation_through_the_worker(cast):
    job = job_start(
        kind="organisation_export",
        owner=cast.admin,
        pemda_id=cast.pemda.pk,
        task=export_organisation,
    )
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
    assert job.task_id, "the task is enqueued once the transaction commits"

    result = manage("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    assert result.returncode == 0, result.stderr

    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    assert job.progress == 100
    wb = load_workbook(io.BytesIO(job.result_file.read()))
    assert wb.sheetnames == ["Unit", "Jabatan", "Pegawai"]
    unit_names = [row[1] for row in wb["Unit"].iter_rows(min_row=2, values_only=True)]
    assert "Dinas Kesehatan" in unit_names
    assert "Dinas Kesehatan Kota Lain" not in unit_names, "another Pemda's units never leak"


@pytest.mark.django_db(transaction=True)
def test_it_does_not_enqueue_when_the_request_rolls_back(cast):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        job_start(
            kind="organisation_export",
            owner=cast.admin,
            pemda_id=cast.pemda.pk,
            task=export_organisation,
        )
        raise RuntimeError("request failed")
    assert not Job.objects.exists()


def test_it_marks_a_failing_job_failed_without_a_file(cast):
    job = Job.objects.create(kind="x", owner=cast.admin, pemda=cast.pemda)

    def work(job, progress):
        progress(40, "halfway")
        raise ValueError("the data is broken")

    job_run(job.pk, work)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "the data is broken" in job.message
    assert not job.result_file


def test_it_runs_a_claimed_job_only_once(cast):
    job = Job.objects.create(kind="x", owner=cast.admin, pemda=cast.pemda)
    calls = []

    def work(job, progress):
        calls.append(job.pk)
        return JobResult(filename="a.txt", content=b"a")

    job_run(job.pk, work)
    job_run(job.pk, work)
    assert calls == [job.pk]
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.result_file.read() == b"a"
