"""Demo plans for a Pemda, built through the services (issue 3, item 11): the nomenclature from
fixtures/nomenclature_demo.xlsx, an RPJMD 2025–2029 with IKU Pemda, and for every OPD a Renstra
(tujuan → sasaran → program → kegiatan → sub kegiatan with indicators, five-year targets and
budgets, owned by the OPD's real positions) cascading from the RPJMD, some crosscutting, a few
deliberate quality findings, the review in its usual states (most approved, Dinas Kesehatan
submitted, one returned with a comment) and the Renja 2026 of every OPD.

Called by the demo loader after the organisation, people, users and the plan period "RPJMD
2025–2029" exist: ``load_planning_demo(pemda)``. Deterministic (seeded); one transaction.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from apps.organisations import services as org_services
from apps.organisations.models import (
    Membership,
    OrgUnit,
    PlanPeriod,
    Position,
    PositionLevel,
    Role,
    UnitType,
)
from apps.performance import demo_data, services
from apps.performance.demo_data import Ind, Profile
from apps.performance.models import Aggregation, Node, NodeLevel, Polarity, ValueScale, ValueType
from apps.planning import demo_nomenclature
from apps.planning import services as planning_services
from apps.planning.models import NomenclatureDecree, NomenclatureItem, Renstra, Rpjmd

DEMO_NOMENCLATURE = Path(settings.BASE_DIR) / "fixtures" / "nomenclature_demo.xlsx"
START_YEAR = 2025
RENJA_YEAR = 2026
SEED = 20250301


@dataclass
class DemoSummary:
    """What was built, for the caller's report and the tests."""

    rpjmd: Rpjmd | None = None
    renstra: dict[str, Renstra] = field(default_factory=dict)  # OPD name → Renstra
    kerja_statement: Node | None = None
    activity_indicator_node: Node | None = None
    orphan: Node | None = None
    sub_without_indicator: Node | None = None
    submitted: str = ""
    returned: str = ""
    crosscuts: int = 0
    created: bool = True


def _years() -> list[int]:
    return list(range(START_YEAR, START_YEAR + 5))


def _series(indicator: Ind) -> dict[int, str]:
    """Targets from the baseline towards the end target, evenly over the five years."""
    _name, _unit, _polarity, baseline, end = indicator
    step = (Decimal(str(end)) - Decimal(str(baseline))) / 5
    places = Decimal("0.01")
    return {
        year: str((Decimal(str(baseline)) + step * (i + 1)).quantize(places))
        for i, year in enumerate(_years())
    }


def _polarity(sign: str) -> str:
    return Polarity.NEGATIVE if sign == "-" else Polarity.POSITIVE


def _definition(name: str, unit: str) -> str:
    if unit == "%":
        return (
            f"{name}: perbandingan capaian terhadap seluruh sasaran dikali 100%, data akhir tahun."
        )
    return f"{name}: nilai akhir tahun dihitung dengan metode baku instansi pembina."


def _bidang_of(opd: OrgUnit, available: set[str]) -> list[str]:
    """The bidang an OPD serves: from its budget code (U.BB.U.BB.U.BB.NN), else its name."""
    name = opd.name.lower()
    if "rumah sakit" in name:
        return ["RSUD"]
    found: list[str] = []
    parts = (opd.opd_code or "").split(".")
    for i in range(0, min(len(parts), 6) - 1, 2):
        if re.fullmatch(r"[1-9]", parts[i]) and re.fullmatch(r"\d\d", parts[i + 1]):
            code = f"{parts[i]}.{parts[i + 1]}"
            if code in available and code not in found:
                found.append(code)
    if not found:
        for keyword, code in demo_data.NAME_KEYWORDS:
            if keyword in name and code in available:
                found.append(code)
                break
    return found or ["4.01"]


class _Positions:
    """The OPD's real positions by level, for owners (DOMAIN.md "Who owns which level")."""

    def __init__(self, opd: OrgUnit, positions: list[Position], units: dict[int, OrgUnit]):
        self.opd = opd
        self.units = units
        self.head = next(
            (p for p in positions if p.is_head and p.unit_id == opd.pk),
            next((p for p in positions if p.level == PositionLevel.JPT), None),
        )
        self.administrators = [
            p for p in positions if p.level == PositionLevel.ADMINISTRATOR and p != self.head
        ]
        self.pengawas = [p for p in positions if p.level == PositionLevel.PENGAWAS]
        self._turn = 0

    def secretary(self) -> Position | None:
        for p in self.administrators:
            if self.units[p.unit_id].unit_type in {UnitType.SEKRETARIAT, UnitType.BAGIAN}:
                return p
        return self.administrators[0] if self.administrators else None

    def kabid(self, index: int) -> Position | None:
        bidang = [
            p
            for p in self.administrators
            if self.units[p.unit_id].unit_type not in {UnitType.SEKRETARIAT}
        ] or self.administrators
        return bidang[index % len(bidang)] if bidang else None

    def under(self, boss: Position | None) -> Position | None:
        """A pengawas in the administrator's unit (a Kasi of the Kabid), else any pengawas."""
        mine = [
            p
            for p in self.pengawas
            if boss is not None and self.units[p.unit_id].parent_id == boss.unit_id
        ] or self.pengawas
        if not mine:
            return None
        self._turn += 1
        return mine[self._turn % len(mine)]


def _ensure_nomenclature() -> None:
    if NomenclatureDecree.objects.filter(name=demo_nomenclature.DECREE).exists():
        return
    planning_services.nomenclature_import(
        actor=None,
        content=DEMO_NOMENCLATURE.read_bytes(),
        issued_on=None if NomenclatureDecree.objects.exists() else _issued_on(),
    )


def _issued_on():
    import datetime as dt

    return dt.date.fromisoformat(demo_nomenclature.ISSUED_ON)


def _reviewer(pemda: OrgUnit):
    """A Bappeda (else admin) user of the Pemda, to author the demo review comment."""
    for role in (Role.BAPPEDA, Role.ADMIN):
        membership = (
            Membership.objects.filter(pemda=pemda, unit=pemda, role=role)
            .select_related("user")
            .order_by("id")
            .first()
        )
        if membership is not None:
            return membership.user
    return None


class _Builder:
    def __init__(self, pemda: OrgUnit, period: PlanPeriod, rng: random.Random):
        self.pemda = pemda
        self.period = period
        self.rng = rng
        self.items = {
            item.code: item
            for item in NomenclatureItem.objects.filter(
                decree__name=demo_nomenclature.DECREE
            ).select_related("parent")
        }
        self.children: dict[str, list[str]] = defaultdict(list)
        for code, item in self.items.items():
            if item.parent_id is not None:
                self.children[item.parent.code].append(code)
        for codes in self.children.values():
            codes.sort(key=lambda c: [int(x) for x in c.split(".")])
        self.scale: ValueScale | None = None
        self.sasaran_pemda: dict[str, Node] = {}

    # --- indicators ---

    def indicator(
        self,
        node: Node,
        ind: Ind,
        *,
        owner: Position | None,
        iku: bool = False,
        source: str = "",
        is_ikk: bool = False,
    ) -> None:
        name, unit, sign, _baseline, _end = ind
        if sign == "scale":
            services.indicator_create(
                actor=None,
                node=node,
                name=name,
                value_type=ValueType.SCALE,
                scale=self.bpk_scale(),
                definition=(
                    "Opini Badan Pemeriksa Keuangan atas Laporan Keuangan Pemerintah Daerah."
                ),
                baseline_text="WTP",
                is_iku=iku,
                data_source=source or "Laporan Hasil Pemeriksaan BPK",
                responsible_position=owner,
                targets=dict.fromkeys(_years(), "WTP"),
            )
            return
        services.indicator_create(
            actor=None,
            node=node,
            name=name,
            unit=unit,
            polarity=_polarity(sign),
            aggregation=Aggregation.LAST,
            definition=_definition(name, unit),
            max_value=100 if unit == "%" and max(ind[3], ind[4]) <= 100 else None,
            min_value=0,
            baseline=str(ind[3]),
            is_iku=iku,
            is_ikk=is_ikk,
            data_source=source or "Laporan tahunan perangkat daerah",
            responsible_position=owner,
            targets=_series(ind),
        )

    def bpk_scale(self) -> ValueScale:
        if self.scale is None:
            self.scale = ValueScale.objects.filter(
                pemda=self.pemda, name=demo_data.BPK_SCALE
            ).first() or services.scale_create(
                actor=None, pemda=self.pemda, name=demo_data.BPK_SCALE, levels=demo_data.BPK_LEVELS
            )
        return self.scale

    # --- RPJMD ---

    def rpjmd(self) -> Rpjmd:
        kepala_daerah = (
            Position.objects.filter(
                pemda=self.pemda, unit=self.pemda, level=PositionLevel.KEPALA_DAERAH, is_active=True
            )
            .order_by("-is_head", "id")
            .first()
        )
        name = self.pemda.short_name or self.pemda.name
        rpjmd = services.rpjmd_create(
            actor=None,
            period=self.period,
            visi=demo_data.VISI.format(name=f"{self.pemda.pemda_kind.title()} {name}".strip()),
            regulation=f"Peraturan Daerah {self.pemda.name} Nomor 3 Tahun 2025",
        )
        root = Node.objects.get(rpjmd=rpjmd, parent=None)
        for m, misi in enumerate(demo_data.MISI, start=1):
            misi_node = services.node_create(
                actor=None,
                parent=root,
                node_level=NodeLevel.MISI,
                statement=misi.statement,
                number=str(m),
            )
            for t, tujuan in enumerate(misi.tujuan, start=1):
                tujuan_node = services.node_create(
                    actor=None,
                    parent=misi_node,
                    node_level=NodeLevel.TUJUAN_PEMDA,
                    statement=tujuan.statement,
                    number=f"{m}.{t}",
                    owner_position=kepala_daerah,
                )
                self.indicator(
                    tujuan_node, tujuan.indicator, owner=None, iku=True, source="BPS Kabupaten"
                )
                for s, sasaran in enumerate(tujuan.sasaran, start=1):
                    node = services.node_create(
                        actor=None,
                        parent=tujuan_node,
                        node_level=NodeLevel.SASARAN_PEMDA,
                        statement=sasaran.statement,
                        number=f"{m}.{t}.{s}",
                        owner_position=kepala_daerah,
                    )
                    for ind in sasaran.indicators:
                        self.indicator(node, ind, owner=None, iku=True, source="BPS Kabupaten")
                    services.strategy_create(
                        actor=None, node=node, kind="strategi", text=sasaran.strategi
                    )
                    services.strategy_create(
                        actor=None, node=node, kind="arah_kebijakan", text=sasaran.arah
                    )
                    self.sasaran_pemda[sasaran.key] = node
        return rpjmd

    # --- a Renstra ---

    def budget(self) -> dict[int, int]:
        base = self.rng.randrange(150, 2500, 5) * 1_000_000
        return {
            year: int(base * (1 + 0.05 * i) // 1_000_000 * 1_000_000)
            for i, year in enumerate(_years())
        }

    def program_branch(
        self,
        sasaran: Node,
        program_code: str,
        outcome: Ind,
        owner: Position | None,
        positions: _Positions,
        *,
        skip_indicator_on_first_sub: bool = False,
    ) -> Node | None:
        program = services.node_create(
            actor=None,
            parent=sasaran,
            node_level=NodeLevel.PROGRAM,
            nomenclature=self.items[program_code],
            owner_position=owner,
        )
        self.indicator(program, outcome, owner=owner)
        kegiatan_codes = self.children.get(program_code, [])[: self.rng.randint(1, 3)]
        totals: dict[int, int] = defaultdict(int)
        first_sub: Node | None = None
        for kegiatan_code in kegiatan_codes:
            pengawas = positions.under(owner)
            kegiatan = services.node_create(
                actor=None,
                parent=program,
                node_level=NodeLevel.KEGIATAN,
                nomenclature=self.items[kegiatan_code],
                owner_position=pengawas,
            )
            services.indicator_create(
                actor=None,
                node=kegiatan,
                name=f"Persentase capaian output kegiatan {self.items[kegiatan_code].name}",
                unit="%",
                definition="Rata-rata capaian output sub kegiatan di bawahnya.",
                max_value=100,
                min_value=0,
                aggregation=Aggregation.LAST,
                responsible_position=pengawas,
                targets=dict.fromkeys(_years(), 100),
            )
            kegiatan_totals: dict[int, int] = defaultdict(int)
            for sub_code in self.children.get(kegiatan_code, [])[: self.rng.randint(1, 3)]:
                sub_owner = positions.under(owner) or pengawas
                sub = services.node_create(
                    actor=None,
                    parent=kegiatan,
                    node_level=NodeLevel.SUBKEGIATAN,
                    nomenclature=self.items[sub_code],
                    owner_position=sub_owner,
                )
                if first_sub is None:
                    first_sub = sub
                if not (skip_indicator_on_first_sub and sub == first_sub):
                    name, unit = _output_indicator(self.items[sub_code].name)
                    start = self.rng.randint(2, 12)
                    services.indicator_create(
                        actor=None,
                        node=sub,
                        name=name,
                        unit=unit,
                        definition=f"{name} selama satu tahun anggaran.",
                        aggregation=Aggregation.CUMULATIVE,
                        min_value=0,
                        responsible_position=sub_owner,
                        targets={year: start + i for i, year in enumerate(_years())},
                    )
                amounts = self.budget()
                services.budgets_set(actor=None, node=sub, amounts=amounts)
                for year, amount in amounts.items():
                    kegiatan_totals[year] += amount
            services.budgets_set(actor=None, node=kegiatan, amounts=dict(kegiatan_totals))
            for year, amount in kegiatan_totals.items():
                totals[year] += amount
        services.budgets_set(actor=None, node=program, amounts=dict(totals))
        return first_sub

    def renstra(
        self,
        opd: OrgUnit,
        bidang: list[str],
        positions: _Positions,
        summary: DemoSummary,
        flags: set[str],
    ) -> Renstra:
        profile: Profile = demo_data.PROFILES[bidang[0]]
        renstra = services.renstra_create(actor=None, period=self.period, opd=opd)
        root = Node.objects.get(renstra=renstra, parent=None)
        head = positions.head
        place = opd.name.removeprefix("Kecamatan ").strip()
        tujuan = services.node_create(
            actor=None,
            parent=root,
            node_level=NodeLevel.TUJUAN,
            number="1",
            statement=profile.tujuan.format(
                place=place if bidang[0] == "7.01" else self.pemda.short_name or self.pemda.name
            ),
            owner_position=head,
            pemda_sasaran=[self.sasaran_pemda[profile.rpjmd]],
        )
        self.indicator(
            tujuan, profile.tujuan_indicator, owner=head, iku=True, source=profile.data_source
        )
        main_sasaran: list[Node] = []
        for s, (statement, ind) in enumerate(profile.sasaran, start=1):
            sasaran = services.node_create(
                actor=None,
                parent=tujuan,
                node_level=NodeLevel.SASARAN,
                number=f"1.{s}",
                statement=statement,
                owner_position=head,
            )
            self.indicator(sasaran, ind, owner=head, iku=True, source=profile.data_source)
            main_sasaran.append(sasaran)
        if "activity_indicator" in flags:
            services.indicator_create(
                actor=None,
                node=main_sasaran[0],
                name="Jumlah dokumen perencanaan yang tersusun tepat waktu",
                unit="dokumen",
                definition="Dokumen perencanaan yang ditetapkan sesuai jadwal.",
                aggregation=Aggregation.CUMULATIVE,
                targets=dict.fromkeys(_years(), 4),
            )
            summary.activity_indicator_node = main_sasaran[0]
        # The governance branch: the support program under the OPD's own accountability sasaran.
        governance = services.node_create(
            actor=None,
            parent=root,
            node_level=NodeLevel.TUJUAN,
            number="2",
            statement=demo_data.GOVERNANCE_TUJUAN.format(opd=opd.name),
            owner_position=head,
            pemda_sasaran=[] if "orphan" in flags else [self.sasaran_pemda["S9"]],
        )
        if "orphan" in flags:
            summary.orphan = governance
        self.indicator(governance, demo_data.GOVERNANCE_TUJUAN_INDICATOR, owner=head)
        statement = demo_data.GOVERNANCE_SASARAN.format(opd=opd.name)
        if "kerja_statement" in flags:
            statement = f"Terselenggaranya administrasi perkantoran {opd.name} yang tertib"
        gov_sasaran = services.node_create(
            actor=None,
            parent=governance,
            node_level=NodeLevel.SASARAN,
            number="2.1",
            statement=statement,
            owner_position=head,
        )
        if "kerja_statement" in flags:
            summary.kerja_statement = gov_sasaran
        self.indicator(gov_sasaran, demo_data.GOVERNANCE_SASARAN_INDICATOR, owner=head)
        penunjang = f"{bidang[0] if bidang[0] != 'RSUD' else '1.02'}.01"
        self.program_branch(
            gov_sasaran,
            penunjang,
            demo_data.PENUNJANG_INDICATOR,
            positions.secretary(),
            positions,
        )
        programs = list(profile.programs)
        for extra in bidang[1:]:
            if extra in demo_data.PROFILES and len(programs) < 3:
                programs.append(demo_data.PROFILES[extra].programs[0])
        for p, (code, outcome) in enumerate(programs):
            skip = "sub_without_indicator" in flags and p == 0
            first_sub = self.program_branch(
                main_sasaran[p % len(main_sasaran)],
                code,
                outcome,
                positions.kabid(p),
                positions,
                skip_indicator_on_first_sub=skip,
            )
            if skip:
                summary.sub_without_indicator = first_sub
        return renstra


_OUTPUT_UNITS = (
    ("dokumen", "dokumen"),
    ("laporan", "laporan"),
    ("gaji", "orang/bulan"),
    ("puskesmas", "unit"),
    ("sekolah", "unit"),
    ("ruang kelas", "ruang"),
    ("gedung", "unit"),
    ("jalan", "km"),
    ("jembatan", "unit"),
    ("irigasi", "km"),
    ("pelayanan kesehatan", "orang"),
    ("pelatihan", "orang"),
    ("pengadaan", "paket"),
    ("penyediaan", "paket"),
    ("pemeliharaan", "unit"),
)


def _output_indicator(sub_name: str) -> tuple[str, str]:
    """An output indicator for a sub kegiatan, named after what it produces."""
    lowered = sub_name.lower()
    unit = next((u for keyword, u in _OUTPUT_UNITS if keyword in lowered), "kegiatan")
    words = sub_name.split(" ", 1)
    obj = words[1] if len(words) == 2 and words[0].lower().endswith("an") else sub_name
    return f"Jumlah {obj[0].lower() + obj[1:]} yang terlaksana", unit


# Which OPD (by main bidang) carries each deliberate finding, with a fallback by position.
_FLAG_BIDANG = {
    "kerja_statement": "2.16",
    "activity_indicator": "5.01",
    "orphan": "2.23",
    "sub_without_indicator": "2.15",
}


def _assign_flags(bidang_of: dict[int, list[str]], opds: list[OrgUnit]) -> dict[int, set[str]]:
    flags: dict[int, set[str]] = defaultdict(set)
    health = {o.pk for o in opds if bidang_of[o.pk][0] == "1.02"}
    taken: set[int] = set(health)
    for fallback, (flag, wanted) in enumerate(_FLAG_BIDANG.items(), start=1):
        chosen = next((o for o in opds if bidang_of[o.pk][0] == wanted and o.pk not in taken), None)
        if chosen is None:
            candidates = [o for o in opds if o.pk not in taken]
            chosen = candidates[fallback % len(candidates)] if candidates else None
        if chosen is not None:
            flags[chosen.pk].add(flag)
            taken.add(chosen.pk)
    return flags


def load_planning_demo(pemda: OrgUnit, *, actor=None) -> DemoSummary:
    """Build the demo plans of `pemda` (see the module docstring). Does nothing when the Pemda
    already has an RPJMD for 2025–2029. `actor` authors the review comment (default: the first
    Bappeda or admin user of the Pemda; without one the Renstra is returned with a note only)."""
    summary = DemoSummary()
    rng = random.Random(f"{SEED}-{pemda.name}")
    with transaction.atomic():
        period = PlanPeriod.objects.filter(pemda=pemda, start_year=START_YEAR).first()
        if period is None:
            period = org_services.period_create(
                actor=None, pemda=pemda, name="RPJMD 2025–2029", start_year=START_YEAR
            )
        if Rpjmd.objects.filter(period=period).exists():
            summary.created = False
            summary.rpjmd = Rpjmd.objects.get(period=period)
            return summary
        _ensure_nomenclature()
        builder = _Builder(pemda, period, rng)
        summary.rpjmd = builder.rpjmd()
        opds = list(
            OrgUnit.objects.filter(pemda=pemda, unit_type=UnitType.OPD, is_active=True).order_by(
                "lft"
            )
        )
        units = {u.pk: u for u in OrgUnit.objects.filter(pemda=pemda)}
        positions_of: dict[int, list[Position]] = defaultdict(list)
        for position in Position.objects.filter(pemda=pemda, is_active=True).order_by(
            "unit__lft", "-is_head", "id"
        ):
            if position.opd_id is not None:
                positions_of[position.opd_id].append(position)
        available = set(demo_data.PROFILES)
        bidang_of = {opd.pk: _bidang_of(opd, available) for opd in opds}
        flags = _assign_flags(bidang_of, opds)
        main_sasaran: dict[int, Node] = {}
        for opd in opds:
            positions = _Positions(opd, positions_of[opd.pk], units)
            renstra = builder.renstra(opd, bidang_of[opd.pk], positions, summary, flags[opd.pk])
            summary.renstra[opd.name] = renstra
            main_sasaran[opd.pk] = (
                Node.objects.filter(renstra=renstra, node_level=NodeLevel.SASARAN)
                .order_by("lft")
                .first()
            )
            _rpjmd_program(builder, opd, bidang_of[opd.pk], positions)
        summary.crosscuts = _crosscuts(opds, bidang_of, main_sasaran)
        _review(pemda, opds, bidang_of, flags, summary, actor or _reviewer(pemda))
        for renstra in summary.renstra.values():
            services.renja_create(actor=None, renstra=renstra, year=RENJA_YEAR)
    return summary


def _rpjmd_program(builder: _Builder, opd: OrgUnit, bidang: list[str], positions: _Positions):
    """The RPJMD's indicative program serving the OPD's RPJMD sasaran, owned by the OPD."""
    profile = demo_data.PROFILES[bidang[0]]
    code = profile.programs[0][0]
    sasaran = builder.sasaran_pemda[profile.rpjmd]
    if Node.objects.filter(parent=sasaran, nomenclature__code=code).exists():
        return
    services.node_create(
        actor=None,
        parent=sasaran,
        node_level=NodeLevel.PROGRAM,
        nomenclature=builder.items[code],
        opd=opd,
        owner_position=positions.head
        if positions.head
        and positions.head.level in {PositionLevel.JPT, PositionLevel.ADMINISTRATOR}
        else None,
    )


def _crosscuts(opds, bidang_of, main_sasaran) -> int:
    """Stunting (Dinas Kesehatan) is supported by the family-planning/women's office, the food
    security office and the social office."""
    health = next(
        (o for o in opds if bidang_of[o.pk][0] == "1.02" and "rumah sakit" not in o.name.lower()),
        None,
    )
    if health is None:
        return 0
    target = main_sasaran[health.pk]
    count = 0
    for opd in opds:
        codes = bidang_of[opd.pk]
        if {"2.08", "2.14", "2.09", "1.06"} & set(codes) and opd.pk != health.pk:
            services.crosscut_create(
                actor=None,
                source=main_sasaran[opd.pk],
                target=target,
                note="Percepatan penurunan stunting: intervensi sensitif lintas perangkat daerah.",
            )
            count += 1
    return count


def _review(pemda, opds, bidang_of, flags, summary: DemoSummary, reviewer) -> None:
    """Most Renstra approved; Dinas Kesehatan waits for Bappeda; the OPD with the kerja
    statement was returned with a comment on it."""
    for opd in opds:
        renstra = summary.renstra[opd.name]
        services.renstra_submit(actor=None, renstra=renstra)
        is_health = bidang_of[opd.pk][0] == "1.02" and "rumah sakit" not in opd.name.lower()
        if is_health and not summary.submitted:
            summary.submitted = opd.name
            continue
        if "kerja_statement" in flags[opd.pk] and not summary.returned:
            if reviewer is not None:
                services.review_comment_add(
                    actor=reviewer,
                    renstra=renstra,
                    node=summary.kerja_statement,
                    text=(
                        "Sasaran ini masih berupa pernyataan kerja (Terselenggaranya...). "
                        "Rumuskan kondisi yang ingin dicapai, misalnya Meningkatnya kualitas ..."
                    ),
                )
            services.renstra_return(
                actor=None,
                renstra=renstra,
                note="Perbaiki rumusan sasaran tata kelola sesuai catatan reviu.",
            )
            summary.returned = opd.name
            continue
        services.renstra_approve(actor=None, renstra=renstra)
