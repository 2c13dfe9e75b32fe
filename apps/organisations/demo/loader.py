"""Builds the demo data through apps.organisations.services, in one transaction."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from apps.organisations import services
from apps.organisations.demo.people import PeopleFactory, grade_key
from apps.organisations.demo.structure import KABUPATEN_OPDS, KOTA_OPDS, Opd
from apps.organisations.models import (
    AssignmentKind,
    OrgUnit,
    Person,
    Position,
    PositionLevel,
    Role,
    UnitType,
    User,
)

SEED = 20250220
DEMO_PASSWORD = "sakip-demo"  # noqa: S105 - the documented demo credential, demo data only

PEMDA_NAME = "Kabupaten Sukamaju Raya"
PEMDA_PLACE = "Sukamaju"
SECOND_PEMDA_NAME = "Kota Lembah Hijau"
SECOND_PEMDA_PLACE = "Lembah Hijau"

# The day the demo's officials took office (regional heads elected in 2024 were sworn in together
# on 20 February 2025; the rest of the demo's assignments start in 2025 too).
INAUGURATION = dt.date(2025, 2, 20)


@dataclass
class _Builder:
    pemda: OrgUnit
    people: PeopleFactory
    kepala_daerah: Position | None = None
    decree_prefix: str = ""
    # (OPD short name, position title) → the person holding it, to link demo users to people.
    holders: dict[tuple[str, str], Person] = field(default_factory=dict)
    # Position titles whose holder starts on a given day instead of a random day in 2025.
    fixed_starts: dict[str, dt.date] = field(default_factory=dict)
    plain_names: dict[int, tuple[str, str]] = field(default_factory=dict)
    _decrees: int = 0

    def decree(self) -> str:
        self._decrees += 1
        return f"{self.decree_prefix}/{self._decrees:03d}/BKPSDM/2025"

    def start_date(self) -> dt.date:
        return dt.date(2025, 1, 2) + dt.timedelta(days=self.people.rng.randint(0, 150))

    def unit(self, parent: OrgUnit, name: str, unit_type: str, order: int, **kw) -> OrgUnit:
        return services.unit_create(
            actor=None, parent=parent, name=name, unit_type=unit_type, sort_order=order, **kw
        )

    def person(self, unit: OrgUnit, *, level: str, title: str, discipline: str, **kw) -> Person:
        rng = self.people.rng
        female = rng.random() < 0.45
        grade = grade_key(title, level)
        full, first, last = self.people.name(
            female=female, level=level, discipline=discipline, title=title
        )
        person = services.person_create(
            actor=None,
            unit=unit,
            name=full,
            nip=self.people.nip(female=female, grade=grade),
            pangkat=self.people.pangkat(grade),
            **kw,
        )
        self.plain_names[person.pk] = (first, last)
        return person

    def staffed_position(
        self,
        opd: Opd,
        unit: OrgUnit,
        *,
        title: str,
        level: str,
        superior: Position | None,
        is_head: bool = False,
        vacant: bool = False,
    ) -> Position:
        position = services.position_create(
            actor=None, unit=unit, title=title, level=level, is_head=is_head, superior=superior
        )
        if not vacant:
            person = self.person(unit, level=level, title=title, discipline=opd.discipline)
            services.assignment_create(
                actor=None,
                position=position,
                person=person,
                start_date=self.fixed_starts.get(title) or self.start_date(),
                decree=self.decree(),
            )
            # The first holder of a title in an OPD is the one demo users are linked to.
            self.holders.setdefault((opd.short_name, title), person)
        return position

    def opd(self, spec: Opd, order: int, *, vacant: frozenset[str] = frozenset()) -> OrgUnit:
        """One OPD: its unit tree, positions with their superiors, and the people holding them.
        Titles in `vacant` are left without a holder."""
        opd_unit = self.unit(
            self.pemda,
            spec.name,
            UnitType.OPD,
            order,
            short_name=spec.short_name,
            opd_code=spec.code,
        )
        head = self.staffed_position(
            spec,
            opd_unit,
            title=spec.head,
            level=spec.head_level,
            superior=self.kepala_daerah,
            is_head=True,
            vacant=spec.head in vacant,
        )
        heads: dict[str, Position] = {spec.name: head}
        units: dict[str, OrgUnit] = {"": opd_unit}

        def add(unit: OrgUnit, position: Position) -> None:
            units[unit.name] = unit
            heads[unit.name] = position

        deputies = [
            self.staffed_position(
                spec, opd_unit, title=title, level=PositionLevel.JPT, superior=head
            )
            for title in spec.deputies
        ]
        for title in spec.section_heads:
            self.staffed_position(
                spec,
                opd_unit,
                title=title,
                level=PositionLevel.PENGAWAS,
                superior=head,
                vacant=title in vacant,
            )
        order_in_opd = 0
        if spec.secretariat:
            order_in_opd += 1
            sekretariat = self.unit(opd_unit, "Sekretariat", UnitType.SEKRETARIAT, order_in_opd)
            secretary = self.staffed_position(
                spec,
                sekretariat,
                title=spec.secretary,
                level=PositionLevel.ADMINISTRATOR,
                superior=head,
                is_head=True,
            )
            units["Sekretariat"] = sekretariat
            for i, name in enumerate(spec.secretariat, start=1):
                sub = self.unit(sekretariat, name, UnitType.SUBBAGIAN, i)
                add(
                    sub,
                    self.staffed_position(
                        spec,
                        sub,
                        title=f"Kepala {name}",
                        level=PositionLevel.PENGAWAS,
                        superior=secretary,
                        is_head=True,
                        vacant=f"Kepala {name}" in vacant,
                    ),
                )
        for division in spec.divisions:
            order_in_opd += 1
            div_unit = self.unit(opd_unit, division.name, division.unit_type, order_in_opd)
            div_title = division.head or f"Kepala {division.name}"
            div_head = self.staffed_position(
                spec,
                div_unit,
                title=div_title,
                level=division.head_level,
                superior=head if division.reports_to is None else deputies[division.reports_to],
                is_head=True,
                vacant=div_title in vacant,
            )
            add(div_unit, div_head)
            for i, name in enumerate(division.children, start=1):
                child_type = UnitType.SEKSI if name.startswith("Seksi") else UnitType.SUBBAGIAN
                child = self.unit(div_unit, name, child_type, i)
                add(
                    child,
                    self.staffed_position(
                        spec,
                        child,
                        title=f"Kepala {name}",
                        level=PositionLevel.PENGAWAS,
                        superior=div_head,
                        is_head=True,
                        vacant=f"Kepala {name}" in vacant,
                    ),
                )
        for staff in spec.staff:
            self.staffed_position(
                spec,
                units[staff.unit],
                title=staff.title,
                level=staff.level,
                superior=heads[staff.unit] if staff.unit else head,
            )
        return opd_unit


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    description: str
    second_pemda: bool = False


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", Role.ADMIN, "system admin of Kabupaten Sukamaju Raya"),
    DemoUser("bappeda", Role.BAPPEDA, "Bappeda planner (whole Pemda)"),
    DemoUser("operator", Role.OPD_OPERATOR, "operator of Dinas Kesehatan"),
    DemoUser("verifikator", Role.OPD_VERIFIER, "verifier of Dinas Kesehatan"),
    DemoUser("evaluator", Role.EVALUATOR, "evaluator of the Inspektorat"),
    DemoUser("evaluator_lead", Role.EVALUATOR_LEAD, "lead evaluator of the Inspektorat"),
    DemoUser("pimpinan", Role.VIEWER, "leadership, read-only (whole Pemda)"),
    DemoUser("operator_lain", Role.OPD_OPERATOR, "operator in Kota Lembah Hijau", True),
)

# Where each demo user's role sits (OPD short name, or "" for the Pemda root) and whose person
# record the login belongs to (OPD short name, position title).
_USER_PLACES: dict[str, tuple[str, tuple[str, str]]] = {
    "admin": ("", ("Diskominfo", "Pranata Komputer Ahli Muda")),
    "bappeda": (
        "",
        ("Bappeda", "Kepala Bidang Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah"),
    ),
    "operator": ("Dinkes", ("Dinkes", "Pengelola Data dan Informasi")),
    "verifikator": ("Dinkes", ("Dinkes", "Sekretaris Dinas Kesehatan")),
    "evaluator": ("", ("Inspektorat", "Auditor Ahli Muda")),
    "evaluator_lead": ("", ("Inspektorat", "Inspektur Pembantu Wilayah I")),
    "pimpinan": ("", ("Setda", "Sekretaris Daerah")),
    "operator_lain": ("Dinkes", ("Dinkes", "Pengelola Data dan Informasi")),
}


@dataclass(frozen=True)
class DemoResult:
    created: bool
    pemda: OrgUnit


def demo_exists() -> bool:
    return OrgUnit.objects.filter(parent=None, name=PEMDA_NAME).exists()


def _kepala_daerah(builder: _Builder, title: str, name: str, first: str, last: str) -> None:
    # Elected officials have no NIP or pangkat.
    position = services.position_create(
        actor=None,
        unit=builder.pemda,
        title=title,
        level=PositionLevel.KEPALA_DAERAH,
        is_head=True,
    )
    person = services.person_create(actor=None, unit=builder.pemda, name=name)
    builder.plain_names[person.pk] = (first, last)
    services.assignment_create(
        actor=None,
        position=position,
        person=person,
        start_date=INAUGURATION,
        decree="Keputusan Menteri Dalam Negeri Nomor 100.2.1.3-0412 Tahun 2025",
    )
    builder.kepala_daerah = position


def _build_kabupaten(people: PeopleFactory) -> _Builder:
    pemda = services.pemda_create(
        name=PEMDA_NAME, pemda_kind="kabupaten", place=PEMDA_PLACE, short_name="Sukamaju Raya"
    )
    builder = _Builder(
        pemda=pemda,
        people=people,
        decree_prefix="Keputusan Bupati Sukamaju Raya Nomor 821.2",
        # The Plt of Dinas Pendidikan was its Sekretaris before the head's post fell vacant.
        fixed_starts={"Sekretaris Dinas Pendidikan": dt.date(2025, 1, 2)},
    )
    _kepala_daerah(
        builder,
        "Bupati Sukamaju Raya",
        "H. Darmawan Kusumanegara, S.E., M.M.",
        "Darmawan",
        "Kusumanegara",
    )
    # Dinas Pendidikan's head post is vacant (its last head retired) and filled by a Plt.
    vacant = frozenset({"Kepala Dinas Pendidikan", "Kepala Seksi Surveilans dan Imunisasi"})
    opds = {}
    for order, spec in enumerate(KABUPATEN_OPDS, start=1):
        opds[spec.short_name] = builder.opd(spec, order * 10, vacant=vacant)
    _acting_head_of_education(builder, opds["Disdik"])
    return builder


def _acting_head_of_education(builder: _Builder, disdik: OrgUnit) -> None:
    head = Position.objects.get(unit=disdik, is_head=True)
    retired = builder.person(
        disdik, level=PositionLevel.JPT, title=head.title, discipline="education", is_active=False
    )
    services.assignment_create(
        actor=None,
        position=head,
        person=retired,
        start_date=dt.date(2021, 3, 1),
        end_date=dt.date(2024, 12, 31),
        decree="Keputusan Bupati Sukamaju Raya Nomor 821.2/045/BKD/2021",
    )
    secretary = builder.holders[("Disdik", "Sekretaris Dinas Pendidikan")]
    services.assignment_create(
        actor=None,
        position=head,
        person=secretary,
        start_date=dt.date(2025, 1, 6),
        kind=AssignmentKind.PLT,
        decree="Surat Perintah Bupati Sukamaju Raya Nomor 800.1.3.4/003/BKPSDM/2025",
    )
    builder.holders[("Disdik", head.title)] = secretary


def _build_kota(people: PeopleFactory) -> _Builder:
    pemda = services.pemda_create(
        name=SECOND_PEMDA_NAME,
        pemda_kind="kota",
        place=SECOND_PEMDA_PLACE,
        short_name="Lembah Hijau",
    )
    builder = _Builder(
        pemda=pemda, people=people, decree_prefix="Keputusan Wali Kota Lembah Hijau Nomor 821.2"
    )
    _kepala_daerah(
        builder,
        "Wali Kota Lembah Hijau",
        "Dr. Ir. Hj. Nurlaila Anggraini, M.T.",
        "Nurlaila",
        "Anggraini",
    )
    for order, spec in enumerate(KOTA_OPDS, start=1):
        builder.opd(spec, order * 10)
    return builder


def _create_users(kabupaten: _Builder, kota: _Builder) -> None:
    for demo_user in DEMO_USERS:
        builder = kota if demo_user.second_pemda else kabupaten
        opd_short, (person_opd, title) = _USER_PLACES[demo_user.username]
        person = builder.holders[(person_opd, title)]
        first, last = builder.plain_names[person.pk]
        user = services.user_create(
            actor=None,
            pemda=builder.pemda,
            username=demo_user.username,
            # The shared demo password would not pass the password validators on purpose-built
            # accounts (it is short and published in the README). Validators stay on for every
            # real account; only the demo loader sets this password directly, below.
            password=None,
            first_name=first,
            last_name=last,
            email=f"{demo_user.username}@sakip-demo.example",
            person=person,
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        unit = (
            builder.pemda
            if not opd_short
            else OrgUnit.objects.get(
                pemda=builder.pemda, unit_type=UnitType.OPD, short_name=opd_short
            )
        )
        services.membership_grant(actor=None, user=user, unit=unit, role=demo_user.role)


def load_demo() -> DemoResult:
    """Create the demo Pemda, its organisation, people, plan period and users, unless present."""
    existing = OrgUnit.objects.filter(parent=None, name=PEMDA_NAME).first()
    if existing is not None:
        return DemoResult(created=False, pemda=existing)
    taken = list(
        User.objects.filter(username__in=[u.username for u in DEMO_USERS]).values_list(
            "username", flat=True
        )
    )
    if taken:
        raise ValidationError(
            "These demo user names are already taken: %(names)s. Load the demo data into an "
            "empty database.",
            params={"names": ", ".join(sorted(taken))},
        )
    people = PeopleFactory(rng=random.Random(SEED))
    with transaction.atomic():
        kabupaten = _build_kabupaten(people)
        kota = _build_kota(people)
        for builder in (kabupaten, kota):
            services.period_create(
                actor=None, pemda=builder.pemda, name="RPJMD 2025–2029", start_year=2025
            )
        _create_users(kabupaten, kota)
    return DemoResult(created=True, pemda=kabupaten.pemda)
