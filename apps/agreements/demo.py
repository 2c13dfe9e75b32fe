"""Demo Perjanjian Kinerja 2026: drafts generated from the demo plans, most of them signed with
their Rencana Aksi and PDFs (some rendered here by the same service the job calls, the rest
queued for the worker),
some left as drafts or waiting for approval, and one PK perubahan."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from django.db import transaction

from apps.agreements import services
from apps.agreements.models import PerjanjianKinerja, PkLine, RevisionReason
from apps.organisations.models import Membership, OrgUnit, Role

YEAR = 2026
SEED = "sakip-pk-demo"


@dataclass
class PkDemoSummary:
    created: bool = True
    signed: list[PerjanjianKinerja] = field(default_factory=list)
    drafts: int = 0
    waiting: int = 0
    revision: PerjanjianKinerja | None = None


def _admin(pemda: OrgUnit):
    membership = (
        Membership.objects.filter(pemda=pemda, unit=pemda, role=Role.ADMIN)
        .select_related("user")
        .order_by("id")
        .first()
    )
    return membership.user if membership else None


def demo_quarters(line: PkLine) -> list[dict]:
    """TW I–IV consistent with the line's aggregation (the same rule the service checks)."""
    actions = [
        "Penyusunan rencana kerja dan koordinasi",
        "Pelaksanaan kegiatan tahap I",
        "Pelaksanaan kegiatan tahap II dan monitoring",
        "Evaluasi dan pelaporan",
    ]
    if line.target is None:
        return [{"target_text": line.target_text, "actions": a} for a in actions]
    step = Decimal("0.0001")
    if line.aggregation == "kumulatif":
        part = (line.target / 4).quantize(step, rounding=ROUND_DOWN)
        values = [part, part, part, line.target - 3 * part]
    elif line.aggregation == "nilai_akhir":
        values = [(line.target * i / 4).quantize(step) for i in (1, 2, 3)] + [line.target]
    else:
        values = [line.target] * 4
    return [{"target": v, "actions": a} for v, a in zip(values, actions, strict=True)]


# The PDFs a demo user opens first (the Kepala Daerah's and Dinas Kesehatan's, where the demo
# operator works) are rendered now; the other ~200 go to the job worker that `make run` starts,
# as real signing does, so that loading the demo stays quick.
RENDER_NOW_OPD = "Dinas Kesehatan"


def _sign(actor, pk: PerjanjianKinerja, day: dt.date) -> bool:
    if services.sign_problems(pk, day):
        return False
    render_now = pk.opd_id is None or pk.opd.name == RENDER_NOW_OPD
    services.sign(actor=actor, pk=pk, day=day, enqueue_pdf=not render_now)
    if render_now:
        services.store_pdf(pk.pk)
    return True


def _prepare(actor, pk: PerjanjianKinerja) -> None:
    for line in pk.lines.all():
        services.action_plan_save(actor=actor, line=line, quarters=demo_quarters(line))
    services.transition(actor=actor, pk=pk, name="submit")
    services.transition(actor=actor, pk=pk, name="approve")
    pk.refresh_from_db()


def load_pk_demo(pemda: OrgUnit, *, actor=None) -> PkDemoSummary:
    summary = PkDemoSummary()
    if PerjanjianKinerja.objects.filter(pemda=pemda, year=YEAR).exists():
        summary.created = False
        return summary
    actor = actor or _admin(pemda)
    if actor is None:
        summary.created = False
        return summary
    rng = random.Random(f"{SEED}-{pemda.name}")
    with transaction.atomic():
        drafts = services.generate_drafts(actor=actor, pemda=pemda, year=YEAR)
        for pk in drafts:
            roll = rng.random()
            if roll < 0.1:
                summary.drafts += 1
                continue
            _prepare(actor, pk)
            if roll < 0.17:
                summary.waiting += 1
                continue
            day = dt.date(YEAR, 1, 15) + dt.timedelta(days=rng.randint(0, 50))
            if _sign(actor, pk, day):
                summary.signed.append(pk)
            else:
                summary.waiting += 1
        target = next((pk for pk in summary.signed if pk.position.level == "jpt"), None)
        if target is not None:
            new = services.revise(
                actor=actor,
                pk=target,
                reason=RevisionReason.BUDGET,
                note="Penyesuaian target setelah perubahan APBD (APBD-P) 2026.",
            )
            _prepare(actor, new)
            if _sign(actor, new, dt.date(YEAR, 9, 15)):
                summary.revision = new
    return summary
