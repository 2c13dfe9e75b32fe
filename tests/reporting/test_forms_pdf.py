"""The printable forms: each page starts its job, the job renders a real PDF (read back with
pypdf: headings, names, Indonesian figures, landscape pages), a failing job leaves no file, the
pages run a constant number of queries, and the measurement and tree pages link to the forms."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from apps.core.models import Job
from apps.measurement import services as measurement_services
from apps.organisations.models import User
from apps.performance import services as performance_services
from apps.performance.models import NodeLevel
from apps.reporting import forms_pdf
from tests.measurement.conftest import build_measure_world
from tests.performance.conftest import targets

YEAR = 2026
INDICATOR = "Persentase puskesmas terakreditasi paripurna"


@pytest.fixture
def fworld(cast):
    """The measurement world with TW I of the sasaran indicator entered and submitted (target
    of TW I in the Rencana Aksi: 12,5; realisation 11 → capaian 88,00%)."""
    world = build_measure_world(cast)
    row = measurement_services.realisation_save(
        actor=cast.operator,
        indicator=world.plan.sasaran_indicator,
        year=YEAR,
        quarter=1,
        value="11",
        obstacle="Tenaga akreditasi terbatas",
        solution="Pendampingan oleh Dinas Kesehatan Provinsi",
    )
    measurement_services.realisation_transition(
        actor=cast.operator, realisation=row, action="submit"
    )
    return world


def _start(client, url: str) -> Job:
    before = set(Job.objects.values_list("pk", flat=True))
    response = client.post(url)
    (job,) = Job.objects.exclude(pk__in=before)
    assert response.status_code == 302
    assert response.url == reverse("core:job_detail", args=[job.code])
    return job


def _render(job: Job) -> tuple[Job, PdfReader, str]:
    forms_pdf.render_form_task.call(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    reader = PdfReader(io.BytesIO(job.result_file.read()))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    return job, reader, text


def _fonts(reader: PdfReader) -> set[str]:
    fonts = reader.pages[0]["/Resources"]["/Font"]
    return {str(font.get_object()["/BaseFont"]) for font in fonts.values()}


def _landscape(reader: PdfReader) -> bool:
    return all(float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages)


def test_the_measurement_form_prints_the_quarter_with_capaian_and_the_signature(cast, fworld):
    client = cast.client(cast.operator)
    url = reverse("reporting:form_measurement", args=[cast.opd1.code, YEAR, 1])
    page = client.get(url)
    assert page.status_code == 200
    assert b'id="form-print"' in page.content and cast.opd1.name.encode() in page.content
    job = _start(client, url)
    assert job.kind == "form_measurement" and job.pemda_id == cast.pemda.pk
    job, reader, text = _render(job)
    assert "FORMULIR PENGUKURAN KINERJA" in text
    assert "Triwulan I Tahun 2026" in text
    assert "Meningkatnya akses dan mutu pelayanan kesehatan dasar" in text
    assert INDICATOR in text
    assert "88,00%" in text  # capaian TW I, the Indonesian way
    assert "Tenaga akreditasi terbatas" in text and "Pendampingan oleh Dinas" in text
    assert "dr. Siti Rahma, M.Kes." in text  # the Kepala OPD signs
    assert "Halaman 1 dari" in text
    assert _landscape(reader)
    # The @font-face family (Noto Sans from static/fonts), embedded, not a system fallback.
    assert any(name.endswith("+SAKIP-Sans") for name in _fonts(reader))
    assert job.result_name == "pengukuran_kinerja_Dinkes_2026_TW1.pdf"


def test_the_measurement_form_lists_only_the_quarter_s_indicators_and_marks_missing_values(
    cast, fworld
):
    job = _start(
        cast.client(cast.verifier),
        reverse("reporting:form_measurement", args=[cast.opd1.code, YEAR, 2]),
    )
    _job, _reader, text = _render(job)
    assert "Triwulan II Tahun 2026" in text
    assert INDICATOR in text
    assert "Belum diisi" in text  # TW II not entered yet
    assert "Tenaga akreditasi terbatas" not in text  # TW I's notes stay on TW I's form


def test_the_cascading_matrix_prints_the_renstra_s_year(cast, fworld):
    plan = fworld.plan
    client = cast.client(cast.bappeda)
    job = _start(client, reverse("reporting:form_cascading", args=[plan.renstra.code, YEAR]))
    job, reader, text = _render(job)
    assert "MATRIKS CASCADING KINERJA" in text
    assert "Meningkatnya akses dan mutu pelayanan kesehatan dasar" in text
    assert INDICATOR in text
    assert "1.02.02.2.01.0002" in text
    assert "Rp 2.000.000.000" in text  # the 2026 indicative pagu
    assert _landscape(reader)
    assert job.result_name.startswith("matriks_cascading_") and "2026" in job.result_name


def test_the_tree_prints_statements_with_targets_and_capaian_bands(cast, fworld):
    plan = fworld.plan
    client = cast.client(cast.operator)
    job = _start(client, reverse("reporting:form_tree", args=[plan.renstra.code, YEAR]))
    _job, reader, text = _render(job)
    assert "POHON KINERJA" in text
    assert "Meningkatnya derajat kesehatan masyarakat Kabupaten Contoh" in text
    assert INDICATOR in text
    assert "Kepala Dinas Kesehatan" in text  # the owner
    assert "Capaian" in text
    # The year so far: TW I's 11 against TW I's target of 12,5 → 88,00%, Tinggi; the tujuan
    # above takes its sasaran's capaian.
    assert text.count("88,00%") >= 3 and "Tinggi" in text
    assert _landscape(reader)


def test_the_tree_without_realisations_shows_no_capaian_column(cast):
    from tests.performance.conftest import build_plan

    plan = build_plan(cast)
    job = _start(
        cast.client(cast.operator), reverse("reporting:form_tree", args=[plan.renstra.code, YEAR])
    )
    _job, _reader, text = _render(job)
    assert INDICATOR in text
    assert "Capaian" not in text and "%" not in text.replace(" % ", " ")


def test_the_pemda_tree_prints_the_rpjmd_with_the_opd_statements_in_one_table(cast, fworld):
    plan = fworld.plan
    client = cast.client(cast.bappeda)
    url = reverse("reporting:form_tree_pemda", args=[YEAR])
    assert client.get(url).status_code == 200
    job, reader, text = _render(_start(client, url))
    assert "POHON KINERJA" in text and "RPJMD 2025–2029" in text
    assert plan.sasaran_pemda.statement in text
    assert "Meningkatnya kualitas pendidikan dasar" in text  # OPD 2's tujuan, cascaded
    assert "Dinas Kesehatan" in text
    assert "88,00%" in text
    assert _landscape(reader)
    assert job.result_name == "pohon_kinerja_pemda_2026.pdf"


def test_an_opd_user_prints_their_renstra_s_tree_not_the_pemda_s(cast, fworld):
    client = cast.client(cast.operator)
    url = reverse("reporting:form_tree_pemda", args=[YEAR])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert not Job.objects.exists()


def test_bad_periods_are_not_found(cast, fworld):
    client = cast.client(cast.bappeda)
    plan = fworld.plan
    for url in (
        reverse("reporting:form_measurement", args=[cast.opd1.code, YEAR, 5]),
        reverse("reporting:form_measurement", args=[cast.opd1.code, 1999, 1]),
        reverse("reporting:form_cascading", args=[plan.renstra.code, 2031]),
        reverse("reporting:form_tree", args=[plan.renstra.code, 2024]),
        reverse("reporting:form_tree_pemda", args=[2035]),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url
    assert not Job.objects.exists()


def test_a_failing_form_leaves_the_job_failed_without_a_file(cast, fworld):
    """The job re-reads as its owner: a form of another OPD's Renstra fails (the owner's scope
    does not reach it), with the reason and no file."""
    job = Job.objects.create(
        kind="form_tree",
        owner=cast.other_operator,
        pemda_id=cast.pemda.pk,
        params={"renstra": str(fworld.plan.renstra.code), "year": YEAR},
    )
    forms_pdf.render_form_task.call(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message
    assert not job.result_file and not job.result_name


def test_a_form_refuses_remote_urls_and_prints_markup_as_text(cast, fworld):
    plan = fworld.plan
    performance_services.node_update(
        actor=None,
        node=plan.sasaran,
        data={"statement": 'Meningkatnya <img src="http://evil.example/x.png"> mutu'},
        expected_version=None,
    )
    job = _start(
        cast.client(cast.operator),
        reverse("reporting:form_cascading", args=[plan.renstra.code, YEAR]),
    )
    _job, _reader, text = _render(job)
    assert "evil.example" in text  # printed, never fetched
    with pytest.raises(ValueError):
        forms_pdf.url_fetcher.fetch("http://evil.example/x.png")


# --- constant queries -------------------------------------------------------------------------


def _grow(cast, plan, n: int) -> None:
    """More statements with measured indicators (a 2026 target, measured at TW IV) and their
    realisations under the sasaran."""
    for i in range(n):
        node = performance_services.node_create(
            actor=None,
            parent=plan.sasaran,
            node_level=NodeLevel.SASARAN,
            statement=f"Sasaran antara {i}",
        )
        indicator = performance_services.indicator_create(
            actor=None,
            node=node,
            name=f"Indikator tambahan {i}",
            unit="%",
            targets=targets(10, 20, 30, 40, 50),
        )
        measurement_services.realisation_save(
            actor=cast.operator, indicator=indicator, year=YEAR, quarter=4, value=str(20 + i)
        )


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_form_pages_run_constant_queries(cast, fworld):
    plan = fworld.plan
    urls = [
        reverse("reporting:form_measurement", args=[cast.opd1.code, YEAR, 1]),
        reverse("reporting:form_cascading", args=[plan.renstra.code, YEAR]),
        reverse("reporting:form_tree", args=[plan.renstra.code, YEAR]),
        reverse("reporting:form_tree_pemda", args=[YEAR]),
    ]
    client = cast.client(cast.bappeda)
    for url in urls:
        client.get(url)  # warm the per-process caches (sessions, content types)
    small = [_count(client, url) for url in urls]
    _grow(cast, plan, 5)
    assert [_count(client, url) for url in urls] == small


def test_the_form_data_loads_in_constant_queries(cast, fworld):
    plan = fworld.plan

    def counts() -> list[int]:
        # Fresh user objects: each count loads the user's scope once, as a job does.
        operator = User.objects.get(pk=cast.operator.pk)
        bappeda = User.objects.get(pk=cast.bappeda.pk)
        out = []
        for build in (
            lambda: forms_pdf.measurement_context(
                user=operator, opd_code=cast.opd1.code, year=YEAR, quarter=4
            ),
            lambda: forms_pdf.tree_context(
                user=operator, renstra_code=plan.renstra.code, year=YEAR
            ),
            lambda: forms_pdf.pemda_tree_context(user=bappeda, year=YEAR),
        ):
            with CaptureQueriesContext(connection) as ctx:
                build()
            out.append(len(ctx.captured_queries))
        return out

    small = counts()
    _grow(cast, plan, 6)
    assert counts() == small
    rows = forms_pdf.measurement_context(
        user=cast.operator, opd_code=cast.opd1.code, year=YEAR, quarter=4
    )["rows"]
    assert "Indikator tambahan 5" in [row.indicator.name for row in rows]


# --- links from the source pages --------------------------------------------------------------


def test_the_grid_and_the_tree_page_link_to_the_forms(cast, fworld):
    plan = fworld.plan
    client = cast.client(cast.operator)
    grid = client.get(reverse("measurement:grid", args=[cast.opd1.code, YEAR, 1])).content.decode()
    assert reverse("reporting:form_measurement", args=[cast.opd1.code, YEAR, 1]) in grid
    tree = client.get(
        reverse("performance:tree_opd", args=[plan.renstra.code]) + f"?year={YEAR}"
    ).content.decode()
    assert reverse("reporting:form_tree", args=[plan.renstra.code, YEAR]) in tree
    assert reverse("reporting:form_cascading", args=[plan.renstra.code, YEAR]) in tree
