"""Background tasks of the performance tree: thin, they take ids, reload and call a renderer."""

from __future__ import annotations

from django_tasks import task

from apps.core.jobs import JobResult, job_run
from apps.organisations.models import User
from apps.planning.models import Renstra

PDF_KINDS = ("tree", "matrix")


def _render(job, progress) -> JobResult:
    from apps.performance import pdf

    params = job.params
    kind = params["kind"]
    # The job's owner reads through the same scoped selectors as on the page: a job can never
    # render more than its owner may see.
    user = User.objects.get(pk=job.owner_id)
    renstra = Renstra.objects.select_related("opd", "period").get(
        pk=params["renstra_id"], pemda_id=job.pemda_id
    )
    year = int(params["year"])
    progress(10, "")
    render = pdf.matrix_pdf if kind == "matrix" else pdf.tree_pdf
    content = render(user=user, renstra=renstra, year=year, language=params.get("language", "id"))
    slug = (renstra.opd.short_name or renstra.opd.name).replace(" ", "_")[:40]
    name = "matriks_cascading" if kind == "matrix" else "pohon_kinerja"
    return JobResult(filename=f"{name}_{slug}_{year}.pdf", content=content)


@task()
def render_tree_pdf(job_id: int) -> None:
    job_run(job_id, _render)
