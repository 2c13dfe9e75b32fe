"""Uploaded evidence files (data dukung, self-assessment evidence, follow-up evidence): the types
accepted, recognised by their content and never by their name, and the size limit. Every app
that takes a file from a user checks it here, once."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Extension → content type. The content itself is recognised by sniff().
EVIDENCE_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def sniff(content: bytes) -> str | None:
    """The file's real type by its content (never its name): a key of EVIDENCE_TYPES."""
    if content.startswith(b"%PDF-"):
        return ".pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return ".png"
    if content.startswith(b"\xff\xd8\xff"):
        return ".jpg"
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError):
            return None
        if "[Content_Types].xml" not in names:
            return None
        if "xl/workbook.xml" in names:
            return ".xlsx"
        if "word/document.xml" in names:
            return ".docx"
    return None


def max_evidence_bytes() -> int:
    return int(getattr(settings, "EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))


@dataclass(frozen=True)
class CheckedFile:
    original_name: str
    ext: str
    content_type: str
    size: int
    sha256: str


def check_upload(name: str, content: bytes, *, field: str = "file") -> CheckedFile:
    """Refuse (ValidationError on `field`) a file of another type, an empty or oversized file, or
    one whose content is not what its extension says; else its name, type, size and SHA-256."""
    original = PurePath(str(name or "")).name[:255]
    ext = PurePath(original.lower()).suffix
    if ext not in EVIDENCE_TYPES:
        raise ValidationError({field: _("Allowed files: PDF, PNG, JPG, XLSX and DOCX.")})
    if not content:
        raise ValidationError({field: _("The file is empty.")})
    limit = max_evidence_bytes()
    if len(content) > limit:
        raise ValidationError(
            {field: _("The file is larger than %(mb)s MB.") % {"mb": round(limit / 1024 / 1024, 1)}}
        )
    real = sniff(content)
    if real is None or EVIDENCE_TYPES[real] != EVIDENCE_TYPES[ext]:
        raise ValidationError(
            {
                field: _(
                    "The file %(name)s is not a real %(ext)s file (its content does not match "
                    "its extension)."
                )
                % {"name": original, "ext": ext.lstrip(".").upper()}
            }
        )
    return CheckedFile(
        original_name=original,
        ext=ext,
        content_type=EVIDENCE_TYPES[ext],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
