"""The PK test world with its 2026 PKs signed (with Rencana Aksi) and every 2026 entry window
open today, so that realisations can be entered, verified and measured."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone, translation

from apps.agreements import services as pk_services
from apps.agreements.demo import demo_quarters
from apps.agreements.models import PerjanjianKinerja
from apps.organisations.models import QuarterWindow
from tests.agreements.conftest import YEAR, PkWorld, build_world

__all__ = ["YEAR", "MeasureWorld", "build_measure_world", "close_window", "open_windows"]


@dataclass
class MeasureWorld:
    pk: PkWorld
    signed: list[PerjanjianKinerja]

    @property
    def plan(self):
        return self.pk.plan


def sign_pk(cast, pk: PerjanjianKinerja) -> PerjanjianKinerja:
    for line in pk.lines.all():
        pk_services.action_plan_save(actor=cast.operator, line=line, quarters=demo_quarters(line))
    pk.refresh_from_db()
    pk_services.transition(actor=cast.operator, pk=pk, name="submit")
    pk_services.transition(actor=cast.verifier, pk=pk, name="approve")
    return pk_services.sign(actor=cast.verifier, pk=pk, enqueue_pdf=False)


def open_windows(pemda, year: int = YEAR, today: dt.date | None = None) -> None:
    """Every quarter of `year` open from five days ago to five days ahead."""
    today = today or timezone.localdate()
    QuarterWindow.objects.filter(pemda=pemda, plan_year__year=year).update(
        opens_on=today - dt.timedelta(days=5), closes_on=today + dt.timedelta(days=5)
    )


def close_window(pemda, quarter: int, year: int = YEAR) -> None:
    today = timezone.localdate()
    QuarterWindow.objects.filter(pemda=pemda, plan_year__year=year, quarter=quarter).update(
        opens_on=today - dt.timedelta(days=40), closes_on=today - dt.timedelta(days=10)
    )


def build_measure_world(cast) -> MeasureWorld:
    pk = build_world(cast)
    signed = [sign_pk(cast, doc) for doc in (pk.kepala, pk.kasi)]
    open_windows(cast.pemda)
    return MeasureWorld(pk=pk, signed=signed)


@pytest.fixture
def mworld(cast) -> MeasureWorld:
    return build_measure_world(cast)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield
