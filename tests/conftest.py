"""The fixed cast of every test (DESIGN.md "Tests").

Pemda A (Kabupaten Contoh) has two OPDs: Dinas Kesehatan (OPD 1, with a bidang and a seksi) and
Dinas Pendidikan (OPD 2). Pemda B (Kota Lain) has one OPD. People:

* admin      – admin on Pemda A
* bappeda    – bappeda on Pemda A
* operator   – opd_operator on OPD 1
* verifier   – opd_verifier on OPD 1
* evaluator  – evaluator on Pemda A
* lead       – evaluator_lead on Pemda A
* viewer     – viewer (leadership, read-only) on Pemda A
* other_operator – opd_operator on OPD 2 (a user of another OPD)
* outsider   – opd_operator on the OPD of Pemda B (another Pemda)
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import Client

from apps.organisations import services
from apps.organisations.models import OrgUnit, Person, Position, Role, UnitType, User

PASSWORD = "sakip-test-Pa55"


@dataclass
class Cast:
    pemda: OrgUnit
    opd1: OrgUnit
    bidang1: OrgUnit
    seksi1: OrgUnit
    opd2: OrgUnit
    pemda_b: OrgUnit
    opd_b: OrgUnit
    kepala_daerah: Position
    kepala_opd1: Position
    kabid1: Position
    kasi1: Position
    kepala_opd2: Position
    kepala_opd_b: Position
    person_kepala_opd1: Person
    admin: User
    bappeda: User
    operator: User
    verifier: User
    evaluator: User
    lead: User
    viewer: User
    other_operator: User
    outsider: User

    def client(self, user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    @property
    def users(self) -> dict[str, User | None]:
        return {
            "anonymous": None,
            "admin": self.admin,
            "bappeda": self.bappeda,
            "operator": self.operator,
            "verifier": self.verifier,
            "evaluator": self.evaluator,
            "lead": self.lead,
            "viewer": self.viewer,
            "other_operator": self.other_operator,
            "outsider": self.outsider,
        }


def _user(pemda: OrgUnit, username: str, role: str, unit: OrgUnit) -> User:
    user = services.user_create(actor=None, pemda=pemda, username=username, password=PASSWORD)
    services.membership_grant(actor=None, user=user, unit=unit, role=role)
    return user


def build_cast() -> Cast:
    pemda = services.pemda_create(
        name="Kabupaten Contoh", pemda_kind="kabupaten", place="Contoh", short_name="Contoh"
    )
    opd1 = services.unit_create(
        actor=None,
        parent=pemda,
        name="Dinas Kesehatan",
        unit_type=UnitType.OPD,
        short_name="Dinkes",
        opd_code="1.02.0.00.0.00.01",
    )
    bidang1 = services.unit_create(
        actor=None, parent=opd1, name="Bidang Pelayanan Kesehatan", unit_type=UnitType.BIDANG
    )
    seksi1 = services.unit_create(
        actor=None, parent=bidang1, name="Seksi Pelayanan Primer", unit_type=UnitType.SEKSI
    )
    opd2 = services.unit_create(
        actor=None,
        parent=pemda,
        name="Dinas Pendidikan",
        unit_type=UnitType.OPD,
        short_name="Disdik",
        opd_code="1.01.0.00.0.00.01",
    )
    pemda_b = services.pemda_create(
        name="Kota Lain", pemda_kind="kota", place="Lain", short_name="Lain"
    )
    opd_b = services.unit_create(
        actor=None, parent=pemda_b, name="Dinas Kesehatan Kota Lain", unit_type=UnitType.OPD
    )

    kepala_daerah = services.position_create(
        actor=None, unit=pemda, title="Bupati Contoh", level="kepala_daerah", is_head=True
    )
    kepala_opd1 = services.position_create(
        actor=None,
        unit=opd1,
        title="Kepala Dinas Kesehatan",
        level="jpt",
        is_head=True,
        superior=kepala_daerah,
    )
    kabid1 = services.position_create(
        actor=None,
        unit=bidang1,
        title="Kepala Bidang Pelayanan Kesehatan",
        level="administrator",
        is_head=True,
        superior=kepala_opd1,
    )
    kasi1 = services.position_create(
        actor=None,
        unit=seksi1,
        title="Kepala Seksi Pelayanan Primer",
        level="pengawas",
        is_head=True,
        superior=kabid1,
    )
    kepala_opd2 = services.position_create(
        actor=None,
        unit=opd2,
        title="Kepala Dinas Pendidikan",
        level="jpt",
        is_head=True,
        superior=kepala_daerah,
    )
    kepala_opd_b = services.position_create(
        actor=None, unit=opd_b, title="Kepala Dinas Kesehatan Kota Lain", level="jpt", is_head=True
    )
    person = services.person_create(
        actor=None,
        unit=opd1,
        name="dr. Siti Rahma, M.Kes.",
        nip="197501012000032001",
        pangkat="IV/b",
    )
    services.assignment_create(
        actor=None, position=kepala_opd1, person=person, start_date=dt.date(2024, 1, 1)
    )

    return Cast(
        pemda=pemda,
        opd1=opd1,
        bidang1=bidang1,
        seksi1=seksi1,
        opd2=opd2,
        pemda_b=pemda_b,
        opd_b=opd_b,
        kepala_daerah=kepala_daerah,
        kepala_opd1=kepala_opd1,
        kabid1=kabid1,
        kasi1=kasi1,
        kepala_opd2=kepala_opd2,
        kepala_opd_b=kepala_opd_b,
        person_kepala_opd1=person,
        admin=_user(pemda, "admin", Role.ADMIN, pemda),
        bappeda=_user(pemda, "bappeda", Role.BAPPEDA, pemda),
        operator=_user(pemda, "operator", Role.OPD_OPERATOR, opd1),
        verifier=_user(pemda, "verifier", Role.OPD_VERIFIER, opd1),
        evaluator=_user(pemda, "evaluator", Role.EVALUATOR, pemda),
        lead=_user(pemda, "lead", Role.EVALUATOR_LEAD, pemda),
        viewer=_user(pemda, "viewer", Role.VIEWER, pemda),
        other_operator=_user(pemda, "other_operator", Role.OPD_OPERATOR, opd2),
        outsider=_user(pemda_b, "outsider", Role.OPD_OPERATOR, opd_b),
    )


@pytest.fixture(scope="session", autouse=True)
def _media_in_a_scratch_directory(tmp_path_factory):
    """Uploaded evidence, rendered PDFs and job results of the whole run go to a scratch
    directory, never into var/media of the developer's own `make run` data."""
    from django.test.utils import override_settings

    override = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media")))
    override.enable()
    yield
    override.disable()


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings):
    """Pages link static files; tests do not run collectstatic, so production's manifest storage
    would refuse every {% static %}: tests name the files as they are."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _test_values(settings):
    """Values, not code paths, that differ in tests: a cheap password hasher, a cache in the
    test process's memory, and static files served without the manifest that `collectstatic`
    builds for production."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each test process its own memory cache (production's file cache is shared by processes).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache(_test_values):
    """Every test starts with an empty cache (the Pemda dashboard's figures live there): a
    rolled-back test leaves no figures for the next one, which may reuse its ids."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cast(db) -> Cast:
    return build_cast()


# --- browser tests: Playwright for Python driving Debian's Chromium against the live server.
# Defined here, once for the whole session, so that every test module shares one browser.

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--no-sandbox",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: `make test` installs Debian's chromium")
    # The live server runs in a thread; Django refuses sync DB calls inside an event loop.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
