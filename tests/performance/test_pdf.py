"""PDF of the tree and the cascading matrix, rendered by a job; the text is read back with pypdf."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from apps.core.jobs import job_run
from apps.core.models import Job
from apps.core.pdf import RemoteFetchRefused, url_fetcher
from apps.performance import services
from apps.performance.tasks import _render


def _run_job(plan, user, kind: str, year: int) -> tuple[Job, PdfReader]:
    client = plan.cast.client(user)
    response = client.post(
        reverse("performance:tree_pdf", args=[plan.renstra.code]), {"kind": kind, "year": year}
    )
    job = Job.objects.get(owner=user)
    assert response.status_code == 302
    assert response.url == reverse("core:job_detail", args=[job.code])
    job_run(job.pk, _render)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    return job, PdfReader(io.BytesIO(job.result_file.read()))


def _text(reader: PdfReader) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_it_renders_the_cascading_matrix_in_a4_landscape(plan):
    job, reader = _run_job(plan, plan.cast.bappeda, "matrix", 2026)
    text = _text(reader)
    assert "Meningkatnya akses dan mutu pelayanan kesehatan dasar" in text
    assert "Persentase puskesmas terakreditasi paripurna" in text
    assert "1.02.02.2.01.0002" in text
    assert " 50 " in text  # the 2026 target
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    assert job.result_name.endswith(".pdf") and "2026" in job.result_name


def test_it_renders_the_tree_with_page_numbers_and_owners(plan):
    _job, reader = _run_job(plan, plan.cast.operator, "tree", 2025)
    text = _text(reader)
    assert "Meningkatnya derajat kesehatan masyarakat Kabupaten Contoh" in text
    assert "Kepala Dinas Kesehatan" in text
    assert "1 / " in text  # page x / y in the margin box
    box = reader.pages[0].mediabox
    assert float(box.width) < float(box.height)  # portrait


def test_it_prints_markup_in_statements_as_text_and_fetches_nothing_remote(plan):
    services.node_update(
        actor=None,
        node=plan.sasaran,
        data={"statement": 'Meningkatnya <img src="http://evil.example/x.png"> mutu'},
        expected_version=None,
    )
    _job, reader = _run_job(plan, plan.cast.operator, "tree", 2025)
    assert "evil.example" in _text(reader)  # printed, not fetched


def test_it_embeds_the_noto_sans_faces_not_a_system_fallback(plan):
    _job, reader = _run_job(plan, plan.cast.operator, "tree", 2025)
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    assert any("Noto" in name for name in names), names


def test_it_serves_only_local_static_files_to_weasyprint():
    font = url_fetcher("sakip-static:/fonts/NotoSans-Regular.ttf")
    assert font["string"][:4] in {b"\x00\x01\x00\x00", b"OTTO", b"true"}
    for url in (
        "http://example.com/x.css",
        "https://example.com/font.ttf",
        "file:///etc/passwd",
        "sakip-static:/../../etc/passwd",
        "sakip-static:/no-such-file.css",
    ):
        with pytest.raises(RemoteFetchRefused):
            url_fetcher(url)


def test_it_renders_only_what_the_owner_may_see(plan):
    """A job re-reads through its owner's scope: another OPD's operator cannot start one."""
    client = plan.cast.client(plan.cast.other_operator)
    response = client.post(
        reverse("performance:tree_pdf", args=[plan.renstra.code]), {"kind": "tree"}
    )
    assert response.status_code == 404
    assert not Job.objects.exists()
