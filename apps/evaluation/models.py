"""LKE templates as data (PermenPANRB 88/2021 and 12/2015, and local variants): components,
sub-components, criteria, their weights and the answer scales that turn an answer into a value
between 0 and 1 (DOMAIN.md "Evaluation").

Every row belongs to one Pemda, like every other domain row: the shipped templates are installed
per Pemda from `apps.evaluation.templates_data` (see docs/decisions/0006). A template in use by an
evaluation round is locked; changes then go into a clone.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import BaseModel


class Autofill(models.TextChoices):
    """Data checks the system can answer from its own data (issue 7, "pre-filled answers").
    A criterion names at most one; the evaluator confirms or overrides the proposal."""

    RENSTRA_APPROVED = "renstra_approved", _("The Renstra is approved")
    RENJA_APPROVED = "renja_approved", _("The Renja of the year is approved")
    PK_SIGNED_DOWN_TO_PENGAWAS = (
        "pk_signed_down_to_pengawas",
        _("A Perjanjian Kinerja is signed for every position down to pengawas"),
    )
    RENCANA_AKSI_PRESENT = "rencana_aksi_present", _("Every PK line has a Rencana Aksi")
    RENCANA_AKSI_MONITORED = (
        "rencana_aksi_monitored",
        _("The Rencana Aksi is monitored every quarter"),
    )
    CASCADING_COMPLETE = (
        "cascading_complete",
        _("The performance tree cascades to every unit"),
    )
    INDICATORS_DEFINED = (
        "indicators_defined",
        _("Every indicator has a definition and a method of measurement"),
    )
    REALISATIONS_EVERY_QUARTER = (
        "realisations_every_quarter",
        _("Realisations are entered in the application every quarter"),
    )
    REALISATIONS_VERIFIED = "realisations_verified", _("Realisations are verified")
    LKJIP_REVIEWED = "lkjip_reviewed", _("The LKjIP is reviewed by the Inspektorat")
    LKJIP_PUBLISHED_ON_TIME = "lkjip_published_on_time", _("The LKjIP is published on time")
    INTERNAL_EVALUATION_ALL_UNITS = (
        "internal_evaluation_all_units",
        _("The internal evaluation covers every unit"),
    )
    RECOMMENDATIONS_FOLLOWED_UP = (
        "recommendations_followed_up",
        _("Last year's recommendations are followed up"),
    )


class LkeTemplate(BaseModel):
    """A Lembar Kerja Evaluasi: the structure an evaluation round scores against."""

    name = models.CharField(_("name"), max_length=200)
    # The key of a shipped template ("permenpanrb-88-2021"); empty for a local variant.
    key = models.CharField(_("key"), max_length=50, blank=True)
    regulation = models.CharField(_("regulation"), max_length=200)
    variant = models.CharField(_("variant"), max_length=50, blank=True)
    description = models.TextField(_("description"), blank=True)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clones",
        verbose_name=_("based on"),
    )
    is_default = models.BooleanField(_("default"), default=False)
    # The criteria texts are our rendering of the regulation, not its literal wording.
    is_local_rendering = models.BooleanField(_("local rendering of the criteria"), default=False)
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("LKE template")
        verbose_name_plural = _("LKE templates")
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "key"],
                condition=~models.Q(key=""),
                name="lke_template_unique_key",
            ),
            models.UniqueConstraint(
                fields=["pemda"],
                condition=models.Q(is_default=True),
                name="lke_template_one_default",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    def is_in_use(self) -> bool:
        """True when an evaluation round scores against this template. Rounds do not exist yet;
        when they do, this answers from them and their creation locks the template."""
        return False


class AnswerScale(BaseModel):
    """The answers a criterion accepts and the value (0–1) of each: Y/T, A–E, AA–E."""

    template = models.ForeignKey(LkeTemplate, on_delete=models.CASCADE, related_name="scales")
    key = models.CharField(_("key"), max_length=20)
    name = models.CharField(_("name"), max_length=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer scale")
        verbose_name_plural = _("answer scales")
        ordering = ["template", "key"]
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="lke_scale_unique_key"),
        ]

    def __str__(self) -> str:
        return self.name


class AnswerOption(BaseModel):
    scale = models.ForeignKey(AnswerScale, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("answer"), max_length=10)
    value = models.DecimalField(_("value"), max_digits=5, decimal_places=4)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        ordering = ["scale", "order"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "label"], name="lke_option_unique_label"),
            models.CheckConstraint(
                condition=models.Q(value__gte=0) & models.Q(value__lte=1),
                name="lke_option_value_0_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} = {self.value}"


class Component(BaseModel):
    template = models.ForeignKey(LkeTemplate, on_delete=models.CASCADE, related_name="components")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("component")
        verbose_name_plural = _("components")
        ordering = ["template", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "number"], name="lke_component_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class SubComponent(BaseModel):
    component = models.ForeignKey(
        Component, on_delete=models.CASCADE, related_name="sub_components"
    )
    # "a", "b", "c" (88/2021); 12/2015 splits Perencanaan into "a.1" … "b.3". (Not `code`:
    # that is BaseModel's opaque UUID.)
    ref = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=200)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sub-component")
        verbose_name_plural = _("sub-components")
        ordering = ["component", "order", "ref"]
        constraints = [
            models.UniqueConstraint(fields=["component", "ref"], name="lke_subcomponent_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.ref}. {self.name}"


class Criterion(BaseModel):
    sub_component = models.ForeignKey(
        SubComponent, on_delete=models.CASCADE, related_name="criteria"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("criterion"))
    # RESTRICT, not PROTECT: a scale in use cannot be deleted alone, but deleting the whole
    # template (which cascades to both) works.
    scale = models.ForeignKey(
        AnswerScale, on_delete=models.RESTRICT, related_name="criteria", verbose_name=_("scale")
    )
    guidance = models.TextField(_("guidance"), blank=True)
    evidence_types = models.JSONField(_("evidence documents"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    autofill = models.CharField(
        _("answered from the data"), max_length=40, choices=Autofill.choices, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["sub_component", "order", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["sub_component", "number"], name="lke_criterion_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"
