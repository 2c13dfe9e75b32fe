"""PDF of an OPD's pohon kinerja and of its cascading matrix (WeasyPrint).

Rendered in a background job (apps.performance.tasks), never inside a request. Fonts come from
static/fonts through @font-face, page numbers sit in @page margin boxes, and the URL fetcher
serves only local static files: a statement that smuggles in <img src="http://..."> (it is
escaped anyway) or a stylesheet pointing elsewhere can never make the server fetch a remote URL.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from apps.core.pdf import font_face_css, render_document
from apps.performance.selectors import cascading_matrix, opd_tree
from apps.planning.models import Renstra

# The print stylesheet lives here, not in the template: templates carry no <style> blocks (CSP
# rule), and WeasyPrint takes it as a separate stylesheet through the same local fetcher.
_CSS = """
@page { size: A4 portrait; margin: 18mm 12mm 16mm 12mm;
  @top-left { content: string(doc-title); font-family: "Noto Sans PDF"; font-size: 7.5pt;
              color: #555; }
  @bottom-left { content: string(doc-stamp); font-family: "Noto Sans PDF"; font-size: 7.5pt;
                 color: #555; }
  @bottom-right { content: "%(page)s " counter(page) " / " counter(pages);
                  font-family: "Noto Sans PDF"; font-size: 7.5pt; color: #555; } }
@page landscape { size: A4 landscape; }
body.landscape { page: landscape; }
body { font-family: "Noto Sans PDF", sans-serif; font-size: 8.5pt; }
.doc-stamp { string-set: doc-stamp content(); color: #777; font-size: 7pt; margin: 0 0 2mm 0; }
h1 { font-size: 13pt; margin: 0 0 4mm 0; string-set: doc-title content(); }
table { width: 100%%; border-collapse: collapse; }
th, td { border: 0.5pt solid #888; padding: 1.5mm; vertical-align: top; text-align: left; }
th { background: #dde6f0; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.num { text-align: right; white-space: nowrap; }
.d1 { padding-left: 5mm; } .d2 { padding-left: 9mm; } .d3 { padding-left: 13mm; }
.d4 { padding-left: 17mm; } .d5 { padding-left: 21mm; }
.level { color: #555; font-size: 7.5pt; }
ul { margin: 0; padding-left: 4mm; }
"""


def render_pdf(template: str, context: dict) -> bytes:
    """Lay out the template through the shared renderer (apps.core.pdf: local files only, the
    Noto Sans faces embedded through its font configuration)."""
    from django.utils.translation import gettext

    html = render_to_string(template, context)
    css = _CSS % {"page": gettext("Page")}
    return render_document(html, css_strings=[font_face_css("Noto Sans PDF"), css]).write_pdf()


def tree_pdf(*, user, renstra: Renstra, year: int, language: str = "id") -> bytes:
    with translation.override(language):
        tree = opd_tree(user=user, renstra=renstra, year=year)
        rows = [(item, item.depth - 1) for item in tree.nodes[1:]]
        return render_pdf(
            "performance/pdf/tree.html",
            {"renstra": renstra, "tree": tree, "rows": rows, "year": year, "now": timezone.now()},
        )


def matrix_pdf(*, user, renstra: Renstra, year: int, language: str = "id") -> bytes:
    with translation.override(language):
        rows = cascading_matrix(user=user, renstra=renstra, year=year)
        return render_pdf(
            "performance/pdf/matrix.html",
            {"renstra": renstra, "rows": rows, "year": year, "now": timezone.now()},
        )
