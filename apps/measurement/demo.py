"""Demo measurement 2026: three quarters of realisations and budget realisation for the demo
Pemda, entered and verified through the services as the OPDs would have done.

* TW I–III of every quarterly measured indicator (signed PK or Renja), values drawn (seeded)
  around the Rencana Aksi quarter targets, so most land in Tinggi / Sangat Tinggi; a few
  indicators fall short every quarter (heading for a miss).
* TW I–II mostly verified; TW III partly verified, mostly submitted, some drafts; two rows
  returned with a note; a few OPDs late (no TW III data at all).
* Budget realisation of every sub kegiatan for TW I–III (absorption 60–75 % of the pagu by
  TW III), except the late OPDs' TW III.
* Bappeda reopened TW III for Dinas Kesehatan until two weeks from today, so the demo operator
  can still enter and fix its TW III rows.

Past quarters are entered with `today` set inside each quarter's window (the services take
`today`), never by writing rows directly. OPDs without an operator or a verifier login get one
(unusable password) so that every row has a real actor.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from apps.measurement import selectors, services
from apps.measurement.models import Realisation, RealisationStatus
from apps.organisations import services as org_services
from apps.organisations.models import Membership, OrgUnit, QuarterWindow, Role, User
from apps.performance.models import NodeLevel, Polarity, RenjaLine

YEAR = 2026
SEED = "sakip-measurement-demo"
REOPEN_OPD = "Dinas Kesehatan"
REOPEN_REASON = (
    "Data capaian TW III Puskesmas belum lengkap karena migrasi sistem informasi kesehatan; "
    "dibuka kembali atas permintaan Kepala Dinas."
)
RETURN_NOTES = (
    "Data dukung belum dilampirkan dan angka tidak sesuai laporan bidang; mohon diperbaiki.",
    "Realisasi melebihi jumlah sasaran; periksa kembali rumus perhitungan.",
)
OBSTACLES = (
    "Keterlambatan pencairan anggaran kegiatan.",
    "Keterbatasan tenaga pelaksana di lapangan.",
    "Data dari UPT belum masuk tepat waktu.",
)
SOLUTIONS = (
    "Koordinasi dengan BPKAD untuk percepatan pencairan.",
    "Optimalisasi tenaga yang ada dan penjadwalan ulang kegiatan.",
    "Pendampingan pengisian data ke UPT.",
)
LATE_OPDS = 3


@dataclass
class MeasurementDemoSummary:
    created: bool = True
    realisations: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    at_risk: list[int] = field(default_factory=list)  # indicator ids falling short
    late_opds: list[OrgUnit] = field(default_factory=list)
    returned: int = 0
    budget_rows: int = 0
    reopened: OrgUnit | None = None
    accounts_created: int = 0


@dataclass
class _Actors:
    enter: User
    verify: User


def _holder(pemda: OrgUnit, unit: OrgUnit, role: str) -> User | None:
    membership = (
        Membership.objects.filter(pemda=pemda, unit=unit, role=role)
        .select_related("user")
        .order_by("id")
        .first()
    )
    return membership.user if membership else None


def _account(pemda: OrgUnit, unit: OrgUnit, role: str, prefix: str, summary) -> User:
    """The unit's existing login for `role`, else a new one (no usable password: an example of
    the OPD's own operator or verifier, whose entries the demo shows)."""
    user = _holder(pemda, unit, role)
    if user is not None:
        return user
    slug = slugify(unit.short_name or unit.name).replace("-", "_")[:40]
    username = f"{prefix}.{slug}"
    user = User.objects.filter(username=username, pemda=pemda).first()
    if user is None:
        user = org_services.user_create(
            actor=None,
            pemda=pemda,
            username=username,
            password=None,
            email=f"{username}@sakip-demo.example",
        )
        summary.accounts_created += 1
    org_services.membership_grant(actor=None, user=user, unit=unit, role=role)
    return user


def _actors(pemda: OrgUnit, unit: OrgUnit, summary) -> _Actors:
    if unit.pk == pemda.pk:
        # The RPJMD's own indicators: Bappeda enters, the admin verifies.
        enter = _holder(pemda, pemda, Role.BAPPEDA) or _holder(pemda, pemda, Role.ADMIN)
        verify = _holder(pemda, pemda, Role.ADMIN)
        return _Actors(enter=enter, verify=verify)
    return _Actors(
        enter=_account(pemda, unit, Role.OPD_OPERATOR, "operator", summary),
        verify=_account(pemda, unit, Role.OPD_VERIFIER, "verifikator", summary),
    )


def _entry_day(window: QuarterWindow) -> dt.date:
    """A day inside the quarter's window (a few days before it closed)."""
    return max(window.opens_on, window.closes_on - dt.timedelta(days=3))


def _round(value: Decimal, like: Decimal) -> Decimal:
    if like == like.to_integral_value() and abs(like) >= 10:
        return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _quarter_target(m: selectors.Measure, quarter: int) -> Decimal | None:
    target = m.quarter_targets.get(quarter)
    if isinstance(target, Decimal):
        return target
    if m.target is None:
        return None
    if m.indicator.aggregation == "kumulatif":
        # No Rencana Aksi (a Renja indicator): a quarter's share of the annual target.
        return m.target * Decimal("0.3")
    return m.target


def _value(m: selectors.Measure, quarter: int, factor: Decimal) -> Decimal | str | None:
    """The realisation that reaches `factor` of the quarter's target (polarity aware)."""
    if m.is_scale:
        text = m.quarter_targets.get(quarter)
        text = text if isinstance(text, str) else m.target_text
        labels = m.indicator.scale.labels if m.indicator.scale_id else []
        return text if text in labels else None
    target = _quarter_target(m, quarter)
    if target is None:
        return None
    polarity = m.indicator.polarity
    if polarity == Polarity.NEGATIVE:
        value = target * (2 - factor)
    elif polarity == Polarity.RANGE and m.target_max is not None and factor >= 1:
        value = (target + m.target_max) / 2
    else:
        value = target * factor
    low, high = m.indicator.min_value, m.indicator.max_value
    if low is not None:
        value = max(value, low)
    if high is not None:
        value = min(value, high)
    return _round(value, target)


def _factor(rng: random.Random, at_risk: bool) -> Decimal:
    if at_risk:
        return Decimal(str(round(rng.uniform(0.42, 0.6), 3)))
    roll = rng.random()
    if roll < 0.08:  # a weak quarter now and then (Sedang)
        return Decimal(str(round(rng.uniform(0.7, 0.8), 3)))
    return Decimal(str(round(rng.uniform(0.9, 1.08), 3)))


def load_measurement_demo(pemda: OrgUnit) -> MeasurementDemoSummary:
    """Idempotent: does nothing when the Pemda already has realisations for the demo year."""
    summary = MeasurementDemoSummary()
    if Realisation.objects.filter(pemda=pemda, year=YEAR).exists():
        summary.created = False
        return summary
    measured = [
        m
        for m in selectors.measures(pemda_id=pemda.pk, year=YEAR)
        if m.quarterly and (m.is_scale or m.target is not None)
    ]
    windows = {
        w.quarter: w for w in QuarterWindow.objects.filter(pemda=pemda, plan_year__year=YEAR)
    }
    if not measured or any(q not in windows for q in (1, 2, 3)):
        summary.created = False
        return summary
    rng = random.Random(f"{SEED}-{pemda.name}")
    by_unit: dict[int, list[selectors.Measure]] = defaultdict(list)
    for m in measured:
        by_unit[m.opd_id or pemda.pk].append(m)
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=list(by_unit))}
    opds = sorted((u for u in units.values() if u.pk != pemda.pk), key=lambda u: u.lft)
    reopen_opd = next((u for u in opds if u.name == REOPEN_OPD), None)
    candidates = [u for u in opds if u != reopen_opd]
    summary.late_opds = sorted(
        rng.sample(candidates, min(LATE_OPDS, len(candidates))), key=lambda u: u.lft
    )
    late_ids = {u.pk for u in summary.late_opds}
    eligible = [
        m
        for m in measured
        if not m.is_scale and m.indicator.polarity != Polarity.RANGE and (m.target or 0) > 0
    ]
    at_risk = {m.indicator.pk for m in rng.sample(eligible, max(2, len(eligible) // 50))}
    summary.at_risk = sorted(at_risk)

    with transaction.atomic():
        for unit_id in sorted(by_unit, key=lambda pk: units[pk].lft):
            unit = units[unit_id]
            actors = _actors(pemda, unit, summary)
            if actors.enter is None or actors.verify is None:
                continue
            quarters = (1, 2) if unit_id in late_ids else (1, 2, 3)
            for quarter in quarters:
                _enter_quarter(
                    pemda, unit, quarter, by_unit[unit_id], actors, windows, rng, summary
                )
            if unit_id != pemda.pk:
                _enter_budget(pemda, unit, quarters, actors.enter, rng, summary)
        _return_two(summary, rng, reopen_opd, windows)
        if reopen_opd is not None:
            bappeda = _holder(pemda, pemda, Role.BAPPEDA) or _holder(pemda, pemda, Role.ADMIN)
            services.window_reopen(
                actor=bappeda,
                window=windows[3],
                opd=reopen_opd,
                until=timezone.localdate() + dt.timedelta(days=14),
                reason=REOPEN_REASON,
            )
            summary.reopened = reopen_opd
    rows = Realisation.objects.filter(pemda=pemda, year=YEAR)
    summary.realisations = rows.count()
    summary.by_status = {s: rows.filter(status=s).count() for s in RealisationStatus.values}
    summary.returned = summary.by_status.get(RealisationStatus.RETURNED, 0)
    return summary


def _enter_quarter(pemda, unit, quarter, measures, actors, windows, rng, summary) -> None:
    day = _entry_day(windows[quarter])
    is_reopened = unit.name == REOPEN_OPD and quarter == 3
    rows: list[services.GridRow] = []
    for number, m in enumerate(measures, start=1):
        if is_reopened and rng.random() < 0.15:
            continue  # left for the operator to enter in the reopened window
        value = _value(m, quarter, _factor(rng, m.indicator.pk in summary.at_risk))
        if value is None:
            continue
        short = m.indicator.pk in summary.at_risk
        rows.append(
            services.GridRow(
                row=number,
                indicator=m.code,
                value=value,
                obstacle=rng.choice(OBSTACLES) if short else "",
                solution=rng.choice(SOLUTIONS) if short else "",
            )
        )
    saved = services.realisations_save(
        actor=actors.enter,
        pemda_id=pemda.pk,
        year=YEAR,
        quarter=quarter,
        rows=rows,
        opd=unit,
        today=day,
    )
    for row in saved:
        roll = rng.random()
        if quarter == 3:
            # TW III: some still drafts, most submitted, a part already verified.
            if roll < 0.15:
                continue
            step = "verify" if roll > 0.65 and not is_reopened else "submit"
        else:
            step = "submit" if roll < 0.1 else "verify"
        services.realisation_transition(
            actor=actors.enter, realisation=row, action="submit", today=day
        )
        if step == "verify":
            services.realisation_transition(actor=actors.verify, realisation=row, action="verify")


def _return_two(summary, rng, reopen_opd, windows) -> None:
    """One TW III row of Dinas Kesehatan (fixable now, in its reopened window) and one TW II row
    of another OPD come back from the verifier with a note."""
    picks = []
    if reopen_opd is not None:
        picks.append(
            Realisation.objects.filter(
                opd=reopen_opd, year=YEAR, quarter=3, status=RealisationStatus.SUBMITTED
            )
            .select_related("indicator__node", "opd")
            .order_by("id")
            .first()
        )
    others = list(
        Realisation.objects.filter(
            opd__parent__isnull=False, year=YEAR, quarter=2, status=RealisationStatus.SUBMITTED
        )
        .exclude(opd=reopen_opd)
        .select_related("indicator__node", "opd")
        .order_by("id")[:20]
    )
    if others:
        picks.append(rng.choice(others))
    for row, note in zip([p for p in picks if p is not None], RETURN_NOTES, strict=False):
        verifier = _holder(row.opd.pemda, row.opd, Role.OPD_VERIFIER)
        services.realisation_transition(actor=verifier, realisation=row, action="return", note=note)


def _enter_budget(pemda, unit, quarters, actor, rng, summary) -> None:
    """Budget realisation of the OPD's sub kegiatan: TW I 10–18 %, TW II 20–27 %, TW III to a
    total of 60–75 % of the pagu of the current Renja."""
    lines = RenjaLine.objects.filter(
        pemda=pemda,
        renja__year=YEAR,
        renja__is_current=True,
        node__opd=unit,
        node__node_level=NodeLevel.SUBKEGIATAN,
    ).select_related("node", "node__opd")
    for line in lines.order_by("node__lft"):
        pagu = line.pagu or Decimal(0)
        if pagu <= 0:
            continue
        shares = [rng.uniform(0.10, 0.18), rng.uniform(0.20, 0.27)]
        shares.append(rng.uniform(0.60, 0.75) - sum(shares))
        for quarter in quarters:
            share = Decimal(str(round(shares[quarter - 1], 4)))
            amount = (pagu * share / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 1000
            services.budget_save(
                actor=actor, node=line.node, year=YEAR, quarter=quarter, amount=amount
            )
            summary.budget_rows += 1
