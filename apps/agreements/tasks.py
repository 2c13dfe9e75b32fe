"""Background tasks of the agreements app: thin, they take ids and call a service."""

from __future__ import annotations

from django_tasks import task

from apps.core.jobs import JobResult, job_run


@task()
def render_pk_pdf_task(job_id: int) -> None:
    from apps.agreements.services import store_pdf

    def work(job, progress) -> JobResult:
        name, content = store_pdf(job.params["pk"])
        return JobResult(filename=name, content=content)

    job_run(job_id, work)


@task()
def export_pk_task(job_id: int) -> None:
    from apps.agreements.exports import pk_workbook

    job_run(
        job_id,
        lambda job, progress: pk_workbook(
            pemda_id=job.pemda_id, year=job.params["year"], opd_id=job.params.get("opd")
        ),
    )
