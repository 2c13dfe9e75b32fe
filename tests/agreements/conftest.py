"""The performance test plan plus a Renja 2026, holders for every signing position and the
2026 PK drafts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import translation

from apps.agreements import services
from apps.agreements.models import PerjanjianKinerja
from apps.organisations import services as org_services
from apps.performance.services.renja import renja_create
from tests.performance.conftest import Plan, build_plan

YEAR = 2026


@dataclass
class PkWorld:
    plan: Plan
    kd: PerjanjianKinerja
    kepala: PerjanjianKinerja
    kabid: PerjanjianKinerja
    kasi: PerjanjianKinerja


def hold(cast, position, name: str, nip: str = "", kind: str = "definitif"):
    person = org_services.person_create(
        actor=None, unit=position.unit, name=name, nip=nip, pangkat="IV/a" if nip else ""
    )
    org_services.assignment_create(
        actor=None, position=position, person=person, start_date=dt.date(2025, 1, 1), kind=kind
    )
    return person


def build_world(cast) -> PkWorld:
    plan = build_plan(cast)
    renja_create(actor=None, renstra=plan.renstra, year=YEAR)
    hold(cast, cast.kepala_daerah, "H. Bupati Contoh, S.H.")
    hold(cast, cast.kabid1, "Budi Santoso, S.KM.", "198001012005011001")
    hold(cast, cast.kasi1, "Ani Wulandari, S.Kep.", "198505052010012002", kind="plt")
    created = services.generate_drafts(actor=None, pemda=cast.pemda, year=YEAR)
    by_pos = {pk.position_id: pk for pk in created}
    return PkWorld(
        plan=plan,
        kd=by_pos[cast.kepala_daerah.pk],
        kepala=by_pos[cast.kepala_opd1.pk],
        kabid=by_pos[cast.kabid1.pk],
        kasi=by_pos[cast.kasi1.pk],
    )


@pytest.fixture
def world(cast) -> PkWorld:
    return build_world(cast)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield
