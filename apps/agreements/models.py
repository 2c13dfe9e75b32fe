"""Perjanjian Kinerja (PermenPANRB 53/2014): one agreement per position per year, its lines
(statements, indicators, targets) and budget lines, its versions (PK perubahan) and the Rencana
Aksi (quarterly targets and actions).

A PK's lines are copies, not references: once signed, later edits to the tree never change what
was agreed. The node/indicator links are kept only to find the measurement that belongs to a line.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import BaseModel


class PkStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    SIGNED = "signed", _("Signed")
    SUPERSEDED = "superseded", _("Superseded by a revision")


class RevisionReason(models.TextChoices):
    OFFICIAL = "official", _("Change of official")
    BUDGET = "budget", _("Change of program, activity or budget (APBD-P)")
    PRIORITY = "priority", _("Change of priorities")


class PerjanjianKinerja(BaseModel):
    year = models.PositiveSmallIntegerField(_("year"))
    position = models.ForeignKey(
        "organisations.Position", on_delete=models.PROTECT, related_name="agreements"
    )
    # The OPD of the first party (empty for the Kepala Daerah's PK), for scoping.
    opd = models.ForeignKey(
        "organisations.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    superior_position = models.ForeignKey(
        "organisations.Position",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PkStatus.choices, default=PkStatus.DRAFT
    )
    version_number = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_version"
    )
    revision_reason = models.CharField(
        _("reason for the revision"), max_length=10, choices=RevisionReason.choices, blank=True
    )
    revision_note = models.TextField(_("revision note"), blank=True)

    # Both parties as they were at signing (names, titles, NIP, acting status).
    first_party_name = models.CharField(max_length=200, blank=True)
    first_party_title = models.CharField(max_length=300, blank=True)
    first_party_nip = models.CharField(max_length=18, blank=True)
    first_party_pangkat = models.CharField(max_length=60, blank=True)
    first_party_acting = models.CharField(max_length=10, blank=True)
    second_party_name = models.CharField(max_length=200, blank=True)
    second_party_title = models.CharField(max_length=300, blank=True)
    second_party_nip = models.CharField(max_length=18, blank=True)
    second_party_pangkat = models.CharField(max_length=60, blank=True)
    second_party_acting = models.CharField(max_length=10, blank=True)

    signed_place = models.CharField(_("place of signing"), max_length=100, blank=True)
    signed_on = models.DateField(_("date of signing"), null=True, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    pdf = models.FileField(upload_to="pk/%Y/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    verification_code = models.CharField(max_length=16, blank=True, db_index=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Perjanjian Kinerja")
        verbose_name_plural = _("Perjanjian Kinerja")
        ordering = ["year", "unit__lft", "version_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "position", "year", "version_number"], name="pk_unique_version"
            ),
        ]
        indexes = [
            models.Index(fields=["pemda", "year", "opd"]),
            models.Index(fields=["pemda", "year", "status"]),
        ]

    def __str__(self) -> str:
        return f"PK {self.year} {self.position}"

    @property
    def is_frozen(self) -> bool:
        return self.status in {PkStatus.SIGNED, PkStatus.SUPERSEDED}


class PkLine(BaseModel):
    """One row of the attachment table: sasaran, indicator, target (copied)."""

    pk_doc = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE, related_name="lines")
    number = models.PositiveSmallIntegerField()
    node = models.ForeignKey(
        "performance.Node", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    indicator = models.ForeignKey(
        "performance.Indicator",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pk_lines",
    )
    statement = models.TextField(_("sasaran"))
    indicator_name = models.CharField(_("indicator"), max_length=500)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    target = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    target_max = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    target_text = models.CharField(max_length=50, blank=True)
    plan_target = models.DecimalField(
        _("target in the Renja"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    plan_target_text = models.CharField(max_length=50, blank=True)
    target_reason = models.TextField(_("reason the target differs from the Renja"), blank=True)
    is_iku = models.BooleanField(default=False)
    polarity = models.CharField(max_length=10, blank=True)
    aggregation = models.CharField(max_length=12, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk_doc", "number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.indicator_name}"


class PkBudgetLine(BaseModel):
    """A program / kegiatan / sub kegiatan of the PK with its anggaran (copied)."""

    pk_doc = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, related_name="budget_lines"
    )
    number = models.PositiveSmallIntegerField()
    node = models.ForeignKey(
        "performance.Node", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    level = models.CharField(max_length=15)
    item_code = models.CharField(_("code"), max_length=30, blank=True)
    name = models.TextField()
    amount = models.DecimalField(_("anggaran (Rp)"), max_digits=18, decimal_places=2, default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk_doc", "number"]

    def __str__(self) -> str:
        return self.name[:80]


class ActionPlanQuarter(BaseModel):
    """Rencana Aksi: the quarterly target and planned actions of one PK line."""

    line = models.ForeignKey(PkLine, on_delete=models.CASCADE, related_name="quarters")
    quarter = models.PositiveSmallIntegerField(
        choices=[(1, "TW I"), (2, "TW II"), (3, "TW III"), (4, "TW IV")]
    )
    target = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    target_text = models.CharField(max_length=50, blank=True)
    actions = models.TextField(_("planned actions"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["line", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "line", "quarter"], name="actionplan_unique")
        ]

    def __str__(self) -> str:
        return f"{self.line} TW{self.quarter}"
