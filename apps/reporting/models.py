"""Reporting: the LKjIP of an OPD or of the Pemda for a year (its narrative sections, the reviu by
the Inspektorat, the rendered files, the data frozen at publication), and the publications the
public portal may show.

A report's tables and charts are computed from the data (apps.reporting.content) until it is
published; publishing stores that content as `snapshot`, and every later rendering of a
published report reads the snapshot, so a later edit of a target or realisation never changes
a published report. The portal reads Publication rows only (their own frozen snapshot): a draft
is unreachable there by construction.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import BaseModel


class ReportKind(models.TextChoices):
    OPD = "opd", _("OPD")
    PEMDA = "pemda", _("Pemda")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIU = "reviu", _("In reviu")
    FINAL = "final", _("Final")
    PUBLISHED = "published", _("Published")


# The narrative sections of an LKjIP, in the order of the outline (DOMAIN.md "LKjIP"). Per
# sasaran narratives use the key "sasaran:<node code>".
SECTION_KEYS = (
    ("ikhtisar", _("Ikhtisar Eksekutif")),
    ("bab1", _("Bab I Pendahuluan")),
    ("bab2", _("Bab II Perencanaan Kinerja")),
    ("bab3a", _("Bab III A. Capaian Kinerja Organisasi")),
    ("bab3b", _("Bab III B. Realisasi Anggaran")),
    ("bab4", _("Bab IV Penutup")),
)
SASARAN_PREFIX = "sasaran:"


class Report(BaseModel):
    """The LKjIP of one OPD (or of the Pemda, `opd` empty) for one year."""

    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    opd = models.ForeignKey(
        "organisations.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("OPD"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    reviu_statement = models.TextField(_("reviu statement"), blank=True)
    reviu_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviu_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The content (apps.reporting.content) frozen at publication, narratives included.
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    # The issued PDF of the published report, kept with its SHA-256.
    pdf = models.FileField(upload_to="lkjip/%Y/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)

    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        verbose_name = _("LKjIP")
        verbose_name_plural = _("LKjIP")
        ordering = ["-year", "kind", "opd__sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "opd", "year"],
                condition=models.Q(opd__isnull=False),
                name="report_unique_opd",
            ),
            models.UniqueConstraint(
                fields=["pemda", "year"],
                condition=models.Q(opd__isnull=True),
                name="report_unique_pemda",
            ),
        ]
        indexes = [models.Index(fields=["pemda", "year", "status"])]

    def __str__(self) -> str:
        subject = self.opd.name if self.opd_id else _("Pemda")
        return f"LKjIP {subject} {self.year}"

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED


class Section(BaseModel):
    """A narrative section written by the OPD: a small safe rich-text subset (cleaned on save)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(_("section"), max_length=60)
    body = models.TextField(_("text"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "key"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "report", "key"], name="section_unique")
        ]

    def __str__(self) -> str:
        return f"{self.report} – {self.key}"


class ReviewComment(BaseModel):
    """A reviu comment of the Inspektorat on one section (or the whole report, key empty)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    section_key = models.CharField(_("section"), max_length=60, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class FileFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"


class ReportFile(BaseModel):
    """A rendering of a report (by a background job or the render_lkjip command)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(max_length=5, choices=FileFormat.choices)
    file = models.FileField(upload_to="lkjip/files/%Y/%m/")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(default=0)
    pages = models.PositiveIntegerField(null=True, blank=True)
    from_snapshot = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.report} ({self.format})"


class PublicationKind(models.TextChoices):
    RPJMD = "rpjmd", _("RPJMD")
    RENSTRA = "renstra", _("Renstra")
    RENJA = "renja", _("Renja")
    IKU = "iku", _("IKU")
    PK = "pk", _("Perjanjian Kinerja")
    LKJIP = "lkjip", _("LKjIP")
    EVALUATION = "evaluation", _("Evaluation results")
    INDICATORS = "indicators", _("Indicators and realisations")


class Publication(BaseModel):
    """Something the Pemda published for the public portal, with its content frozen at the moment
    of publication (`snapshot`) and, for documents, the exact file issued with its SHA-256. The
    portal reads these rows only. Withdrawing hides it from the portal; nothing is deleted."""

    kind = models.CharField(_("kind"), max_length=12, choices=PublicationKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    opd = models.ForeignKey(
        "organisations.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300)
    object_code = models.UUIDField(null=True, blank=True)
    snapshot = models.JSONField(default=dict, blank=True)
    file = models.FileField(upload_to="public/%Y/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        verbose_name = _("publication")
        ordering = ["-year", "kind", "title"]
        indexes = [models.Index(fields=["pemda", "year", "kind"])]

    def __str__(self) -> str:
        return self.title
