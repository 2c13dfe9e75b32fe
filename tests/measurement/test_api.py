"""The measurement REST API against the real database: entry with optimistic concurrency, bad
values, closed quarters, the workflow, evidence upload through multipart, the all-or-nothing
grid, budget realisation, and the measures list with capaian in a constant number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.routers import DefaultRouter
from rest_framework.test import APIClient

from apps.measurement import api as measurement_api
from apps.measurement import services
from apps.measurement.models import BudgetRealisation, Evidence, Realisation, RealisationStatus
from apps.performance import services as perf_services
from tests.measurement.conftest import YEAR, close_window

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
URL = "/api/v1/realisations/"


def _api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def _entry(indicator, quarter=1, value="10", **extra) -> dict:
    return {"indicator": str(indicator.code), "year": YEAR, "quarter": quarter, "value": value}


def test_it_creates_then_updates_and_answers_a_stale_version_with_409(mworld, cast):
    indicator = mworld.plan.sasaran_indicator
    api = _api(cast.operator)
    created = api.post(URL, {**_entry(indicator), "obstacle": "Data terlambat"}, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "draft" and Decimal(body["value"]) == 10
    assert body["obstacle"] == "Data terlambat" and body["opd_name"] == cast.opd1.name
    first_version = body["version"]
    # The verifier of the OPD corrects it first ...
    other = _api(cast.verifier).post(
        URL, {**_entry(indicator, value="11,5"), "version": first_version}, format="json"
    )
    assert other.status_code == 200 and Decimal(other.json()["value"]) == Decimal("11.5")
    # ... so the operator's save with the version they read is a conflict showing that value.
    stale = api.post(
        URL, {**_entry(indicator, value="12"), "version": first_version}, format="json"
    )
    assert stale.status_code == 409
    assert Decimal(stale.json()["current"]["value"]) == Decimal("11.5")
    row = Realisation.objects.get(indicator=indicator, year=YEAR, quarter=1)
    assert row.value == Decimal("11.5") and row.version == other.json()["version"]


@pytest.mark.parametrize(
    ("value", "message"),
    [("banyak", "must be a number"), ("150", "above the highest valid value")],
)
def test_it_refuses_bad_values_and_stores_nothing(mworld, cast, value, message):
    response = _api(cast.operator).post(
        URL, _entry(mworld.plan.sasaran_indicator, value=value), format="json"
    )
    assert response.status_code == 400
    assert message in " ".join(response.json()["value"])
    assert not Realisation.objects.exists()


def test_it_refuses_a_closed_quarter(mworld, cast):
    close_window(cast.pemda, 2)
    response = _api(cast.operator).post(
        URL, _entry(mworld.plan.sasaran_indicator, quarter=2), format="json"
    )
    assert response.status_code == 400
    assert "closed on" in response.json()["quarter"][0]
    assert not Realisation.objects.exists()


def test_it_refuses_unknown_fields_and_a_bad_quarter(mworld, cast):
    api = _api(cast.operator)
    indicator = mworld.plan.sasaran_indicator
    extra = api.post(URL, {**_entry(indicator), "status": "verified"}, format="json")
    assert extra.status_code == 400 and "status" in extra.json()
    bad = api.post(URL, _entry(indicator, quarter=7), format="json")
    assert bad.status_code == 400 and "quarter" in bad.json()
    assert not Realisation.objects.exists()


def _step(api, row, name, note=""):
    row.refresh_from_db()
    return api.post(
        f"{URL}{row.code}/{name}/", {"version": row.version, "note": note}, format="json"
    )


def test_it_runs_the_workflow_with_roles_and_notes(mworld, cast):
    indicator = mworld.plan.sasaran_indicator
    operator, verifier = _api(cast.operator), _api(cast.verifier)
    operator.post(URL, _entry(indicator, value="12.5"), format="json")
    row = Realisation.objects.get()
    assert _step(operator, row, "submit").json()["status"] == "submitted"
    assert _step(operator, row, "verify").status_code == 403
    no_note = _step(verifier, row, "return")
    assert no_note.status_code == 400 and "note" in str(no_note.json())
    returned = _step(verifier, row, "return", "Lampirkan data dukung")
    assert returned.status_code == 200
    assert returned.json()["status"] == "returned"
    assert returned.json()["return_note"] == "Lampirkan data dukung"
    # Stale version on a step: 409, nothing changes.
    stale = operator.post(f"{URL}{row.code}/submit/", {"version": 1}, format="json")
    assert stale.status_code == 409
    row.refresh_from_db()
    assert row.status == RealisationStatus.RETURNED
    assert _step(operator, row, "submit").status_code == 200
    assert _step(verifier, row, "verify").json()["status"] == "verified"
    # A verified value is locked.
    locked = operator.post(
        URL, {**_entry(indicator, value="13"), "version": row.version + 2}, format="json"
    )
    assert locked.status_code in (400, 409)
    row.refresh_from_db()
    assert row.value == Decimal("12.5")
    reopened = _step(verifier, row, "reopen", "Koreksi angka")
    assert reopened.json()["status"] == "returned"


def test_it_uploads_lists_and_hides_evidence_and_shows_the_quarter_capaian(mworld, cast):
    indicator = mworld.plan.sasaran_indicator
    api = _api(cast.operator)
    api.post(URL, _entry(indicator, quarter=2, value="25"), format="json")
    row = Realisation.objects.get()
    upload = api.post(
        f"{URL}{row.code}/evidence/",
        {"file": SimpleUploadedFile("foto kegiatan.png", PNG, content_type="image/png")},
        format="multipart",
    )
    assert upload.status_code == 201, upload.json()
    assert upload.json()["size"] == len(PNG) and upload.json()["content_type"] == "image/png"
    fake = api.post(
        f"{URL}{row.code}/evidence/",
        {"file": SimpleUploadedFile("laporan.pdf", b"just text", content_type="application/pdf")},
        format="multipart",
    )
    assert fake.status_code == 400 and "not a real PDF" in fake.json()["file"][0]
    assert Evidence.objects.count() == 1
    detail = _api(cast.viewer).get(f"{URL}{row.code}/").json()
    assert [e["original_name"] for e in detail["evidence"]] == ["foto kegiatan.png"]
    assert detail["capaian"] == "100.00"  # 25 against the Rencana Aksi's 25 for TW II
    code = upload.json()["code"]
    assert _api(cast.viewer).delete(f"/api/v1/evidence/{code}/").status_code == 403
    assert api.delete(f"/api/v1/evidence/{code}/").status_code == 204
    hidden = Evidence.objects.get(code=code)
    assert hidden.deleted_at is not None and hidden.deleted_by == cast.operator
    assert api.get(f"{URL}{row.code}/").json()["evidence"] == []
    assert api.get(f"/api/v1/evidence/{code}/").status_code == 404


def test_bulk_is_all_or_nothing_with_errors_per_row(mworld, cast):
    plan = mworld.plan
    api = _api(cast.operator)
    rows = [
        {"indicator": str(plan.sasaran_indicator.code), "value": "12"},
        {"indicator": str(plan.sub_indicator.code), "value": "satu"},
    ]
    refused = api.post(f"{URL}bulk/", {"year": YEAR, "quarter": 1, "rows": rows}, format="json")
    assert refused.status_code == 400
    assert refused.json()["errors"] == [
        {
            "row": 2,
            "field": "value",
            "message": "The realisation must be a number (for example 75 or 75,5).",
        }
    ]
    assert not Realisation.objects.exists()
    rows[1]["value"] = "0,25"
    saved = api.post(
        f"{URL}bulk/",
        {"year": YEAR, "quarter": 1, "opd": str(cast.opd1.code), "rows": rows},
        format="json",
    )
    assert saved.status_code == 200, saved.json()
    assert sorted(Decimal(r["value"]) for r in saved.json()) == [Decimal("0.25"), Decimal(12)]
    # Another OPD's operator cannot name OPD 1's grid.
    other = _api(cast.other_operator).post(
        f"{URL}bulk/",
        {"year": YEAR, "quarter": 1, "opd": str(cast.opd1.code), "rows": rows},
        format="json",
    )
    assert other.status_code == 400 and other.json()["opd"] == ["Not found."]


def test_the_list_filters_and_stays_in_scope(mworld, cast):
    plan = mworld.plan
    for quarter, value in ((1, "12"), (2, "24")):
        services.realisation_save(
            actor=cast.operator,
            indicator=plan.sasaran_indicator,
            year=YEAR,
            quarter=quarter,
            value=value,
        )
    api = _api(cast.viewer)
    assert api.get(URL, {"year": YEAR}).json()["count"] == 2
    assert [r["quarter"] for r in api.get(URL, {"quarter": 2}).json()["results"]] == [2]
    assert api.get(URL, {"status": "verified"}).json()["count"] == 0
    assert api.get(URL, {"opd": str(cast.opd1.code)}).json()["count"] == 2
    assert api.get(URL, {"indicator": str(plan.sub_indicator.code)}).json()["count"] == 0
    assert api.get(URL, {"quarter": "9"}).status_code == 400
    assert _api(cast.other_operator).get(URL).json()["count"] == 0
    assert _api(cast.outsider).get(URL).json()["count"] == 0
    row = Realisation.objects.first()
    assert _api(cast.other_operator).get(f"{URL}{row.code}/").status_code == 404


def test_budget_realisation_is_set_with_versions(mworld, cast):
    node = mworld.plan.sub
    api = _api(cast.operator)
    url = "/api/v1/budget-realisations/"
    data = {"node": str(node.code), "year": YEAR, "quarter": 1, "amount": "1.500.000"}
    created = api.post(url, data, format="json")
    assert created.status_code == 201 and Decimal(created.json()["amount"]) == 1_500_000
    version = created.json()["version"]
    changed = api.post(url, {**data, "amount": "2000000", "version": version}, format="json")
    assert changed.status_code == 200
    stale = api.post(url, {**data, "amount": "9", "version": version}, format="json")
    assert stale.status_code == 409 and Decimal(stale.json()["current"]["amount"]) == 2_000_000
    bad = api.post(url, {**data, "amount": "sejuta"}, format="json")
    assert bad.status_code == 400 and "amount" in bad.json()
    not_sub = api.post(url, {**data, "node": str(mworld.plan.sasaran.code)}, format="json")
    assert not_sub.status_code == 400 and "node" in not_sub.json()
    assert BudgetRealisation.objects.get().amount == 2_000_000
    listed = _api(cast.viewer).get(url, {"year": YEAR, "opd": str(cast.opd1.code)}).json()
    assert listed["count"] == 1 and listed["results"][0]["node"] == str(node.code)
    assert _api(cast.other_operator).get(url).json()["count"] == 0


def _measures(user, **params):
    with CaptureQueriesContext(connection) as queries:
        response = _api(user).get("/api/v1/measures/", {"year": YEAR, **params})
    assert response.status_code == 200, response.json()
    return response.json(), len(queries)


def test_measures_give_capaian_up_to_a_quarter_in_constant_queries(mworld, cast):
    plan = mworld.plan
    _measures(cast.viewer)  # warms the per-process caches (content types)
    small, small_count = _measures(cast.viewer)
    for quarter, value in ((1, "12.5"), (2, "20")):
        services.realisation_save(
            actor=cast.operator,
            indicator=plan.sasaran_indicator,
            year=YEAR,
            quarter=quarter,
            value=value,
        )
    for n in range(5):
        perf_services.indicator_create(
            actor=None, node=plan.sasaran, name=f"Indikator {n}", unit="%", targets={YEAR: 20}
        )
    big, big_count = _measures(cast.viewer, up_to_quarter=2)
    assert big["count"] == small["count"] + 5
    assert big_count == small_count
    row = next(m for m in big["results"] if m["indicator"] == str(plan.sasaran_indicator.code))
    assert row["quarterly"] and row["source"] == "pk"
    assert [q["quarter"] for q in row["realisations"]] == [1, 2]
    assert Decimal(row["realisations"][0]["capaian"]) == 100
    assert Decimal(row["result"]["capaian"]) == 80  # 20 against the TW II target of 25
    assert row["result"]["predicate"] == "Tinggi"
    assert row["opd"] == str(cast.opd1.code)
    first, _ = _measures(cast.viewer, up_to_quarter=1)
    row = next(m for m in first["results"] if m["indicator"] == str(plan.sasaran_indicator.code))
    assert Decimal(row["result"]["capaian"]) == 100
    # Scoped: another OPD's operator sees no OPD 1 indicator, and cannot ask for OPD 1.
    theirs, _ = _measures(cast.other_operator)
    assert all(m["opd"] != str(cast.opd1.code) for m in theirs["results"])
    refused = _api(cast.other_operator).get(
        "/api/v1/measures/", {"year": YEAR, "opd": str(cast.opd1.code)}
    )
    assert refused.status_code == 404
    assert _api(cast.viewer).get("/api/v1/measures/").status_code == 400  # year is required


def test_our_part_of_the_schema_generates_without_warnings(db, capsys):
    router = DefaultRouter()
    measurement_api.register(router)
    GENERATOR_STATS.reset()
    schema = SchemaGenerator(patterns=[path("api/v1/", include(router.urls))]).get_schema(
        request=None, public=True
    )
    assert not GENERATOR_STATS, capsys.readouterr().err
    validate_schema(schema)
    assert "/api/v1/realisations/{code}/verify/" in schema["paths"]
    assert "/api/v1/realisations/bulk/" in schema["paths"]
    assert (
        "multipart/form-data"
        in (
            schema["paths"]["/api/v1/realisations/{code}/evidence/"]["post"]["requestBody"][
                "content"
            ]
        )
    )


def _count(user, url):
    with CaptureQueriesContext(connection) as queries:
        response = _api(user).get(url)
    assert response.status_code == 200
    return response.json()["count"], len(queries)


def test_the_lists_run_constant_queries(mworld, cast):
    plan = mworld.plan
    urls = ["/api/v1/realisations/", "/api/v1/evidence/", "/api/v1/budget-realisations/"]

    def add(quarter):
        row = services.realisation_save(
            actor=cast.operator,
            indicator=plan.sasaran_indicator,
            year=YEAR,
            quarter=quarter,
            value="10",
        )
        services.evidence_add(actor=cast.operator, realisation=row, name="a.png", content=PNG)
        services.budget_save(
            actor=cast.operator, node=plan.sub, year=YEAR, quarter=quarter, amount="1000"
        )

    add(1)
    _count(cast.viewer, urls[0])  # warms the per-process caches
    small = [_count(cast.viewer, url) for url in urls]
    add(2)
    add(3)
    big = [_count(cast.viewer, url) for url in urls]
    assert [c for c, _ in small] == [1, 1, 1] and [c for c, _ in big] == [3, 3, 3]
    assert [q for _, q in big] == [q for _, q in small]
