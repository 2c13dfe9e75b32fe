"""Quality checks of the performance tree (issue 3, item 8; DOMAIN.md "Statements and
indicators" and "Measurement"). Pure functions over plain data: no database access here. The
selector `apps.performance.selectors.quality_input` loads the data in a constant number of
queries; the tree pages and Bappeda's review show the findings.

Rules:

* ``kerja_statement``: a statement above output level (tujuan/sasaran Pemda, tujuan, sasaran,
  program) that describes activity or delivery (kerja: "Terlaksananya...", "Tersusunnya...",
  "Meningkatkan...") instead of a condition to bring about (kinerja: "Meningkatnya...",
  "Menurunnya...", "Terwujudnya...");
* ``activity_indicator``, ``indicator_unit``, ``indicator_formula``, ``indicator_target``: an
  outcome-level indicator that counts activities or documents, or lacks its unit, its formula or
  definition, or a target for some year of the plan period;
* ``orphan``: an OPD tujuan/sasaran linked to no RPJMD sasaran, neither itself nor through the
  statements above it;
* ``budget_without_outcome``: a sub kegiatan with a budget that reaches no outcome (no indicator
  on it, or no sasaran above it with an indicator): "not one rupiah without a result".

``budget_relevance`` builds the "efektivitas dan efisiensi anggaran" table: per sasaran →
program → kegiatan → sub kegiatan the year's budget and whether it is relevant, with the total
budget not relevant to any sasaran.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.performance.models import NodeLevel, ResultLevel, ValueType

ERROR = "error"
WARNING = "warning"

KERJA_STATEMENT = "kerja_statement"
ACTIVITY_INDICATOR = "activity_indicator"
INDICATOR_UNIT = "indicator_unit"
INDICATOR_FORMULA = "indicator_formula"
INDICATOR_TARGET = "indicator_target"
ORPHAN = "orphan"
BUDGET_WITHOUT_OUTCOME = "budget_without_outcome"

# Rule code → (label, severity).
RULES: dict[str, tuple[object, str]] = {
    KERJA_STATEMENT: (gettext_lazy("Work (kerja) statement above output level"), WARNING),
    ACTIVITY_INDICATOR: (gettext_lazy("Outcome indicator counts activities"), WARNING),
    INDICATOR_UNIT: (gettext_lazy("Indicator without a unit"), ERROR),
    INDICATOR_FORMULA: (gettext_lazy("Indicator without formula or definition"), WARNING),
    INDICATOR_TARGET: (gettext_lazy("Indicator without a target for every year"), ERROR),
    ORPHAN: (gettext_lazy("Not cascaded from the RPJMD"), ERROR),
    BUDGET_WITHOUT_OUTCOME: (gettext_lazy("Budget that reaches no outcome"), ERROR),
}

# Levels above output (DOMAIN.md "Who owns which level").
OUTCOME_LEVELS = frozenset(
    {
        NodeLevel.TUJUAN_PEMDA,
        NodeLevel.SASARAN_PEMDA,
        NodeLevel.TUJUAN,
        NodeLevel.SASARAN,
        NodeLevel.PROGRAM,
    }
)

# First words of a work (kerja) statement: delivery or activity, not a condition.
KERJA_WORDS = frozenset(
    {
        "terlaksana",
        "terlaksananya",
        "terlaksanakannya",
        "tersusun",
        "tersusunnya",
        "tersedia",
        "tersedianya",
        "terselenggara",
        "terselenggaranya",
        "terbangun",
        "terbangunnya",
        "terfasilitasi",
        "terfasilitasinya",
        "terlaksanakan",
        "dilaksanakannya",
        "disusunnya",
        "pelaksanaan",
        "penyusunan",
        "penyediaan",
        "penyelenggaraan",
        "pembangunan",
        "pengadaan",
        "fasilitasi",
        "koordinasi",
        "pembinaan",
        "pengelolaan",
        "sosialisasi",
        "peningkatan",
        "pengembangan",
        "penguatan",
    }
)
# Condition words that look like verbs (me-/ber-/ter- ... -nya): kinerja.
_KINERJA_SUFFIX = "nya"
_ACTIVE_VERB = re.compile(r"^me(m|n|ng|ny)?[a-z]+$")

_COUNT_START = re.compile(r"^\s*(jumlah|banyaknya|total|frekuensi)\b", re.IGNORECASE)
_ACTIVITY_NOUNS = re.compile(
    r"\b(dokumen|kegiatan|rapat|laporan|sosialisasi|peserta|bantuan|penerima|pelatihan|bimtek|"
    r"bimbingan teknis|workshop|seminar|paket|surat|publikasi|koordinasi|monitoring|fasilitasi|"
    r"pertemuan|forum|perjalanan dinas|kajian)\b",
    re.IGNORECASE,
)
_ACTIVITY_START = re.compile(
    r"^\s*(dokumen|laporan|terlaksananya|tersusunnya|tersedianya|terselenggaranya)\b",
    re.IGNORECASE,
)


def first_word(text: str) -> str:
    match = re.search(r"[A-Za-z]+", text or "")
    return match.group(0).lower() if match else ""


def is_kerja_statement(text: str) -> bool:
    """True for a statement that describes activity or delivery rather than a condition."""
    word = first_word(text)
    if not word:
        return False
    if word in KERJA_WORDS:
        return True
    # An active verb (Meningkatkan, Melaksanakan, Menyusun, Mewujudkan) says what the government
    # does; the same verb as a state (Meningkatnya, Menurunnya) is a condition.
    return bool(_ACTIVE_VERB.match(word)) and not word.endswith(_KINERJA_SUFFIX)


def is_activity_indicator(name: str) -> bool:
    """True for an indicator that counts activities, documents, meetings or aid recipients."""
    if _ACTIVITY_START.match(name or ""):
        return True
    return bool(_COUNT_START.match(name or "")) and bool(_ACTIVITY_NOUNS.search(name or ""))


# --- input ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QNode:
    id: int
    code: str
    parent_id: int | None
    node_level: str
    result_level: str
    statement: str
    renstra_id: int | None = None
    cascades_to: tuple[int, ...] = ()


@dataclass(frozen=True)
class QIndicator:
    id: int
    code: str
    node_id: int
    name: str
    unit: str = ""
    formula: str = ""
    definition: str = ""
    value_type: str = ValueType.NUMBER
    target_years: frozenset[int] = frozenset()


@dataclass
class QualityInput:
    """Everything the rules read. `nodes` in tree order (parents before children)."""

    nodes: list[QNode]
    indicators: list[QIndicator]
    years: tuple[int, ...]
    budgets: dict[int, dict[int, Decimal]] = field(default_factory=dict)
    dismissals: dict[tuple[int, str, str], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {n.id: n for n in self.nodes}
        self.indicators_of: dict[int, list[QIndicator]] = defaultdict(list)
        for indicator in self.indicators:
            self.indicators_of[indicator.node_id].append(indicator)

    def ancestors(self, node: QNode) -> Iterable[QNode]:
        parent_id = node.parent_id
        while parent_id is not None and parent_id in self.by_id:
            parent = self.by_id[parent_id]
            yield parent
            parent_id = parent.parent_id


@dataclass
class Finding:
    rule: str
    node_id: int
    node_code: str
    subject: str
    message: str
    severity: str
    dismissed: bool = False
    dismissal_note: str = ""

    @property
    def label(self) -> str:
        return str(RULES[self.rule][0])


def _finding(rule: str, node: QNode, message: str, subject: str = "") -> Finding:
    return Finding(
        rule=rule,
        node_id=node.id,
        node_code=node.code,
        subject=subject,
        message=message,
        severity=RULES[rule][1],
    )


def is_outcome_level(node: QNode) -> bool:
    return node.node_level in OUTCOME_LEVELS and node.result_level != ResultLevel.OUTPUT


# --- rules ------------------------------------------------------------------------------------


def check_kerja_statements(data: QualityInput) -> list[Finding]:
    return [
        _finding(
            KERJA_STATEMENT,
            node,
            _(
                "“%(word)s…” describes an activity or a delivery (kerja), not a condition to "
                "bring about (kinerja). Above output level write the result, e.g. "
                "“Meningkatnya…”, “Menurunnya…”, “Terwujudnya…”."
            )
            % {"word": node.statement.split()[0] if node.statement.split() else ""},
        )
        for node in data.nodes
        if is_outcome_level(node) and is_kerja_statement(node.statement)
    ]


def check_indicators(data: QualityInput) -> list[Finding]:
    findings: list[Finding] = []
    years = set(data.years)
    for node in data.nodes:
        if not is_outcome_level(node):
            continue
        for indicator in data.indicators_of.get(node.id, []):
            subject = indicator.code
            if is_activity_indicator(indicator.name):
                findings.append(
                    _finding(
                        ACTIVITY_INDICATOR,
                        node,
                        _(
                            "“%(name)s” counts activities or documents; at this level measure "
                            "the condition the activities should change."
                        )
                        % {"name": indicator.name},
                        subject,
                    )
                )
            if indicator.value_type == ValueType.NUMBER and not indicator.unit.strip():
                findings.append(
                    _finding(
                        INDICATOR_UNIT,
                        node,
                        _("“%(name)s” has no unit (satuan).") % {"name": indicator.name},
                        subject,
                    )
                )
            if not indicator.formula.strip() and not indicator.definition.strip():
                findings.append(
                    _finding(
                        INDICATOR_FORMULA,
                        node,
                        _(
                            "“%(name)s” has neither a formula nor a definition, so two people "
                            "could measure it differently."
                        )
                        % {"name": indicator.name},
                        subject,
                    )
                )
            missing = sorted(years - set(indicator.target_years))
            if missing:
                findings.append(
                    _finding(
                        INDICATOR_TARGET,
                        node,
                        _("“%(name)s” has no target for %(years)s.")
                        % {"name": indicator.name, "years": ", ".join(str(y) for y in missing)},
                        subject,
                    )
                )
    return findings


def is_linked_up(data: QualityInput, node: QNode) -> bool:
    """An OPD statement cascades from the RPJMD through itself or a statement above it."""
    if node.cascades_to:
        return True
    return any(ancestor.cascades_to for ancestor in data.ancestors(node))


def check_orphans(data: QualityInput) -> list[Finding]:
    return [
        _finding(
            ORPHAN,
            node,
            _(
                "This %(level)s is not linked to any RPJMD sasaran, neither itself nor through "
                "the statements above it."
            )
            % {"level": NodeLevel(node.node_level).label},
        )
        for node in data.nodes
        if node.renstra_id is not None
        and node.node_level in {NodeLevel.TUJUAN, NodeLevel.SASARAN}
        and not is_linked_up(data, node)
    ]


def outcome_gap(data: QualityInput, node: QNode) -> str:
    """Why a sub kegiatan's budget reaches no outcome ("" when it does)."""
    if not data.indicators_of.get(node.id):
        return _("It has no indicator, so its output cannot be measured.")
    has_sasaran = any(
        ancestor.node_level in {NodeLevel.SASARAN, NodeLevel.SASARAN_PEMDA}
        and data.indicators_of.get(ancestor.id)
        for ancestor in data.ancestors(node)
    )
    if not has_sasaran:
        return _("No sasaran above it has an indicator, so its budget reaches no measured outcome.")
    return ""


def check_budget_outcomes(data: QualityInput) -> list[Finding]:
    findings = []
    for node in data.nodes:
        if node.node_level != NodeLevel.SUBKEGIATAN:
            continue
        if not any(amount > 0 for amount in data.budgets.get(node.id, {}).values()):
            continue
        gap = outcome_gap(data, node)
        if gap:
            findings.append(
                _finding(
                    BUDGET_WITHOUT_OUTCOME,
                    node,
                    _("This sub kegiatan has a budget that reaches no outcome: %(why)s")
                    % {"why": gap},
                )
            )
    return findings


def run_checks(data: QualityInput, *, include_dismissed: bool = True) -> list[Finding]:
    """Every finding in tree order, dismissed ones marked (or left out)."""
    findings = (
        check_kerja_statements(data)
        + check_indicators(data)
        + check_orphans(data)
        + check_budget_outcomes(data)
    )
    order = {node.id: i for i, node in enumerate(data.nodes)}
    findings.sort(key=lambda f: (order.get(f.node_id, 0), f.rule, f.subject))
    for finding in findings:
        note = data.dismissals.get((finding.node_id, finding.rule, finding.subject))
        if note is not None:
            finding.dismissed = True
            finding.dismissal_note = note
    if not include_dismissed:
        findings = [f for f in findings if not f.dismissed]
    return findings


def findings_by_node(findings: Iterable[Finding]) -> dict[int, list[Finding]]:
    grouped: dict[int, list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[finding.node_id].append(finding)
    return grouped


# --- efektivitas dan efisiensi anggaran -------------------------------------------------------


@dataclass
class BudgetRow:
    node_id: int
    node_code: str
    node_level: str
    statement: str
    depth: int
    amount: Decimal
    relevant: bool | None = None  # sub kegiatan only
    reason: str = ""


@dataclass
class BudgetTable:
    year: int
    rows: list[BudgetRow]
    total: Decimal
    relevant_total: Decimal
    irrelevant_total: Decimal

    @property
    def irrelevant_share(self) -> Decimal | None:
        """Percent of the budget that reaches no outcome (None when there is no budget)."""
        if not self.total:
            return None
        return (self.irrelevant_total / self.total * 100).quantize(Decimal("0.01"))


_TABLE_DEPTH = {
    NodeLevel.SASARAN: 0,
    NodeLevel.SASARAN_PEMDA: 0,
    NodeLevel.PROGRAM: 1,
    NodeLevel.KEGIATAN: 2,
    NodeLevel.SUBKEGIATAN: 3,
}


def budget_relevance(
    data: QualityInput, year: int, amounts: dict[int, Decimal] | None = None
) -> BudgetTable:
    """The "efektivitas dan efisiensi anggaran" form (DOMAIN.md "Measurement"): per sasaran →
    program → kegiatan → sub kegiatan, the budget of `year` (from `amounts` when given, e.g. the
    Renja's pagu, else the indicative budget), whether each sub kegiatan's budget reaches an
    outcome, and the total that does not."""
    if amounts is None:
        amounts = {
            node_id: by_year[year] for node_id, by_year in data.budgets.items() if by_year.get(year)
        }
    sums: dict[int, Decimal] = defaultdict(Decimal)
    relevance: dict[int, str] = {}
    for node in data.nodes:
        if node.node_level != NodeLevel.SUBKEGIATAN or not amounts.get(node.id):
            continue
        amount = amounts[node.id]
        relevance[node.id] = outcome_gap(data, node)
        sums[node.id] += amount
        for ancestor in data.ancestors(node):
            sums[ancestor.id] += amount
    child_levels: dict[int, set[str]] = defaultdict(set)
    for node in data.nodes:
        if node.parent_id is not None:
            child_levels[node.parent_id].add(node.node_level)
    rows: list[BudgetRow] = []
    for node in data.nodes:
        if node.id not in sums or node.node_level not in _TABLE_DEPTH:
            continue
        # Only the sasaran that carries the programs heads a block (not every sasaran above it).
        if (
            node.node_level in {NodeLevel.SASARAN, NodeLevel.SASARAN_PEMDA}
            and NodeLevel.PROGRAM not in child_levels[node.id]
        ):
            continue
        is_sub = node.node_level == NodeLevel.SUBKEGIATAN
        reason = relevance.get(node.id, "") if is_sub else ""
        rows.append(
            BudgetRow(
                node_id=node.id,
                node_code=node.code,
                node_level=node.node_level,
                statement=node.statement,
                depth=_TABLE_DEPTH[node.node_level],
                amount=sums[node.id],
                relevant=(not reason) if is_sub else None,
                reason=reason,
            )
        )
    total = sum((amounts[n] for n in relevance), Decimal(0))
    irrelevant = sum((amounts[n] for n, why in relevance.items() if why), Decimal(0))
    return BudgetTable(
        year=year,
        rows=rows,
        total=total,
        relevant_total=total - irrelevant,
        irrelevant_total=irrelevant,
    )
