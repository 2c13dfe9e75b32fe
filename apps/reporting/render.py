"""Rendering an LKjIP's content (apps.reporting.content) as PDF, DOCX and Excel.

One outline (`outline(content)`) drives all three formats, so they never drift apart: the
chapters of DOMAIN.md "LKjIP" (Ikhtisar Eksekutif, Bab I–IV, Lampiran) as a list of blocks, each
a heading with its narrative, a few sentences, at most one table (DESIGN.md "Long work": one
table per section) and at most one chart.

* `render_pdf(content)`: WeasyPrint, one pass; A4 with running headers and page numbers in
  `@page` margin boxes, a cover, a table of contents with page numbers (target-counter), wide
  tables on landscape pages (named page `wide`), Noto Sans from static/fonts, charts as inline
  SVG. Only local static files can be fetched (apps.core.pdf): a narrative's remote image is
  refused and left out, and listed in `RenderResult.refused`.
* `render_docx(content)`: python-docx; chapter headings are Word heading styles (an OPD can go on
  writing in Word), narratives become paragraphs with bold/italic/underline and lists, charts PNG.
* `render_xlsx(content)`: a sheet per table, numbers as numbers, text formula-safe.

Numbers arrive as strings of Decimals; the PDF and DOCX print them the Indonesian way
(apps.core.templatetags.sakip), the workbook keeps them numeric.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from apps.core.templatetags.sakip import EMPTY, format_number, persen, rupiah
from apps.reporting import charts

MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
ANALYSES = (
    "Perbandingan target dan realisasi kinerja tahun ini",
    "Perbandingan realisasi kinerja dengan tahun-tahun sebelumnya",
    "Perbandingan realisasi kinerja dengan target jangka menengah (Renstra)",
    "Perbandingan realisasi kinerja dengan standar nasional",
    "Analisis penyebab keberhasilan/kegagalan dan alternatif solusi",
    "Analisis efisiensi penggunaan sumber daya",
    "Analisis program/kegiatan yang menunjang keberhasilan atau kegagalan",
)
BANDS = (
    ("sangat_tinggi", "Sangat Tinggi", "≥ 91"),
    ("tinggi", "Tinggi", "76 – 90"),
    ("sedang", "Sedang", "66 – 75"),
    ("rendah", "Rendah", "51 – 65"),
    ("sangat_rendah", "Sangat Rendah", "≤ 50"),
    ("none", "Belum dapat diukur", "–"),
)
FORMATS = ("pdf", "docx", "xlsx")


@dataclass(frozen=True)
class RenderResult:
    data: bytes
    pages: int
    refused: tuple[str, ...] = ()  # URLs the document asked for and the fetcher refused


# --- the outline shared by the three formats ---------------------------------------------------


def _decimal(value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _num(value) -> str:
    """A figure with two decimals the Indonesian way; a qualitative value ("WTP") as it is."""
    if value is None or value == "":
        return EMPTY
    number = _decimal(value)
    if number is None:
        return str(value)
    return format_number(number, 0 if number == number.to_integral_value() else 2)


FORMATTERS: dict[str, Callable] = {
    "text": lambda v: "" if v is None else str(v),
    "num": _num,
    "pct": lambda v: persen(v),
    "rp": lambda v: rupiah(v),
    "int": lambda v: format_number(v, 0),
}


@dataclass
class Table:
    """One table: `columns` as (header, kind) with kind text|num|pct|rp|int."""

    title: str
    columns: list[tuple[str, str]]
    rows: list[list]
    wide: bool = False
    footer: list | None = None

    @property
    def headers(self) -> list[str]:
        return [h for h, _k in self.columns]

    @property
    def kinds(self) -> list[str]:
        return [k for _h, k in self.columns]

    def _format(self, row: list) -> list[str]:
        return [FORMATTERS[k](v) for v, k in zip(row, self.kinds, strict=True)]

    def formatted(self) -> list[list[str]]:
        return [self._format(r) for r in self.rows]

    def formatted_footer(self) -> list[str] | None:
        return self._format(self.footer) if self.footer else None

    def values(self, row: list) -> list:
        """Cells for a workbook: numbers as Decimals, text as text."""
        out = []
        for value, kind in zip(row, self.kinds, strict=True):
            number = _decimal(value) if kind != "text" else None
            out.append(number if number is not None else ("" if value is None else str(value)))
        return out


@dataclass
class Block:
    level: int  # 1 chapter, 2 part, 3 sasaran, 4 analysis
    title: str
    anchor: str
    html: str = ""  # cleaned narrative HTML
    paragraphs: list[str] = field(default_factory=list)
    table: Table | None = None
    chart: tuple[str, dict] | None = None  # ("capaian", sasaran) or ("budget", budget)
    in_toc: bool = True


def _lines(items) -> str:
    return "\n".join(str(i) for i in items if i)


def _sasaran_blocks(index: int, item: dict, narratives: dict) -> list[Block]:
    code = item.get("code") or str(index)
    inds = item.get("indicators") or []
    anchor = f"sasaran-{index}"
    blocks = [
        Block(
            3,
            f"Sasaran {item.get('number') or index}: {item.get('statement', '')}",
            anchor,
            html=narratives.get(f"sasaran:{code}", ""),
            paragraphs=[
                f"Capaian sasaran: {persen(item.get('capaian'))}"
                + (f" (predikat {item['predicate']})." if item.get("predicate") else ".")
            ],
        )
    ]
    sub = [
        Block(4, f"{n}. {title}", f"{anchor}-{n}", in_toc=False)
        for n, title in enumerate(ANALYSES, start=1)
    ]
    sub[0].table = Table(
        "Target dan realisasi",
        [
            ("Kode", "text"),
            ("Indikator kinerja", "text"),
            ("Satuan", "text"),
            ("Target", "num"),
            ("Realisasi", "num"),
            ("Capaian", "pct"),
            ("Predikat", "text"),
        ],
        [
            [
                i.get("code"),
                i.get("name"),
                i.get("unit"),
                i.get("target"),
                i.get("realisation"),
                i.get("capaian"),
                i.get("predicate") or EMPTY,
            ]
            for i in inds
        ],
    )
    sub[0].chart = ("capaian", item)
    history = [
        [i.get("name"), h.get("year"), h.get("target"), h.get("realisation"), h.get("capaian")]
        for i in inds
        for h in i.get("history") or []
    ]
    if history:
        sub[1].table = Table(
            "Perbandingan dengan tahun sebelumnya",
            [
                ("Indikator kinerja", "text"),
                ("Tahun", "text"),
                ("Target", "num"),
                ("Realisasi", "num"),
                ("Capaian", "pct"),
            ],
            history,
        )
    else:
        sub[1].paragraphs.append("Belum ada data tahun-tahun sebelumnya untuk sasaran ini.")
    ends = [
        [
            i.get("name"),
            (i.get("end_target") or {}).get("year"),
            (i.get("end_target") or {}).get("target"),
            i.get("realisation"),
            (i.get("end_target") or {}).get("progress"),
        ]
        for i in inds
        if i.get("end_target")
    ]
    if ends:
        sub[2].table = Table(
            "Target akhir periode Renstra",
            [
                ("Indikator kinerja", "text"),
                ("Tahun akhir", "text"),
                ("Target akhir", "num"),
                ("Realisasi", "num"),
                ("Kemajuan", "pct"),
            ],
            ends,
        )
    else:
        sub[2].paragraphs.append("Target akhir periode Renstra belum tersedia.")
    standards = [
        [i.get("name"), i.get("national_standard"), i.get("realisation"), i.get("unit")]
        for i in inds
        if i.get("national_standard")
    ]
    if standards:
        sub[3].table = Table(
            "Standar nasional",
            [
                ("Indikator kinerja", "text"),
                ("Standar nasional", "text"),
                ("Realisasi", "num"),
                ("Satuan", "text"),
            ],
            standards,
        )
    else:
        sub[3].paragraphs.append("Tidak ada indikator sasaran ini yang memiliki standar nasional.")
    causes = [
        [i.get("name"), _lines(i.get("obstacles") or []), _lines(i.get("solutions") or [])]
        for i in inds
        if i.get("obstacles") or i.get("solutions")
    ]
    if causes:
        sub[4].table = Table(
            "Penyebab dan solusi",
            [
                ("Indikator kinerja", "text"),
                ("Penyebab/hambatan", "text"),
                ("Alternatif solusi", "text"),
            ],
            causes,
        )
    else:
        sub[4].paragraphs.append("Tidak ada catatan hambatan pada realisasi.")
    eff = item.get("efficiency") or {}
    sub[5].table = Table(
        "Efisiensi",
        [
            ("Pagu", "rp"),
            ("Realisasi anggaran", "rp"),
            ("Penyerapan", "pct"),
            ("Capaian sasaran", "pct"),
            ("Efisiensi", "pct"),
        ],
        [
            [
                eff.get("pagu"),
                eff.get("spent"),
                eff.get("absorption"),
                item.get("capaian"),
                eff.get("efficiency"),
            ]
        ],
    )
    programs = item.get("programs") or []
    if programs:
        sub[6].table = Table(
            "Program pendukung",
            [
                ("Kode", "text"),
                ("Program/kegiatan", "text"),
                ("Pagu", "rp"),
                ("Realisasi", "rp"),
                ("Penyerapan", "pct"),
                ("Capaian", "pct"),
            ],
            [
                [
                    p.get("code"),
                    p.get("name"),
                    p.get("pagu"),
                    p.get("spent"),
                    p.get("absorption"),
                    p.get("capaian"),
                ]
                for p in programs
            ],
        )
    else:
        sub[6].paragraphs.append("Tidak ada program yang terhubung dengan sasaran ini.")
    return blocks + sub


def outline(content: dict) -> list[Block]:
    """The document as blocks, in the order of the LKjIP outline."""
    narratives = content.get("narratives") or {}
    summary = content.get("summary") or {}
    pk = content.get("pk") or {}
    iku = content.get("iku") or []
    sasaran = content.get("sasaran") or []
    budget = content.get("budget") or {}
    form = content.get("measurement_form") or []
    bands = summary.get("bands") or {}
    unit = (content.get("unit") or {}).get("name", "")

    blocks = [
        Block(
            1,
            "IKHTISAR EKSEKUTIF",
            "ikhtisar",
            html=narratives.get("ikhtisar", ""),
            paragraphs=[
                f"Pada tahun {content.get('year')}, {unit} mengukur "
                f"{format_number(summary.get('indicators') or 0)} indikator kinerja dengan "
                f"rata-rata capaian {persen(summary.get('mean_capaian'))}."
            ],
            table=Table(
                "Sebaran predikat capaian",
                [
                    ("Predikat", "text"),
                    ("Rentang capaian (%)", "text"),
                    ("Jumlah indikator", "int"),
                ],
                [[label, span, bands.get(key, 0)] for key, label, span in BANDS],
            ),
        ),
        Block(1, "BAB I PENDAHULUAN", "bab1", html=narratives.get("bab1", "")),
        Block(1, "BAB II PERENCANAAN KINERJA", "bab2", html=narratives.get("bab2", "")),
    ]
    signed = pk.get("signed_on")
    pk_text = (
        f"Perjanjian Kinerja tahun {content.get('year')} ditandatangani pada {_date(signed)} "
        f"oleh {pk.get('first_party', '')} dan {pk.get('second_party', '')}, memuat "
        f"{len(pk.get('lines') or [])} indikator kinerja (rincian pada Lampiran 1)."
        if signed
        else "Perjanjian Kinerja tahun ini belum ditandatangani."
    )
    if pk.get("verification_code"):
        pk_text += f" Kode verifikasi: {pk['verification_code']}."
    blocks.append(
        Block(
            2,
            "2.1 Perjanjian Kinerja",
            "bab2-pk",
            paragraphs=[pk_text],
            table=Table(
                "Anggaran dalam Perjanjian Kinerja",
                [("Tingkat", "text"), ("Program/kegiatan", "text"), ("Anggaran", "rp")],
                [[b.get("level"), b.get("name"), b.get("amount")] for b in pk.get("budget") or []],
                footer=["", "Jumlah", _sum(b.get("amount") for b in pk.get("budget") or [])],
            ),
        )
    )
    blocks.append(
        Block(
            2,
            "2.2 Indikator Kinerja Utama",
            "bab2-iku",
            table=Table(
                "Indikator Kinerja Utama",
                [
                    ("No", "int"),
                    ("Indikator kinerja utama", "text"),
                    ("Satuan", "text"),
                    ("Target", "num"),
                ],
                [
                    [n, i.get("indicator"), i.get("unit"), i.get("target")]
                    for n, i in enumerate(iku, start=1)
                ],
            ),
        )
    )
    blocks.append(Block(1, "BAB III AKUNTABILITAS KINERJA", "bab3"))
    blocks.append(
        Block(
            2,
            "A. Capaian Kinerja Organisasi",
            "bab3a",
            html=narratives.get("bab3a", ""),
            table=Table(
                "Capaian per sasaran",
                [("No", "text"), ("Sasaran", "text"), ("Capaian", "pct"), ("Predikat", "text")],
                [
                    [
                        s.get("number"),
                        s.get("statement"),
                        s.get("capaian"),
                        s.get("predicate") or EMPTY,
                    ]
                    for s in sasaran
                ],
            ),
        )
    )
    for index, item in enumerate(sasaran, start=1):
        blocks.extend(_sasaran_blocks(index, item, narratives))
    blocks.append(
        Block(
            2,
            "B. Realisasi Anggaran",
            "bab3b",
            html=narratives.get("bab3b", ""),
            paragraphs=[
                f"Realisasi anggaran {rupiah(budget.get('total_spent'))} dari pagu "
                f"{rupiah(budget.get('total_pagu'))} (penyerapan "
                f"{persen(budget.get('absorption'))})."
            ],
            chart=("budget", budget),
            table=Table(
                "Realisasi anggaran",
                [
                    ("Tingkat", "text"),
                    ("Kode", "text"),
                    ("Program/kegiatan/sub kegiatan", "text"),
                    ("Pagu", "rp"),
                    ("Realisasi", "rp"),
                    ("Penyerapan", "pct"),
                ],
                [
                    [
                        r.get("level"),
                        r.get("code"),
                        r.get("name"),
                        r.get("pagu"),
                        r.get("spent"),
                        r.get("absorption"),
                    ]
                    for r in budget.get("rows") or []
                ],
                wide=True,
                footer=[
                    "",
                    "",
                    "Jumlah",
                    budget.get("total_pagu"),
                    budget.get("total_spent"),
                    budget.get("absorption"),
                ],
            ),
        )
    )
    blocks.append(Block(1, "BAB IV PENUTUP", "bab4", html=narratives.get("bab4", "")))
    blocks.append(Block(1, "LAMPIRAN", "lampiran"))
    blocks.append(
        Block(
            2,
            "Lampiran 1. Perjanjian Kinerja",
            "lampiran-pk",
            table=Table(
                "Perjanjian Kinerja",
                [
                    ("No", "int"),
                    ("Sasaran", "text"),
                    ("Indikator kinerja", "text"),
                    ("Satuan", "text"),
                    ("Target", "num"),
                ],
                [
                    [
                        line.get("number"),
                        line.get("sasaran"),
                        line.get("indicator"),
                        line.get("unit"),
                        line.get("target"),
                    ]
                    for line in pk.get("lines") or []
                ],
            ),
        )
    )
    blocks.append(
        Block(
            2,
            "Lampiran 2. Indikator Kinerja Utama",
            "lampiran-iku",
            table=Table(
                "IKU",
                [
                    ("Indikator kinerja utama", "text"),
                    ("Satuan", "text"),
                    ("Definisi", "text"),
                    ("Formula", "text"),
                    ("Sumber data", "text"),
                    ("Target", "num"),
                ],
                [
                    [
                        i.get("indicator"),
                        i.get("unit"),
                        i.get("definition"),
                        i.get("formula"),
                        i.get("source"),
                        i.get("target"),
                    ]
                    for i in iku
                ],
                wide=True,
            ),
        )
    )
    blocks.append(
        Block(
            2,
            "Lampiran 3. Formulir Pengukuran Kinerja",
            "lampiran-pengukuran",
            table=Table(
                "Pengukuran kinerja",
                [
                    ("Sasaran", "text"),
                    ("Indikator kinerja", "text"),
                    ("Satuan", "text"),
                    ("Target", "num"),
                    ("TW I", "num"),
                    ("TW II", "num"),
                    ("TW III", "num"),
                    ("TW IV", "num"),
                    ("Realisasi", "num"),
                    ("Capaian", "pct"),
                ],
                [
                    [
                        r.get("sasaran"),
                        r.get("indicator"),
                        r.get("unit"),
                        r.get("target"),
                        *(list(r.get("tw") or []) + [None] * 4)[:4],
                        r.get("realisation"),
                        r.get("capaian"),
                    ]
                    for r in form
                ],
                wide=True,
            ),
        )
    )
    return blocks


def _sum(values) -> Decimal | None:
    numbers = [n for n in (_decimal(v) for v in values) if n is not None]
    return sum(numbers, Decimal(0)) if numbers else None


def _date(value) -> str:
    text = str(value or "")[:10]
    try:
        year, month, day = (int(p) for p in text.split("-"))
        return f"{day} {MONTHS[month - 1]} {year}"
    except (ValueError, IndexError):
        return text or EMPTY


def _chart(kind_and_data: tuple[str, dict], fmt: str, cache: dict):
    kind, data = kind_and_data
    key = (kind, id(data), fmt)
    if key not in cache:
        draw = charts.capaian_chart if kind == "capaian" else charts.budget_chart
        cache[key] = draw(data, fmt, f"chart{len(cache)}")
    return cache[key]


def _document_title(content: dict) -> dict:
    unit = content.get("unit") or {}
    pemda = content.get("pemda") or {}
    head = content.get("head") or {}
    return {
        "year": str(content.get("year") or ""),
        "unit": unit.get("name", ""),
        "pemda": pemda.get("name", ""),
        "place": pemda.get("place", ""),
        "head": head,
        "generated": _date(content.get("generated_at")),
    }


# --- PDF ---------------------------------------------------------------------------------------


@dataclass
class PdfSource:
    """What WeasyPrint lays out for an LKjIP: the HTML, the fetcher serving its static files and
    inline charts, and the stylesheet URLs. `refused` fills while WeasyPrint fetches."""

    html: str
    fetcher: object
    css_urls: list[str]
    refused: list[str]

    def render(self) -> RenderResult:
        """WeasyPrint alone on this HTML (no outline, charts or template work)."""
        from apps.core.pdf import render_document

        document = render_document(self.html, fetcher=self.fetcher, css_urls=self.css_urls)
        return RenderResult(
            data=document.write_pdf(), pages=len(document.pages), refused=tuple(self.refused)
        )


def pdf_source(content: dict) -> PdfSource:
    """The LKjIP's HTML as `render_pdf` lays it out (public for `make bench`, whose floor is
    WeasyPrint rendering this very HTML)."""
    from apps.core.pdf import INLINE_SCHEME, STATIC_SCHEME, LocalUrlFetcher

    refused: list[str] = []
    images: dict[str, bytes] = {}
    fetcher = LocalUrlFetcher(on_refused=refused.append, inline=images)
    cache: dict = {}
    blocks = outline(content)
    for block in blocks:
        block.html = mark_safe(block.html or "")  # noqa: S308 (cleaned on save, nh3)
        if block.chart:
            name = f"chart-{len(images)}.svg"
            images[name] = _chart(block.chart, "svg", cache).encode()
            block.image = f"{INLINE_SCHEME}:/{name}"
        if block.table:
            block.cells = block.table.formatted()
            block.footer_cells = block.table.formatted_footer()
    html = render_to_string(
        "reporting/pdf/lkjip.html",
        {
            "doc": _document_title(content),
            "blocks": blocks,
            "toc": [b for b in blocks if b.in_toc],
        },
    )
    return PdfSource(
        html=html,
        fetcher=fetcher,
        css_urls=[f"{STATIC_SCHEME}:/reporting/lkjip.css"],
        refused=refused,
    )


def render_pdf(content: dict) -> RenderResult:
    return pdf_source(content).render()


# --- DOCX --------------------------------------------------------------------------------------


class _HtmlToDocx(HTMLParser):
    """The small rich-text subset of the narratives as Word paragraphs: p/div/h*, br, strong/b,
    em/i, u, ul/ol/li; everything else contributes its text only (an img nothing)."""

    BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}

    def __init__(self, document) -> None:
        super().__init__(convert_charrefs=True)
        self.document = document
        self.paragraph = None
        self.bold = self.italic = self.underline = 0
        self.lists: list[str] = []
        self.heading = 0

    def _para(self, style: str | None = None):
        self.paragraph = self.document.add_paragraph(style=style)
        return self.paragraph

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self.BLOCKS:
            self._para()
            self.heading += tag.startswith("h") and tag != "hr"
        elif tag in ("ul", "ol"):
            self.lists.append("List Number" if tag == "ol" else "List Bullet")
        elif tag == "li":
            self._para(self.lists[-1] if self.lists else "List Bullet")
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "u":
            self.underline += 1
        elif tag in ("td", "th") and self.paragraph is not None and self.paragraph.text:
            self.paragraph.add_run(" | ")

    def handle_endtag(self, tag) -> None:
        if tag in self.BLOCKS or tag == "li":
            if tag.startswith("h") and tag != "hr" and self.heading:
                self.heading -= 1
            self.paragraph = None
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("em", "i"):
            self.italic = max(0, self.italic - 1)
        elif tag == "u":
            self.underline = max(0, self.underline - 1)

    def handle_data(self, data) -> None:
        if not data.strip() and self.paragraph is None:
            return
        paragraph = self.paragraph or self._para()
        run = paragraph.add_run(data)
        run.bold = bool(self.bold or self.heading) or None
        run.italic = bool(self.italic) or None
        run.underline = bool(self.underline) or None


def _docx_table(document, table: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    rows = table.formatted()
    footer = table.formatted_footer()
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    for values in rows + ([footer] if footer else []):
        cells = grid.add_row().cells
        for cell, value, kind in zip(cells, values, table.kinds, strict=True):
            cell.text = value
            if kind != "text":
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def render_docx(content: dict) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm, Pt

    doc_info = _document_title(content)
    document = Document()
    document.styles["Normal"].font.name = "Noto Sans"
    document.styles["Normal"].font.size = Pt(10)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    section.header.paragraphs[0].text = f"{doc_info['unit']} — LKjIP {doc_info['year']}"

    document.add_paragraph(doc_info["pemda"].upper()).alignment = 1
    document.add_heading("LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)", level=0)
    document.add_paragraph(f"{doc_info['unit']}\nTAHUN {doc_info['year']}").alignment = 1
    document.add_page_break()

    cache: dict = {}
    landscape = False
    for block in outline(content):
        wide = bool(block.table and block.table.wide)
        if wide != landscape:
            new = document.add_section(WD_SECTION.NEW_PAGE)
            new.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
            new.page_width, new.page_height = (Cm(29.7), Cm(21)) if wide else (Cm(21), Cm(29.7))
            landscape = wide
        elif block.level == 1 and len(document.paragraphs) > 4:
            document.add_page_break()
        document.add_heading(block.title, level=min(block.level, 4))
        if block.html:
            _HtmlToDocx(document).feed(block.html)
        for text in block.paragraphs:
            document.add_paragraph(text)
        if block.chart:
            png = _chart(block.chart, "png", cache)
            document.add_picture(io.BytesIO(png), width=Cm(16))
        if block.table:
            _docx_table(document, block.table)
        if block.anchor == "bab4":
            head = doc_info["head"]
            document.add_paragraph(
                f"{doc_info['place']}, {doc_info['generated']}\n{head.get('title', '')}\n\n\n"
                f"{head.get('name', '')}\nNIP {head.get('nip', '')}"
            ).alignment = 2
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- Excel -------------------------------------------------------------------------------------


def render_xlsx(content: dict) -> bytes:
    from apps.core.excel import add_sheet, new_workbook, workbook_bytes

    wb = new_workbook()
    used: set[str] = set()
    for block in outline(content):
        table = block.table
        if table is None:
            continue
        if block.level == 4:  # "S2.5 Penyebab dan solusi": sasaran 2, analysis 5
            base = f"S{block.anchor.removeprefix('sasaran-').replace('-', '.')} {table.title}"
        else:
            base = block.title
        base = _sheet_title(base)
        name, n = base, 2
        while name.lower() in used:
            name, n = f"{base[:27]} ({n})", n + 1
        used.add(name.lower())
        rows = [table.values(r) for r in table.rows]
        if table.footer:
            rows.append(table.values(table.footer))
        widths = [12 if k != "text" else 40 for k in table.kinds]
        add_sheet(wb, name, table.headers, rows, widths=widths)
    return workbook_bytes(wb)


def _sheet_title(name: str) -> str:
    for char in "[]:*?/\\":
        name = name.replace(char, "-")
    return name[:31]


def render(content: dict, fmt: str) -> RenderResult:
    """Any format: the bytes and, for a PDF, its page count."""
    if fmt == "pdf":
        return render_pdf(content)
    if fmt == "docx":
        return RenderResult(render_docx(content), 0)
    if fmt == "xlsx":
        return RenderResult(render_xlsx(content), 0)
    raise ValueError(f"unknown format {fmt!r}")


def file_name(content: dict, fmt: str) -> str:
    from django.utils.text import slugify

    unit = slugify((content.get("unit") or {}).get("name", "")) or "lkjip"
    return f"lkjip-{content.get('year')}-{unit}.{fmt}"
