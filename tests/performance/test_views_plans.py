"""The plan pages in the browser's terms: RPJMD, Renstra with its tree and review, Renja."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.performance import services
from apps.performance.models import Crosscut, Indicator, Node, NodeLevel, Target
from apps.planning.models import DocumentStatus, Renja

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pages_in_english(settings):
    """Pages render in the language of the request; assertions read the English source."""
    settings.LANGUAGE_CODE = "en"


def url(name: str, *args) -> str:
    return reverse(f"performance:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


# --- pages render for the right roles ---------------------------------------------------------


def test_it_shows_the_renstra_page_to_its_opd_bappeda_and_the_viewer(plan):
    cast = plan.cast
    for user in (cast.operator, cast.verifier, cast.bappeda, cast.admin, cast.viewer):
        response = cast.client(user).get(url("renstra_detail", plan.renstra.code))
        assert response.status_code == 200, user
        assert "Meningkatnya akses dan mutu pelayanan kesehatan dasar" in text(response)
    assert (
        cast.client(cast.other_operator).get(url("renstra_detail", plan.renstra.code)).status_code
        == 404
    )
    assert (
        cast.client(cast.outsider).get(url("renstra_detail", plan.renstra.code)).status_code == 404
    )


def test_it_offers_edit_actions_only_to_the_opd_writers(plan):
    cast = plan.cast
    edit = url("node_edit", plan.sasaran.code)
    assert edit in text(cast.client(cast.operator).get(url("renstra_detail", plan.renstra.code)))
    assert edit not in text(cast.client(cast.bappeda).get(url("renstra_detail", plan.renstra.code)))
    assert edit not in text(cast.client(cast.viewer).get(url("renstra_detail", plan.renstra.code)))


def test_it_lists_the_renstra_of_the_period_with_status_and_findings(plan):
    response = plan.cast.client(plan.cast.bappeda).get(
        url("renstra_list") + f"?period={plan.period.code}"
    )
    assert response.status_code == 200
    body = text(response)
    assert "Dinas Kesehatan" in body and "Dinas Pendidikan" in body
    assert plan.cast.client(plan.cast.operator).get(url("renstra_list")).status_code == 200


def test_it_shows_the_rpjmd_with_its_sasaran_indicators_and_targets(plan):
    response = plan.cast.client(plan.cast.viewer).get(url("rpjmd_detail", plan.rpjmd.code))
    body = text(response)
    assert response.status_code == 200
    assert "Meningkatnya derajat kesehatan masyarakat" in body
    assert "Angka Harapan Hidup" in body and "71.7" in body
    assert url("node_edit", plan.sasaran_pemda.code) not in body
    bappeda_body = text(
        plan.cast.client(plan.cast.bappeda).get(url("rpjmd_detail", plan.rpjmd.code))
    )
    assert url("node_edit", plan.sasaran_pemda.code) in bappeda_body


# --- creating and editing through POST ------------------------------------------------------


def test_it_adds_a_sasaran_pemda_and_a_strategy_to_the_rpjmd(plan):
    client = plan.cast.client(plan.cast.bappeda)
    response = client.post(
        url("node_create", plan.tujuan_pemda.code),
        {"level": NodeLevel.SASARAN_PEMDA, "statement": "Meningkatnya daya saing daerah"},
    )
    assert response.status_code == 302
    node = Node.objects.get(statement="Meningkatnya daya saing daerah")
    assert node.rpjmd == plan.rpjmd and node.parent == plan.tujuan_pemda
    response = client.post(
        url("strategy_create", node.code), {"kind": "strategi", "text": "Hilirisasi"}
    )
    assert response.status_code == 302
    assert node.strategies.get().text == "Hilirisasi"


def test_it_adds_a_sasaran_under_a_tujuan_with_its_cascade(plan):
    client = plan.cast.client(plan.cast.operator)
    response = client.post(
        url("node_create", plan.tujuan.code),
        {
            "level": NodeLevel.SASARAN,
            "statement": "Meningkatnya cakupan imunisasi",
            "owner_position": plan.cast.kepala_opd1.code,
            "pemda_sasaran": [plan.sasaran_pemda.code],
        },
    )
    assert response.status_code == 302
    node = Node.objects.get(statement="Meningkatnya cakupan imunisasi")
    assert node.parent == plan.tujuan
    assert list(node.pemda_sasaran.all()) == [plan.sasaran_pemda]


def test_it_adds_an_indicator_with_its_five_targets_in_one_form(plan):
    client = plan.cast.client(plan.cast.operator)
    response = client.post(
        url("indicator_create", plan.sasaran.code),
        {
            "name": "Cakupan imunisasi dasar lengkap",
            "unit": "%",
            "value_type": "number",
            "polarity": "positive",
            "aggregation": "nilai_akhir",
            "formula": "Bayi diimunisasi lengkap / seluruh bayi × 100",
            "baseline": "85,5",
            "target_2025": "86",
            "target_2026": "87,5",
            "target_2027": "89",
            "target_2028": "90",
            "target_2029": "92",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    indicator = Indicator.objects.get(name="Cakupan imunisasi dasar lengkap")
    values = dict(indicator.targets.values_list("year", "value"))
    assert str(values[2026]) == "87.5000" and len(values) == 5
    assert str(indicator.baseline) == "85.5000"


def test_it_refuses_a_non_numeric_target_on_its_field_and_saves_nothing(plan):
    client = plan.cast.client(plan.cast.operator)
    response = client.post(
        url("indicator_create", plan.sasaran.code),
        {
            "name": "Cakupan imunisasi",
            "unit": "%",
            "value_type": "number",
            "polarity": "positive",
            "aggregation": "nilai_akhir",
            "target_2025": "delapan puluh",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["target_2025"]
    assert not Indicator.objects.filter(name="Cakupan imunisasi").exists()


def test_it_refuses_a_non_numeric_target_in_the_targets_grid(plan):
    indicator = plan.sasaran_indicator
    before = dict(indicator.targets.values_list("year", "value"))
    response = plan.cast.client(plan.cast.operator).post(
        url("indicator_targets", indicator.code),
        {"target_2025": "abc", "target_2026": "55"},
    )
    assert response.status_code == 200
    assert response.context["targets_form"].errors["target_2025"]
    assert dict(indicator.targets.values_list("year", "value")) == before


def test_it_refuses_a_renja_year_outside_the_period(plan):
    response = plan.cast.client(plan.cast.operator).post(
        url("renja_create", plan.renstra.code), {"year": "2035"}
    )
    assert response.status_code == 200
    assert "outside the plan period" in str(response.context["form"].errors["year"])
    assert not Renja.objects.exists()


def test_it_refuses_moving_a_statement_under_its_own_child(plan):
    client = plan.cast.client(plan.cast.operator)
    inner = services.node_create(
        actor=None,
        parent=plan.sasaran,
        node_level=NodeLevel.SASARAN,
        statement="Meningkatnya mutu layanan rujukan",
    )
    response = client.post(url("node_move", plan.sasaran.code), {"parent": inner.code})
    assert response.status_code == 200
    assert len(response.context["form"].errors["parent"]) == 1
    assert "under itself" in str(response.context["form"].errors["parent"])
    plan.sasaran.refresh_from_db()
    assert plan.sasaran.parent_id == plan.tujuan.pk


def test_it_refuses_a_parent_in_another_opds_tree(plan):
    client = plan.cast.client(plan.cast.operator)
    response = client.post(url("node_move", plan.sasaran.code), {"parent": plan.tujuan2.code})
    assert response.status_code == 200
    assert "crosscutting" in str(response.context["form"].errors["parent"]).lower()
    plan.sasaran.refresh_from_db()
    assert plan.sasaran.parent_id == plan.tujuan.pk


def test_it_refuses_writes_to_a_submitted_renstra_and_changes_nothing(plan):
    services.renstra_submit(actor=None, renstra=plan.renstra)
    client = plan.cast.client(plan.cast.operator)
    response = client.post(
        url("node_edit", plan.sasaran.code),
        {"statement": "Changed", "version": plan.sasaran.version, "owner_position": ""},
    )
    assert response.status_code == 200
    assert "submitted for review" in text(response)
    plan.sasaran.refresh_from_db()
    assert plan.sasaran.statement == "Meningkatnya akses dan mutu pelayanan kesehatan dasar"
    response = client.post(
        url("node_create", plan.tujuan.code), {"level": "sasaran", "statement": "Meningkatnya X"}
    )
    assert "submitted for review" in text(response)
    assert not Node.objects.filter(statement="Meningkatnya X").exists()


def test_it_shows_the_other_persons_values_on_a_stale_edit(plan):
    old_version = plan.sasaran.version
    services.node_update(
        actor=None,
        node=plan.sasaran,
        data={"statement": "Meningkatnya mutu pelayanan kesehatan"},
        expected_version=old_version,
    )
    response = plan.cast.client(plan.cast.operator).post(
        url("node_edit", plan.sasaran.code),
        {
            "statement": "Meningkatnya akses pelayanan",
            "version": old_version,
            "owner_position": plan.cast.kepala_opd1.code,
        },
    )
    assert response.status_code == 200
    body = text(response)
    assert "Someone else saved this record" in body
    assert "Meningkatnya mutu pelayanan kesehatan" in body
    plan.sasaran.refresh_from_db()
    assert plan.sasaran.statement == "Meningkatnya mutu pelayanan kesehatan"


def test_it_sets_the_indicative_budget_and_refuses_a_non_number(plan):
    client = plan.cast.client(plan.cast.operator)
    response = client.post(url("node_budget", plan.sub.code), {"budget_2027": "1.000.000"})
    assert response.status_code == 302
    assert str(plan.sub.budgets.get(year=2027).amount) == "1000000.00"
    response = client.post(url("node_budget", plan.sub.code), {"budget_2028": "banyak"})
    assert response.status_code == 200
    assert response.context["form"].errors["budget_2028"]
    assert not plan.sub.budgets.filter(year=2028).exists()


def test_it_links_a_crosscut_that_the_other_opd_sees_read_only(plan):
    response = plan.cast.client(plan.cast.operator).post(
        url("crosscut_create", plan.sasaran.code),
        {"target": plan.tujuan2.code, "note": "Sekolah sehat"},
    )
    assert response.status_code == 302
    assert Crosscut.objects.filter(source=plan.sasaran, target=plan.tujuan2).exists()
    body = text(
        plan.cast.client(plan.cast.other_operator).get(url("renstra_detail", plan.renstra2.code))
    )
    assert "Sekolah sehat" in body and "Dinas Kesehatan" in body
    assert url("crosscut_delete", Crosscut.objects.get().code) not in body


def test_it_deletes_a_leaf_statement_and_refuses_one_with_children(plan):
    client = plan.cast.client(plan.cast.operator)
    client.post(url("node_delete", plan.sasaran.code))
    assert Node.objects.filter(pk=plan.sasaran.pk).exists()
    leaf = services.node_create(
        actor=None, parent=plan.sasaran, node_level="sasaran", statement="Meningkatnya Y"
    )
    assert client.post(url("node_delete", leaf.code)).status_code == 302
    assert not Node.objects.filter(pk=leaf.pk).exists()


def test_it_shows_old_and_new_target_values_in_the_history(plan):
    services.targets_set(
        actor=plan.cast.operator,
        indicator=plan.sasaran_indicator,
        targets={2025: "45", 2026: "50", 2027: "60", 2028: "70", 2029: "80"},
    )
    response = plan.cast.client(plan.cast.viewer).get(url("node_history", plan.sasaran.code))
    assert response.status_code == 200
    body = text(response)
    assert "40.0000 → 45.0000" in body


def test_it_lets_bappeda_dismiss_and_restore_a_finding(plan):
    client = plan.cast.client(plan.cast.bappeda)
    response = client.post(
        url("finding_dismiss", plan.sub.code),
        {"rule": "activity_indicator", "subject": str(plan.sub_indicator.code), "note": "Output"},
    )
    assert response.status_code == 302
    dismissal = plan.sub.dismissals.get()
    assert (
        plan.cast.client(plan.cast.operator)
        .post(url("finding_restore", dismissal.code))
        .status_code
        == 403
    )
    assert client.post(url("finding_restore", dismissal.code)).status_code == 302
    assert not plan.sub.dismissals.exists()


# --- the review through the views ------------------------------------------------------------


def test_it_runs_submit_return_fix_and_approve_through_the_views(plan):
    operator = plan.cast.client(plan.cast.operator)
    bappeda = plan.cast.client(plan.cast.bappeda)
    renstra = plan.renstra

    def version() -> int:
        renstra.refresh_from_db()
        return renstra.version

    response = operator.post(url("renstra_submit", renstra.code), {"submit-version": version()})
    assert response.status_code == 302
    renstra.refresh_from_db()
    assert renstra.status == DocumentStatus.SUBMITTED
    assert "Bappeda must review" in text(bappeda.get(url("renstra_detail", renstra.code)))

    response = bappeda.post(url("renstra_return", renstra.code), {"return-version": version()})
    assert response.status_code == 200
    assert response.context["actions"][0]["form"].errors["note"]
    response = bappeda.post(
        url("comment_add", renstra.code),
        {"comment-text": "Indikator sasaran kurang jelas", "comment-node": plan.sasaran.code},
    )
    assert response.status_code == 302
    response = bappeda.post(
        url("renstra_return", renstra.code),
        {"return-version": version(), "return-note": "Perbaiki indikator sasaran"},
    )
    assert response.status_code == 302
    renstra.refresh_from_db()
    assert renstra.status == DocumentStatus.RETURNED
    body = text(operator.get(url("renstra_detail", renstra.code)))
    assert "Perbaiki indikator sasaran" in body and "the OPD must fix it" in body

    indicator = plan.sasaran_indicator
    response = operator.post(
        url("indicator_edit", indicator.code),
        {
            "name": "Persentase puskesmas terakreditasi paripurna",
            "unit": "%",
            "value_type": "number",
            "polarity": "positive",
            "aggregation": "nilai_akhir",
            "formula": "Puskesmas paripurna / seluruh puskesmas × 100",
            "definition": "Akreditasi tingkat paripurna",
            "max_value": "100",
            "is_iku": "on",
            "version": indicator.version,
        },
    )
    assert response.status_code == 302
    comment = renstra.comments.get()
    assert operator.post(url("comment_resolve", comment.code)).status_code == 302
    assert (
        operator.post(
            url("renstra_submit", renstra.code), {"submit-version": version()}
        ).status_code
        == 302
    )
    response = bappeda.post(url("renstra_approve", renstra.code), {"approve-version": version()})
    assert response.status_code == 302
    renstra.refresh_from_db()
    assert renstra.status == DocumentStatus.APPROVED

    # Locked now; a revision keeps the approved version, viewable read-only.
    response = operator.post(
        url("renstra_revise", renstra.code),
        {"revise-version": version(), "revise-note": "APBD perubahan"},
    )
    assert response.status_code == 302
    renstra.refresh_from_db()
    assert renstra.status == DocumentStatus.DRAFT and renstra.revision == 1
    response = operator.get(url("renstra_version", renstra.code, 0))
    assert response.status_code == 200
    assert "Persentase puskesmas terakreditasi paripurna" in text(response)


def test_it_refuses_review_acts_to_the_wrong_side(plan):
    operator = plan.cast.client(plan.cast.operator)
    bappeda = plan.cast.client(plan.cast.bappeda)
    code = plan.renstra.code
    assert bappeda.post(url("renstra_submit", code), {"submit-version": 1}).status_code == 403
    assert operator.post(url("renstra_approve", code), {"approve-version": 1}).status_code == 403
    assert plan.cast.client(plan.cast.viewer).post(url("renstra_submit", code)).status_code == 403


# --- Renja ----------------------------------------------------------------------------------


def test_it_creates_a_renja_sets_a_pagu_and_revises_it(plan):
    client = plan.cast.client(plan.cast.operator)
    response = client.post(url("renja_create", plan.renstra.code), {"year": "2025"})
    assert response.status_code == 302
    renja = Renja.objects.get()
    line = renja.lines.get(node=plan.sub)
    response = client.post(
        url("renja_pagu", line.code), {"pagu": "1.250.000.000", "version": line.version}
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert str(line.pagu) == "1250000000.00"
    response = client.post(url("renja_pagu", line.code), {"pagu": "x", "version": line.version})
    line.refresh_from_db()
    assert str(line.pagu) == "1250000000.00"
    assert client.get(url("renja_detail", renja.code)).status_code == 200
    response = client.post(url("renja_revise", renja.code), {"note": ""})
    assert response.status_code == 200 and response.context["form"].errors["note"]
    response = client.post(url("renja_revise", renja.code), {"note": "APBD-P 2025"})
    assert response.status_code == 302
    assert Renja.objects.count() == 2
    renja.refresh_from_db()
    assert not renja.is_current
    body = text(client.get(url("renja_detail", renja.code)))
    assert "older version" in body
    assert url("renja_pagu", line.code) not in body
    assert client.get(url("renja_list") + f"?renstra={plan.renstra.code}").status_code == 200


# --- query pins -----------------------------------------------------------------------------


def _grow(plan, n: int) -> None:
    """n more sasaran with an indicator and targets under the tujuan of both OPDs."""
    for i in range(n):
        for tujuan in (plan.tujuan, plan.tujuan2):
            node = services.node_create(
                actor=None, parent=tujuan, node_level="sasaran", statement=f"Meningkatnya hal {i}"
            )
            services.indicator_create(
                actor=None,
                node=node,
                name=f"Indeks hal {i}",
                unit="indeks",
                targets={2025: 1, 2026: 2},
            )
        services.review_comment_add(actor=plan.cast.bappeda, renstra=plan.renstra, text=f"C {i}")


def _count(client, path, django_assert_max_num_queries) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["renstra_list", "renstra_detail"])
def test_it_runs_the_same_number_of_queries_whatever_the_size(
    plan, page, django_assert_num_queries
):
    client = plan.cast.client(plan.cast.bappeda)
    path = (
        url("renstra_list") + f"?period={plan.period.code}"
        if page == "renstra_list"
        else url("renstra_detail", plan.renstra.code)
    )
    client.get(path)  # warm the session and the scope caches
    _grow(plan, 1)
    small = _count(client, path, None)
    _grow(plan, 6)
    with django_assert_num_queries(small):
        assert client.get(path).status_code == 200


def test_it_does_not_leak_targets_across_tenants(plan):
    target = Target.objects.filter(indicator=plan.sasaran_indicator).first()
    assert target is not None
    response = plan.cast.client(plan.cast.outsider).get(
        url("indicator_edit", plan.sasaran_indicator.code)
    )
    assert response.status_code == 404


def test_it_creates_an_rpjmd_and_a_renstra_for_a_new_period(plan):
    from apps.organisations import services as org_services

    period = org_services.period_create(
        actor=None, pemda=plan.cast.pemda, name="RPJMD 2030–2034", start_year=2030
    )
    bappeda = plan.cast.client(plan.cast.bappeda)
    response = bappeda.post(url("rpjmd_create"), {"period": period.code, "visi": ""})
    assert response.status_code == 200 and response.context["form"].errors["visi"]
    response = bappeda.post(url("rpjmd_create"), {"period": period.code, "visi": "Contoh Maju"})
    assert response.status_code == 302
    assert plan.cast.client(plan.cast.operator).get(url("rpjmd_create")).status_code == 403
    operator = plan.cast.client(plan.cast.operator)
    response = operator.post(
        url("renstra_create"), {"period": period.code, "opd": plan.cast.opd2.code}
    )
    assert response.status_code == 200 and response.context["form"].errors["opd"]
    response = operator.post(
        url("renstra_create"), {"period": period.code, "opd": plan.cast.opd1.code}
    )
    assert response.status_code == 302
    response = operator.post(
        url("renstra_create"), {"period": period.code, "opd": plan.cast.opd1.code}
    )
    assert "already has a Renstra" in str(response.context["form"].errors["opd"])


def test_it_shows_findings_with_their_reason_and_a_dismiss_action_for_bappeda(plan):
    services.node_update(
        actor=None,
        node=plan.sasaran,
        data={"statement": "Terlaksananya pelayanan kesehatan"},
        expected_version=plan.sasaran.version,
    )
    body = text(plan.cast.client(plan.cast.bappeda).get(url("renstra_detail", plan.renstra.code)))
    assert "Work (kerja) statement above output level" in body
    assert url("finding_dismiss", plan.sasaran.code) in body
    operator_body = text(
        plan.cast.client(plan.cast.operator).get(url("renstra_detail", plan.renstra.code))
    )
    assert "Work (kerja) statement above output level" in operator_body
    assert url("finding_dismiss", plan.sasaran.code) not in operator_body


def test_it_shows_the_other_persons_target_on_a_stale_targets_save(plan):
    indicator = plan.sasaran_indicator
    target = indicator.targets.get(year=2026)
    old_version = target.version
    services.target_set(
        actor=None, indicator=indicator, year=2026, value="55", expected_version=old_version
    )
    data = {f"target_{y}": v for y, v in zip(range(2025, 2030), (40, 52, 60, 70, 80), strict=True)}
    data.update({f"version_{t.year}": t.version for t in indicator.targets.all()})
    data["version_2026"] = old_version
    response = plan.cast.client(plan.cast.operator).post(
        url("indicator_targets", indicator.code), data
    )
    assert response.status_code == 200
    body = text(response)
    assert "Someone else saved this record" in body
    assert "Saved by the other person" in body and "<strong>55</strong>" in body
    target.refresh_from_db()
    assert str(target.value) == "55.0000"


def test_it_adds_an_rpjmd_program_carried_by_an_opd(plan):
    response = plan.cast.client(plan.cast.bappeda).post(
        url("node_create", plan.sasaran_pemda.code),
        {
            "level": "program",
            "nomenclature": "1.02.02",
            "opd": plan.cast.opd1.code,
            "owner_position": plan.cast.kepala_opd1.code,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    program = Node.objects.get(rpjmd=plan.rpjmd, node_level="program")
    assert program.opd == plan.cast.opd1 and program.statement.startswith("PROGRAM PEMENUHAN")
    body = text(plan.cast.client(plan.cast.viewer).get(url("rpjmd_detail", plan.rpjmd.code)))
    assert "PROGRAM PEMENUHAN" in body and "Dinas Kesehatan" in body


def _grow_rpjmd_and_renja(plan, n: int, start: int) -> None:
    for i in range(start, start + n):
        node = services.node_create(
            actor=None,
            parent=plan.tujuan_pemda,
            node_level="sasaran_pemda",
            statement=f"Meningkatnya hal {i}",
        )
        services.indicator_create(
            actor=None, node=node, name=f"Indeks {i}", unit="indeks", targets={2025: 1}
        )
        services.strategy_create(actor=None, node=node, kind="strategi", text=f"Strategi {i}")
    for year in range(2025 + start, 2025 + start + n):
        services.renja_create(actor=None, renstra=plan.renstra, year=year)


@pytest.mark.parametrize("page", ["rpjmd_detail", "renja_list"])
def test_it_pins_the_queries_of_the_rpjmd_page_and_the_renja_list(
    plan, page, django_assert_num_queries
):
    client = plan.cast.client(plan.cast.viewer)
    path = url("rpjmd_detail", plan.rpjmd.code) if page == "rpjmd_detail" else url("renja_list")
    client.get(path)
    _grow_rpjmd_and_renja(plan, 1, 0)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(path).status_code == 200
    _grow_rpjmd_and_renja(plan, 3, 1)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(path).status_code == 200
