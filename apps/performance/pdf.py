"""PDF of an OPD's pohon kinerja and of its cascading matrix (WeasyPrint).

Rendered in a background job (apps.performance.tasks), never inside a request. Fonts come from
static/fonts through @font-face, page numbers sit in @page margin boxes, and the URL fetcher
serves only local static files: a statement that smuggles in <img src="http://..."> (it is
escaped anyway) or a stylesheet pointing elsewhere can never make the server fetch a remote URL.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import timezone, translation

from apps.performance.selectors import cascading_matrix, opd_tree
from apps.planning.models import Renstra

STATIC_SCHEME = "sakip-static"


class RemoteFetchRefused(ValueError):
    pass


def local_url_fetcher(url: str, timeout: int = 10, ssl_context=None) -> dict:
    """Serve `sakip-static:/<path>` from the static files; refuse everything else."""
    parsed = urlparse(url)
    if parsed.scheme != STATIC_SCHEME:
        raise RemoteFetchRefused(f"refused to fetch {url!r}: only local static files")
    relative = unquote(parsed.path).lstrip("/")
    if ".." in Path(relative).parts:
        raise RemoteFetchRefused(f"refused to fetch {url!r}: outside the static files")
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation as exc:
        raise RemoteFetchRefused(f"refused to fetch {url!r}") from exc
    if not found:
        root = Path(settings.STATIC_ROOT)
        candidate = (root / relative).resolve()
        if root.resolve() in candidate.parents and candidate.is_file():
            found = str(candidate)
    if not found:
        raise RemoteFetchRefused(f"no static file {relative!r}")
    path = Path(found)
    mime = {
        ".ttf": "font/ttf",
        ".css": "text/css",
        ".svg": "image/svg+xml",
        ".png": "image/png",
    }.get(path.suffix.lower(), "application/octet-stream")
    return {"string": path.read_bytes(), "mime_type": mime, "filename": path.name}


# The print stylesheet lives here, not in the template: templates carry no <style> blocks (CSP
# rule), and WeasyPrint takes it as a separate stylesheet through the same local fetcher.
_CSS = """
@font-face { font-family: "Noto Sans PDF"; src: url("sakip-static:/fonts/NotoSans-Regular.ttf"); }
@font-face { font-family: "Noto Sans PDF"; font-weight: bold;
             src: url("sakip-static:/fonts/NotoSans-Bold.ttf"); }
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
    from django.utils.translation import gettext
    from weasyprint import CSS, HTML

    html = render_to_string(template, context)
    css = _CSS % {"page": gettext("Page")}
    return HTML(
        string=html, url_fetcher=local_url_fetcher, base_url=f"{STATIC_SCHEME}:/"
    ).write_pdf(stylesheets=[CSS(string=css, url_fetcher=local_url_fetcher)])


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
