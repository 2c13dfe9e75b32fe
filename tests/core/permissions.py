"""Permission cases of core's pages and of the project-level URLs."""

from __future__ import annotations

from apps.core.jobs import JobResult, job_run
from apps.core.models import Job
from tests.matrix import Case, everyone, statuses


def _admins_finished_job(cast) -> dict:
    job = Job.objects.create(kind="organisation_export", owner=cast.admin, pemda=cast.pemda)
    job_run(job.pk, lambda job, progress: JobResult(filename="x.xlsx", content=b"x"))
    return {"job": job}


def _job_args(cast, ctx) -> list:
    return [ctx["job"].code]


# A job is its owner's alone: everybody else gets 404.
OWNER_ONLY = statuses(404, admin=200)

CASES = [
    Case("home", everyone()),
    Case("core:dashboard", everyone()),
    Case("core:inbox", everyone()),
    Case("core:activity", everyone()),
    Case("core:notifications", everyone()),
    Case("core:jobs", everyone()),
    Case("core:job_detail", OWNER_ONLY, args=_job_args, setup=_admins_finished_job),
    Case("core:job_status", OWNER_ONLY, args=_job_args, setup=_admins_finished_job),
    Case("core:job_download", OWNER_ONLY, args=_job_args, setup=_admins_finished_job),
    Case("password_change", everyone()),
    # The API's schema and docs describe the API, not anybody's data: public reading.
    Case("api_schema", statuses(200, anonymous=200)),
    Case("api_docs", statuses(200, anonymous=200)),
    # Token endpoint: POST with wrong credentials is refused for everyone.
    Case(
        "api_token",
        statuses(400, anonymous=400),
        method="post",
        data=lambda cast, ctx: {"username": "nobody", "password": "wrong"},
    ),
]
