"""The signed PK as a PDF (WeasyPrint): the statement page (place, date, both parties' names,
titles and NIP), then the attachment tables (lines, budget, Rencana Aksi), with a verification
code and QR pointing at the public verification page.

Rendered by a background job right after signing, once; the bytes are kept with their SHA-256.
Fonts come from static/fonts via @font-face; the URL fetcher serves only local static and media
files and refuses every other URL, so nothing in a statement can make the server fetch remotely.
"""

from __future__ import annotations

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from apps.agreements.models import PerjanjianKinerja
from apps.core.pdf import RemoteFetchRefused, font_face_css, make_url_fetcher, render_document

STATIC_SCHEME = "pk-static"
MEDIA_SCHEME = "pk-media"

__all__ = ["RemoteFetchRefused", "render_pk_pdf", "url_fetcher", "verify_url"]

# The shared local-only fetcher (apps.core.pdf) under this document's own URL schemes.
url_fetcher = make_url_fetcher(STATIC_SCHEME, MEDIA_SCHEME)

CSS = (
    font_face_css("PK Sans", STATIC_SCHEME)
    + """
@page { size: A4 portrait; margin: 18mm 15mm 18mm 15mm;
  @bottom-left { content: string(pk-code); font-family: "PK Sans"; font-size: 7pt; color: #555; }
  @bottom-right { content: counter(page) " / " counter(pages); font-family: "PK Sans";
                  font-size: 7pt; color: #555; } }
body { font-family: "PK Sans", sans-serif; font-size: 9.5pt; }
h1 { font-size: 12pt; text-align: center; margin: 0 0 2mm 0; }
h2 { font-size: 10.5pt; margin: 6mm 0 2mm 0; }
.center { text-align: center; }
.code { string-set: pk-code content(); }
.break { page-break-before: always; }
table { width: 100%; border-collapse: collapse; }
table.grid th, table.grid td { border: 0.5pt solid #777; padding: 1.4mm; vertical-align: top; }
table.grid th { background: #e4ebf3; }
table.parties td { width: 25%; padding: 1mm; vertical-align: top; }
table.sign td { width: 50%; text-align: center; vertical-align: top; padding-top: 4mm; }
.space { height: 22mm; }
.num { text-align: right; }
.qr svg { width: 26mm; height: 26mm; }
thead { display: table-header-group; }
"""
)


def verify_url(pk: PerjanjianKinerja) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "verify:pk", kwargs={"code": pk.verification_code}
    )


def render_pk_pdf(pk: PerjanjianKinerja) -> bytes:
    pk = (
        PerjanjianKinerja.objects.select_related("position", "unit", "opd", "pemda")
        .prefetch_related("lines__quarters", "budget_lines")
        .get(pk=pk.pk)
    )
    url = verify_url(pk)
    qr = segno.make(url, error="m").svg_inline(scale=3, border=1)
    lines = list(pk.lines.all())
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "agreements/pk_pdf.html",
            {
                "pk": pk,
                "lines": lines,
                "budget_lines": list(pk.budget_lines.all()),
                "has_plan": any(line.quarters.all() for line in lines),
                "qr": mark_safe(qr),  # noqa: S308 (segno SVG markup; the URL is ours)
                "verify_url": url,
                "total": sum((b.amount for b in pk.budget_lines.all()), 0),
            },
        )
    return render_document(html, fetcher=url_fetcher, css_strings=[CSS]).write_pdf()
