"""LKE templates as data (PermenPANRB 88/2021 and 12/2015, and local variants): components,
sub-components, criteria, their weights and the answer scales that turn an answer into a value
between 0 and 1 (DOMAIN.md "Evaluation").

Every row belongs to one Pemda, like every other domain row: the shipped templates are installed
per Pemda from `apps.evaluation.templates_data` (see docs/decisions/0006). A template in use by an
evaluation round is locked; changes then go into a clone.
"""

from __future__ import annotations

from django.conf import settings
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
        """True when an evaluation round scores against this template (creating the round locks
        it)."""
        return self.rounds.exists()


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


# --- rounds, answers, results and follow-up (issue 7) ----------------------------------------


class RoundKind(models.TextChoices):
    INTERNAL = "internal", _("Internal evaluation of every OPD (Inspektorat)")
    PEMDA = "pemda", _("Self-evaluation of the Pemda")


class RoundStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    PUBLISHED = "published", _("Published")


class EvaluationRound(BaseModel):
    """A yearly evaluation round scoring the performance of `year` against a template, with its
    calendar (pre-evaluation, evaluation, panel, handover)."""

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year evaluated"))
    kind = models.CharField(_("kind"), max_length=10, choices=RoundKind.choices)
    template = models.ForeignKey(
        LkeTemplate, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("template")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.PLANNED
    )
    pre_evaluation_from = models.DateField(_("pre-evaluation from"), null=True, blank=True)
    pre_evaluation_to = models.DateField(_("pre-evaluation until"), null=True, blank=True)
    evaluation_from = models.DateField(_("evaluation from"), null=True, blank=True)
    evaluation_to = models.DateField(_("evaluation until"), null=True, blank=True)
    panel_on = models.DateField(_("results panel"), null=True, blank=True)
    handover_on = models.DateField(_("handover"), null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation round")
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "year", "kind"], name="round_unique")
        ]

    def __str__(self) -> str:
        return self.name


class EvaluationStatus(models.TextChoices):
    SELF_ASSESSMENT = "self", _("Self-assessment")
    EVALUATION = "evaluation", _("Evaluation")
    REVIEW = "review", _("Quality review")
    FINAL = "final", _("Final")


class Evaluation(BaseModel):
    """One evaluated entity in a round: an OPD, or the Pemda itself (`opd` empty)."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="evaluations")
    opd = models.ForeignKey(
        "organisations.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("OPD"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EvaluationStatus.choices,
        default=EvaluationStatus.SELF_ASSESSMENT,
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=2, blank=True)
    summary = models.TextField(_("summary of the evaluation"), blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The Laporan Hasil Evaluasi as issued, kept with its SHA-256.
    lhe_pdf = models.FileField(upload_to="lhe/%Y/", blank=True)
    lhe_sha256 = models.CharField(max_length=64, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation")
        ordering = ["round", "opd__sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "round", "opd"],
                condition=models.Q(opd__isnull=False),
                name="evaluation_unique_opd",
            ),
            models.UniqueConstraint(
                fields=["pemda", "round"],
                condition=models.Q(opd__isnull=True),
                name="evaluation_unique_pemda",
            ),
        ]

    def __str__(self) -> str:
        subject = self.opd.name if self.opd_id else _("Pemda")
        return f"{self.round} – {subject}"


class TeamMember(BaseModel):
    """An evaluator assigned to an evaluation (an evaluator sees only the OPDs assigned)."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Evaluator")
        LEAD = "lead", _("Team lead")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    history = HistoricalRecords()

    class Meta:
        ordering = ["evaluation", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "evaluation", "user"], name="team_unique")
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} – {self.user}"


class Answer(BaseModel):
    """One criterion of one evaluation: the OPD's self-assessment, the system's proposal from its
    own data, and the evaluator's value. Values are option labels of the criterion's scale; the
    number (0–1) is stored beside each label for scoring. Every change is in the history."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="answers")
    self_label = models.CharField(_("self-assessment"), max_length=10, blank=True)
    self_value = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    self_note = models.TextField(_("self-assessment note"), blank=True)
    self_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    self_at = models.DateTimeField(null=True, blank=True)
    proposed_label = models.CharField(_("proposed from the data"), max_length=10, blank=True)
    proposed_value = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    proposed_note = models.TextField(_("what the data shows"), blank=True)
    proposed_link = models.CharField(_("link to the data"), max_length=300, blank=True)
    proposed_at = models.DateTimeField(null=True, blank=True)
    label = models.CharField(_("evaluator's value"), max_length=10, blank=True)
    value = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    note = models.TextField(_("evaluator's note"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    scored_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["evaluation", "criterion__sub_component__component__number", "criterion__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "evaluation", "criterion"], name="answer_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} – {self.criterion.number}"


class AnswerEvidence(BaseModel):
    """Evidence of a self-assessment: an uploaded file, or a link to a document or data already
    in the system (an internal path). Removing only hides it."""

    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(upload_to="lke/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    label = models.CharField(_("description"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name or self.label or self.link


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Followed up")


class Recommendation(BaseModel):
    """A recommendation of the LHE, with its owner and due date; next year's criteria 4c check
    that it was followed up."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="recommendations"
    )
    component = models.ForeignKey(
        Component, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("recommendation"))
    owner_unit = models.ForeignKey(
        "organisations.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["evaluation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "evaluation", "number"], name="recommendation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"


class FollowUp(BaseModel):
    """An action the OPD took on a recommendation, with optional evidence."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="follow_ups"
    )
    text = models.TextField(_("action taken"))
    file = models.FileField(upload_to="lke/followup/%Y/", blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    done_on = models.DateField(_("date"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["recommendation", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]
