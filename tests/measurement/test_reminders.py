"""Reminders: operators before a window closes, verifiers of waiting items; the command run twice
sends nothing twice."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext

from apps.core.models import Notification
from apps.measurement import reminders, services
from apps.measurement.models import MeasurementSettings
from apps.organisations import services as org_services
from apps.organisations.models import QuarterWindow
from tests.measurement.conftest import YEAR, close_window

pytestmark = pytest.mark.django_db


@pytest.fixture
def emails(cast):
    for user, address in (
        (cast.operator, "operator@dinkes.contoh.go.id"),
        (cast.verifier, "verifier@dinkes.contoh.go.id"),
        (cast.other_operator, "operator@disdik.contoh.go.id"),
    ):
        user.email = address
        user.save(update_fields=["email"])


def run(*args) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def indonesian_title(cast, closes: str) -> str:
    """The title in the Indonesian catalog (the msgid itself until the catalog is compiled)."""
    day = dt.date.fromisoformat(closes)
    context = {"q": 1, "year": YEAR, "day": day.strftime("%d-%m-%Y"), "n": 2}
    context |= {"opd": "Dinas Kesehatan", "days": 5}
    with translation.override("id"):
        return reminders._window_texts(context)[0]


def only_tw1_open(cast):
    """TW II–IV closed long ago; TW I open and closing in five days (the conftest window)."""
    for q in (2, 3, 4):
        close_window(cast.pemda, q)


def test_it_reminds_operators_once_however_often_it_runs(cast, mworld, emails):
    only_tw1_open(cast)
    first = run()
    # Dinas Kesehatan's two PK indicators lack TW I; Dinas Pendidikan measures nothing.
    assert "Sent 1 window reminders and 0 verifier reminders to 1 users (1 emails)" in first
    notes = Notification.objects.filter(user=cast.operator)
    assert notes.count() == 1
    note = notes.get()
    closes = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    assert note.dedupe_key == (f"measure:window:{cast.pemda.pk}:{YEAR}:1:{cast.opd1.pk}:{closes}")
    assert note.title == indonesian_title(cast, closes)
    assert note.url == f"/measure/{cast.opd1.code}/{YEAR}/1/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["operator@dinkes.contoh.go.id"]
    assert message.subject == note.title
    assert f"/measure/{cast.opd1.code}/{YEAR}/1/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "<strong>" in html and note.title in html

    second = run()
    assert "Sent 0 window reminders and 0 verifier reminders to 0 users (0 emails)" in second
    assert "1 already sent earlier" in second
    assert Notification.objects.filter(user=cast.operator).count() == 1
    assert len(mail.outbox) == 1
    assert not Notification.objects.filter(user=cast.other_operator).exists()


def test_an_operator_above_the_opd_is_reminded_too_but_once(cast, mworld, emails):
    only_tw1_open(cast)
    org_services.membership_grant(
        actor=None, user=cast.operator, unit=cast.bidang1, role="opd_operator"
    )
    wide = org_services.user_create(actor=None, pemda=cast.pemda, username="op_all", password=None)
    org_services.membership_grant(actor=None, user=wide, unit=cast.pemda, role="opd_operator")
    run()
    assert Notification.objects.filter(user=cast.operator).count() == 1
    assert Notification.objects.filter(user=wide).count() == 1
    assert len(mail.outbox) == 1  # op_all has no address: the in-app notification only


def test_nothing_is_sent_outside_the_lead_window(cast, mworld, emails):
    only_tw1_open(cast)
    MeasurementSettings.objects.create(pemda=cast.pemda, reminder_days=3)
    out = run()  # TW I closes in five days, the Pemda reminds three days ahead
    assert "Sent 0 window reminders" in out
    later = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    assert "Sent 1 window reminders" in run("--date", later)
    assert Notification.objects.filter(user=cast.operator).count() == 1
    after_close = (timezone.localdate() + dt.timedelta(days=6)).isoformat()
    assert "Sent 0 window reminders" in run("--date", after_close)


def test_submitted_indicators_need_no_reminder(cast, mworld, emails):
    only_tw1_open(cast)
    for indicator in (mworld.plan.sasaran_indicator, mworld.plan.sub_indicator):
        row = services.realisation_save(
            actor=cast.operator, indicator=indicator, year=YEAR, quarter=1, value=1
        )
        services.realisation_transition(actor=cast.operator, realisation=row, action="submit")
    out = run()
    assert "Sent 0 window reminders and 1 verifier reminders to 1 users (1 emails)" in out
    assert not Notification.objects.filter(user=cast.operator).exists()


def test_verifiers_get_their_waiting_count_once_a_week(cast, mworld, emails):
    only_tw1_open(cast)
    row = services.realisation_save(
        actor=cast.operator, indicator=mworld.plan.sasaran_indicator, year=YEAR, quarter=1, value=9
    )
    services.realisation_transition(actor=cast.operator, realisation=row, action="submit")
    run()
    note = Notification.objects.get(user=cast.verifier)
    with translation.override("id"):
        expected = gettext("%(n)s realisations of %(opd)s wait for your verification")
    assert note.title == expected % {"n": 1, "opd": "Dinas Kesehatan"}
    assert note.url == "/measure/verify/"
    assert [m.to for m in mail.outbox] == [
        ["operator@dinkes.contoh.go.id"],
        ["verifier@dinkes.contoh.go.id"],
    ]
    run()
    assert Notification.objects.filter(user=cast.verifier).count() == 1
    assert len(mail.outbox) == 2
    next_week = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    run("--date", next_week)
    assert Notification.objects.filter(user=cast.verifier).count() == 2


def test_a_dry_run_changes_nothing(cast, mworld, emails):
    only_tw1_open(cast)
    out = run("--dry-run")
    assert "Dry run: would send 1 window reminders" in out
    assert "operator: TW 1" in out
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_a_reopened_window_reminds_again_before_its_new_close(cast, mworld, emails):
    only_tw1_open(cast)
    close_window(cast.pemda, 1)
    assert "Sent 0 window reminders" in run()
    services.window_reopen(
        actor=cast.bappeda,
        window=QuarterWindow.objects.get(pemda=cast.pemda, plan_year__year=YEAR, quarter=1),
        opd=cast.opd1,
        until=timezone.localdate() + dt.timedelta(days=2),
        reason="Data terlambat",
    )
    assert "Sent 1 window reminders" in run()
    assert Notification.objects.get(user=cast.operator).dedupe_key.endswith(
        (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    )


def test_a_failed_email_keeps_nothing_so_the_next_run_retries(cast, mworld, emails, settings):
    only_tw1_open(cast)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with pytest.raises(Exception, match="could not be reached"):
        run()
    assert not Notification.objects.filter(user=cast.operator).exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert "Sent 1 window reminders" in run()
    assert len(mail.outbox) == 1


def test_a_bad_date_is_refused(cast):
    with pytest.raises(Exception, match="YYYY-MM-DD"):
        run("--date", "31-12-2026")


def test_reminders_due_lists_the_pending_count(cast, mworld):
    only_tw1_open(cast)
    due = reminders.reminders_due(today=timezone.localdate())
    assert [(r.kind, r.user.username, r.unit.name, r.count, r.quarter) for r in due] == [
        ("window", "operator", "Dinas Kesehatan", 2, 1)
    ]
