"""The portal test world: the measurement world (PKs of Dinas Kesehatan signed) with Dinas
Kesehatan's Renstra approved, one verified and one unverified realisation in TW I, and draft data
marked with MARKER everywhere a draft can hide: the other OPD's draft Renstra, an unsigned PK, an
unpublished LKjIP, an unverified realisation."""

from __future__ import annotations

from dataclasses import dataclass

from apps.agreements.models import PkLine
from apps.measurement import services as m_services
from apps.performance import services as p_services
from apps.performance.models import NodeLevel
from apps.performance.services.review import renstra_approve, renstra_submit
from apps.planning.models import Renja
from apps.reporting.models import Report, ReportKind, Section
from tests.measurement.conftest import YEAR, MeasureWorld, build_measure_world

MARKER = "ZZDRAFTMARKERZZ"


@dataclass
class PortalWorld:
    m: MeasureWorld
    renja: Renja
    report: Report

    @property
    def plan(self):
        return self.m.plan


def build_portal_world(cast) -> PortalWorld:
    m = build_measure_world(cast)
    plan = m.plan
    renstra_submit(actor=None, renstra=plan.renstra)
    renstra_approve(actor=None, renstra=plan.renstra)
    # Draft data, each carrying the marker.
    p_services.node_create(
        actor=None,
        parent=plan.tujuan2,
        node_level=NodeLevel.SASARAN,
        statement=f"{MARKER} sasaran of a draft Renstra",
    )
    PkLine.objects.filter(pk_doc=m.pk.kabid).update(indicator_name=f"{MARKER} unsigned PK line")
    report = Report.objects.create(pemda=cast.pemda, kind=ReportKind.OPD, opd=cast.opd1, year=YEAR)
    Section.objects.create(
        pemda=cast.pemda, report=report, key="bab1", body=f"<p>{MARKER} draft Bab I</p>"
    )
    verified = m_services.realisation_save(
        actor=cast.operator,
        indicator=plan.sasaran_indicator,
        year=YEAR,
        quarter=1,
        value="11,875",
        obstacle="Hambatan terverifikasi",
    )
    verified = m_services.realisation_transition(
        actor=cast.operator, realisation=verified, action="submit"
    )
    m_services.realisation_transition(actor=cast.verifier, realisation=verified, action="verify")
    m_services.realisation_save(
        actor=cast.operator,
        indicator=plan.sub_indicator,
        year=YEAR,
        quarter=1,
        value="0,2",
        obstacle=f"{MARKER} unverified",
    )
    renja = Renja.objects.get(renstra=plan.renstra, year=YEAR, is_current=True)
    return PortalWorld(m=m, renja=renja, report=report)


def publish_everything(cast, world: PortalWorld) -> list:
    from apps.reporting import publications as pub

    return [
        pub.publish_rpjmd(cast.bappeda, world.plan.rpjmd),
        pub.publish_renstra(cast.bappeda, world.plan.renstra),
        pub.publish_renja(cast.bappeda, world.renja),
        pub.publish_iku(cast.bappeda, cast.pemda, YEAR),
        pub.publish_pks(cast.bappeda, cast.pemda, YEAR),
        pub.publish_indicators(cast.bappeda, cast.pemda, YEAR, 1),
    ]
