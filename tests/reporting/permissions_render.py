"""Permission cases of the reporting render URLs (collected by permissions.py).

Everyone who may read the report of Dinas Kesehatan (OPD 1) may render it and download its
files: every Pemda A role; the operator of OPD 2 and the outsider get 404; anonymous the login."""

from __future__ import annotations

import functools
import hashlib

from django.core.files.base import ContentFile

from apps.reporting.models import FileFormat, ReportFile
from tests.matrix import Case, statuses
from tests.reporting.conftest import opd_report
from tests.reporting.render_fixtures import sample_content

READERS = statuses(200, other_operator=404, outsider=404)


@functools.cache
def _small_pdf() -> bytes:
    from apps.reporting.render import render_pdf

    return render_pdf(sample_content(sasaran=1, indicators=1)).data


def _report(cast) -> dict:
    return {"report": opd_report(cast)}


def _with_file(cast) -> dict:
    from apps.reporting.render import render_xlsx

    report = opd_report(cast)
    data = render_xlsx(sample_content(sasaran=1, indicators=1))
    row = ReportFile(
        pemda_id=report.pemda_id,
        report=report,
        format=FileFormat.XLSX,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    row.file.save("lkjip.xlsx", ContentFile(data), save=False)
    row.save()
    return {"report": report, "file": row}


def _issued(cast) -> dict:
    report = opd_report(cast)
    data = _small_pdf()
    report.pdf.save("lkjip.pdf", ContentFile(data), save=False)
    report.pdf_sha256 = hashlib.sha256(data).hexdigest()
    report.save(update_fields=["pdf", "pdf_sha256"])
    return {"report": report}


def _code(cast, ctx) -> list:
    return [ctx["report"].code]


CASES = [
    Case(
        "reporting:render_start",
        statuses(302, other_operator=404, outsider=404),
        args=_code,
        method="post",
        data=lambda cast, ctx: {"format": "pdf"},
        setup=_report,
    ),
    Case("reporting:report_files", READERS, args=_code, setup=_report),
    Case(
        "reporting:report_file_download",
        READERS,
        args=lambda cast, ctx: [ctx["file"].code],
        setup=_with_file,
    ),
    Case("reporting:issued_pdf", READERS, args=_code, setup=_issued),
    Case(
        "reporting:issued_pdf",
        statuses(404, anonymous=302),
        args=_code,
        setup=_report,
        id="reporting:issued_pdf[not issued]",
    ),
]
