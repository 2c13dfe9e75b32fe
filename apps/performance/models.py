"""The performance tree (pohon kinerja): statements, their indicators and targets per year,
indicative budgets, Renja lines (pagu per year), crosscutting links, review comments and
dismissed quality findings.

One MPTT tree per anchor document: the RPJMD (visi → misi → tujuan → sasaran → program) and each
Renstra (OPD → tujuan → sasaran → program → kegiatan → sub kegiatan). Every write goes through
apps.performance.services, which locks the anchor row first (docs/decisions/0001).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from mptt.models import MPTTModel, TreeForeignKey
from simple_history.models import HistoricalRecords

from apps.core.models import BaseModel

_MPTT_FIELDS = ["lft", "rght", "tree_id", "level"]


class NodeLevel(models.TextChoices):
    # The RPJMD tree
    VISI = "visi", _("Visi")
    MISI = "misi", _("Misi")
    TUJUAN_PEMDA = "tujuan_pemda", _("Tujuan Pemda")
    SASARAN_PEMDA = "sasaran_pemda", _("Sasaran Pemda")
    # A Renstra tree
    OPD = "opd", _("OPD")
    TUJUAN = "tujuan", _("Tujuan OPD")
    SASARAN = "sasaran", _("Sasaran OPD")
    PROGRAM = "program", _("Program")
    KEGIATAN = "kegiatan", _("Kegiatan")
    SUBKEGIATAN = "subkegiatan", _("Sub kegiatan")


# Which levels may sit directly under which. A program under a Pemda sasaran is the RPJMD's
# indicative program serving it; a sasaran under a sasaran is an intermediate outcome.
ALLOWED_CHILDREN: dict[str, set[str]] = {
    NodeLevel.VISI: {NodeLevel.MISI},
    NodeLevel.MISI: {NodeLevel.TUJUAN_PEMDA},
    NodeLevel.TUJUAN_PEMDA: {NodeLevel.SASARAN_PEMDA},
    NodeLevel.SASARAN_PEMDA: {NodeLevel.PROGRAM},
    NodeLevel.OPD: {NodeLevel.TUJUAN},
    NodeLevel.TUJUAN: {NodeLevel.SASARAN},
    NodeLevel.SASARAN: {NodeLevel.SASARAN, NodeLevel.PROGRAM},
    NodeLevel.PROGRAM: {NodeLevel.KEGIATAN},
    NodeLevel.KEGIATAN: {NodeLevel.SUBKEGIATAN},
    NodeLevel.SUBKEGIATAN: set(),
}

# The nomenclature level a node of each level stands for.
NOMENCLATURE_LEVEL = {
    NodeLevel.PROGRAM: "program",
    NodeLevel.KEGIATAN: "kegiatan",
    NodeLevel.SUBKEGIATAN: "subkegiatan",
}

# DOMAIN.md "Who owns which level": the position level that owns (signs the PK for) a node.
OWNER_LEVEL = {
    NodeLevel.TUJUAN_PEMDA: "kepala_daerah",
    NodeLevel.SASARAN_PEMDA: "kepala_daerah",
    NodeLevel.TUJUAN: "jpt",
    NodeLevel.SASARAN: "jpt",
    NodeLevel.PROGRAM: "administrator",
    NodeLevel.KEGIATAN: "pengawas",
    NodeLevel.SUBKEGIATAN: "pengawas",
}


class ResultLevel(models.TextChoices):
    IMPACT = "impact", _("Impact")
    OUTCOME = "outcome", _("Outcome")
    INTERMEDIATE = "intermediate", _("Intermediate outcome")
    OUTPUT = "output", _("Output")


DEFAULT_RESULT_LEVEL = {
    NodeLevel.TUJUAN_PEMDA: ResultLevel.IMPACT,
    NodeLevel.SASARAN_PEMDA: ResultLevel.OUTCOME,
    NodeLevel.TUJUAN: ResultLevel.OUTCOME,
    NodeLevel.SASARAN: ResultLevel.INTERMEDIATE,
    NodeLevel.PROGRAM: ResultLevel.INTERMEDIATE,
    NodeLevel.KEGIATAN: ResultLevel.OUTPUT,
    NodeLevel.SUBKEGIATAN: ResultLevel.OUTPUT,
}


class Node(MPTTModel, BaseModel):
    """A performance statement (pohon kinerja node)."""

    rpjmd = models.ForeignKey(
        "planning.Rpjmd", on_delete=models.PROTECT, null=True, blank=True, related_name="nodes"
    )
    renstra = models.ForeignKey(
        "planning.Renstra", on_delete=models.PROTECT, null=True, blank=True, related_name="nodes"
    )
    parent = TreeForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    node_level = models.CharField(_("level"), max_length=15, choices=NodeLevel.choices)
    result_level = models.CharField(
        _("result level"), max_length=15, choices=ResultLevel.choices, blank=True
    )
    number = models.CharField(_("number"), max_length=20, blank=True)
    statement = models.TextField(_("statement"))
    # The OPD whose tree this is (empty in the RPJMD tree, except programs owned by an OPD).
    opd = models.ForeignKey(
        "organisations.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_unit = models.ForeignKey(
        "organisations.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner unit"),
    )
    owner_position = models.ForeignKey(
        "organisations.Position",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_nodes",
        verbose_name=_("owner position"),
    )
    nomenclature = models.ForeignKey(
        "planning.NomenclatureItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nomenclature"),
    )
    # Cascading: an OPD tujuan/sasaran hangs under one or more Pemda sasaran.
    pemda_sasaran = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="cascaded_nodes",
        verbose_name=_("supports RPJMD sasaran"),
    )
    weight = models.DecimalField(
        _("weight"), max_digits=7, decimal_places=3, default=1, help_text=_("For roll-up.")
    )
    sort_order = models.PositiveIntegerField(default=0)

    history = HistoricalRecords(excluded_fields=_MPTT_FIELDS)

    class MPTTMeta:
        order_insertion_by = ["sort_order"]

    class Meta:
        verbose_name = _("performance statement")
        verbose_name_plural = _("performance statements")
        indexes = [
            models.Index(fields=["pemda", "renstra"]),
            models.Index(fields=["pemda", "rpjmd"]),
            models.Index(fields=["pemda", "opd", "node_level"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(rpjmd__isnull=True) & models.Q(renstra__isnull=False))
                | (models.Q(rpjmd__isnull=False) & models.Q(renstra__isnull=True)),
                name="node_has_one_anchor",
            )
        ]

    def __str__(self) -> str:
        return self.statement[:120]


class Polarity(models.TextChoices):
    POSITIVE = "positive", _("Positive (higher is better)")
    NEGATIVE = "negative", _("Negative (lower is better)")
    RANGE = "range", _("Range (stable within bounds)")


class Aggregation(models.TextChoices):
    CUMULATIVE = "kumulatif", _("Cumulative (sum of quarters)")
    LAST = "nilai_akhir", _("Latest value (stocks, indexes, percentages)")
    AVERAGE = "rata_rata", _("Average of quarters")


class ValueType(models.TextChoices):
    NUMBER = "number", _("Number")
    SCALE = "scale", _("Qualitative scale")


class ValueScale(BaseModel):
    """An ordered qualitative scale, best first, each level with its score in percent (e.g. the
    BPK audit opinion WTP 100, WDP 75, TW 25, TMP 0)."""

    name = models.CharField(_("name"), max_length=100)
    levels = models.JSONField(
        _("levels"), help_text=_('Best first: [{"label": "WTP", "score": 100}, ...]')
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("value scale")
        constraints = [models.UniqueConstraint(fields=["pemda", "name"], name="scale_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    def labels(self) -> list[str]:
        return [level["label"] for level in self.levels]


class Indicator(BaseModel):
    """An indicator of a node, with everything needed to measure it the same way twice."""

    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=500)
    definition = models.TextField(_("definition"), blank=True)
    formula = models.TextField(_("formula"), blank=True)
    unit = models.CharField(_("unit (satuan)"), max_length=50, blank=True)
    value_type = models.CharField(
        _("value type"), max_length=10, choices=ValueType.choices, default=ValueType.NUMBER
    )
    scale = models.ForeignKey(
        ValueScale, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("scale")
    )
    polarity = models.CharField(
        _("polarity"), max_length=10, choices=Polarity.choices, default=Polarity.POSITIVE
    )
    aggregation = models.CharField(
        _("aggregation over quarters"),
        max_length=12,
        choices=Aggregation.choices,
        default=Aggregation.LAST,
    )
    min_value = models.DecimalField(
        _("lowest valid value"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("highest valid value"),
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("E.g. 100 for a percentage that cannot exceed 100."),
    )
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    responsible_position = models.ForeignKey(
        "organisations.Position",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible position"),
    )
    is_iku = models.BooleanField(_("IKU"), default=False)
    is_ikk = models.BooleanField(_("IKK"), default=False)
    baseline = models.DecimalField(
        _("baseline (kondisi awal)"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    baseline_text = models.CharField(_("baseline (scale)"), max_length=50, blank=True)
    national_standard = models.CharField(_("national standard"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["node", "sort_order", "id"]
        indexes = [models.Index(fields=["pemda", "node"])]

    def __str__(self) -> str:
        return self.name


class Target(BaseModel):
    """The target of an indicator for one year of the period. Range indicators use value (lower)
    and value_max (upper); scale indicators use text_value (a level label)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=20, decimal_places=4, null=True)
    value_max = models.DecimalField(
        _("upper bound"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    text_value = models.CharField(_("target (scale)"), max_length=50, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "indicator", "year"], name="target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}"


class NodeBudget(BaseModel):
    """Indicative budget (Renstra) of a program / kegiatan / sub kegiatan for one year."""

    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("indicative budget (Rp)"), max_digits=18, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        ordering = ["node", "year"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "node", "year"], name="nodebudget_unique")
        ]

    def __str__(self) -> str:
        return f"{self.node} {self.year}"


class RenjaLine(BaseModel):
    """A node active in a Renja (one year, one revision) with its pagu from the DPA."""

    renja = models.ForeignKey("planning.Renja", on_delete=models.CASCADE, related_name="lines")
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="renja_lines")
    pagu = models.DecimalField(
        _("pagu (Rp)"), max_digits=18, decimal_places=2, null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pemda", "renja", "node"], name="renjaline_unique")
        ]

    def __str__(self) -> str:
        return f"{self.renja} – {self.node}"


class RenjaTarget(BaseModel):
    """The year's target of an indicator in a Renja (copied from the Renstra, adjustable)."""

    renja = models.ForeignKey("planning.Renja", on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    value_max = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    text_value = models.CharField(max_length=50, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "renja", "indicator"], name="renjatarget_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.renja} – {self.indicator}"


class Strategy(BaseModel):
    """A strategi or arah kebijakan serving a sasaran (RPJMD or Renstra)."""

    class Kind(models.TextChoices):
        STRATEGI = "strategi", _("Strategi")
        ARAH = "arah_kebijakan", _("Arah kebijakan")

    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="strategies")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    text = models.TextField(_("text"))
    sort_order = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["node", "kind", "sort_order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Crosscut(BaseModel):
    """Crosscutting: a node of one OPD contributes to a node of another OPD."""

    source = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="supports")
    target = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="supported_by")
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pemda", "source", "target"], name="crosscut_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


class ReviewComment(BaseModel):
    """Bappeda's comment during the cascading review of a Renstra, optionally on one node."""

    renstra = models.ForeignKey(
        "planning.Renstra", on_delete=models.CASCADE, related_name="comments"
    )
    node = models.ForeignKey(
        Node, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class FindingDismissal(BaseModel):
    """Bappeda decided a quality finding on a node does not apply, and said why."""

    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="dismissals")
    rule = models.CharField(max_length=50)
    subject = models.CharField(max_length=50, blank=True, help_text="e.g. an indicator code")
    note = models.TextField(_("note"))
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "node", "rule", "subject"], name="dismissal_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.node}"
