"""Measurement: realisations per indicator per quarter with evidence and verification, reopened
windows, budget realisation per sub kegiatan per quarter, and each Pemda's measurement settings.
The capaian arithmetic itself lives in apps.measurement.capaian (pure functions)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import BaseModel

QUARTERS = [(1, "TW I"), (2, "TW II"), (3, "TW III"), (4, "TW IV")]


class RealisationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned with notes")
    VERIFIED = "verified", _("Verified")


class Realisation(BaseModel):
    """The measured value of an indicator in one quarter of a year."""

    indicator = models.ForeignKey(
        "performance.Indicator", on_delete=models.PROTECT, related_name="realisations"
    )
    opd = models.ForeignKey(
        "organisations.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=QUARTERS)
    value = models.DecimalField(
        _("realisation"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    text_value = models.CharField(_("realisation (scale)"), max_length=50, blank=True)
    obstacle = models.TextField(_("obstacles"), blank=True)
    solution = models.TextField(_("solutions taken"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RealisationStatus.choices,
        default=RealisationStatus.DRAFT,
    )
    return_note = models.TextField(_("verifier's note"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("realisation")
        ordering = ["indicator", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "indicator", "year", "quarter"], name="realisation_unique"
            )
        ]
        indexes = [
            models.Index(fields=["pemda", "year", "quarter", "opd"]),
            models.Index(fields=["pemda", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} TW{self.quarter}"

    @property
    def is_locked(self) -> bool:
        return self.status in {RealisationStatus.SUBMITTED, RealisationStatus.VERIFIED}


class Evidence(BaseModel):
    """A file behind a realisation (data dukung). Deleting only hides it."""

    realisation = models.ForeignKey(Realisation, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(upload_to="evidence/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class WindowReopening(BaseModel):
    """Bappeda reopened a closed quarter window for one OPD until a date, with a reason."""

    window = models.ForeignKey(
        "organisations.QuarterWindow", on_delete=models.PROTECT, related_name="reopenings"
    )
    opd = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    until = models.DateField(_("open until"))
    reason = models.TextField(_("reason"))
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.window} {self.opd} → {self.until}"


class BudgetRealisation(BaseModel):
    """Budget spent on a sub kegiatan in one quarter (realisasi anggaran)."""

    node = models.ForeignKey(
        "performance.Node", on_delete=models.PROTECT, related_name="budget_realisations"
    )
    opd = models.ForeignKey(
        "organisations.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=QUARTERS)
    amount = models.DecimalField(_("realisation (Rp)"), max_digits=18, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        ordering = ["node", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "node", "year", "quarter"], name="budgetrealisation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.node} {self.year} TW{self.quarter}"


class MeasurementSettings(BaseModel):
    """A Pemda's choices where DOMAIN.md allows practice to vary."""

    class NegativeFormula(models.TextChoices):
        DEFAULT = "default", _("(2 × target − realisation) / target × 100")
        INVERSE = "inverse", _("target / realisation × 100")

    negative_formula = models.CharField(
        max_length=10, choices=NegativeFormula.choices, default=NegativeFormula.DEFAULT
    )
    index_cap = models.PositiveSmallIntegerField(
        _("cap for index calculations (%)"),
        null=True,
        blank=True,
        help_text=_("Empty: no cap. Typical values are 110 or 120. Reports are never capped."),
    )
    range_penalty = models.DecimalField(
        _("range: points lost per percent outside the range"),
        max_digits=6,
        decimal_places=2,
        default=1,
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("remind operators this many days before a window closes"), default=7
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pemda"], name="measurementsettings_unique")]

    def __str__(self) -> str:
        return f"Measurement settings {self.pemda}"
