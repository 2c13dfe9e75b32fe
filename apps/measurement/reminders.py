"""Reminders before a quarter closes, and to verifiers of waiting items (run by the
`send_reminders` management command from cron).

* Operators: an OPD's operators (role opd_operator on the OPD or a unit above it) are reminded
  when a quarter's entry window for the OPD (its reopening included) closes in
  MeasurementSettings.reminder_days days or fewer and indicators of the OPD measured that quarter
  still lack a submitted realisation (none, a draft, or one returned for correction).
* Verifiers: an OPD's verifiers (role opd_verifier on the OPD or above it) are reminded of the
  realisations submitted and waiting for them, at most once a week per OPD.

Each reminder is an in-app Notification whose `dedupe_key` is unique per user: the operator key
names the window's closing date (`measure:window:<pemda>:<year>:<q>:<opd>:<closes on>`), so one
reminder per window close (a reopening to a new date reminds again); the verifier key names the
ISO week. An email (text and HTML, in Indonesian) goes to recipients with an address, only for
notifications created in this run, so running the command twice sends nothing twice. Each
recipient's notifications and email are one transaction: a failed email leaves nothing behind and
the next run tries again.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from apps.core.models import Notification
from apps.measurement import forecast, selectors
from apps.measurement.models import Realisation, RealisationStatus
from apps.organisations.models import Membership, OrgUnit, QuarterWindow, Role

KIND_WINDOW = "window"
KIND_VERIFY = "verify"


@dataclass(frozen=True)
class Reminder:
    kind: str
    user: object  # organisations.User
    pemda_id: int
    unit: OrgUnit
    count: int
    key: str
    title: str
    body: str
    url: str
    year: int | None = None
    quarter: int | None = None
    closes_on: dt.date | None = None


@dataclass
class Summary:
    window_new: int = 0
    verify_new: int = 0
    already_sent: int = 0
    emails: int = 0
    recipients: int = 0
    failed: int = 0
    dry_run: bool = False
    lines: list[str] = field(default_factory=list)


# --- who ----------------------------------------------------------------------------------------


def _members_over(pemda_ids, roles) -> dict[int, list[tuple[Membership, OrgUnit]]]:
    """Active memberships of `roles` per Pemda, with their unit's tree position (one query)."""
    out: dict[int, list] = defaultdict(list)
    for m in Membership.objects.filter(
        pemda_id__in=list(pemda_ids), role__in=list(roles), user__is_active=True
    ).select_related("user", "unit"):
        out[m.pemda_id].append(m)
    return out


def _covering(memberships, unit: OrgUnit, role: str) -> list:
    """Users holding `role` on `unit` or a unit above it, each once, in username order."""
    users = {
        m.user_id: m.user
        for m in memberships
        if m.role == role
        and m.unit.tree_id == unit.tree_id
        and m.unit.lft <= unit.lft
        and m.unit.rght >= unit.rght
    }
    return sorted(users.values(), key=lambda u: u.username)


# --- what is due --------------------------------------------------------------------------------


def _window_texts(context: dict) -> tuple[str, str]:
    title = _(
        "TW %(q)s %(year)s closes on %(day)s: %(n)s indicators of %(opd)s still lack a "
        "submitted realisation"
    )
    body = _(
        "The entry window closes in %(days)s days. Enter and submit the realisations before it "
        "closes; after that they are late."
    )
    return title % context, body % context


def _window_reminders(today: dt.date) -> list[Reminder]:
    pairs = set(
        QuarterWindow.objects.filter(opens_on__lte=today)
        .filter(Q(closes_on__gte=today) | Q(reopenings__until__gte=today))
        .values_list("pemda_id", "plan_year__year")
        .distinct()
    )
    if not pairs:
        return []
    pemda_ids = {p for p, _year in pairs}
    members = _members_over(pemda_ids, [Role.OPD_OPERATOR])
    out = []
    for pemda_id, year in sorted(pairs):
        lead = selectors.settings_for(pemda_id).reminder_days
        opds = list(OrgUnit.objects.filter(pemda_id=pemda_id, unit_type="opd", is_active=True))
        if not opds:
            continue
        windows = selectors.windows_by_unit(
            pemda_id=pemda_id, year=year, unit_ids=[o.pk for o in opds], today=today
        )
        by_opd = defaultdict(list)
        for m in selectors.measures(
            pemda_id=pemda_id, year=year, opd_ids=[o.pk for o in opds], pemda_level=False
        ):
            by_opd[m.opd_id].append(m)
        for opd in opds:
            for q, state in windows[opd.pk].items():
                if not state.is_open or state.until is None:
                    continue
                days_left = (state.until - today).days
                if days_left > lead:
                    continue
                pending = [
                    m
                    for m in by_opd[opd.pk]
                    if q in m.quarters and forecast.is_pending(m.realisations.get(q))
                ]
                if not pending:
                    continue
                key = f"measure:window:{pemda_id}:{year}:{q}:{opd.pk}:{state.until.isoformat()}"
                url = reverse("measurement:grid", args=[opd.code, year, q])
                context = {
                    "q": q,
                    "year": year,
                    "day": state.until.strftime("%d-%m-%Y"),
                    "n": len(pending),
                    "opd": opd.name,
                    "days": days_left,
                }
                title, body = _window_texts(context)
                for user in _covering(members[pemda_id], opd, Role.OPD_OPERATOR):
                    out.append(
                        Reminder(
                            KIND_WINDOW,
                            user,
                            pemda_id,
                            opd,
                            len(pending),
                            key,
                            title,
                            body,
                            url,
                            year=year,
                            quarter=q,
                            closes_on=state.until,
                        )
                    )
    return out


def _verify_reminders(today: dt.date) -> list[Reminder]:
    waiting = list(
        Realisation.objects.filter(status=RealisationStatus.SUBMITTED, opd__isnull=False)
        .values("pemda_id", "opd_id")
        .annotate(n=Count("id"))
        .order_by("pemda_id", "opd_id")
    )
    if not waiting:
        return []
    units = OrgUnit.objects.in_bulk([w["opd_id"] for w in waiting])
    members = _members_over({w["pemda_id"] for w in waiting}, [Role.OPD_VERIFIER])
    iso = today.isocalendar()
    week = f"{iso.year}-W{iso.week:02d}"
    url = reverse("measurement:verify_queue")
    out = []
    for w in waiting:
        unit = units[w["opd_id"]]
        key = f"measure:verify:{w['pemda_id']}:{unit.pk}:{week}"
        context = {"n": w["n"], "opd": unit.name}
        title = _("%(n)s realisations of %(opd)s wait for your verification") % context
        body = _("Verify them, or return them with a note so the operator can correct them.")
        for user in _covering(members[w["pemda_id"]], unit, Role.OPD_VERIFIER):
            out.append(
                Reminder(KIND_VERIFY, user, w["pemda_id"], unit, w["n"], key, title, body, url)
            )
    return out


def reminders_due(*, today: dt.date) -> list[Reminder]:
    """Every reminder due on `today`, whether or not it was already sent. In Indonesian."""
    with translation.override("id"):
        return _window_reminders(today) + _verify_reminders(today)


# --- sending ------------------------------------------------------------------------------------


def _email(user, reminders: list[Reminder]) -> EmailMultiAlternatives:
    base = settings.SITE_URL.rstrip("/")
    context = {"user": user, "reminders": reminders, "base": base}
    subject = (
        reminders[0].title
        if len(reminders) == 1
        else _("SAKIP: %(n)s reminders about realisations") % {"n": len(reminders)}
    )
    message = EmailMultiAlternatives(
        subject=subject[:200],
        body=render_to_string("measurement/email/reminder.txt", context),
        to=[user.email],
    )
    message.attach_alternative(
        render_to_string("measurement/email/reminder.html", context), "text/html"
    )
    return message


def reminders_send(*, today: dt.date, dry_run: bool = False) -> Summary:
    """Create the notifications due on `today` that do not exist yet and email them, one
    transaction per recipient. With `dry_run`, only count what would be sent."""
    summary = Summary(dry_run=dry_run)
    due = reminders_due(today=today)
    existing = set(
        Notification.objects.filter(
            user_id__in={r.user.pk for r in due}, dedupe_key__in={r.key for r in due}
        ).values_list("user_id", "dedupe_key")
    )
    per_user: dict[int, list[Reminder]] = defaultdict(list)
    for r in due:
        if (r.user.pk, r.key) in existing:
            summary.already_sent += 1
        else:
            per_user[r.user.pk].append(r)
    with translation.override("id"):
        for reminders in per_user.values():
            user = reminders[0].user
            try:
                new = reminders if dry_run else _send_one(user, reminders)
            except OSError as exc:  # SMTP refused: nothing was kept, the next run retries
                summary.failed += 1
                summary.lines.append(f"{user.username}: {exc}")
                continue
            if not new:
                continue
            summary.recipients += 1
            for r in new:
                if r.kind == KIND_WINDOW:
                    summary.window_new += 1
                else:
                    summary.verify_new += 1
                summary.lines.append(f"{user.username}: {r.title}")
            if user.email:
                summary.emails += 1
    return summary


def _send_one(user, reminders: list[Reminder]) -> list[Reminder]:
    """One recipient's notifications and email, all or nothing."""
    with transaction.atomic():
        created = []
        for r in reminders:
            _note, is_new = Notification.objects.get_or_create(
                user=user,
                dedupe_key=r.key,
                defaults={
                    "pemda_id": r.pemda_id,
                    "title": r.title[:300],
                    "body": r.body,
                    "url": r.url,
                },
            )
            if is_new:
                created.append(r)
        if created and user.email:
            _email(user, created).send()
    return created
