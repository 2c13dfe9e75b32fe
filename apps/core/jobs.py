"""Background jobs: our Job row around Django's task API.

`job_start` creates the row and enqueues the task only after the surrounding transaction commits
(a rolled-back request never leaves a task pointing at a missing row). The task receives the row's
id, reloads it, and `job_run` does the bookkeeping: running → progress → done with a result file,
or failed with the reason and no file left behind.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.models import Job

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobResult:
    filename: str
    content: bytes
    message: str = ""


Progress = Callable[[int, str], None]


def job_start(*, kind: str, owner, pemda_id: int, task, params: dict | None = None) -> Job:
    job = Job.objects.create(kind=kind, owner=owner, pemda_id=pemda_id, params=params or {})

    def enqueue() -> None:
        result = task.enqueue(job.pk)
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id))

    transaction.on_commit(enqueue)
    return job


def job_progress(job_id: int, percent: int, message: str = "") -> None:
    Job.objects.filter(pk=job_id).update(progress=max(0, min(100, percent)), message=message[:500])


def job_run(job_id: int, work: Callable[[Job, Progress], JobResult]) -> None:
    """Run `work` for the job, recording its outcome. Claims the job atomically: a job that is
    not queued any more (already taken by another worker) is left alone."""
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=timezone.now(), progress=0
    )
    if not claimed:
        logger.info("job %s is not queued any more; skipping", job_id)
        return
    job = Job.objects.get(pk=job_id)

    def progress(percent: int, message: str = "") -> None:
        job_progress(job_id, percent, message)

    try:
        result = work(job, progress)
    except Exception as exc:
        logger.exception("job %s (%s) failed", job_id, job.kind)
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.FAILED,
            finished_at=timezone.now(),
            message=(_("Failed: %(reason)s") % {"reason": exc})[:500],
        )
        return
    job.result_file.save(result.filename, ContentFile(result.content), save=False)
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.DONE,
        progress=100,
        finished_at=timezone.now(),
        result_file=job.result_file.name,
        result_name=result.filename,
        message=result.message or _("Finished."),
    )
