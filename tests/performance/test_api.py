"""The performance-tree REST API: scoped lists and lookups (404 across OPD and Pemda), 403 for
read-only roles and for Bappeda writing an OPD's tree, writes through the services with
per-field errors and nothing saved on bad input, stale versions (409 with the current values),
crosscutting, review comments, findings and constant query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.routers import DefaultRouter
from rest_framework.test import APIClient

from apps.core.models import ActivityLog
from apps.performance import api as performance_api
from apps.performance import services
from apps.performance.models import (
    Crosscut,
    FindingDismissal,
    Indicator,
    Node,
    NodeBudget,
    NodeLevel,
    ReviewComment,
    Strategy,
    Target,
)
from apps.performance.quality import ORPHAN
from apps.planning import api as planning_api

API = "/api/v1"


def api(user=None, language: str = "en") -> APIClient:
    """A client; messages are asserted in their English source (Indonesian is the default)."""
    client = APIClient()
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_authenticate(user)
    return client


def rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    body = response.json()
    return body["results"] if isinstance(body, dict) else body


def codes(response) -> set[str]:
    return {row["code"] for row in rows(response)}


def code_set(*objects) -> set[str]:
    return {str(obj.code) for obj in objects}


# --- anonymous ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "endpoint",
    [
        "nodes",
        "indicators",
        "budgets",
        "crosscuts",
        "review-comments",
        "findings",
        "finding-dismissals",
    ],
)
def test_it_refuses_anonymous_callers_with_403(plan, endpoint):
    client = api()
    assert client.get(f"{API}/{endpoint}/").status_code == 403
    assert client.post(f"{API}/{endpoint}/", {}, format="json").status_code == 403


# --- scoping ---------------------------------------------------------------------------------


def test_it_lists_only_the_operators_opd_and_the_rpjmd(plan):
    seen = codes(api(plan.cast.operator).get(f"{API}/nodes/?limit=500"))
    renstra1 = code_set(*Node.objects.filter(renstra=plan.renstra))
    rpjmd = code_set(*Node.objects.filter(rpjmd=plan.rpjmd))
    assert seen == renstra1 | rpjmd
    assert str(plan.tujuan2.code) not in seen
    filtered = codes(api(plan.cast.operator).get(f"{API}/nodes/?renstra={plan.renstra.code}"))
    assert filtered == renstra1


def test_it_shows_an_outsider_nothing_of_pemda_a(plan):
    client = api(plan.cast.outsider)
    for endpoint in ["nodes", "indicators", "budgets", "crosscuts"]:
        assert codes(client.get(f"{API}/{endpoint}/")) == set(), endpoint
    assert client.get(f"{API}/nodes/{plan.sasaran.code}/").status_code == 404
    assert client.get(f"{API}/indicators/{plan.sasaran_indicator.code}/").status_code == 404
    assert client.get(f"{API}/nodes/?renstra={plan.renstra.code}").status_code == 404
    assert client.get(f"{API}/findings/?renstra={plan.renstra.code}").status_code == 404


def test_it_answers_404_for_another_opds_statement(plan):
    client = api(plan.cast.other_operator)
    assert client.get(f"{API}/nodes/{plan.sasaran.code}/").status_code == 404
    response = client.patch(
        f"{API}/nodes/{plan.sasaran.code}/", {"statement": "x", "version": 1}, format="json"
    )
    assert response.status_code == 404
    assert client.delete(f"{API}/nodes/{plan.sub.code}/").status_code == 404
    assert client.get(f"{API}/indicators/{plan.sub_indicator.code}/").status_code == 404
    # The OPD sees its own statement and the RPJMD.
    assert client.get(f"{API}/nodes/{plan.tujuan2.code}/").status_code == 200
    assert client.get(f"{API}/nodes/{plan.sasaran_pemda.code}/").status_code == 200


def test_it_retrieves_a_statement_with_its_links(plan):
    body = api(plan.cast.viewer).get(f"{API}/nodes/{plan.tujuan.code}/").json()
    assert body["renstra"] == str(plan.renstra.code)
    assert body["pemda_sasaran"] == [str(plan.sasaran_pemda.code)]
    assert body["owner_position"] == str(plan.cast.kepala_opd1.code)
    program = api(plan.cast.viewer).get(f"{API}/nodes/{plan.program.code}/").json()
    assert program["nomenclature"] == "1.02.02"
    assert program["parent"] == str(plan.sasaran.code)


def test_it_gives_targets_as_a_year_map(plan):
    body = api(plan.cast.operator).get(f"{API}/indicators/{plan.sasaran_indicator.code}/").json()
    assert body["targets"] == {"2025": "40", "2026": "50", "2027": "60", "2028": "70", "2029": "80"}
    assert body["targets_max"] == {}
    listed = rows(api(plan.cast.operator).get(f"{API}/indicators/?node={plan.sub.code}"))
    assert [row["code"] for row in listed] == [str(plan.sub_indicator.code)]


# --- 403 -------------------------------------------------------------------------------------


@pytest.mark.parametrize("user", ["viewer", "evaluator", "lead"])
def test_it_refuses_writes_of_read_only_roles_with_403(plan, user):
    client = api(getattr(plan.cast, user))
    new = {"parent": str(plan.tujuan.code), "node_level": "sasaran", "statement": "Baru"}
    assert client.post(f"{API}/nodes/", new, format="json").status_code == 403
    response = client.patch(
        f"{API}/nodes/{plan.sasaran.code}/", {"statement": "x", "version": 1}, format="json"
    )
    assert response.status_code == 403
    assert client.delete(f"{API}/nodes/{plan.sub.code}/").status_code == 403
    response = client.post(
        f"{API}/indicators/{plan.sub_indicator.code}/targets/",
        {"targets": {"2025": "9"}},
        format="json",
    )
    assert response.status_code == 403
    plan.sasaran.refresh_from_db()
    assert plan.sasaran.statement.startswith("Meningkatnya akses")
    assert not Node.objects.filter(statement="Baru").exists()


def test_it_refuses_bappeda_writing_an_opds_tree_with_403(plan):
    client = api(plan.cast.bappeda)
    new = {"parent": str(plan.tujuan.code), "node_level": "sasaran", "statement": "Baru"}
    assert client.post(f"{API}/nodes/", new, format="json").status_code == 403
    response = client.patch(
        f"{API}/nodes/{plan.sasaran.code}/", {"statement": "x", "version": 1}, format="json"
    )
    assert response.status_code == 403
    response = client.post(
        f"{API}/indicators/",
        {"node": str(plan.sasaran.code), "name": "Indikator baru"},
        format="json",
    )
    assert response.status_code == 403
    assert not Node.objects.filter(statement="Baru").exists()
    assert not Indicator.objects.filter(name="Indikator baru").exists()


def test_it_lets_bappeda_write_the_rpjmd_tree(plan):
    response = api(plan.cast.bappeda).post(
        f"{API}/nodes/",
        {
            "parent": str(plan.tujuan_pemda.code),
            "node_level": "sasaran_pemda",
            "statement": "Meningkatnya daya saing daerah",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["rpjmd"] == str(plan.rpjmd.code)


# --- create, change, move, delete ----------------------------------------------------------


def test_it_creates_a_statement_through_the_service(plan):
    response = api(plan.cast.operator).post(
        f"{API}/nodes/",
        {
            "parent": str(plan.program.code),
            "node_level": "kegiatan",
            "nomenclature": "1.02.02.2.02",
            "owner_position": str(plan.cast.kasi1.code),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    node = Node.objects.get(code=body["code"])
    assert node.parent == plan.program
    assert body["statement"] == "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan"
    assert body["nomenclature"] == "1.02.02.2.02"
    assert ActivityLog.objects.filter(action="sakip.node.created", object_code=node.code).exists()


def test_it_creates_a_tujuan_cascading_from_rpjmd_sasaran(plan):
    response = api(plan.cast.other_operator).post(
        f"{API}/nodes/",
        {
            "parent": str(Node.objects.get(renstra=plan.renstra2, parent=None).code),
            "node_level": "tujuan",
            "statement": "Meningkatnya mutu pendidikan menengah",
            "owner_position": str(plan.cast.kepala_opd2.code),
            "pemda_sasaran": [str(plan.sasaran_pemda2.code)],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["pemda_sasaran"] == [str(plan.sasaran_pemda2.code)]


def _nothing_created(before: int) -> None:
    assert Node.objects.count() == before


def test_it_refuses_another_opds_parent_with_a_field_message(plan):
    before = Node.objects.count()
    response = api(plan.cast.operator).post(
        f"{API}/nodes/",
        {"parent": str(plan.tujuan2.code), "node_level": "sasaran", "statement": "Baru"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"parent": ["Not found."]}
    _nothing_created(before)


def test_it_refuses_a_nomenclature_code_that_does_not_match_the_parent(plan):
    before = Node.objects.count()
    response = api(plan.cast.operator).post(
        f"{API}/nodes/",
        {
            "parent": str(plan.program.code),
            "node_level": "kegiatan",
            "nomenclature": "1.01.02.2.01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "does not belong to 1.02.02" in response.json()["nomenclature"][0]
    response = api(plan.cast.operator).post(
        f"{API}/nodes/",
        {"parent": str(plan.program.code), "node_level": "kegiatan", "nomenclature": "9.99"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["nomenclature"]
    _nothing_created(before)


def test_it_refuses_unknown_fields_and_bad_levels(plan):
    response = api(plan.cast.operator).post(
        f"{API}/nodes/",
        {"parent": str(plan.tujuan.code), "node_level": "galaxy", "renstra": "x"},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"node_level", "renstra"}


def test_it_changes_a_statement_with_its_version(plan):
    response = api(plan.cast.operator).patch(
        f"{API}/nodes/{plan.sasaran.code}/",
        {"statement": "Meningkatnya mutu layanan kesehatan dasar", "version": 1},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    plan.sasaran.refresh_from_db()
    assert plan.sasaran.statement == "Meningkatnya mutu layanan kesehatan dasar"


def test_it_refuses_a_stale_patch_with_409_and_the_current_values(plan):
    client = api(plan.cast.operator)
    first = client.patch(
        f"{API}/nodes/{plan.sasaran.code}/",
        {"statement": "Versi pertama", "version": 1},
        format="json",
    )
    assert first.status_code == 200
    stale = api(plan.cast.verifier).patch(
        f"{API}/nodes/{plan.sasaran.code}/",
        {"statement": "Versi kedua", "version": 1},
        format="json",
    )
    assert stale.status_code == 409
    body = stale.json()
    assert body["current"]["statement"] == "Versi pertama"
    assert body["current"]["version"] == 2
    plan.sasaran.refresh_from_db()
    assert plan.sasaran.statement == "Versi pertama"


def test_it_requires_a_version_on_patch(plan):
    response = api(plan.cast.operator).patch(
        f"{API}/nodes/{plan.sasaran.code}/", {"statement": "x"}, format="json"
    )
    assert response.status_code == 400
    assert "version" in response.json()


def test_it_moves_a_statement_and_refuses_a_cycle(plan):
    client = api(plan.cast.operator)
    sasaran_b = services.node_create(
        actor=None,
        parent=plan.tujuan,
        node_level=NodeLevel.SASARAN,
        statement="Meningkatnya pengendalian penyakit",
    )
    response = client.post(
        f"{API}/nodes/{plan.program.code}/move/", {"parent": str(sasaran_b.code)}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["parent"] == str(sasaran_b.code)
    response = client.post(
        f"{API}/nodes/{sasaran_b.code}/move/", {"parent": str(sasaran_b.code)}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["parent"]
    # Another tree's statement as the new parent: refused with the crosscutting hint.
    response = client.post(
        f"{API}/nodes/{plan.program.code}/move/",
        {"parent": str(plan.sasaran_pemda.code)},
        format="json",
    )
    assert response.status_code == 400
    assert "crosscutting" in response.json()["parent"][0]
    assert Node.objects.get(pk=plan.program.pk).parent_id == sasaran_b.pk


def test_it_deletes_a_leaf_and_refuses_a_node_with_children(plan):
    client = api(plan.cast.operator)
    response = client.delete(f"{API}/nodes/{plan.kegiatan.code}/")
    assert response.status_code == 400
    assert Node.objects.filter(pk=plan.kegiatan.pk).exists()
    assert client.delete(f"{API}/nodes/{plan.sub.code}/").status_code == 204
    assert not Node.objects.filter(pk=plan.sub.pk).exists()


def test_it_replaces_the_cascade_of_a_tujuan(plan):
    response = api(plan.cast.operator).post(
        f"{API}/nodes/{plan.tujuan.code}/cascade/",
        {"pemda_sasaran": [str(plan.sasaran_pemda.code), str(plan.sasaran_pemda2.code)]},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert set(response.json()["pemda_sasaran"]) == code_set(
        plan.sasaran_pemda, plan.sasaran_pemda2
    )


# --- indicators and targets -------------------------------------------------------------------


def test_it_creates_an_indicator_with_targets(plan):
    response = api(plan.cast.operator).post(
        f"{API}/indicators/",
        {
            "node": str(plan.sasaran.code),
            "name": "Persentase desa UCI",
            "unit": "%",
            "max_value": 100,
            "targets": {"2025": "80", "2026": "82,5"},
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["targets"] == {"2025": "80", "2026": "82.5"}


def test_it_refuses_a_non_numeric_target_and_saves_nothing(plan):
    before = Indicator.objects.count()
    response = api(plan.cast.operator).post(
        f"{API}/indicators/",
        {"node": str(plan.sasaran.code), "name": "Persentase X", "targets": {"2025": "banyak"}},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["targets"]["2025"] == [
        "The target must be a number (for example 75 or 75,5)."
    ]
    assert Indicator.objects.count() == before
    response = api(plan.cast.operator).post(
        f"{API}/indicators/{plan.sasaran_indicator.code}/targets/",
        {"targets": {"2025": "41", "2026": "lima puluh"}},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["targets"]) == ["2026"]
    assert Target.objects.get(indicator=plan.sasaran_indicator, year=2025).value == 40


def test_it_refuses_a_year_outside_the_period(plan):
    response = api(plan.cast.operator).post(
        f"{API}/indicators/{plan.sasaran_indicator.code}/targets/",
        {"targets": {"2031": "90"}},
        format="json",
    )
    assert response.status_code == 400
    assert "outside the plan period" in response.json()["targets"]["2031"][0]
    response = api(plan.cast.operator).post(
        f"{API}/indicators/{plan.sasaran_indicator.code}/targets/",
        {"targets": {"next": "90"}},
        format="json",
    )
    assert response.status_code == 400
    assert not Target.objects.filter(indicator=plan.sasaran_indicator, year=2031).exists()


def test_it_sets_targets_and_refuses_a_stale_target(plan):
    client = api(plan.cast.operator)
    response = client.post(
        f"{API}/indicators/{plan.sasaran_indicator.code}/targets/",
        {"targets": {"2025": "45"}, "versions": {"2025": 1}},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["targets"]["2025"] == "45"
    stale = client.post(
        f"{API}/indicators/{plan.sasaran_indicator.code}/targets/",
        {"targets": {"2025": "47"}, "versions": {"2025": 1}},
        format="json",
    )
    assert stale.status_code == 409
    assert stale.json()["current"]["targets"]["2025"] == "45"


def test_it_changes_and_deletes_an_indicator(plan):
    client = api(plan.cast.operator)
    response = client.patch(
        f"{API}/indicators/{plan.sub_indicator.code}/",
        {"unit": "gedung", "version": 1},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["unit"] == "gedung"
    assert client.delete(f"{API}/indicators/{plan.sub_indicator.code}/").status_code == 204
    assert not Indicator.objects.filter(pk=plan.sub_indicator.pk).exists()


# --- strategi and arah kebijakan ------------------------------------------------------------


def test_it_writes_strategies_of_a_sasaran_for_the_tree_owner_only(plan):
    operator, bappeda = api(plan.cast.operator), api(plan.cast.bappeda)
    mine = {"node": str(plan.sasaran.code), "kind": "strategi", "text": "Akreditasi bertahap"}
    rpjmd = {"node": str(plan.sasaran_pemda.code), "kind": "arah_kebijakan", "text": "Fokus"}
    assert bappeda.post(f"{API}/strategies/", mine, format="json").status_code == 403
    assert operator.post(f"{API}/strategies/", rpjmd, format="json").status_code == 403
    assert bappeda.post(f"{API}/strategies/", rpjmd, format="json").status_code == 201
    response = operator.post(f"{API}/strategies/", mine, format="json")
    assert response.status_code == 201, response.content
    code = response.json()["code"]
    response = operator.post(
        f"{API}/strategies/", {**mine, "node": str(plan.tujuan.code)}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["kind"]
    response = operator.patch(
        f"{API}/strategies/{code}/", {"text": "Akreditasi semua", "version": 1}, format="json"
    )
    assert response.status_code == 200
    stale = operator.patch(f"{API}/strategies/{code}/", {"text": "x", "version": 1}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current"]["text"] == "Akreditasi semua"
    listed = rows(api(plan.cast.viewer).get(f"{API}/strategies/?node={plan.sasaran.code}"))
    assert [row["code"] for row in listed] == [code]
    assert api(plan.cast.other_operator).get(f"{API}/strategies/{code}/").status_code == 404
    assert operator.delete(f"{API}/strategies/{code}/").status_code == 204
    assert not Strategy.objects.filter(code=code).exists()


# --- budgets ---------------------------------------------------------------------------------


def test_it_sets_changes_and_removes_a_budget(plan):
    client = api(plan.cast.operator)
    response = client.post(
        f"{API}/budgets/",
        {"node": str(plan.sub.code), "year": 2027, "amount": "1.250.000.000"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["year"] == 2027
    assert body["amount"] == "1250000000.00"
    response = client.patch(
        f"{API}/budgets/{body['code']}/",
        {"amount": "abc", "version": body["version"]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["amount"]
    response = client.patch(
        f"{API}/budgets/{body['code']}/", {"amount": "900000000", "version": 99}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["current"]["amount"] == "1250000000.00"
    assert client.delete(f"{API}/budgets/{body['code']}/").status_code == 204
    assert not NodeBudget.objects.filter(node=plan.sub, year=2027).exists()
    listed = rows(client.get(f"{API}/budgets/?node={plan.sub.code}"))
    assert [row["year"] for row in listed] == [2025, 2026]


def test_it_refuses_a_budget_year_outside_the_period(plan):
    response = api(plan.cast.operator).post(
        f"{API}/budgets/",
        {"node": str(plan.sub.code), "year": 2035, "amount": "5"},
        format="json",
    )
    assert response.status_code == 400
    assert "outside the plan period" in response.json()["amount"][0]


# --- crosscutting ----------------------------------------------------------------------------


def test_it_creates_a_crosscut_visible_to_both_opds(plan):
    response = api(plan.cast.operator).post(
        f"{API}/crosscuts/",
        {"source": str(plan.sasaran.code), "target": str(plan.tujuan2.code), "note": "UKS"},
        format="json",
    )
    assert response.status_code == 201, response.content
    crosscut = Crosscut.objects.get(code=response.json()["code"])
    assert codes(api(plan.cast.other_operator).get(f"{API}/crosscuts/")) == code_set(crosscut)
    # The target OPD sees the supporting statement read-only.
    other = api(plan.cast.other_operator)
    assert other.get(f"{API}/nodes/{plan.sasaran.code}/").status_code == 200
    response = other.patch(
        f"{API}/nodes/{plan.sasaran.code}/", {"statement": "x", "version": 1}, format="json"
    )
    assert response.status_code == 403
    assert other.delete(f"{API}/crosscuts/{crosscut.code}/").status_code == 403
    assert codes(api(plan.cast.outsider).get(f"{API}/crosscuts/")) == set()
    assert api(plan.cast.operator).delete(f"{API}/crosscuts/{crosscut.code}/").status_code == 204
    assert not Crosscut.objects.exists()


def test_it_refuses_a_crosscut_inside_the_same_opd(plan):
    response = api(plan.cast.operator).post(
        f"{API}/crosscuts/",
        {"source": str(plan.sub.code), "target": str(plan.sasaran.code)},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["target"]
    assert not Crosscut.objects.exists()


# --- review comments and findings -------------------------------------------------------------


def test_it_lets_bappeda_comment_and_the_opd_resolve(plan):
    response = api(plan.cast.bappeda).post(
        f"{API}/review-comments/",
        {"renstra": str(plan.renstra.code), "node": str(plan.sasaran.code), "text": "Perbaiki"},
        format="json",
    )
    assert response.status_code == 201, response.content
    code = response.json()["code"]
    response = api(plan.cast.operator).post(
        f"{API}/review-comments/",
        {"renstra": str(plan.renstra.code), "text": "Sendiri"},
        format="json",
    )
    assert response.status_code == 403
    listed = codes(
        api(plan.cast.operator).get(f"{API}/review-comments/?renstra={plan.renstra.code}")
    )
    assert listed == {code}
    assert api(plan.cast.viewer).post(f"{API}/review-comments/{code}/resolve/").status_code == 403
    response = api(plan.cast.operator).post(f"{API}/review-comments/{code}/resolve/")
    assert response.status_code == 200
    assert response.json()["resolved_at"]
    assert api(plan.cast.other_operator).get(f"{API}/review-comments/{code}/").status_code == 404
    assert ReviewComment.objects.count() == 1


def test_it_requires_the_renstra_to_list_comments_and_findings(plan):
    client = api(plan.cast.operator)
    for endpoint in ["review-comments", "findings", "finding-dismissals"]:
        response = client.get(f"{API}/{endpoint}/")
        assert response.status_code == 400
        assert response.json()["renstra"]


def test_it_lists_findings_and_lets_bappeda_dismiss_and_restore(plan):
    orphan = services.node_create(
        actor=None,
        parent=Node.objects.get(renstra=plan.renstra, parent=None),
        node_level=NodeLevel.TUJUAN,
        statement="Meningkatnya tata kelola",
    )
    findings = rows(api(plan.cast.operator).get(f"{API}/findings/?renstra={plan.renstra.code}"))
    mine = [f for f in findings if f["node"] == str(orphan.code) and f["rule"] == ORPHAN]
    assert mine and not mine[0]["dismissed"]
    payload = {"node": str(orphan.code), "rule": ORPHAN, "note": "Urusan penunjang"}
    response = api(plan.cast.operator).post(f"{API}/finding-dismissals/", payload, format="json")
    assert response.status_code == 403
    response = api(plan.cast.bappeda).post(f"{API}/finding-dismissals/", payload, format="json")
    assert response.status_code == 201, response.content
    code = response.json()["code"]
    findings = rows(api(plan.cast.operator).get(f"{API}/findings/?renstra={plan.renstra.code}"))
    mine = [f for f in findings if f["node"] == str(orphan.code) and f["rule"] == ORPHAN]
    assert mine[0]["dismissed"] and mine[0]["dismissal_note"] == "Urusan penunjang"
    response = api(plan.cast.bappeda).post(
        f"{API}/finding-dismissals/", {**payload, "rule": "no_such_rule"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["rule"]
    assert api(plan.cast.operator).delete(f"{API}/finding-dismissals/{code}/").status_code == 403
    assert api(plan.cast.bappeda).delete(f"{API}/finding-dismissals/{code}/").status_code == 204
    assert not FindingDismissal.objects.exists()


# --- constant queries ------------------------------------------------------------------------


def _grow(plan, n: int) -> None:
    """Add n sasaran with an indicator, targets and a crosscut each to Dinas Kesehatan."""
    for i in range(n):
        node = services.node_create(
            actor=None,
            parent=plan.tujuan,
            node_level=NodeLevel.SASARAN,
            statement=f"Meningkatnya layanan {i}",
            owner_position=plan.cast.kepala_opd1,
        )
        services.indicator_create(
            actor=None, node=node, name=f"Persentase {i}", unit="%", targets={2025: i, 2026: i}
        )
        services.budgets_set(actor=None, node=plan.sub, amounts={2027: 1000 + i})
        services.crosscut_create(actor=None, source=node, target=plan.tujuan2, note=str(i))
        services.strategy_create(actor=None, node=node, kind="strategi", text=f"Strategi {i}")


LIST_URLS = [
    "nodes/",
    "indicators/",
    "strategies/",
    "budgets/",
    "crosscuts/",
]


def fresh(user):
    """The user as a new request loads it (its scope is computed again, not cached)."""
    return type(user).objects.get(pk=user.pk)


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"{API}/{url}")
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", LIST_URLS)
def test_it_lists_with_a_constant_number_of_queries(plan, url, django_assert_num_queries):
    _grow(plan, 1)
    small = _count(api(fresh(plan.cast.operator)), url)
    _grow(plan, 5)
    client = api(fresh(plan.cast.operator))
    with django_assert_num_queries(small):
        response = client.get(f"{API}/{url}")
    assert len(rows(response)) > 1


def test_it_lists_findings_and_comments_with_constant_queries(plan, django_assert_num_queries):
    url = f"findings/?renstra={plan.renstra.code}"
    _grow(plan, 1)
    small = _count(api(fresh(plan.cast.bappeda)), url)
    _grow(plan, 4)
    client = api(fresh(plan.cast.bappeda))
    with django_assert_num_queries(small):
        client.get(f"{API}/{url}")
    for i in range(3):
        services.review_comment_add(actor=plan.cast.bappeda, renstra=plan.renstra, text=f"c{i}")
    url = f"review-comments/?renstra={plan.renstra.code}"
    small = _count(api(fresh(plan.cast.bappeda)), url)
    for i in range(4):
        services.review_comment_add(
            actor=plan.cast.bappeda, renstra=plan.renstra, text=f"d{i}", node=plan.sasaran
        )
    client = api(fresh(plan.cast.bappeda))
    with django_assert_num_queries(small):
        client.get(f"{API}/{url}")


# --- schema ----------------------------------------------------------------------------------


def test_it_generates_the_plan_and_tree_schema_without_warnings(db, capsys):
    """Only the planning and performance routers, so that another app's endpoints cannot hide
    or cause a warning here."""
    router = DefaultRouter()
    planning_api.register(router)
    performance_api.register(router)
    GENERATOR_STATS.reset()
    schema = SchemaGenerator(patterns=[path("api/v1/", include(router.urls))]).get_schema(
        request=None, public=True
    )
    assert not GENERATOR_STATS, capsys.readouterr().err
    validate_schema(schema)
    paths = schema["paths"]
    assert "/api/v1/renstra/{code}/return/" in paths
    assert "/api/v1/nodes/{code}/move/" in paths
    assert "/api/v1/indicators/{code}/targets/" in paths
    patch = paths["/api/v1/nodes/{code}/"]["patch"]
    assert {"200", "400", "403", "404", "409"} <= set(patch["responses"])
    assert schema["components"]["schemas"]["NodeUpdateRequest"]["required"] == ["version"]
