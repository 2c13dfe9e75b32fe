"""The planning REST API: the nomenclature for everybody signed in (filters), the RPJMD
(Bappeda writes), the Renstra (scoped lists, creation by the OPD, the review workflow as POST
actions with 403/409/400) and the Renja with its lines (pagu with optimistic concurrency)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from rest_framework.test import APIClient

from apps.core.models import WorkflowEvent
from apps.organisations import services as org_services
from apps.performance import services
from apps.performance.models import Node, NodeLevel, RenjaLine, RenjaTarget
from apps.planning import services as planning_services
from apps.planning.models import (
    DocumentStatus,
    NomenclatureItem,
    Renja,
    Renstra,
    RenstraVersion,
    Rpjmd,
)
from tests.performance.conftest import Plan, build_plan
from tests.planning.nomenclature_data import SMALL, workbook

API = "/api/v1"


@pytest.fixture
def plan(cast) -> Plan:
    return build_plan(cast)


def api(user=None, language: str = "en") -> APIClient:
    """A client; messages are asserted in their English source (Indonesian is the default)."""
    client = APIClient()
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_authenticate(user)
    return client


def fresh(user):
    """The user as a new request loads it (its scope is computed again, not cached)."""
    return type(user).objects.get(pk=user.pk)


def rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    body = response.json()
    return body["results"] if isinstance(body, dict) else body


def codes(response) -> set[str]:
    return {row["code"] for row in rows(response)}


# --- nomenclature ----------------------------------------------------------------------------


def test_it_lets_every_signed_in_user_read_the_nomenclature(plan):
    assert api().get(f"{API}/nomenclature/").status_code == 403
    for user in (plan.cast.outsider, plan.cast.viewer, plan.cast.operator):
        assert len(rows(api(user).get(f"{API}/nomenclature/?limit=500"))) == 18
    decrees = rows(api(plan.cast.outsider).get(f"{API}/nomenclature-decrees/"))
    assert [d["name"] for d in decrees] == ["Kepmendagri 050-5889/2021"]
    assert decrees[0]["is_current"] is True


def test_it_filters_the_nomenclature_by_level_prefix_and_search(plan):
    client = api(plan.cast.operator)
    programs = rows(client.get(f"{API}/nomenclature/?level=program"))
    assert [p["code"] for p in programs] == ["1.01.02", "1.02.01", "1.02.02"]
    under = rows(client.get(f"{API}/nomenclature/?prefix=1.02.02.2.01"))
    assert [i["code"] for i in under] == ["1.02.02.2.01.0002", "1.02.02.2.01.0009"]
    found = rows(client.get(f"{API}/nomenclature/?search=puskesmas"))
    assert {i["code"] for i in found} == {"1.02.02.2.01.0002", "1.02.02.2.01.0009"}
    item = client.get(f"{API}/nomenclature/1.02.02.2.01/").json()
    assert item["parent"] == "1.02.02"
    assert item["level"] == "kegiatan"
    assert client.get(f"{API}/nomenclature/9.99/").status_code == 404
    response = client.get(f"{API}/nomenclature/?level=galaxy")
    assert response.status_code == 400
    assert response.json()["level"]


def test_it_keeps_the_nomenclature_read_only(plan):
    # Nobody may write it here (it changes only by importing a decree): refused before routing.
    client = api(plan.cast.admin)
    assert client.post(f"{API}/nomenclature/", {}, format="json").status_code == 403
    assert client.post(f"{API}/nomenclature-decrees/", {}, format="json").status_code == 403


# --- RPJMD -----------------------------------------------------------------------------------


def test_it_shows_the_rpjmd_to_the_pemda_only(plan):
    assert codes(api(plan.cast.other_operator).get(f"{API}/rpjmd/")) == {str(plan.rpjmd.code)}
    assert codes(api(plan.cast.outsider).get(f"{API}/rpjmd/")) == set()
    assert api(plan.cast.outsider).get(f"{API}/rpjmd/{plan.rpjmd.code}/").status_code == 404


def test_it_lets_bappeda_create_an_rpjmd_and_change_its_visi(plan):
    period = org_services.period_create(
        actor=None, pemda=plan.cast.pemda, name="RPJMD 2030–2034", start_year=2030
    )
    payload = {"period": str(period.code), "visi": "Contoh Emas"}
    assert api(plan.cast.operator).post(f"{API}/rpjmd/", payload, format="json").status_code == 403
    response = api(plan.cast.bappeda).post(f"{API}/rpjmd/", payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["start_year"] == 2030
    response = api(plan.cast.bappeda).post(f"{API}/rpjmd/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["period"]
    response = api(plan.cast.bappeda).patch(
        f"{API}/rpjmd/{body['code']}/", {"visi": "Contoh Maju", "version": 1}, format="json"
    )
    assert response.status_code == 200, response.content
    rpjmd = Rpjmd.objects.get(code=body["code"])
    assert Node.objects.get(rpjmd=rpjmd, parent=None).statement == "Contoh Maju"
    stale = api(plan.cast.admin).patch(
        f"{API}/rpjmd/{body['code']}/", {"visi": "Lain", "version": 1}, format="json"
    )
    assert stale.status_code == 409
    assert stale.json()["current"]["visi"] == "Contoh Maju"
    response = api(plan.cast.viewer).patch(
        f"{API}/rpjmd/{body['code']}/", {"visi": "x", "version": 2}, format="json"
    )
    assert response.status_code == 403


# --- Renstra ---------------------------------------------------------------------------------


def test_it_lists_only_the_operators_renstra(plan):
    assert codes(api(plan.cast.operator).get(f"{API}/renstra/")) == {str(plan.renstra.code)}
    assert codes(api(plan.cast.other_operator).get(f"{API}/renstra/")) == {str(plan.renstra2.code)}
    assert codes(api(plan.cast.viewer).get(f"{API}/renstra/")) == {
        str(plan.renstra.code),
        str(plan.renstra2.code),
    }
    assert codes(api(plan.cast.outsider).get(f"{API}/renstra/")) == set()
    response = api(plan.cast.bappeda).get(f"{API}/renstra/?status=approved")
    assert codes(response) == set()


def test_it_answers_404_for_another_opds_or_pemdas_renstra(plan):
    assert api(plan.cast.other_operator).get(f"{API}/renstra/{plan.renstra.code}/").status_code == (
        404
    )
    assert api(plan.cast.outsider).get(f"{API}/renstra/{plan.renstra.code}/").status_code == 404
    response = api(plan.cast.other_operator).post(f"{API}/renstra/{plan.renstra.code}/submit/")
    assert response.status_code == 404
    assert api(plan.cast.operator).get(f"{API}/renstra/not-a-code/").status_code == 404


def test_it_lets_an_opd_operator_create_its_renstra_only(plan):
    period = org_services.period_create(
        actor=None, pemda=plan.cast.pemda, name="RPJMD 2030–2034", start_year=2030
    )
    mine = {"period": str(period.code), "opd": str(plan.cast.opd1.code)}
    theirs = {"period": str(period.code), "opd": str(plan.cast.opd2.code)}
    response = api(plan.cast.operator).post(f"{API}/renstra/", theirs, format="json")
    assert response.status_code == 400
    assert response.json() == {"opd": ["Not found."]}
    assert api(plan.cast.bappeda).post(f"{API}/renstra/", mine, format="json").status_code == 403
    response = api(plan.cast.operator).post(f"{API}/renstra/", mine, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["opd"] == str(plan.cast.opd1.code)
    assert body["status"] == "draft"
    assert Node.objects.filter(renstra__code=body["code"], node_level=NodeLevel.OPD).count() == 1
    response = api(plan.cast.operator).post(f"{API}/renstra/", mine, format="json")
    assert response.status_code == 400
    assert "already has a Renstra" in response.json()["opd"][0]


def test_it_runs_the_review_workflow_through_the_api(plan):
    renstra = f"{API}/renstra/{plan.renstra.code}"
    operator, bappeda = api(plan.cast.operator), api(plan.cast.bappeda)
    # Approving a draft is not possible: 409.
    response = bappeda.post(f"{renstra}/approve/", {}, format="json")
    assert response.status_code == 409
    assert "not possible" in response.json()["detail"]
    # Bappeda cannot submit the OPD's Renstra; the OPD cannot approve it.
    assert bappeda.post(f"{renstra}/submit/", {}, format="json").status_code == 403
    response = operator.post(f"{renstra}/submit/", {"version": 1}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "submitted"
    assert response.json()["is_locked"] is True
    assert operator.post(f"{renstra}/approve/", {}, format="json").status_code == 403
    # The tree is locked while under review.
    response = operator.patch(
        f"{API}/nodes/{plan.sasaran.code}/", {"statement": "x", "version": 1}, format="json"
    )
    assert response.status_code == 400
    # Returning needs a note.
    response = bappeda.post(f"{renstra}/return/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["note"]
    response = bappeda.post(f"{renstra}/return/", {"note": "Lengkapi indikator"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "returned"
    # A stale version refuses the step with the current values.
    response = operator.post(f"{renstra}/submit/", {"version": 1}, format="json")
    assert response.status_code == 409
    assert response.json()["current"]["status"] == "returned"
    assert operator.post(f"{renstra}/submit/", {}, format="json").status_code == 200
    response = bappeda.post(f"{renstra}/approve/", {"note": "Sesuai"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert response.json()["approved_at"]
    # A revision needs a reason and keeps the approved version.
    assert operator.post(f"{renstra}/revise/", {}, format="json").status_code == 400
    response = operator.post(f"{renstra}/revise/", {"reason": "Perubahan RPJMD"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "draft"
    assert response.json()["revision"] == 1
    assert RenstraVersion.objects.filter(renstra=plan.renstra, revision=0).exists()
    transitions = list(
        WorkflowEvent.objects.filter(object_code=plan.renstra.code)
        .order_by("id")
        .values_list("transition", flat=True)
    )
    assert transitions == ["submit", "return", "submit", "approve", "revise"]


def test_it_refuses_to_submit_a_renstra_without_tujuan(plan):
    response = api(plan.cast.operator).post(f"{API}/renstra/{plan.renstra.code}/submit/")
    assert response.status_code == 200
    empty = api(plan.cast.operator).post(
        f"{API}/renstra/",
        {
            "period": str(
                org_services.period_create(
                    actor=None, pemda=plan.cast.pemda, name="P", start_year=2030
                ).code
            ),
            "opd": str(plan.cast.opd1.code),
        },
        format="json",
    )
    code = empty.json()["code"]
    response = api(plan.cast.operator).post(f"{API}/renstra/{code}/submit/")
    assert response.status_code == 400
    assert "at least one tujuan" in response.json()["non_field_errors"][0]
    assert Renstra.objects.get(code=code).status == DocumentStatus.DRAFT


def test_it_answers_in_indonesian_by_default(plan):
    response = api(plan.cast.bappeda, language="id").post(
        f"{API}/renstra/{plan.renstra.code}/approve/"
    )
    assert response.status_code == 409
    with translation.override("id"):
        expected = translation.gettext(
            "This action is not possible while the status is “%(state)s”."
        )
    assert expected.split("“")[0] in response.json()["detail"]


# --- Renja -----------------------------------------------------------------------------------


def test_it_creates_a_renja_and_revises_it(plan):
    client = api(plan.cast.operator)
    response = client.post(
        f"{API}/renja/", {"renstra": str(plan.renstra.code), "year": 2025}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["revision"] == 0 and body["is_current"] is True
    response = client.post(
        f"{API}/renja/", {"renstra": str(plan.renstra.code), "year": 2031}, format="json"
    )
    assert response.status_code == 400
    assert "outside the plan period" in response.json()["year"][0]
    response = client.post(f"{API}/renja/{body['code']}/revise/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["note"]
    response = client.post(
        f"{API}/renja/{body['code']}/revise/", {"note": "APBD-P 2025"}, format="json"
    )
    assert response.status_code == 201, response.content
    revised = response.json()
    assert revised["revision"] == 1 and revised["note"] == "APBD-P 2025"
    current = rows(client.get(f"{API}/renja/?renstra={plan.renstra.code}&current=true"))
    assert [r["code"] for r in current] == [revised["code"]]
    assert len(rows(client.get(f"{API}/renja/?year=2025"))) == 2
    # The old version is kept and can no longer change.
    response = client.patch(
        f"{API}/renja/{body['code']}/", {"dpa_number": "DPA-1", "version": 2}, format="json"
    )
    assert response.status_code == 400


def test_it_refuses_renja_writes_to_other_roles(plan):
    payload = {"renstra": str(plan.renstra.code), "year": 2025}
    assert api(plan.cast.bappeda).post(f"{API}/renja/", payload, format="json").status_code == 403
    assert api(plan.cast.viewer).post(f"{API}/renja/", payload, format="json").status_code == 403
    response = api(plan.cast.other_operator).post(f"{API}/renja/", payload, format="json")
    assert response.status_code == 400
    assert response.json() == {"renstra": ["Not found."]}
    assert not Renja.objects.exists()


def test_it_changes_the_pagu_of_a_renja_line(plan):
    renja = services.renja_create(actor=None, renstra=plan.renstra, year=2025)
    line = RenjaLine.objects.get(renja=renja, node=plan.sub)
    client = api(plan.cast.operator)
    listed = rows(client.get(f"{API}/renja-lines/?renja={renja.code}"))
    assert str(line.code) in {row["code"] for row in listed}
    assert client.get(f"{API}/renja-lines/").status_code == 400
    url = f"{API}/renja-lines/{line.code}/"
    assert client.get(url).json()["pagu"] == "1500000000.00"
    response = client.patch(url, {"pagu": "1.400.000.000", "version": 1}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["pagu"] == "1400000000.00"
    stale = api(plan.cast.verifier).patch(url, {"pagu": "1", "version": 1}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current"]["pagu"] == "1400000000.00"
    response = client.patch(url, {"pagu": "banyak", "version": 2}, format="json")
    assert response.status_code == 400
    assert response.json()["pagu"]
    assert api(plan.cast.bappeda).patch(
        url, {"pagu": "1", "version": 2}, format="json"
    ).status_code == (403)
    assert api(plan.cast.other_operator).get(url).status_code == 404
    line.refresh_from_db()
    assert line.pagu == 1_400_000_000


def test_it_adjusts_a_renja_target(plan):
    renja = services.renja_create(actor=None, renstra=plan.renstra, year=2026)
    target = RenjaTarget.objects.get(renja=renja, indicator=plan.sasaran_indicator)
    client = api(plan.cast.operator)
    listed = rows(client.get(f"{API}/renja-targets/?renja={renja.code}"))
    assert str(target.code) in {row["code"] for row in listed}
    url = f"{API}/renja-targets/{target.code}/"
    body = client.get(url).json()
    assert body["value"] == "50.0000"
    assert body["node"] == str(plan.sasaran.code)
    response = client.patch(url, {"value": "52,5", "version": 1}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["value"] == "52.5000"
    response = client.patch(url, {"value": "banyak", "version": 2}, format="json")
    assert response.status_code == 400
    assert response.json()["value"]
    response = client.patch(url, {"value": "101", "version": 2}, format="json")
    assert response.status_code == 400
    stale = client.patch(url, {"value": "55", "version": 1}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current"]["value"] == "52.5000"
    assert (
        api(plan.cast.bappeda).patch(url, {"value": "1", "version": 2}, format="json").status_code
        == 403
    )
    assert api(plan.cast.other_operator).get(url).status_code == 404


# --- constant queries ------------------------------------------------------------------------


def _count(user, url: str) -> int:
    client = api(fresh(user))
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"{API}/{url}")
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


def _more_plans(plan, start: int, n: int) -> None:
    for i in range(n):
        period = org_services.period_create(
            actor=None, pemda=plan.cast.pemda, name=f"P{i}", start_year=start + 5 * i
        )
        services.rpjmd_create(actor=None, period=period, visi=f"Visi {i}")
        renstra = services.renstra_create(actor=None, period=period, opd=plan.cast.opd1)
        services.node_create(
            actor=None,
            parent=Node.objects.get(renstra=renstra, parent=None),
            node_level=NodeLevel.TUJUAN,
            statement=f"Tujuan {i}",
        )
        services.renja_create(actor=None, renstra=renstra, year=start + 5 * i)


@pytest.mark.parametrize("url", ["renstra/", "rpjmd/", "renja/"])
def test_it_lists_with_a_constant_number_of_queries(plan, url, django_assert_num_queries):
    _more_plans(plan, 2030, 1)
    small = _count(plan.cast.bappeda, url)
    _more_plans(plan, 2035, 4)
    client = api(fresh(plan.cast.bappeda))
    with django_assert_num_queries(small):
        client.get(f"{API}/{url}")


@pytest.mark.parametrize("url", ["nomenclature/", "nomenclature-decrees/"])
def test_it_lists_the_nomenclature_with_a_constant_number_of_queries(
    plan, url, django_assert_num_queries
):
    small = _count(plan.cast.outsider, url)
    extra = [(f"1.02.02.2.01.{n:04d}", f"Sub kegiatan {n}") for n in range(10, 40)]
    planning_services.nomenclature_import(
        actor=None, content=workbook([*SMALL, *extra]), decree="Kepmendagri 900.1.15.5/2024"
    )
    assert NomenclatureItem.objects.current().count() == len(SMALL) + 30
    client = api(fresh(plan.cast.outsider))
    with django_assert_num_queries(small):
        client.get(f"{API}/{url}")


def test_it_lists_renja_lines_with_a_constant_number_of_queries(plan, django_assert_num_queries):
    small_renja = services.renja_create(actor=None, renstra=plan.renstra, year=2025)
    for i in range(6):
        node = services.node_create(
            actor=None,
            parent=plan.tujuan,
            node_level=NodeLevel.SASARAN,
            statement=f"Sasaran {i}",
        )
        services.indicator_create(actor=None, node=node, name=f"Indeks {i}", targets={2026: i})
    big_renja = services.renja_create(actor=None, renstra=plan.renstra, year=2026)
    assert (
        RenjaLine.objects.filter(renja=big_renja).count()
        > RenjaLine.objects.filter(renja=small_renja).count()
    )
    for kind in ("renja-lines", "renja-targets"):
        small = _count(plan.cast.operator, f"{kind}/?renja={small_renja.code}")
        client = api(fresh(plan.cast.operator))
        with django_assert_num_queries(small):
            response = client.get(f"{API}/{kind}/?renja={big_renja.code}")
        assert len(rows(response)) > 1


def test_it_explains_a_missing_query_parameter_in_indonesian(plan):
    response = api(plan.cast.operator, language="id").get(f"{API}/renja-lines/")
    assert response.status_code == 400
    assert response.json() == {"renja": ["Parameter kueri ini wajib diisi."]}
