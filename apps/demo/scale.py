"""Province-scale data for measuring speed (`manage.py generate_scale_data`, docs/performance.md).

A separate Pemda ("Provinsi Skala <seed>") beside the demo: `opd` OPD with bidang/seksi, positions
and people (the organisation demo builder, through the services), a plan period of five past
years, an RPJMD and a Renstra per OPD (about 139 nodes each), two indicators per node with a target
for every year, the Renja of every year (through the service), the PK of every position that owns
nodes (drafts through the service, then Rencana Aksi and signing on the fast path), four quarters
of realisations per indicator and year, budget realisation per sub kegiatan, and one internal LKE
round per year on the default template (through the service) with every answer filled.

The fast path (docs/performance.md "Province-scale data") writes rows with bulk_create holding
exactly the fields the services set, checked by the same rules: nested-set numbers are computed in
memory per tree (one tree per document, so no other tree moves), values lie within each
indicator's bounds, scale values are labels of the scale, one realisation per indicator and
quarter, submitted inside the quarter's window. Row history (django-simple-history) and activity
log entries are not written on the fast path. Everything comes from one random.Random(seed):
the same seed gives the same rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, Decimal

from django.db import connection, models, transaction

from apps.agreements import services as pk_services
from apps.agreements.demo import demo_quarters
from apps.agreements.models import ActionPlanQuarter, PerjanjianKinerja, PkLine, PkStatus
from apps.core import revisions
from apps.core.models import BaseModel
from apps.evaluation.models import (
    Answer,
    AnswerOption,
    EvaluationStatus,
    LkeTemplate,
    RoundKind,
    TeamMember,
)
from apps.evaluation.rounds import round_create, team_assign
from apps.evaluation.services import templates_install
from apps.measurement.models import BudgetRealisation, Realisation, RealisationStatus
from apps.organisations import services as org_services
from apps.organisations.demo.loader import _Builder
from apps.organisations.demo.people import PeopleFactory
from apps.organisations.demo.structure import KABUPATEN_OPDS, Opd
from apps.organisations.models import (
    OrgUnit,
    PlanPeriod,
    Position,
    PositionLevel,
    QuarterWindow,
    Role,
    User,
)
from apps.performance.models import (
    DEFAULT_RESULT_LEVEL,
    Aggregation,
    Indicator,
    Node,
    NodeBudget,
    NodeLevel,
    Polarity,
    Target,
    ValueScale,
    ValueType,
)
from apps.performance.services import documents as doc_services
from apps.performance.services import indicators as ind_services
from apps.performance.services import renja as renja_services
from apps.planning.models import DocumentStatus, Renstra, Rpjmd
from apps.reporting import publications

START_YEAR = 2021  # a period wholly in the past: every quarter of every year can be complete
BATCH = 2000
FOUR = Decimal("0.0001")
CENTS = Decimal("0.01")

# Renstra shape per OPD: children per node at each depth (tujuan, sasaran, program, kegiatan,
# sub kegiatan): 2 + 4 + 12 + 24 + 96 = 138 nodes under the OPD root.
RENSTRA_SHAPE = (
    (NodeLevel.TUJUAN, 2),
    (NodeLevel.SASARAN, 2),
    (NodeLevel.PROGRAM, 3),
    (NodeLevel.KEGIATAN, 2),
    (NodeLevel.SUBKEGIATAN, 4),
)
RPJMD_SHAPE = ((NodeLevel.MISI, 5), (NodeLevel.TUJUAN_PEMDA, 2), (NodeLevel.SASARAN_PEMDA, 2))
INDICATORS_PER_NODE = 2

_TOPICS = (
    "pelayanan publik",
    "kualitas sumber daya manusia",
    "tata kelola pemerintahan",
    "infrastruktur wilayah",
    "ketahanan pangan",
    "daya saing ekonomi daerah",
    "kualitas lingkungan hidup",
    "derajat kesehatan masyarakat",
    "akses pendidikan",
    "pengendalian inflasi",
    "pemberdayaan masyarakat",
    "transformasi digital",
)
_VERBS = ("Meningkatnya", "Terwujudnya", "Menguatnya", "Terkendalinya", "Optimalnya")
_LEVEL_WORD = {
    NodeLevel.MISI: "Misi",
    NodeLevel.TUJUAN_PEMDA: "Tujuan",
    NodeLevel.SASARAN_PEMDA: "Sasaran",
    NodeLevel.TUJUAN: "Tujuan",
    NodeLevel.SASARAN: "Sasaran",
    NodeLevel.PROGRAM: "Program",
    NodeLevel.KEGIATAN: "Kegiatan",
    NodeLevel.SUBKEGIATAN: "Sub kegiatan",
}
_NAME_WORD = {"%": "Persentase", "dokumen": "Jumlah"}
_OPINION_LEVELS = [
    {"label": "WTP", "score": 100},
    {"label": "WDP", "score": 75},
    {"label": "TW", "score": 25},
    {"label": "TMP", "score": 0},
]


@dataclass
class ScaleSummary:
    pemda: OrgUnit
    phases: list[tuple[str, str, float]] = field(default_factory=list)


# --- organisation ---------------------------------------------------------------------------


class _ScaleBuilder(_Builder):
    """The demo builder with the assignments starting before the plan period."""

    def start_date(self) -> dt.date:
        return dt.date(START_YEAR - 1, 1, 2) + dt.timedelta(days=self.people.rng.randint(0, 300))


def _renamed(spec: Opd, old: str, new: str, short: str) -> Opd:
    return replace(
        spec,
        name=spec.name.replace(old, new),
        short_name=short,
        head=spec.head.replace(old, new),
        secretary=spec.secretary.replace(old, new),
    )


def _opd_specs(count: int) -> list[Opd]:
    """`count` OPD: the demo's OPD shapes (kecamatan left out, a province has none), then the
    dinas again as regional branches ("… Wilayah 2", as a province's Cabang Dinas), each with its
    own name and code."""
    first = [
        _renamed(spec, "Sukamaju Raya", "Provinsi", spec.short_name)
        for spec in KABUPATEN_OPDS
        if not spec.name.startswith("Kecamatan")
    ]
    dinas = [spec for spec in first if spec.name.startswith("Dinas ")]
    specs = first[:count]
    region = 1
    while len(specs) < count:
        region += 1
        for spec in dinas[: count - len(specs)]:
            specs.append(
                _renamed(
                    spec, spec.name, f"{spec.name} Wilayah {region}", f"{spec.short_name}-{region}"
                )
            )
    return [
        replace(spec, code=f"{spec.code.rsplit('.', 1)[0]}.{i:04d}")
        for i, spec in enumerate(specs, start=1)
    ]


def build_organisation(name: str, opd_count: int, rng: random.Random) -> tuple[_Builder, list]:
    pemda = org_services.pemda_create(
        name=name, pemda_kind="provinsi", place="Kota Skala", short_name=name
    )
    builder = _ScaleBuilder(
        pemda=pemda,
        people=PeopleFactory(rng=rng),
        decree_prefix=f"Keputusan Gubernur {name} Nomor 821.2",
    )
    position = org_services.position_create(
        actor=None,
        unit=pemda,
        title=f"Gubernur {name}",
        level=PositionLevel.KEPALA_DAERAH,
        is_head=True,
    )
    person = org_services.person_create(actor=None, unit=pemda, name="H. Gubernur Skala, S.H.")
    org_services.assignment_create(
        actor=None,
        position=position,
        person=person,
        start_date=dt.date(START_YEAR - 2, 9, 1),
        decree="Keputusan Presiden Nomor 100/P Tahun 2019",
    )
    builder.kepala_daerah = position
    opds = [builder.opd(spec, (i + 1) * 10) for i, spec in enumerate(_opd_specs(opd_count))]
    return builder, opds


# Pemda-wide users per role: enough for a realistic load run (bench/load.py's mix of 50 users).
PEMDA_USERS = (
    ("admin", "admin", Role.ADMIN, 2),
    ("bappeda", "bappeda", Role.BAPPEDA, 6),
    ("viewer", "pimpinan", Role.VIEWER, 4),
    ("lead", "lead", Role.EVALUATOR_LEAD, 2),
    ("evaluator", "evaluator", Role.EVALUATOR, 4),
)


def create_users(pemda: OrgUnit, opds: list[OrgUnit], prefix: str) -> dict[str, User]:
    """Pemda-wide users (PEMDA_USERS: admins, Bappeda planners, leadership viewers, lead
    evaluators, evaluators; the first of each under its key, "admin", "bappeda", "viewer",
    "lead", "evaluator", the others under "<key>:<n>") and an operator and a verifier per OPD
    ("op:<id>", "ver:<id>")."""
    users: dict[str, User] = {}

    def make(key: str, username: str, unit: OrgUnit, role: str) -> None:
        user = org_services.user_create(
            actor=None, pemda=pemda, username=username, password=None, first_name=username
        )
        org_services.membership_grant(actor=None, user=user, unit=unit, role=role)
        users[key] = user

    for key, name, role, count in PEMDA_USERS:
        make(key, f"{prefix}-{name}", pemda, role)
        for n in range(2, count + 1):
            make(f"{key}:{n}", f"{prefix}-{name}{n}", pemda, role)
    for i, opd in enumerate(opds, start=1):
        make(f"op:{opd.pk}", f"{prefix}-opd{i:02d}-operator", opd, Role.OPD_OPERATOR)
        make(f"ver:{opd.pk}", f"{prefix}-opd{i:02d}-verifier", opd, Role.OPD_VERIFIER)
    return users


# --- trees ------------------------------------------------------------------------------------


@dataclass
class _Plan:
    """A node to be written: the Node instance and its children, for numbering."""

    node: Node
    children: list[_Plan] = field(default_factory=list)


def _number(root: Node, plans: list[_Plan]) -> list[list[Node]]:
    """Assign lft/rght/level/tree_id under the (saved) root, children in list order, and return
    the nodes by depth (depth 1 first) so that parents are saved before their children."""
    by_depth: list[list[Node]] = []
    counter = 2

    def walk(plan: _Plan, depth: int) -> None:
        nonlocal counter
        node = plan.node
        node.tree_id, node.level, node.lft = root.tree_id, depth, counter
        counter += 1
        if len(by_depth) < depth:
            by_depth.append([])
        by_depth[depth - 1].append(node)
        for child in plan.children:
            walk(child, depth + 1)
        node.rght = counter
        counter += 1

    for plan in plans:
        walk(plan, 1)
    root.rght = counter
    return by_depth


def _statement(rng: random.Random, level: str, number: str, topic: str) -> str:
    if level in {NodeLevel.PROGRAM, NodeLevel.KEGIATAN, NodeLevel.SUBKEGIATAN}:
        return f"{_LEVEL_WORD[level]} Peningkatan {topic.title()} {number}"
    return f"{rng.choice(_VERBS)} {topic} ({_LEVEL_WORD[level].lower()} {number})"


def _save_trees(roots: list[tuple[Node, list[_Plan]]]) -> int:
    """Number every tree and write its nodes depth by depth; returns the number written."""
    depths: list[list[Node]] = []
    for root, plans in roots:
        for depth, nodes in enumerate(_number(root, plans)):
            if len(depths) <= depth:
                depths.append([])
            depths[depth].extend(nodes)
    written = 0
    for nodes in depths:
        for node in nodes:
            node.parent_id = node.parent.pk
        Node.objects.bulk_create(nodes, batch_size=BATCH)
        written += len(nodes)
    for root, _plans in roots:
        Node.objects.filter(pk=root.pk).update(rght=root.rght)
    return written


def _heads_by_level(opd: OrgUnit) -> tuple[Position, list[Position], dict[int, list[Position]]]:
    positions = list(
        Position.objects.filter(opd=opd, is_active=True).order_by("unit__lft", "-is_head", "pk")
    )
    head = next(p for p in positions if p.unit_id == opd.pk and p.is_head)
    # Programs go to three administrators and kegiatan to two pengawas under each, which gives
    # the PK signer count of a real province (about 600 for 70 OPD).
    admins = [p for p in positions if p.level == PositionLevel.ADMINISTRATOR and p.is_head][:3]
    pengawas: dict[int, list[Position]] = {}
    for p in positions:
        if p.level == PositionLevel.PENGAWAS and p.is_head and p.superior_id:
            under = pengawas.setdefault(p.superior_id, [])
            if len(under) < 2:
                under.append(p)
    return head, admins or [head], pengawas


@dataclass
class _RenstraContext:
    renstra: Renstra
    opd: OrgUnit
    admins: list[Position]
    pengawas: dict[int, list[Position]]
    topic: str
    rng: random.Random
    programs: int = 0
    kegiatan: int = 0


def _renstra_plans(
    ctx: _RenstraContext, parent: Node, depth: int, prefix: str, owner: Position
) -> list[_Plan]:
    """The nodes under `parent` following RENSTRA_SHAPE. Tujuan and sasaran belong to the OPD
    head, programs to the administrators in turn, kegiatan to the pengawas under their program's
    administrator in turn, a sub kegiatan to its kegiatan's pengawas."""
    if depth == len(RENSTRA_SHAPE):
        return []
    level, count = RENSTRA_SHAPE[depth]
    plans = []
    for i in range(1, count + 1):
        number = f"{prefix}{i}"
        if level == NodeLevel.PROGRAM:
            pos = ctx.admins[ctx.programs % len(ctx.admins)]
            ctx.programs += 1
        elif level == NodeLevel.KEGIATAN:
            under = ctx.pengawas.get(owner.pk) or [p for ps in ctx.pengawas.values() for p in ps]
            pos = under[ctx.kegiatan % len(under)] if under else owner
            ctx.kegiatan += 1
        else:
            pos = owner
        node = Node(
            pemda_id=ctx.opd.pemda_id,
            renstra=ctx.renstra,
            parent=parent,
            node_level=level,
            result_level=DEFAULT_RESULT_LEVEL[level],
            number=number,
            statement=_statement(ctx.rng, level, number, ctx.topic),
            opd=ctx.opd,
            owner_unit=pos.unit,
            owner_position=pos,
            sort_order=i,
        )
        plans.append(_Plan(node, _renstra_plans(ctx, node, depth + 1, f"{number}.", pos)))
    return plans


def build_trees(pemda: OrgUnit, period: PlanPeriod, opds: list[OrgUnit], rng, kd: Position):
    rpjmd = doc_services.rpjmd_create(
        actor=None,
        period=period,
        visi=f"Terwujudnya {pemda.name} yang maju, sejahtera dan berkelanjutan",
        regulation=f"Peraturan Daerah {pemda.name} Nomor 5 Tahun {START_YEAR}",
    )
    rpjmd.status = DocumentStatus.APPROVED
    rpjmd.save(update_fields=["status"])
    rpjmd_root = Node.objects.get(rpjmd=rpjmd, parent=None)
    pemda_sasaran: list[Node] = []

    def rpjmd_plans(parent: Node, depth: int, prefix: str) -> list[_Plan]:
        if depth == len(RPJMD_SHAPE):
            return []
        level, count = RPJMD_SHAPE[depth]
        plans = []
        for i in range(1, count + 1):
            number = f"{prefix}{i}"
            node = Node(
                pemda_id=pemda.pk,
                rpjmd=rpjmd,
                parent=parent,
                node_level=level,
                result_level=DEFAULT_RESULT_LEVEL.get(level, ""),
                number=number,
                statement=_statement(rng, level, number, rng.choice(_TOPICS)),
                owner_unit=pemda if level != NodeLevel.MISI else None,
                owner_position=kd if level != NodeLevel.MISI else None,
                sort_order=i,
            )
            if level == NodeLevel.SASARAN_PEMDA:
                pemda_sasaran.append(node)
            plans.append(_Plan(node, rpjmd_plans(node, depth + 1, f"{number}.")))
        return plans

    roots = [(rpjmd_root, rpjmd_plans(rpjmd_root, 0, ""))]
    renstras = []
    for opd in opds:
        renstra = doc_services.renstra_create(actor=None, period=period, opd=opd)
        renstras.append(renstra)
        root = Node.objects.get(renstra=renstra, parent=None)
        head, admins, pengawas = _heads_by_level(opd)
        ctx = _RenstraContext(renstra, opd, admins, pengawas, rng.choice(_TOPICS), rng)
        roots.append((root, _renstra_plans(ctx, root, 0, "", head)))
    written = _save_trees(roots) + len(roots)
    # Cascading: each OPD tujuan supports one RPJMD sasaran.
    through = Node.pemda_sasaran.through
    links = [
        through(from_node_id=node.pk, to_node_id=rng.choice(pemda_sasaran).pk)
        for _root, plans in roots[1:]
        for node in (p.node for p in plans)
    ]
    through.objects.bulk_create(links, batch_size=BATCH)
    Renstra.objects.filter(pk__in=[r.pk for r in renstras]).update(
        status=DocumentStatus.APPROVED, approved_at=dt.datetime(START_YEAR, 3, 1, tzinfo=dt.UTC)
    )
    return rpjmd, renstras, written


# --- indicators and targets ---------------------------------------------------------------------


_KINDS = (
    # (weight, unit, value_type, polarity, aggregation, min, max)
    (55, "%", ValueType.NUMBER, Polarity.POSITIVE, Aggregation.LAST, 0, 100),
    (20, "dokumen", ValueType.NUMBER, Polarity.POSITIVE, Aggregation.CUMULATIVE, 0, None),
    (10, "%", ValueType.NUMBER, Polarity.NEGATIVE, Aggregation.LAST, 0, 100),
    (6, "indeks", ValueType.NUMBER, Polarity.POSITIVE, Aggregation.AVERAGE, 0, 100),
    (5, "%", ValueType.NUMBER, Polarity.RANGE, Aggregation.LAST, 0, 100),
    (4, "opini", ValueType.SCALE, Polarity.POSITIVE, Aggregation.LAST, None, None),
)


def _d(x: float) -> Decimal:
    return Decimal(str(round(x, 2))).quantize(FOUR)


def build_indicators(pemda: OrgUnit, years: list[int], rng, scale: ValueScale) -> tuple[int, int]:
    nodes = list(
        Node.objects.filter(pemda_id=pemda.pk)
        .exclude(node_level__in=ind_services.NO_INDICATOR_LEVELS)
        .order_by("tree_id", "lft")
        .values_list("pk", "node_level", "statement", "owner_position_id")
    )
    weights = [k[0] for k in _KINDS]
    indicators: list[Indicator] = []
    for node_id, level, statement, owner in nodes:
        for n in range(1, INDICATORS_PER_NODE + 1):
            _w, unit, vtype, polarity, aggregation, low, high = rng.choices(_KINDS, weights)[0]
            is_scale = vtype == ValueType.SCALE
            subject = statement.split(" (")[0].lower()
            if unit == "%":
                baseline = _d(
                    rng.uniform(40, 80) if polarity != Polarity.NEGATIVE else rng.uniform(5, 30)
                )
            elif unit == "indeks":
                baseline = _d(rng.uniform(55, 75))
            elif unit == "dokumen":
                baseline = Decimal(rng.randint(4, 40)).quantize(FOUR)
            else:
                baseline = None
            indicators.append(
                Indicator(
                    pemda_id=pemda.pk,
                    node_id=node_id,
                    name=f"{_NAME_WORD.get(unit, 'Nilai')} {subject} {n}",
                    unit=unit,
                    value_type=vtype,
                    scale=scale if is_scale else None,
                    polarity=polarity,
                    aggregation=aggregation,
                    min_value=None if low is None else Decimal(low).quantize(FOUR),
                    max_value=None if high is None else Decimal(high).quantize(FOUR),
                    baseline=baseline,
                    baseline_text="WDP" if is_scale else "",
                    responsible_position_id=owner,
                    is_iku=level in {NodeLevel.SASARAN, NodeLevel.SASARAN_PEMDA} and n == 1,
                    data_source="Laporan internal OPD",
                    sort_order=n,
                )
            )
    Indicator.objects.bulk_create(indicators, batch_size=BATCH)
    targets: list[Target] = []
    for ind in indicators:
        for step, year in enumerate(years, start=1):
            value = value_max = None
            text = ""
            if ind.value_type == ValueType.SCALE:
                text = "WTP" if step > 1 or rng.random() < 0.5 else "WDP"
            elif ind.unit == "dokumen":
                value = (ind.baseline + step * rng.randint(1, 4)).quantize(FOUR)
            elif ind.polarity == Polarity.NEGATIVE:
                value = max(Decimal(1), ind.baseline - step * _d(rng.uniform(0.5, 2))).quantize(
                    FOUR
                )
            elif ind.polarity == Polarity.RANGE:
                value = _d(rng.uniform(2, 3))
                value_max = (value + 2).quantize(FOUR)
            else:
                value = min(Decimal(100), ind.baseline + step * _d(rng.uniform(0.5, 3))).quantize(
                    FOUR
                )
            targets.append(
                Target(
                    pemda_id=pemda.pk,
                    indicator=ind,
                    year=year,
                    value=value,
                    value_max=value_max,
                    text_value=text,
                )
            )
    Target.objects.bulk_create(targets, batch_size=BATCH)
    return len(indicators), len(targets)


def build_budgets(pemda: OrgUnit, years: list[int], rng) -> int:
    """Indicative budget per sub kegiatan and year (programs and kegiatan add up from them)."""
    leaves = (
        Node.objects.filter(pemda_id=pemda.pk, node_level=NodeLevel.SUBKEGIATAN)
        .order_by("tree_id", "lft")
        .values_list("pk", flat=True)
    )
    rows = []
    for node_id in leaves:
        base = rng.randint(50, 2500) * 1_000_000
        for year in years:
            amount = Decimal(int(base * rng.uniform(0.9, 1.2)) // 1000 * 1000)
            rows.append(NodeBudget(pemda_id=pemda.pk, node_id=node_id, year=year, amount=amount))
    NodeBudget.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


# --- agreements -------------------------------------------------------------------------------


def build_agreements(pemda: OrgUnit, years: list[int], admin: User, rng) -> tuple[int, int, int]:
    """Drafts through the service; Rencana Aksi (the quarters the demo uses, checked by the
    service's rule) and signing on the fast path: the status the workflow reaches, both parties
    as `party_of` finds them on the signing day, no PDF (rendered on demand)."""
    signed = lines = 0
    signers: set[int] = set()
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    for year in years:
        drafts = pk_services.generate_drafts(actor=admin, pemda=pemda, year=year)
        pk_ids = [pk.pk for pk in drafts]
        year_lines = list(
            PkLine.objects.filter(pk_doc_id__in=pk_ids).order_by("pk_doc_id", "number")
        )
        quarters = []
        for line in year_lines:
            plan = demo_quarters(line)
            if pk_services.check_quarters(line, plan):
                raise ValueError(f"Rencana Aksi inconsistent with line {line.pk}")
            for number, q in enumerate(plan, start=1):
                quarters.append(
                    ActionPlanQuarter(
                        pemda_id=pemda.pk,
                        line=line,
                        quarter=number,
                        target=q.get("target"),
                        target_text=q.get("target_text", ""),
                        actions=q["actions"],
                    )
                )
        ActionPlanQuarter.objects.bulk_create(quarters, batch_size=BATCH)
        lines += len(year_lines)
        changed = []
        for pk in (
            PerjanjianKinerja.objects.filter(pk__in=pk_ids)
            .select_related("position__unit", "superior_position")
            .order_by("pk")
        ):
            day = dt.date(year, 1, 10) + dt.timedelta(days=rng.randint(0, 45))
            if pk_services.sign_problems(pk, day):
                continue
            first = pk_services.party_of(pk.position, day)
            second = pk_services.party_of(pk.superior_position, day)
            pk.status = PkStatus.SIGNED
            for prefix, party in (("first", first), ("second", second)):
                if party is None:
                    continue
                for attr in ("name", "title", "nip", "pangkat", "acting"):
                    setattr(pk, f"{prefix}_party_{attr}", getattr(party, attr))
            pk.signed_place = pemda.place
            pk.signed_on = day
            pk.signed_at = dt.datetime.combine(day, dt.time(9, 0), tzinfo=dt.UTC)
            pk.verification_code = "".join(rng.choice(alphabet) for _i in range(10))
            pk.version += 3  # submit, approve, sign
            changed.append(pk)
            signers.add(pk.position_id)
        PerjanjianKinerja.objects.bulk_update(
            changed,
            [
                "status",
                *(
                    f"{p}_party_{a}"
                    for p in ("first", "second")
                    for a in ("name", "title", "nip", "pangkat", "acting")
                ),
                "signed_place",
                "signed_on",
                "signed_at",
                "verification_code",
                "version",
            ],
            batch_size=500,
        )
        signed += len(changed)
    return signed, lines, len(signers)


# --- realisations -------------------------------------------------------------------------------


def _quarter_value(ind: Indicator, target: Target, quarter: int, rng) -> tuple[Decimal | None, str]:
    if ind.value_type == ValueType.SCALE:
        labels = [lvl["label"] for lvl in ind.scale.levels]
        if quarter < 4:
            return None, labels[1]
        return None, target.text_value if rng.random() < 0.85 else labels[1]
    performance = rng.triangular(0.75, 1.12, 1.0)
    t = target.value
    if ind.polarity == Polarity.RANGE:
        value = _d(rng.uniform(float(t) - 0.5, float(target.value_max) + 0.5))
    elif ind.aggregation == Aggregation.CUMULATIVE:
        value = (t * Decimal(str(performance)) / 4).quantize(Decimal(1), rounding=ROUND_DOWN)
    elif ind.aggregation == Aggregation.LAST:
        share = Decimal(quarter) / 4 if ind.polarity != Polarity.NEGATIVE else Decimal(1)
        factor = (
            Decimal(str(performance))
            if ind.polarity != Polarity.NEGATIVE
            else Decimal(str(2 - performance))
        )
        value = (t * share * factor).quantize(FOUR)
    else:
        value = (t * Decimal(str(performance))).quantize(FOUR)
    if ind.min_value is not None:
        value = max(value, ind.min_value)
    if ind.max_value is not None:
        value = min(value, ind.max_value)
    return value, ""


def build_realisations(pemda: OrgUnit, period: PlanPeriod, years: list[int], users, rng) -> dict:
    windows = {
        (w.plan_year.year, w.quarter): w
        for w in QuarterWindow.objects.filter(plan_year__period=period).select_related("plan_year")
    }
    indicators = list(
        Indicator.objects.filter(pemda_id=pemda.pk)
        .select_related("scale", "node")
        .order_by("node__tree_id", "node__lft", "sort_order", "pk")
    )
    targets = {(t.indicator_id, t.year): t for t in Target.objects.filter(pemda_id=pemda.pk)}
    counts: dict[str, int] = {}
    last = years[-1]
    batch: list[Realisation] = []
    for year in years:
        for ind in indicators:
            opd_id = ind.node.opd_id
            target = targets[(ind.pk, year)]
            operator = users.get(f"op:{opd_id}", users["admin"])
            verifier = users.get(f"ver:{opd_id}", users["admin"])
            for quarter in range(1, 5):
                window = windows[(year, quarter)]
                value, text = _quarter_value(ind, target, quarter, rng)
                roll = rng.random()
                if year == last and quarter == 4:
                    status = (
                        RealisationStatus.VERIFIED if roll < 0.6
                        else RealisationStatus.SUBMITTED if roll < 0.85
                        else RealisationStatus.RETURNED if roll < 0.93
                        else RealisationStatus.DRAFT
                    )  # fmt: skip
                else:
                    status = (
                        RealisationStatus.VERIFIED if roll < 0.97
                        else RealisationStatus.RETURNED if roll < 0.985
                        else RealisationStatus.SUBMITTED
                    )  # fmt: skip
                span = (window.closes_on - window.opens_on).days
                day = window.opens_on + dt.timedelta(days=rng.randint(0, span))
                submitted = dt.datetime.combine(day, dt.time(rng.randint(8, 15), 0), tzinfo=dt.UTC)
                row = Realisation(
                    pemda_id=pemda.pk,
                    indicator=ind,
                    opd_id=opd_id,
                    year=year,
                    quarter=quarter,
                    value=value,
                    text_value=text,
                    status=status,
                    entered_by=operator,
                )
                if status != RealisationStatus.DRAFT:
                    row.submitted_at = submitted
                if status == RealisationStatus.VERIFIED:
                    row.verified_by = verifier
                    row.verified_at = submitted + dt.timedelta(days=rng.randint(1, 10))
                if status == RealisationStatus.RETURNED:
                    row.return_note = "Data dukung belum lengkap; lampirkan laporan pendukung."
                if value is not None and rng.random() < 0.1:
                    row.obstacle = "Keterlambatan pencairan anggaran dan keterbatasan SDM."
                    row.solution = "Koordinasi intensif dan percepatan proses pengadaan."
                counts[status] = counts.get(status, 0) + 1
                batch.append(row)
            if len(batch) >= 20000:
                Realisation.objects.bulk_create(batch, batch_size=BATCH)
                batch = []
    Realisation.objects.bulk_create(batch, batch_size=BATCH)
    return counts


def build_budget_realisations(pemda: OrgUnit, years: list[int], rng) -> int:
    pagu = {
        (b.node_id, b.year): (b.amount, b.node.opd_id)
        for b in NodeBudget.objects.filter(pemda_id=pemda.pk)
        .select_related("node")
        .order_by("node_id", "year")
    }
    rows = []
    for (node_id, year), (amount, opd_id) in pagu.items():
        if year not in years:
            continue
        spent = amount * Decimal(str(rng.uniform(0.8, 0.99)))
        shares = (0.15, 0.25, 0.3, 0.3)
        for quarter, share in enumerate(shares, start=1):
            rows.append(
                BudgetRealisation(
                    pemda_id=pemda.pk,
                    node_id=node_id,
                    opd_id=opd_id,
                    year=year,
                    quarter=quarter,
                    amount=(spent * Decimal(str(share))).quantize(CENTS, rounding=ROUND_DOWN),
                )
            )
    BudgetRealisation.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


# --- evaluation ---------------------------------------------------------------------------------


def build_evaluations(pemda: OrgUnit, years: list[int], users, rng) -> int:
    """One internal round per year through `round_create` (every OPD and the Pemda, one empty
    answer per criterion), a team on each (`team_assign`: every lead evaluator, and one
    evaluator in turn), then every answer filled: the self-assessment and the evaluator's value,
    both options of the criterion's scale with their values."""
    admin, evaluator = users["admin"], users["evaluator"]
    templates_install(pemda=pemda, actor=admin)
    template = LkeTemplate.objects.get(pemda=pemda, is_default=True)
    options: dict[int, list[AnswerOption]] = {}
    for option in AnswerOption.objects.filter(scale__pemda=pemda).order_by("scale_id", "order"):
        options.setdefault(option.scale_id, []).append(option)
    filled = 0
    for year in years:
        round_ = round_create(
            actor=admin,
            name=f"Evaluasi SAKIP internal {year}",
            year=year,
            kind=RoundKind.INTERNAL,
            template=template,
        )
        # Every lead evaluator leads every team; the evaluators share the evaluations in turn.
        leads = [u for k, u in users.items() if k.split(":")[0] == "lead"]
        members = [u for k, u in users.items() if k.split(":")[0] == "evaluator"]
        for i, evaluation in enumerate(round_.evaluations.order_by("pk")):
            team = [(u, TeamMember.Role.LEAD) for u in leads]
            team.append((members[i % len(members)], TeamMember.Role.MEMBER))
            for user, role in team:
                team_assign(actor=admin, evaluation=evaluation, user=user, role=role)
        answers = list(
            Answer.objects.filter(evaluation__round=round_)
            .select_related("criterion", "evaluation")
            .order_by("evaluation_id", "criterion_id")
        )
        at = dt.datetime(year + 1, 3, 1, 10, 0, tzinfo=dt.UTC)
        for answer in answers:
            choices = options[answer.criterion.scale_id]
            quality = rng.triangular(0, len(choices) - 1, 1)
            own = choices[min(len(choices) - 1, int(quality))]
            scored = choices[min(len(choices) - 1, int(quality + rng.choice((0, 0, 0, 1))))]
            answer.self_label, answer.self_value = own.label, own.value
            answer.self_note = "Dokumen tersedia dan dapat diakses."
            answer.self_by, answer.self_at = users.get(f"op:{answer.evaluation.opd_id}", admin), at
            answer.label, answer.value = scored.label, scored.value
            answer.note = "Sesuai dengan data dukung."
            answer.scored_by, answer.scored_at = evaluator, at + dt.timedelta(days=14)
            answer.version += 2
        Answer.objects.bulk_update(
            answers,
            [
                "self_label",
                "self_value",
                "self_note",
                "self_by",
                "self_at",
                "label",
                "value",
                "note",
                "scored_by",
                "scored_at",
                "version",
            ],
            batch_size=1000,
        )
        round_.evaluations.update(status=EvaluationStatus.EVALUATION)
        filled += len(answers)
    return filled


def build_publications(pemda: OrgUnit, period: PlanPeriod, year: int, admin: User) -> list[str]:
    """What a Pemda publishes to the portal, through the publication services: the RPJMD, and
    for the latest year the IKU, the signed PKs and the indicators' capaian up to TW III."""
    rpjmd = Rpjmd.objects.get(pemda=pemda, period=period)
    done = [publications.publish_rpjmd(admin, rpjmd)]
    done += [
        publish(admin, pemda, year)
        for publish in (publications.publish_iku, publications.publish_pks)
    ]
    done.append(publications.publish_indicators(admin, pemda, year, 3))
    return [p.title for p in done]


# --- the whole run ------------------------------------------------------------------------------


def generate(
    *,
    opd: int,
    years: int,
    seed: int,
    pemda_name: str = "",
    progress: Callable[[str], None] = lambda line: None,
) -> ScaleSummary:
    """Build the province-scale Pemda. Each phase reports its counts and seconds."""
    if not 1 <= years <= 5:
        raise ValueError("years must be 1 to 5 (one plan period)")
    name = pemda_name or f"Provinsi Skala {seed}"
    if OrgUnit.objects.filter(parent=None, name=name).exists():
        raise ValueError(f"{name} already exists; delete it or choose another --pemda-name")
    rng = random.Random(seed)
    year_list = list(range(START_YEAR, START_YEAR + years))
    summary = ScaleSummary(pemda=None)  # type: ignore[arg-type]
    prefix = f"skala{seed}" if not pemda_name else hashlib.sha256(name.encode()).hexdigest()[:8]

    def phase(label: str, work: Callable[[], str]):
        started = time.monotonic()
        with transaction.atomic():
            text = work()
            # The fast path writes without the activity log: raise the data revision itself,
            # so that no page cached before (apps.core.pagecache) outlives the phase.
            if "pemda" in state:
                revisions.bump(state["pemda"].pk)
        seconds = time.monotonic() - started
        summary.phases.append((label, text, seconds))
        progress(f"{label:<24} {text} in {seconds:.1f} s")

    state: dict = {}

    def organisation() -> str:
        builder, opds = build_organisation(name, opd, rng)
        state.update(builder=builder, opds=opds, pemda=builder.pemda)
        period = org_services.period_create(
            actor=None, pemda=builder.pemda, name=f"RPJMD {START_YEAR}–{START_YEAR + 4}",
            start_year=START_YEAR,
        )  # fmt: skip
        state["period"] = period
        state["users"] = create_users(builder.pemda, opds, prefix)
        pemda = builder.pemda
        return (
            f"{len(opds)} OPD, {OrgUnit.objects.filter(pemda=pemda).count()} units, "
            f"{Position.objects.filter(pemda=pemda).count()} positions, "
            f"{len(state['users'])} users"
        )

    def trees() -> str:
        _rpjmd, renstras, written = build_trees(
            state["pemda"], state["period"], state["opds"], rng, state["builder"].kepala_daerah
        )
        state["renstras"] = renstras
        return f"1 RPJMD, {len(renstras)} Renstra, {written} nodes"

    def indicators() -> str:
        scale = ind_services.scale_create(
            actor=None, pemda=state["pemda"], name="Opini BPK", levels=_OPINION_LEVELS
        )
        n_ind, n_targets = build_indicators(state["pemda"], year_list, rng, scale)
        n_budget = build_budgets(state["pemda"], year_list, rng)
        return f"{n_ind} indicators, {n_targets} targets, {n_budget} indicative budgets"

    def renja() -> str:
        count = 0
        for renstra in state["renstras"]:
            for year in year_list:
                renja_services.renja_create(
                    actor=None,
                    renstra=renstra,
                    year=year,
                    dpa_number=f"DPA/{renstra.opd.opd_code}/{year}",
                )
                count += 1
        return f"{count} Renja"

    def agreements() -> str:
        signed, lines, signers = build_agreements(
            state["pemda"], year_list, state["users"]["admin"], rng
        )
        return f"{signed} signed PKs, {lines} lines with Rencana Aksi, {signers} signers"

    def realisations() -> str:
        counts = build_realisations(state["pemda"], state["period"], year_list, state["users"], rng)
        text = ", ".join(f"{counts.get(s, 0)} {s}" for s in RealisationStatus.values)
        return f"{sum(counts.values())} realisations ({text})"

    def budget() -> str:
        return f"{build_budget_realisations(state['pemda'], year_list, rng)} budget realisations"

    def evaluation() -> str:
        return f"{build_evaluations(state['pemda'], year_list, state['users'], rng)} LKE answers"

    def portal() -> str:
        titles = build_publications(
            state["pemda"], state["period"], year_list[-1], state["users"]["admin"]
        )
        return f"{len(titles)} publications"

    phase("organisation", organisation)
    summary.pemda = state["pemda"]
    phase("trees", trees)
    phase("indicators, targets", indicators)
    phase("renja", renja)
    phase("agreements", agreements)
    phase("realisations", realisations)
    phase("budget realisation", budget)
    phase("evaluation", evaluation)
    phase("portal", portal)
    # The rows were written in bulk: refresh the planner's statistics now, as a database in use
    # has them (PostgreSQL's autovacuum would do it later; until then it plans for empty tables).
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    seconds = time.monotonic() - started
    summary.phases.append(("statistics", "ANALYZE", seconds))
    progress(f"{'statistics':<24} ANALYZE in {seconds:.1f} s")
    return summary


# --- a stable digest, for determinism -----------------------------------------------------------

# Ids and codes differ between runs by construction; the timestamps are the services' clock (the
# template's lock time is set by round_create when it runs, a publication's time by publishing).
# A publication's snapshot quotes the codes of what it shows: they are masked (_UUID).
_VOLATILE = {"code", "created_at", "updated_at", "id", "locked_at", "published_at", "object_code"}
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def scale_models() -> list[type[models.Model]]:
    from django.apps import apps

    return sorted(
        (m for m in apps.get_models() if issubclass(m, BaseModel)),
        key=lambda m: m._meta.label,
    )


def digest(pemda: OrgUnit) -> str:
    """A SHA-256 over every row of every domain model of the Pemda, with ids and tree ids replaced
    by their rank within the Pemda (two runs in one database get different ids) and codes and
    automatic timestamps left out."""
    ranks: dict[str, dict[int, int]] = {}
    tables: dict[str, list] = {}
    for model in scale_models():
        qs = model._default_manager.filter(pemda_id=pemda.pk).order_by("pk")
        fields = [f for f in model._meta.concrete_fields if f.name not in _VOLATILE]
        rows = list(qs.values_list("pk", *[f.attname for f in fields]))
        ranks[model._meta.label] = {row[0]: i for i, row in enumerate(rows)}
        tables[model._meta.label] = (fields, rows)
    users = User.objects.filter(pemda_id=pemda.pk).order_by("pk").values_list("pk", flat=True)
    ranks[User._meta.label] = {pk: i for i, pk in enumerate(users)}
    tree_ranks: dict[str, dict[int, int]] = {}
    h = hashlib.sha256()
    for label in sorted(tables):
        fields, rows = tables[label]
        h.update(label.encode())
        for row in rows:
            out = []
            for f, value in zip(fields, row[1:], strict=True):
                if f.name == "tree_id":
                    seen = tree_ranks.setdefault(label, {})
                    value = seen.setdefault(value, len(seen))
                elif f.is_relation and value is not None:
                    target = f.related_model._meta.label
                    if target in ranks:
                        value = f"{target}#{ranks[target].get(value, value)}"
                out.append(_UUID.sub("<code>", str(value)).replace(pemda.name, "<pemda>"))
            h.update("|".join(out).encode())
    return h.hexdigest()
