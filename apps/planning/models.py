"""Planning documents over the performance tree: the Kemendagri nomenclature (national reference
data, versioned by decree), the Pemda's RPJMD, each OPD's Renstra and its yearly Renja.

The documents are the anchors of the performance trees (apps.performance.Node): one tree per
RPJMD and one per Renstra. Locking an anchor row serialises every write to its tree.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import BaseModel
from apps.planning.querysets import NomenclatureItemQuerySet, RenjaQuerySet, RenstraQuerySet


class NomenclatureLevel(models.TextChoices):
    URUSAN = "urusan", _("Urusan")
    BIDANG = "bidang", _("Bidang urusan")
    PROGRAM = "program", _("Program")
    KEGIATAN = "kegiatan", _("Kegiatan")
    SUBKEGIATAN = "subkegiatan", _("Sub kegiatan")


class NomenclatureDecree(models.Model):
    """One published version of the Kemendagri nomenclature (e.g. Kepmendagri
    900.1.15.5-3406/2024). National reference data: shared by every Pemda, never edited, replaced
    by importing a newer decree."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("decree"), max_length=200, unique=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    is_current = models.BooleanField(_("current"), default=False)

    class Meta:
        verbose_name = _("nomenclature decree")
        ordering = ["-issued_on", "-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="one_current_decree",
            )
        ]

    def __str__(self) -> str:
        return self.name


class NomenclatureItem(models.Model):
    """An urusan / bidang urusan / program / kegiatan / sub kegiatan of one decree. Links from the
    tree point at the item of the decree they were made under, so a newer decree never breaks
    them; `successor` (same code in the newer decree) shows where it went."""

    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=500)
    level = models.CharField(_("level"), max_length=15, choices=NomenclatureLevel.choices)
    decree = models.ForeignKey(NomenclatureDecree, on_delete=models.PROTECT, related_name="items")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    successor = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = NomenclatureItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomenclature item")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["decree", "code"], name="nomenclature_unique_code")
        ]
        indexes = [models.Index(fields=["decree", "level", "code"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned with notes")
    APPROVED = "approved", _("Approved")


class Rpjmd(BaseModel):
    """The Pemda's five-year plan for one period; anchor of the Pemda's performance tree."""

    period = models.OneToOneField(
        "organisations.PlanPeriod", on_delete=models.PROTECT, related_name="rpjmd"
    )
    visi = models.TextField(_("visi"), blank=True)
    regulation = models.CharField(_("Perda number"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("RPJMD")
        verbose_name_plural = _("RPJMD")

    def __str__(self) -> str:
        return f"RPJMD {self.period}"


class Renstra(BaseModel):
    """One OPD's strategic plan for a period; anchor of that OPD's performance tree. Approved by
    Bappeda, then locked: changes go through a revision that keeps the approved version."""

    period = models.ForeignKey(
        "organisations.PlanPeriod", on_delete=models.PROTECT, related_name="renstras"
    )
    opd = models.ForeignKey(
        "organisations.OrgUnit", on_delete=models.PROTECT, related_name="renstras"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    revision = models.PositiveSmallIntegerField(_("revision"), default=0)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    history = HistoricalRecords()
    objects = RenstraQuerySet.as_manager()

    class Meta:
        verbose_name = _("Renstra")
        verbose_name_plural = _("Renstra")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "period", "opd"], name="renstra_unique")
        ]

    def __str__(self) -> str:
        return f"Renstra {self.opd} {self.period.start_year}–{self.period.end_year}"

    @property
    def is_locked(self) -> bool:
        return self.status in {DocumentStatus.SUBMITTED, DocumentStatus.APPROVED}


class RenstraVersion(models.Model):
    """An approved Renstra as it was, kept when a revision starts (the tree as JSON)."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="versions")
    revision = models.PositiveSmallIntegerField()
    approved_at = models.DateTimeField(null=True, blank=True)
    snapshot = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-revision"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "revision"], name="renstraversion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.renstra} rev {self.revision}"


class Renja(BaseModel):
    """An OPD's plan for one year: the Renstra nodes active that year with that year's targets and
    pagu (DPA). A budget revision (APBD-P) is a new Renja row with the next `revision`; the old one
    is kept."""

    renstra = models.ForeignKey(Renstra, on_delete=models.PROTECT, related_name="renjas")
    year = models.PositiveSmallIntegerField(_("year"))
    revision = models.PositiveSmallIntegerField(
        _("revision"), default=0, help_text=_("0 = murni; 1 and up = perubahan (APBD-P).")
    )
    is_current = models.BooleanField(_("current version"), default=True)
    note = models.TextField(_("reason for the revision"), blank=True)
    dpa_number = models.CharField(_("DPA number"), max_length=100, blank=True)

    history = HistoricalRecords()
    objects = RenjaQuerySet.as_manager()

    class Meta:
        verbose_name = _("Renja")
        verbose_name_plural = _("Renja")
        ordering = ["year", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "renstra", "year", "revision"], name="renja_unique"
            ),
            models.UniqueConstraint(
                fields=["renstra", "year"],
                condition=models.Q(is_current=True),
                name="renja_one_current",
            ),
        ]

    def __str__(self) -> str:
        suffix = f" (perubahan {self.revision})" if self.revision else ""
        return f"Renja {self.renstra.opd} {self.year}{suffix}"
