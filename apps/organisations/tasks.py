"""Background tasks of the organisation app: thin, they take ids and call a service."""

from __future__ import annotations

from django_tasks import task

from apps.core.jobs import job_run
from apps.organisations.exports import organisation_workbook


@task()
def export_organisation(job_id: int) -> None:
    job_run(
        job_id,
        lambda job, progress: organisation_workbook(pemda_id=job.pemda_id, progress=progress),
    )
