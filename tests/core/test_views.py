"""The shared pages through the browser-level client: dashboard per role, inbox, activity log,
notifications, jobs with their polling partial, the language switch, the sign-in pages and the
strict-CSP rule that no page carries inline scripts or styles."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from apps.core.models import Job, Notification
from apps.core.templatetags.sakip import angka, persen, rupiah
from apps.organisations import services
from tests.conftest import PASSWORD


def _job(cast, **fields) -> Job:
    return Job.objects.create(
        kind="organisation_export", owner=cast.admin, pemda=cast.pemda, **fields
    )


# --- dashboard --------------------------------------------------------------------------------


def test_it_shows_each_role_its_own_dashboard_panel(cast):
    expectations = {
        "admin": [reverse("organisations:user_list"), reverse("organisations:export")],
        "bappeda": [reverse("organisations:period_list")],
        "operator": [reverse("organisations:unit_detail", args=[cast.opd1.code])],
        "verifier": [reverse("organisations:unit_detail", args=[cast.opd1.code])],
        "evaluator": [reverse("core:activity")],
        "lead": [reverse("core:activity")],
        "viewer": [reverse("organisations:period_list")],
        "other_operator": [reverse("organisations:unit_detail", args=[cast.opd2.code])],
        "outsider": [reverse("organisations:unit_detail", args=[cast.opd_b.code])],
    }
    for name, links in expectations.items():
        response = cast.client(cast.users[name]).get(reverse("core:dashboard"))
        assert response.status_code == 200, name
        body = response.content.decode()
        for link in links:
            assert link in body, (name, link)
    operator_page = cast.client(cast.operator).get(reverse("core:dashboard")).content.decode()
    assert reverse("organisations:user_list") not in operator_page
    assert "Kabupaten Contoh" in operator_page, "the user's Pemda is named"


def test_the_header_names_the_users_own_pemda_with_or_without_a_role(cast):
    # The name comes with the scope's query (no query of its own); a user without any role
    # still sees it (read from the user's Pemda then).
    url = reverse("core:jobs")
    no_role = services.user_create(actor=None, pemda=cast.pemda, username="norole", password=None)
    for user, name in (
        (cast.operator, "Kabupaten Contoh"),
        (no_role, "Kabupaten Contoh"),
        (cast.outsider, "Kota Lain"),
    ):
        body = cast.client(user).get(url).content.decode()
        assert f"SAKIP <small>· {name}</small>" in body, user.username
    assert "<small>·" not in cast.client(None).get(reverse("login")).content.decode()


def test_it_shows_the_viewer_a_read_only_summary(cast):
    response = cast.client(cast.viewer).get(reverse("core:dashboard"))
    body = response.content.decode()
    assert reverse("organisations:unit_create") not in body
    assert 'action="/org/export/"' not in body


def test_it_sends_anonymous_visitors_to_the_login_page(cast):
    response = cast.client(None).get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# --- inbox, activity, notifications -----------------------------------------------------------


def test_it_lists_what_waits_in_the_inbox(cast):
    response = cast.client(cast.admin).get(reverse("core:inbox"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kepala Dinas Pendidikan" in body, "a vacant head position waits for the admin"
    dashboard = cast.client(cast.admin).get(reverse("core:dashboard"))
    assert dashboard.context["inbox_count"] >= 1


def test_it_shows_the_activity_log_with_human_labels(cast):
    services.unit_update(
        actor=cast.admin,
        unit=cast.opd1,
        data={"short_name": "Dinkes Kab"},
        expected_version=cast.opd1.version,
    )
    client = cast.client(cast.admin)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("core:activity"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "changed the unit" in body
    assert "Dinkes Kab" in body
    assert "Short name" in body, "changed fields are named as the form names them"


def test_it_lists_the_users_notifications(cast):
    Notification.objects.create(
        pemda=cast.pemda, user=cast.operator, title="Batas TW I", body="Isi realisasi TW I."
    )
    Notification.objects.create(pemda=cast.pemda, user=cast.verifier, title="Untuk orang lain")
    body = cast.client(cast.operator).get(reverse("core:notifications")).content.decode()
    assert "Batas TW I" in body
    assert "Untuk orang lain" not in body


# --- jobs -------------------------------------------------------------------------------------


def test_it_polls_a_running_job_and_stops_when_it_is_finished(cast):
    job = _job(cast, status=Job.Status.RUNNING, progress=40, message="Unit")
    client = cast.client(cast.admin)
    response = client.get(reverse("core:job_detail", args=[job.code]))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'hx-get="{reverse("core:job_status", args=[job.code])}"' in body
    assert 'hx-trigger="every 1s"' in body
    assert '<progress class="job-progress" max="100" value="40"' in body

    job.result_file.save("organisasi.xlsx", ContentFile(b"xlsx"), save=False)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE,
        progress=100,
        result_file=job.result_file.name,
        result_name="organisasi.xlsx",
        finished_at=timezone.now(),
    )
    partial = client.get(reverse("core:job_status", args=[job.code]))
    assert partial.status_code == 200
    text = partial.content.decode()
    assert "hx-trigger" not in text, "a finished job is not polled any more"
    assert "<html" not in text, "the partial is only the status block"
    assert reverse("core:job_download", args=[job.code]) in text
    assert client.get(reverse("core:job_download", args=[job.code])).status_code == 200


def test_it_shows_why_a_job_failed(cast):
    job = _job(cast, status=Job.Status.FAILED, message="Failed: disk full")
    body = cast.client(cast.admin).get(reverse("core:job_detail", args=[job.code])).content
    assert b"Failed: disk full" in body
    assert b"hx-trigger" not in body


def test_it_lists_the_users_jobs_and_hides_others_jobs(cast):
    job = _job(cast)
    response = cast.client(cast.admin).get(reverse("core:jobs"))
    assert reverse("core:job_detail", args=[job.code]) in response.content.decode()
    other = cast.client(cast.operator)
    assert (
        reverse("core:job_detail", args=[job.code])
        not in other.get(reverse("core:jobs")).content.decode()
    )
    assert other.get(reverse("core:job_detail", args=[job.code])).status_code == 404


# --- language and sign-in ---------------------------------------------------------------------


def test_it_speaks_indonesian_by_default_and_english_after_switching(cast):
    client = cast.client(None)
    page = client.get(reverse("login")).content.decode()
    assert 'lang="id"' in page
    assert "Masuk" in page
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302
    page = client.get(reverse("login")).content.decode()
    assert 'lang="en"' in page
    assert "Sign in" in page
    assert "Masuk" not in page


def test_it_signs_in_and_out(cast):
    client = cast.client(None)
    response = client.post(reverse("login"), {"username": "operator", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_it_shows_a_wrong_password_on_the_login_form(cast):
    response = cast.client(None).post(
        reverse("login"), {"username": "operator", "password": "salah"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_it_changes_the_password(cast):
    client = cast.client(cast.operator)
    assert client.get(reverse("password_change")).status_code == 200
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Kinerja-Baru-2025",
            "new_password2": "Kinerja-Baru-2025",
        },
    )
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    cast.operator.refresh_from_db()
    assert cast.operator.check_password("Kinerja-Baru-2025")


def test_it_explains_a_login_lockout(cast, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2
    client = cast.client(None)
    for _attempt in range(2):
        client.post(reverse("login"), {"username": "operator", "password": "salah"})
    response = client.post(reverse("login"), {"username": "operator", "password": "salah"})
    assert response.status_code == 429
    body = response.content.decode()
    assert "terkunci" in body
    assert "15" in body, "how long to wait"


# --- strict CSP -------------------------------------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+=", re.IGNORECASE)


def test_it_puts_no_inline_script_or_style_in_any_page(cast):
    job = _job(cast, status=Job.Status.RUNNING, progress=10)
    client = cast.client(cast.admin)
    pages = [
        reverse("core:dashboard"),
        reverse("core:inbox"),
        reverse("core:activity"),
        reverse("core:notifications"),
        reverse("core:jobs"),
        reverse("core:job_detail", args=[job.code]),
        reverse("core:job_status", args=[job.code]),
        reverse("password_change"),
        reverse("organisations:unit_tree"),
        reverse("organisations:unit_detail", args=[cast.opd1.code]),
        reverse("organisations:unit_edit", args=[cast.opd1.code]),
        reverse("organisations:position_list"),
        reverse("organisations:position_edit", args=[cast.kepala_opd1.code]),
        reverse("organisations:person_create"),
        reverse("organisations:user_edit", args=[cast.operator.code]),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        body = response.content.decode()
        assert not INLINE_SCRIPT.search(body), page
        assert not INLINE_STYLE.search(body), page
        assert not INLINE_HANDLER.search(body), page
    login = cast.client(None).get(reverse("login")).content.decode()
    assert not INLINE_SCRIPT.search(login) and not INLINE_STYLE.search(login)


# --- number formats ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["id", "en"])
def test_it_writes_rupiah_and_numbers_the_indonesian_way_in_every_language(language):
    with translation.override(language):
        assert rupiah(1234567) == "Rp 1.234.567"
        assert rupiah("-2500000.5") == "-Rp 2.500.001"
        assert rupiah(1234.5, 2) == "Rp 1.234,50"
        assert angka(1234567.891, 2) == "1.234.567,89"
        assert angka(0.125, 2) == "0,13", "half up, as people round by hand"
        assert angka(-0.001, 2) == "0,00"
        assert persen(95.254) == "95,25%"
        assert persen(100, 0) == "100%"


def test_it_shows_a_dash_for_an_undefined_number():
    assert rupiah(None) == "–"
    assert angka("", 2) == "–"
    assert persen("not a number") == "–"
    assert persen(float("inf")) == "–"


def test_it_hashes_passwords_with_argon2_and_upgrades_older_hashes_at_sign_in(cast, settings):
    """Production's hashers (the tests' own setting uses a cheap one): a PBKDF2 hash stored
    before still signs in, and is re-hashed with Argon2id."""
    import sakip.settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    user = cast.operator
    user.password = make_password("kata-sandi-lama-1", hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    response = Client().post(
        reverse("login"), {"username": user.username, "password": "kata-sandi-lama-1"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=47104,t=1,p=1$")
    assert user.check_password("kata-sandi-lama-1")
    # A hash with Django's own Argon2 parameters signs in too, and gets ours.
    django_default = Argon2PasswordHasher()
    user.password = django_default.encode("kata-sandi-lama-2", django_default.salt())
    user.save(update_fields=["password"])
    assert "m=102400,t=2,p=8" in user.password
    response = Client().post(
        reverse("login"), {"username": user.username, "password": "kata-sandi-lama-2"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=47104,t=1,p=1$")
