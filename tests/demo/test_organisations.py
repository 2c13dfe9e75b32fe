"""The demo data (`manage.py load_demo`): loads once, is idempotent, realistic, and every demo
login works through the real login form."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from apps.organisations.access import get_scope
from apps.organisations.demo import DEMO_PASSWORD, DEMO_USERS, PEMDA_NAME, SECOND_PEMDA_NAME
from apps.organisations.models import (
    Assignment,
    AssignmentKind,
    OrgUnit,
    Person,
    PlanPeriod,
    Position,
    PositionLevel,
    UnitType,
    User,
)

OPD_CODE = re.compile(r"^\d\.\d{2}\.\d\.\d{2}\.\d\.\d{2}\.\d{2}\.\d{4}$")
PANGKAT_BY_LEVEL = {
    PositionLevel.JPT: {"IV/c", "IV/d", "IV/e"},
    PositionLevel.ADMINISTRATOR: {"IV/a", "IV/b"},
    PositionLevel.PENGAWAS: {"III/c", "III/d", "IV/a"},
    PositionLevel.PELAKSANA: {"II/a", "II/b", "II/c", "II/d", "III/a", "III/b"},
}


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def _pemda(name: str) -> OrgUnit:
    return OrgUnit.objects.get(parent=None, name=name)


@pytest.mark.django_db
def test_it_loads_the_demo_and_a_second_run_changes_nothing(demo):
    assert f"Loaded {PEMDA_NAME}" in demo
    before = _row_counts()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "already loaded" in out.getvalue()
    assert _row_counts() == before
    for user in DEMO_USERS:
        assert user.username in out.getvalue(), "the logins are printed on every run"


@pytest.mark.django_db
def test_it_builds_a_kabupaten_of_realistic_opds(demo):
    pemda = _pemda(PEMDA_NAME)
    opds = list(OrgUnit.objects.filter(pemda=pemda, unit_type=UnitType.OPD))
    assert len(opds) >= 25
    names = {opd.name for opd in opds}
    for expected in (
        "Sekretariat Daerah",
        "Inspektorat Daerah",
        "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
        "Dinas Kesehatan",
        "Dinas Pendidikan",
    ):
        assert expected in names
    assert sum(name.startswith("Kecamatan ") for name in names) == 5
    for opd in opds:
        assert OPD_CODE.match(opd.opd_code), opd.opd_code
        assert opd.opd_id == opd.pk
    dinkes = OrgUnit.objects.get(pemda=pemda, name="Dinas Kesehatan")
    bidang = dinkes.get_children().filter(unit_type=UnitType.BIDANG)
    assert 3 <= bidang.count() <= 4
    for unit in bidang:
        assert 2 <= unit.get_children().filter(unit_type=UnitType.SEKSI).count() <= 3
    sekretariat = dinkes.get_children().get(unit_type=UnitType.SEKRETARIAT)
    assert 2 <= sekretariat.get_children().count() <= 3


@pytest.mark.django_db
def test_it_keeps_the_organisation_tree_consistent(demo):
    units = {u.pk: u for u in OrgUnit.objects.filter(pemda=_pemda(PEMDA_NAME))}
    children: dict[int, int] = {}
    for unit in units.values():
        if unit.parent_id is not None:
            children[unit.parent_id] = children.get(unit.parent_id, 0) + 1
            parent = units[unit.parent_id]
            assert parent.lft < unit.lft < unit.rght < parent.rght
            assert unit.level == parent.level + 1
            assert unit.tree_id == parent.tree_id
    for unit in units.values():
        descendants = sum(1 for other in units.values() if unit.lft < other.lft < unit.rght)
        assert unit.rght - unit.lft == 2 * descendants + 1


@pytest.mark.django_db
def test_it_staffs_positions_with_a_chain_of_superiors(demo):
    pemda = _pemda(PEMDA_NAME)
    bupati = Position.objects.get(pemda=pemda, level=PositionLevel.KEPALA_DAERAH)
    assert bupati.unit_id == pemda.pk
    positions = list(Position.objects.filter(pemda=pemda).select_related("superior", "unit"))
    for position in positions:
        if position.level == PositionLevel.JPT and position.is_head:
            assert position.superior_id == bupati.pk, position.title
        if position.level == PositionLevel.PENGAWAS and position.unit.unit_type in {
            UnitType.SEKSI,
            UnitType.SUBBAGIAN,
        }:
            assert position.superior.level == PositionLevel.ADMINISTRATOR, position.title
    today = dt.date(2025, 7, 1)
    current = Assignment.objects.current_on(today).filter(pemda=pemda).select_related("person")
    assert all(a.start_date.year == 2025 for a in current)
    acting = [a for a in current if a.kind == AssignmentKind.PLT]
    assert acting, "at least one position is held by a Plt"
    held = {a.position_id for a in current}
    assert any(p.pk not in held for p in positions), "a vacancy shows in the inbox"
    levels = {a.position_id: a for a in current}
    for position in positions:
        assignment = levels.get(position.pk)
        if assignment and position.level in PANGKAT_BY_LEVEL and not assignment.is_acting:
            assert assignment.person.pangkat in PANGKAT_BY_LEVEL[position.level], position.title
    period = PlanPeriod.objects.get(pemda=pemda)
    assert (period.name, period.start_year, period.end_year) == ("RPJMD 2025–2029", 2025, 2029)
    assert period.plan_years.count() == 5


@pytest.mark.django_db
def test_it_gives_every_civil_servant_a_valid_nip(demo):
    people = Person.objects.filter(pemda=_pemda(PEMDA_NAME)).exclude(nip="")
    nips = [p.nip for p in people]
    assert len(nips) > 400
    assert len(set(nips)) == len(nips)
    for nip in nips:
        assert re.fullmatch(r"\d{18}", nip)
        born = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
        appointed_year, appointed_month = int(nip[8:12]), int(nip[12:14])
        assert 1 <= appointed_month <= 12
        assert born.year + 18 <= appointed_year <= 2025
        assert nip[14] in "12"
    bupati = Person.objects.get(pemda=_pemda(PEMDA_NAME), nip="")
    assert bupati.assignments.get().position.level == PositionLevel.KEPALA_DAERAH


@pytest.mark.django_db
def test_it_lets_every_demo_user_log_in_with_the_demo_password(demo):
    for demo_user in DEMO_USERS:
        client = Client()
        response = client.post(
            "/accounts/login/", {"username": demo_user.username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, demo_user.username
        user = User.objects.get(username=demo_user.username)
        assert client.session["_auth_user_id"] == str(user.pk)
        assert user.person is not None and user.person.pemda_id == user.pemda_id
        assert get_scope(user).has_role(demo_user.role)


@pytest.mark.django_db
def test_it_keeps_the_second_pemda_separate(demo):
    kabupaten, kota = _pemda(PEMDA_NAME), _pemda(SECOND_PEMDA_NAME)
    assert kabupaten.tree_id != kota.tree_id
    kota_opds = OrgUnit.objects.filter(pemda=kota, unit_type=UnitType.OPD)
    assert kota_opds.count() == 3
    other = User.objects.get(username="operator_lain")
    assert other.pemda_id == kota.pk
    other_scope = get_scope(other)
    assert not any(other_scope.covers(u) for u in OrgUnit.objects.filter(pemda=kabupaten))
    admin_scope = get_scope(User.objects.get(username="admin"))
    assert not any(admin_scope.covers(u) for u in OrgUnit.objects.filter(pemda=kota))
    assert not Person.objects.filter(pemda=kota, unit__pemda=kabupaten).exists()
