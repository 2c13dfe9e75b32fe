"""The Pemda's data revision (apps.core.revisions), which the page cache keys on: raised by
every audited change of that Pemda only, exact under commit order, and by the deployment's
Django admin, which bypasses the services."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.core import revisions
from apps.core.activity import log_action
from apps.core.models import DataRevision
from apps.organisations.models import Membership, User

pytestmark = pytest.mark.django_db


def test_it_starts_at_zero_and_counts_each_audited_change(cast):
    DataRevision.objects.all().delete()
    assert revisions.current(cast.pemda.pk) == 0
    log_action(action="sakip.unit.changed", actor=None, pemda_id=cast.pemda.pk)
    log_action(action="sakip.unit.changed", actor=None, pemda_id=cast.pemda.pk)
    assert revisions.current(cast.pemda.pk) == 2
    assert revisions.current(cast.pemda_b.pk) == 0


def test_an_edit_in_the_django_admin_raises_every_pemdas_revision(cast):
    root = User.objects.create_superuser("root", "root@example.org", "x")
    client = cast.client(root)
    before = (revisions.current(cast.pemda.pk), revisions.current(cast.pemda_b.pk))
    membership = Membership.objects.filter(user=cast.viewer).first()
    url = reverse("admin:organisations_membership_delete", args=[membership.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert revisions.current(cast.pemda.pk) > before[0]
    assert revisions.current(cast.pemda_b.pk) > before[1]
