"""Shared WeasyPrint helpers: a URL fetcher that serves only local static and media files, and the
@font-face rules of the fonts shipped under static/fonts.

Every PDF of the project renders through a fetcher built here, so nothing in a document (a
narrative's ``<img src="http://…">``, a stylesheet's ``url()``) can make the server fetch a
remote URL: such a URL raises ``RemoteFetchRefused`` inside WeasyPrint, which logs it and leaves
the image out; the rest of the document renders.

WeasyPrint 70 calls its fetcher as an object (``URLFetcher``: callable, with ``fetch(url)``
returning a ``URLFetcherResponse``); a plain function returning a dict, as older versions took,
fails there and the document silently falls back to other fonts. ``LocalUrlFetcher`` is that
object, restricted to local files.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from weasyprint.urls import URLFetcher, URLFetcherResponse

# WeasyPrint logs every rendering step at INFO; a batch of PDFs (the demo) would drown the output.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

STATIC_SCHEME = "sakip-static"
MEDIA_SCHEME = "sakip-media"
INLINE_SCHEME = "sakip-inline"

MIME_TYPES = {
    ".ttf": "font/ttf",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


class RemoteFetchRefused(ValueError):
    """A document asked for a URL that is not a local static or media file."""


def _inside(root: Path, relative: str) -> Path | None:
    root = root.resolve()
    candidate = (root / relative).resolve()
    if root in candidate.parents and candidate.is_file():
        return candidate
    return None


def _static_file(relative: str, url: str) -> Path | None:
    try:
        hit = finders.find(relative)
    except SuspiciousFileOperation as exc:
        raise RemoteFetchRefused(f"refused to fetch {url!r}") from exc
    if hit:
        return Path(hit)
    return _inside(Path(settings.STATIC_ROOT), relative) if settings.STATIC_ROOT else None


class LocalResponse(URLFetcherResponse):
    """A fetched local file. Also readable as the dict older WeasyPrint fetchers returned
    (`response["string"]`, `["mime_type"]`, `["filename"]`)."""

    def __init__(self, url: str, path: Path, data: bytes | None = None) -> None:
        self._data = {
            "string": path.read_bytes() if data is None else data,
            "mime_type": MIME_TYPES.get(path.suffix.lower(), "application/octet-stream"),
            "filename": path.name,
        }
        super().__init__(
            url, self._data["string"], headers={"Content-Type": self._data["mime_type"]}
        )

    def __getitem__(self, key: str):
        return self._data[key]

    def __contains__(self, key: str) -> bool:
        return key in self._data

    def get(self, key: str, default=None):
        return self._data.get(key, default)


class LocalUrlFetcher(URLFetcher):
    """WeasyPrint's fetcher (its interface: callable, `fetch(url)`) limited to local files:
    `<static_scheme>:/<path>` from the static files, `<media_scheme>:/<path>` from MEDIA_ROOT
    (None: no media), and `<INLINE_SCHEME>:/<name>` from `inline` (bytes made for this document,
    such as its charts). Every other URL raises RemoteFetchRefused before any I/O; WeasyPrint then
    leaves the resource out with a warning, and `on_refused(url)` (when given) hears of it."""

    def __init__(
        self,
        static_scheme: str = STATIC_SCHEME,
        media_scheme: str | None = MEDIA_SCHEME,
        on_refused: Callable[[str], None] | None = None,
        inline: dict[str, bytes] | None = None,
    ) -> None:
        super().__init__(allowed_protocols=())
        self.inline = inline if inline is not None else {}
        self.static_scheme = static_scheme
        self.media_scheme = media_scheme
        self.on_refused = on_refused

    def fetch(self, url: str, headers=None) -> LocalResponse:
        try:
            parsed = urlparse(url)
            if parsed.scheme == INLINE_SCHEME and parsed.path.lstrip("/") in self.inline:
                name = parsed.path.lstrip("/")
                return LocalResponse(url, Path(name), self.inline[name])
            return LocalResponse(url, self._local_path(url))
        except RemoteFetchRefused:
            if self.on_refused is not None:
                self.on_refused(url)
            raise

    def open(self, url, data=None, timeout=None):  # urllib's entry point: never used remotely
        return self.fetch(url if isinstance(url, str) else url.full_url)

    def _local_path(self, url: str) -> Path:
        parsed = urlparse(url)
        relative = unquote(parsed.path).lstrip("/")
        if ".." in Path(relative).parts:
            raise RemoteFetchRefused(f"refused to fetch {url!r}")
        if parsed.scheme == self.static_scheme:
            found = _static_file(relative, url)
        elif self.media_scheme and parsed.scheme == self.media_scheme:
            found = _inside(Path(settings.MEDIA_ROOT), relative)
        else:
            raise RemoteFetchRefused(f"refused to fetch {url!r}: only local static/media files")
        if found is None:
            raise RemoteFetchRefused(f"no local file {relative!r}")
        return found


def make_url_fetcher(
    static_scheme: str = STATIC_SCHEME, media_scheme: str | None = MEDIA_SCHEME
) -> LocalUrlFetcher:
    return LocalUrlFetcher(static_scheme, media_scheme)


url_fetcher = make_url_fetcher()


def font_face_css(family: str, scheme: str = STATIC_SCHEME) -> str:
    """@font-face rules of Noto Sans (regular and bold, from static/fonts) under `family`."""
    return (
        f'@font-face {{ font-family: "{family}"; '
        f'src: url("{scheme}:/fonts/NotoSans-Regular.ttf"); }}\n'
        f'@font-face {{ font-family: "{family}"; font-weight: bold; '
        f'src: url("{scheme}:/fonts/NotoSans-Bold.ttf"); }}\n'
    )


def render_document(
    html: str,
    *,
    fetcher: LocalUrlFetcher | None = None,
    css_strings: tuple[str, ...] | list[str] = (),
    css_urls: tuple[str, ...] | list[str] = (),
):
    """Lay out `html` with the given stylesheets (strings, or URLs the fetcher serves) in one
    pass and return WeasyPrint's Document (`.pages`, `.write_pdf()`). @font-face rules take
    effect only through a FontConfiguration shared by the stylesheets and the layout, which is
    why every PDF goes through here."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = fetcher or url_fetcher
    fonts = FontConfiguration()
    sheets = [CSS(string=s, url_fetcher=fetcher, font_config=fonts) for s in css_strings]
    sheets += [CSS(url=u, url_fetcher=fetcher, font_config=fonts) for u in css_urls]
    base = f"{fetcher.static_scheme}:/"
    return HTML(string=html, url_fetcher=fetcher, base_url=base).render(
        stylesheets=sheets, font_config=fonts
    )
