"""load_demo refuses to run over users it would create (the demo itself is tested once, in
tests/demo/)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from apps.organisations.demo import PEMDA_NAME
from apps.organisations.models import OrgUnit


@pytest.mark.django_db
def test_it_refuses_to_load_when_a_demo_user_name_is_taken(cast):
    with pytest.raises(CommandError, match="admin"):
        call_command("load_demo", stdout=io.StringIO())
    assert not OrgUnit.objects.filter(name=PEMDA_NAME).exists()
