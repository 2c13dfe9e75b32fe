"""Shared WeasyPrint helpers: a URL fetcher that serves only local static and media files, and the
@font-face rules of the fonts shipped under static/fonts.

Every PDF of the project renders through a fetcher built here, so nothing in a document (a
narrative's ``<img src="http://…">``, a stylesheet's ``url()``) can make the server fetch a
remote URL: such a URL raises ``RemoteFetchRefused`` inside WeasyPrint, which logs it and leaves
the image out; the rest of the document renders.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation

# WeasyPrint logs every rendering step at INFO; a batch of PDFs (the demo) would drown the output.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

STATIC_SCHEME = "sakip-static"
MEDIA_SCHEME = "sakip-media"

MIME_TYPES = {
    ".ttf": "font/ttf",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}

UrlFetcher = Callable[..., dict]


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


def make_url_fetcher(
    static_scheme: str = STATIC_SCHEME, media_scheme: str | None = MEDIA_SCHEME
) -> UrlFetcher:
    """A WeasyPrint URL fetcher serving `<static_scheme>:/<path>` from the static files and
    `<media_scheme>:/<path>` from MEDIA_ROOT (None: no media); every other URL is refused."""

    def fetch(url: str, timeout: int = 10, ssl_context=None, **_kwargs) -> dict:
        parsed = urlparse(url)
        relative = unquote(parsed.path).lstrip("/")
        if ".." in Path(relative).parts:
            raise RemoteFetchRefused(f"refused to fetch {url!r}")
        if parsed.scheme == static_scheme:
            found = _static_file(relative, url)
        elif media_scheme and parsed.scheme == media_scheme:
            found = _inside(Path(settings.MEDIA_ROOT), relative)
        else:
            raise RemoteFetchRefused(f"refused to fetch {url!r}: only local static/media files")
        if found is None:
            raise RemoteFetchRefused(f"no local file {relative!r}")
        return {
            "string": found.read_bytes(),
            "mime_type": MIME_TYPES.get(found.suffix.lower(), "application/octet-stream"),
            "filename": found.name,
        }

    return fetch


url_fetcher = make_url_fetcher()


def font_face_css(family: str, scheme: str = STATIC_SCHEME) -> str:
    """@font-face rules of Noto Sans (regular and bold, from static/fonts) under `family`."""
    return (
        f'@font-face {{ font-family: "{family}"; '
        f'src: url("{scheme}:/fonts/NotoSans-Regular.ttf"); }}\n'
        f'@font-face {{ font-family: "{family}"; font-weight: bold; '
        f'src: url("{scheme}:/fonts/NotoSans-Bold.ttf"); }}\n'
    )
