"""The LKjIP renderers on a realistic content dict (tests/reporting/render_fixtures.py): the PDF's
text, pages and landscape pages read back with pypdf, the DOCX with python-docx, the workbook with
openpyxl; the URL fetcher never reaches beyond local files; charts are deterministic."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from apps.core.pdf import INLINE_SCHEME, LocalUrlFetcher, RemoteFetchRefused, url_fetcher
from apps.reporting import charts, render
from tests.reporting.render_fixtures import sample_content

CHAPTERS = (
    "IKHTISAR EKSEKUTIF",
    "BAB I PENDAHULUAN",
    "BAB II PERENCANAAN KINERJA",
    "BAB III AKUNTABILITAS KINERJA",
    "A. Capaian Kinerja Organisasi",
    "B. Realisasi Anggaran",
    "BAB IV PENUTUP",
    "LAMPIRAN",
    "Lampiran 3. Formulir Pengukuran Kinerja",
)


@pytest.fixture(scope="module")
def pdf():
    content = sample_content(sasaran=5, hostile=True)
    result = render.render_pdf(content)
    return result, PdfReader(io.BytesIO(result.data))


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_has_every_chapter_a_known_figure_and_a_plausible_length(pdf):
    result, reader = pdf
    text = _text(reader)
    for heading in CHAPTERS:
        assert heading in text, heading
    for analysis in render.ANALYSES:
        assert analysis in text, analysis
    assert "95,00%" in text  # capaian of IK-1.1, Indonesian decimals
    assert "Rp 7.500.000.000" in text  # the budget total
    assert "Analisis sasaran 3" in text  # the narrative of sasaran:SS-3
    assert result.pages == len(reader.pages)
    assert 14 <= result.pages <= 30


def test_the_pdf_has_a_cover_a_toc_with_page_numbers_running_headers_and_landscape_pages(pdf):
    _result, reader = pdf
    cover = reader.pages[0].extract_text()
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH" in cover and "Halaman" not in cover
    toc = reader.pages[1].extract_text()
    assert "DAFTAR ISI" in toc
    bab1_page = next(
        n
        for n, page in enumerate(reader.pages, start=1)
        if "BAB I PENDAHULUAN" in page.extract_text() and n > 2
    )
    assert any(
        line.startswith("BAB I PENDAHULUAN") and line.rstrip().endswith(f" {bab1_page}")
        for line in toc.splitlines()
    )
    third = reader.pages[2].extract_text()
    assert "Dinas Kesehatan" in third and "LKjIP 2026" in third and "Halaman 3 dari" in third
    wide = [p for p in reader.pages if p.mediabox.width > p.mediabox.height]
    tall = [p for p in reader.pages if p.mediabox.width < p.mediabox.height]
    assert wide and tall
    assert any("Formulir Pengukuran Kinerja" in p.extract_text() for p in wide)


def test_the_pdf_embeds_the_shipped_font(pdf):
    _result, reader = pdf
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages[:3]
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("LKjIP-Sans" in name for name in fonts), fonts


def test_remote_urls_in_a_narrative_are_refused_and_the_render_goes_on(pdf):
    result, reader = pdf
    assert "http://evil.example/track.png" in result.refused  # <img src>
    assert "http://evil.example/bg.png" in result.refused  # CSS url()
    assert all(not url.startswith(("sakip-static", INLINE_SCHEME)) for url in result.refused)
    assert "Gambar" in _text(reader)


def test_the_fetcher_serves_local_files_only():
    font = url_fetcher("sakip-static:/fonts/NotoSans-Regular.ttf")
    assert font["mime_type"] == "font/ttf" and font.read()[:4] == b"\x00\x01\x00\x00"
    refused: list[str] = []
    fetcher = LocalUrlFetcher(on_refused=refused.append, inline={"a.svg": b"<svg/>"})
    assert fetcher(f"{INLINE_SCHEME}:/a.svg").read() == b"<svg/>"
    for url in (
        "http://example.com/x.png",
        "https://example.com/x.css",
        "file:///etc/passwd",
        "data:image/png;base64,AAAA",
        "sakip-static:/../sakip/settings.py",
        "sakip-media:/../../etc/passwd",
        f"{INLINE_SCHEME}:/missing.svg",
    ):
        with pytest.raises(RemoteFetchRefused):
            fetcher(url)
    assert len(refused) == 7


def test_charts_are_deterministic_svg_and_png():
    content = sample_content(sasaran=1)
    first = charts.capaian_chart(content["sasaran"][0])
    assert first == charts.capaian_chart(content["sasaran"][0])
    assert first.startswith("<svg") and "<dc:date>" not in first
    budget = charts.budget_chart(content["budget"])
    assert budget.startswith("<svg") and budget == charts.budget_chart(content["budget"])
    png = charts.capaian_chart(content["sasaran"][0], "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_docx_has_the_outline_as_word_headings_and_the_narratives_formatted():
    data = render.render_docx(sample_content(sasaran=2, hostile=True))
    document = Document(io.BytesIO(data))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    texts = [t for _s, t in headings]
    for heading in CHAPTERS:
        assert heading in texts, heading
    assert ("Heading 1", "BAB I PENDAHULUAN") in headings
    assert ("Heading 2", "A. Capaian Kinerja Organisasi") in headings
    assert any(s == "Heading 3" and t.startswith("Sasaran 1:") for s, t in headings)
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "LKjIP" in bold
    assert any(
        p.style.name == "List Bullet" and p.text == "Tugas pokok" for p in document.paragraphs
    )
    assert any(p.style.name == "List Number" for p in document.paragraphs)
    assert len(document.inline_shapes) == 3  # two capaian charts and the budget chart
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert "95,00%" in cells
    assert any(s.page_width > s.page_height for s in document.sections)


def test_the_workbook_has_a_sheet_per_table_with_numbers_as_numbers():
    content = sample_content(sasaran=2)
    content["sasaran"][0]["statement"] = '=HYPERLINK("http://x")'
    wb = load_workbook(io.BytesIO(render.render_xlsx(content)))
    names = wb.sheetnames
    assert "IKHTISAR EKSEKUTIF" in names
    assert "Lampiran 3. Formulir Pengukuran" in names
    assert "S2.5 Penyebab dan solusi" in names
    assert len(names) == len(set(names)) >= 15
    form = wb["Lampiran 3. Formulir Pengukuran"]
    header = [c.value for c in form[1]]
    assert header[:4] == ["Sasaran", "Indikator kinerja", "Satuan", "Target"]
    assert form.cell(row=2, column=10).value == 95  # capaian as a number
    sasaran = wb["A. Capaian Kinerja Organisasi"]
    assert sasaran.cell(row=2, column=2).value == '\'=HYPERLINK("http://x")'


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError):
        render.render(sample_content(sasaran=1), "odt")
