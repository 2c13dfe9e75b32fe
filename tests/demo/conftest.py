"""The whole demo (`manage.py load_demo`), loaded ONCE for every module of this package inside a
transaction rolled back at the end, so that no other test sees it and the suite pays for one
load. Each test runs in a savepoint inside it. Each app's demo expectations live in
tests/demo/test_<app>.py."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    """The output of load_demo. The cheap hasher of tests/conftest.py is function-scoped; it is
    used here too, so that the demo passwords are hashed the way the tests check them."""
    out = io.StringIO()
    cheap = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with cheap, django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)
