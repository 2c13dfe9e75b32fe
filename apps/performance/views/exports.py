"""Exports of an OPD's tree and cascading matrix (Excel now, PDF as a background job) and the
Renstra workbook: template download, upload with preview, all-or-nothing apply.

Excel files are small (one OPD) and built within the request as a direct download; PDFs are
rendered by a job and the user follows its progress page (core:job_detail).
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.jobs import job_start
from apps.organisations.selectors import get_period_for_user
from apps.performance import excel
from apps.performance.tasks import PDF_KINDS, render_tree_pdf
from apps.performance.views.tree import _year
from apps.planning.selectors import get_renstra_for_user, get_rw_renstra_for_user

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD = 5 * 1024 * 1024


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _slug(renstra) -> str:
    return (renstra.opd.short_name or renstra.opd.name).replace(" ", "_").replace('"', "")[:40]


@login_required
def tree_xlsx(request: HttpRequest, code) -> HttpResponse:
    renstra = get_renstra_for_user(request.user, code)
    year = _year(request, renstra.period.years)
    content = excel.tree_workbook(user=request.user, renstra=renstra, year=year)
    return _xlsx(content, f"pohon_kinerja_{_slug(renstra)}_{year}.xlsx")


@login_required
def tree_pemda_xlsx(request: HttpRequest, code) -> HttpResponse:
    period = get_period_for_user(request.user, code)
    year = _year(request, period.years)
    content = excel.pemda_tree_workbook(user=request.user, period=period, year=year)
    return _xlsx(content, f"pohon_kinerja_pemda_{period.start_year}_{year}.xlsx")


@login_required
@require_POST
def tree_pdf(request: HttpRequest, code) -> HttpResponse:
    renstra = get_renstra_for_user(request.user, code)
    kind = request.POST.get("kind", "tree")
    if kind not in PDF_KINDS:
        kind = "tree"
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = None
    if year not in renstra.period.years:
        year = _year(request, renstra.period.years)
    job = job_start(
        kind=f"performance_{kind}_pdf",
        owner=request.user,
        pemda_id=renstra.pemda_id,
        task=render_tree_pdf,
        params={
            "renstra_id": renstra.pk,
            "kind": kind,
            "year": year,
            "language": get_language() or "id",
        },
    )
    return redirect("core:job_detail", code=job.code)


@login_required
def import_template(request: HttpRequest, code) -> HttpResponse:
    """The Renstra workbook filled with the current tree: the template to fill, and the export
    of the same shape."""
    renstra = get_renstra_for_user(request.user, code)
    return _xlsx(excel.renstra_workbook(renstra=renstra), f"renstra_{_slug(renstra)}.xlsx")


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Filled Renstra workbook (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload an .xlsx workbook."))
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


def _session_key(renstra) -> str:
    return f"renstra-import-{renstra.code}"


def _locked_message(renstra) -> str | None:
    if renstra.is_locked:
        return _(
            "This Renstra is submitted or approved and cannot be changed; import is possible "
            "while it is a draft, returned, or in revision."
        )
    return None


@login_required
def import_upload(request: HttpRequest, code) -> HttpResponse:
    """Upload a filled workbook: the answer is the preview (nothing saved yet)."""
    renstra = get_rw_renstra_for_user(request.user, code)
    locked = _locked_message(renstra)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and not locked and form.is_valid():
        content = form.cleaned_data["file"].read()
        report = excel.renstra_import(
            actor=request.user, renstra=renstra, content=content, apply=False
        )
        name = default_storage.save(f"imports/{uuid.uuid4().hex}.xlsx", ContentFile(content))
        previous = request.session.get(_session_key(renstra))
        if previous:
            default_storage.delete(previous)
        request.session[_session_key(renstra)] = name
        return render(
            request, "performance/import_preview.html", {"renstra": renstra, "report": report}
        )
    return render(
        request,
        "performance/import_upload.html",
        {"renstra": renstra, "form": form, "locked": locked},
    )


@login_required
@require_POST
def import_apply(request: HttpRequest, code) -> HttpResponse:
    """Apply the previewed workbook in one transaction (any error: nothing saved)."""
    renstra = get_rw_renstra_for_user(request.user, code)
    name = request.session.get(_session_key(renstra))
    if not name or not default_storage.exists(name):
        messages.error(request, _("Upload the workbook again: the preview has expired."))
        return redirect("performance:import_upload", code=renstra.code)
    with default_storage.open(name, "rb") as handle:
        content = handle.read()
    report = excel.renstra_import(actor=request.user, renstra=renstra, content=content, apply=True)
    if not report.applied:
        return render(
            request, "performance/import_preview.html", {"renstra": renstra, "report": report}
        )
    default_storage.delete(name)
    del request.session[_session_key(renstra)]
    messages.success(
        request,
        _("Imported: %(count)s rows created or changed.") % {"count": len(report.changed_rows)},
    )
    return redirect("performance:tree_opd", code=renstra.code)
