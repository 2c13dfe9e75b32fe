from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from apps.agreements.models import PkStatus

pytestmark = pytest.mark.django_db


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_it_reads_a_pk_with_lines_and_runs_the_workflow(world, cast):
    pk = world.kepala
    api = _api(cast.operator)
    data = api.get(f"/api/v1/pk/{pk.code}/").json()
    assert data["lines"][0]["indicator_name"] == "Persentase puskesmas terakreditasi paripurna"
    assert data["budget_lines"][0]["level"] == "program"
    assert (
        api.post(
            f"/api/v1/pk/{pk.code}/submit/", {"version": pk.version}, format="json"
        ).status_code
        == 200
    )
    pk.refresh_from_db()
    verifier = _api(cast.verifier)
    assert (
        verifier.post(
            f"/api/v1/pk/{pk.code}/approve/", {"version": pk.version}, format="json"
        ).status_code
        == 200
    )
    pk.refresh_from_db()
    signed = verifier.post(f"/api/v1/pk/{pk.code}/sign/", {"version": pk.version}, format="json")
    assert signed.status_code == 200 and signed.json()["status"] == PkStatus.SIGNED
    assert signed.json()["first_party_nip"] == "197501012000032001"


def test_it_refuses_inconsistent_or_stale_rencana_aksi(world, cast):
    line = world.kepala.lines.get()
    api = _api(cast.operator)
    url = f"/api/v1/pk-lines/{line.code}/rencana-aksi/"
    bad = {"version": line.version, "quarters": [{"target": v} for v in ("1", "2", "3", "4")]}
    response = api.put(url, bad, format="json")
    assert response.status_code == 400 and "q4_target" in response.json()
    good = {"version": line.version, "quarters": [{"target": v} for v in ("20", "30", "40", "50")]}
    assert api.put(url, good, format="json").status_code == 200
    stale = api.put(url, good, format="json")
    assert stale.status_code == 409
    assert [q.target for q in line.quarters.order_by("quarter")] == [20, 30, 40, 50]
