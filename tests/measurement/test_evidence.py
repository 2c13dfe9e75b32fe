"""Evidence files (data dukung): real PDF, PNG, JPG, XLSX and DOCX files are accepted when their
content is what their extension says; they are stored through the storage API with their
SHA-256; removing only hides them; a locked realisation refuses changes."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import docx
import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image
from weasyprint import HTML

from apps.core.models import ActivityLog
from apps.measurement import selectors, services
from apps.measurement.models import Evidence
from tests.measurement.conftest import YEAR, close_window

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def realisation(mworld, cast):
    return services.realisation_save(
        actor=cast.operator,
        indicator=mworld.plan.sasaran_indicator,
        year=YEAR,
        quarter=1,
        value="12,5",
    )


def pdf_bytes() -> bytes:
    return HTML(string="<h1>Laporan akreditasi puskesmas</h1>").write_pdf()


def image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format=fmt)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"] = "Puskesmas"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Berita acara")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add(cast, realisation, name, content, user=None):
    return services.evidence_add(
        actor=user or cast.operator, realisation=realisation, name=name, content=content
    )


@pytest.mark.parametrize(
    ("name", "make", "content_type"),
    [
        ("laporan.pdf", pdf_bytes, "application/pdf"),
        ("foto.png", lambda: image_bytes("PNG"), "image/png"),
        ("foto.jpg", lambda: image_bytes("JPEG"), "image/jpeg"),
        ("FOTO.JPEG", lambda: image_bytes("JPEG"), "image/jpeg"),
        (
            "data.xlsx",
            xlsx_bytes,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "berita acara.docx",
            docx_bytes,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_real_files_are_stored_with_their_hash(cast, realisation, media, name, make, content_type):
    content = make()
    evidence = _add(cast, realisation, name, content)
    evidence.refresh_from_db()
    assert evidence.original_name == name
    assert evidence.content_type == content_type
    assert evidence.size == len(content)
    assert evidence.sha256 == hashlib.sha256(content).hexdigest()
    assert evidence.uploaded_by == cast.operator
    stored = Path(evidence.file.path)
    assert stored.is_file() and media in stored.parents
    assert stored.read_bytes() == content
    assert evidence.file.name.startswith("evidence/")
    log = ActivityLog.objects.get(action="sakip.evidence.added")
    assert log.data["sha256"] == evidence.sha256 and log.unit_id == cast.opd1.pk


def test_a_path_in_the_name_is_dropped(cast, realisation, media):
    evidence = _add(cast, realisation, "../../etc/laporan.pdf", pdf_bytes())
    assert evidence.original_name == "laporan.pdf"
    assert media in Path(evidence.file.path).parents


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("laporan.pdf", b"Ini hanya teks biasa, bukan PDF."),
        ("laporan.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64),
        ("data.xlsx", None),  # a real DOCX named .xlsx
        ("foto.png", None),  # a real JPEG named .png
        ("laporan.pdf", None),  # a real XLSX named .pdf
        ("arsip.zip.pdf", b"PK\x03\x04not really a zip"),
    ],
)
def test_content_that_is_not_what_the_extension_says_is_refused(cast, realisation, name, content):
    if content is None:
        content = {
            "data.xlsx": docx_bytes,
            "foto.png": lambda: image_bytes("JPEG"),
            "laporan.pdf": xlsx_bytes,
        }[name]()
    with pytest.raises(ValidationError) as exc:
        _add(cast, realisation, name, content)
    assert "is not a real" in " ".join(exc.value.message_dict["file"])
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("name", ["program.exe", "catatan.txt", "tanpa-ekstensi", ""])
def test_other_extensions_are_refused(cast, realisation, name):
    with pytest.raises(ValidationError) as exc:
        _add(cast, realisation, name, pdf_bytes())
    assert "Allowed files" in " ".join(exc.value.message_dict["file"])
    assert not Evidence.objects.exists()


def test_empty_and_oversized_files_are_refused(cast, realisation, settings, media):
    with pytest.raises(ValidationError) as exc:
        _add(cast, realisation, "kosong.pdf", b"")
    assert "empty" in " ".join(exc.value.message_dict["file"])
    content = pdf_bytes()
    settings.EVIDENCE_MAX_BYTES = len(content) - 1
    with pytest.raises(ValidationError) as exc:
        _add(cast, realisation, "besar.pdf", content)
    assert "larger than" in " ".join(exc.value.message_dict["file"])
    assert not Evidence.objects.exists()
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
    settings.EVIDENCE_MAX_BYTES = len(content)
    assert _add(cast, realisation, "pas.pdf", content).size == len(content)


@pytest.mark.parametrize("who", ["other_operator", "viewer", "bappeda", "outsider"])
def test_who_may_not_add_or_remove(cast, realisation, who):
    evidence = _add(cast, realisation, "laporan.pdf", pdf_bytes())
    user = getattr(cast, who)
    with pytest.raises(PermissionDenied):
        _add(cast, realisation, "lagi.pdf", pdf_bytes(), user=user)
    with pytest.raises(PermissionDenied):
        services.evidence_remove(actor=user, evidence=evidence)
    assert Evidence.objects.filter(deleted_at__isnull=True).count() == 1


def test_remove_hides_and_keeps_the_file(cast, realisation):
    evidence = _add(cast, realisation, "laporan.pdf", pdf_bytes())
    path = Path(evidence.file.path)
    removed = services.evidence_remove(actor=cast.verifier, evidence=evidence)
    assert removed.deleted_at is not None and removed.deleted_by == cast.verifier
    assert path.is_file()
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    with pytest.raises(Exception) as exc:
        selectors.get_evidence_for_user(cast.operator, evidence.code)
    assert exc.typename == "Http404"
    assert ActivityLog.objects.filter(action="sakip.evidence.removed").count() == 1
    # Removing twice changes nothing more.
    again = services.evidence_remove(actor=cast.operator, evidence=removed)
    assert again.deleted_at == removed.deleted_at
    assert ActivityLog.objects.filter(action="sakip.evidence.removed").count() == 1


def test_scoped_evidence_lookup(cast, realisation):
    evidence = _add(cast, realisation, "laporan.pdf", pdf_bytes())
    assert selectors.get_evidence_for_user(cast.verifier, evidence.code) == evidence
    assert selectors.get_evidence_for_user(cast.viewer, evidence.code) == evidence
    for user in (cast.other_operator, cast.outsider):
        with pytest.raises(Exception) as exc:
            selectors.get_evidence_for_user(user, evidence.code)
        assert exc.typename == "Http404"


def test_a_locked_realisation_refuses_evidence_changes(cast, realisation):
    evidence = _add(cast, realisation, "laporan.pdf", pdf_bytes())
    services.realisation_transition(actor=cast.operator, realisation=realisation, action="submit")
    with pytest.raises(ValidationError) as exc:
        _add(cast, realisation, "lagi.pdf", pdf_bytes())
    assert "locked" in " ".join(exc.value.message_dict["file"])
    with pytest.raises(ValidationError):
        services.evidence_remove(actor=cast.operator, evidence=evidence)
    services.realisation_transition(actor=cast.verifier, realisation=realisation, action="verify")
    with pytest.raises(ValidationError):
        _add(cast, realisation, "lagi.pdf", pdf_bytes())
    evidence.refresh_from_db()
    assert evidence.deleted_at is None
    assert Evidence.objects.count() == 1


def test_a_closed_window_refuses_evidence_changes(cast, realisation):
    evidence = _add(cast, realisation, "laporan.pdf", pdf_bytes())
    close_window(cast.pemda, 1)
    with pytest.raises(ValidationError) as exc:
        _add(cast, realisation, "lagi.pdf", pdf_bytes())
    assert "closed on" in " ".join(exc.value.message_dict["quarter"])
    with pytest.raises(ValidationError):
        services.evidence_remove(actor=cast.operator, evidence=evidence)
    assert Evidence.objects.filter(deleted_at__isnull=True).count() == 1
