"""The pohon kinerja pages: content, the accessible list, and constant query counts."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.organisations import services as org_services
from apps.organisations.models import UnitType
from apps.performance import services
from apps.performance.models import Node, NodeLevel
from tests.browser.conftest import login
from tests.performance.conftest import targets


def _grow(plan, opds: int, sasaran_per_opd: int) -> None:
    """Add `opds` OPDs, each with a Renstra cascading from the RPJMD sasaran, and more
    statements and indicators in Dinas Kesehatan's tree."""
    for i in range(opds):
        opd = org_services.unit_create(
            actor=None, parent=plan.cast.pemda, name=f"Dinas Baru {i}", unit_type=UnitType.OPD
        )
        head = org_services.position_create(
            actor=None, unit=opd, title=f"Kepala Dinas Baru {i}", level="jpt", is_head=True
        )
        renstra = services.renstra_create(actor=None, period=plan.period, opd=opd)
        tujuan = services.node_create(
            actor=None,
            parent=Node.objects.get(renstra=renstra, parent=None),
            node_level=NodeLevel.TUJUAN,
            statement=f"Meningkatnya layanan baru {i}",
            owner_position=head,
            pemda_sasaran=[plan.sasaran_pemda],
        )
        for j in range(sasaran_per_opd):
            sasaran = services.node_create(
                actor=None,
                parent=tujuan,
                node_level=NodeLevel.SASARAN,
                statement=f"Meningkatnya mutu layanan {i}.{j}",
                owner_position=head,
            )
            services.indicator_create(
                actor=None,
                node=sasaran,
                name=f"Indeks {i}.{j}",
                unit="indeks",
                targets=targets(1, 2),
            )
    for j in range(sasaran_per_opd):
        sasaran = services.node_create(
            actor=None,
            parent=plan.tujuan,
            node_level=NodeLevel.SASARAN,
            statement=f"Menurunnya angka kesakitan {j}",
            owner_position=plan.cast.kepala_opd1,
        )
        services.indicator_create(
            actor=None, node=sasaran, name=f"Angka kesakitan {j}", unit="%", targets=targets(5, 4)
        )


def _count(client, url) -> int:
    cache.clear()  # the page computed, not served from the page cache
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_it_shows_the_opd_tree_with_owner_indicators_and_the_years_target(plan):
    client = plan.cast.client(plan.cast.operator)
    url = reverse("performance:tree_opd", args=[plan.renstra.code])
    response = client.get(url, {"year": 2026})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Meningkatnya akses dan mutu pelayanan kesehatan dasar" in html
    assert "Persentase puskesmas terakreditasi paripurna" in html
    assert "<strong>50</strong>" in html  # the 2026 target
    # Years are never written with a thousands separator (Indonesian number format).
    assert '<option value="2026" selected>2026</option>' in html and "2.026" not in html
    assert "Kepala Dinas Kesehatan" in html
    assert 'role="tree"' in html and 'aria-level="' in html
    assert "<script>" not in html and 'style="' not in html
    data = json.loads(
        html.split('id="pohon-data" type="application/json">')[1].split("</script>")[0]
    )
    assert data["children"][0]["name"].startswith("Meningkatnya derajat")
    assert 'id="pohon-data"' in html


def test_it_marks_quality_findings_and_keeps_the_capaian_hook_neutral(plan):
    # A kerja statement at sasaran level is a finding (DOMAIN.md "Statements and indicators").
    services.node_create(
        actor=None,
        parent=plan.tujuan,
        node_level=NodeLevel.SASARAN,
        statement="Terlaksananya rapat koordinasi",
        owner_position=plan.cast.kepala_opd1,
    )
    response = plan.cast.client(plan.cast.operator).get(
        reverse("performance:tree_opd", args=[plan.renstra.code])
    )
    html = response.content.decode()
    assert "has-findings" in html
    assert "capaian-none" in html
    assert "capaian-tinggi" not in html


def test_it_shows_crosscutting_links_on_both_trees(plan):
    services.crosscut_create(
        actor=None, source=plan.tujuan2, target=plan.sasaran, note="Sekolah sehat"
    )
    html = (
        plan.cast.client(plan.cast.operator)
        .get(reverse("performance:tree_opd", args=[plan.renstra.code]))
        .content.decode()
    )
    assert "pohon-crosscuts" in html and "Meningkatnya kualitas pendidikan dasar" in html
    assert "Sekolah sehat" in html


def test_it_shows_the_pemda_tree_with_opd_statements_under_rpjmd_sasaran(plan):
    response = plan.cast.client(plan.cast.bappeda).get(
        reverse("performance:tree_pemda", args=[plan.period.code]), {"year": 2025}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Meningkatnya derajat kesehatan masyarakat Kabupaten Contoh" in html
    assert "Meningkatnya kualitas pendidikan dasar" in html
    # The OPD statements cascading from an RPJMD sasaran are collapsed heads whose subtree is
    # loaded on demand: the statements below them are not on the page.
    branch = reverse("performance:tree_branch", args=[plan.tujuan.code])
    assert f'data-branch="{branch}?year=2025&amp;depth=4&amp;el=pohon-pemda-' in html
    assert "Meningkatnya akses dan mutu pelayanan kesehatan dasar" not in html
    assert "pohon-below" in html
    # A failed load says so (pohon.js puts data-error in the placeholder) and may be retried.
    assert 'data-error="Pernyataan ini tidak dapat dimuat; tutup dan buka kembali' in html
    # Without JS the head still leads to its OPD's own tree page.
    assert reverse("performance:tree_opd", args=[plan.renstra.code]) + "?year=2025" in html
    # The count covers every statement in scope, shown or not.
    assert response.context["tree"].node_count == Node.objects.filter(pemda=plan.cast.pemda).count()
    chart = response.context["chart"]
    sasaran = chart["children"][0]["children"][0]["children"][0]
    assert [c["name"] for c in sasaran["children"]] == [
        "Meningkatnya derajat kesehatan masyarakat Kabupaten Contoh"
    ]
    assert sasaran["children"][0]["children"] == []


def test_opd_statements_linked_to_no_rpjmd_sasaran_are_collapsed_per_opd(plan):
    tujuan = services.node_create(
        actor=None,
        parent=Node.objects.get(renstra=plan.renstra, parent=None),
        node_level=NodeLevel.TUJUAN,
        statement="Meningkatnya tata kelola internal",
        owner_position=plan.cast.kepala_opd1,
    )
    services.node_create(
        actor=None,
        parent=tujuan,
        node_level=NodeLevel.SASARAN,
        statement="Meningkatnya kualitas laporan keuangan",
        owner_position=plan.cast.kepala_opd1,
    )
    response = plan.cast.client(plan.cast.bappeda).get(
        reverse("performance:tree_pemda", args=[plan.period.code])
    )
    html = response.content.decode()
    [(branch, rows_html)] = response.context["unlinked"]
    assert branch.renstra == plan.renstra
    assert "Meningkatnya tata kelola internal" in rows_html and "pohon-lazy" in rows_html
    assert reverse("performance:tree_branch", args=[tujuan.code]) in rows_html
    assert "Meningkatnya kualitas laporan keuangan" not in html
    assert [item.below for item in branch.unlinked] == [1]


def _branch(plan, node, **query):
    return reverse("performance:tree_branch", args=[node.code]), query


def test_expanding_a_branch_loads_its_rows_with_targets_and_findings(plan):
    # A kerja statement at sasaran level is a finding, shown in the loaded branch.
    services.node_create(
        actor=None,
        parent=plan.tujuan,
        node_level=NodeLevel.SASARAN,
        statement="Terlaksananya rapat koordinasi",
        owner_position=plan.cast.kepala_opd1,
    )
    url, query = _branch(plan, plan.tujuan, year=2026, depth=4, el="pohon-pemda-7")
    response = plan.cast.client(plan.cast.bappeda).get(url, query)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Meningkatnya akses dan mutu pelayanan kesehatan dasar" in html
    assert "Persentase puskesmas terakreditasi paripurna" in html
    assert "<strong>50</strong>" in html  # the 2026 target
    assert "Terlaksananya rapat koordinasi" in html and "has-findings" in html
    # The rows sit one level below the head (aria-level 5 + 1) with ids of their own.
    assert 'role="treeitem" aria-level="6"' in html
    assert 'id="pohon-pemda-7-0"' in html
    # The head's own details go out of band into its details box.
    assert 'id="pohon-pemda-7-d" hx-swap-oob="true"' in html
    assert "<html" not in html
    # A forged element id is not echoed.
    bad = plan.cast.client(plan.cast.bappeda).get(url, {"el": '"><script>'}).content.decode()
    assert "<script>" not in bad


@pytest.mark.parametrize(
    ("who", "node", "status"),
    [
        ("other_operator", "tujuan", 404),  # another OPD's branch
        ("other_operator", "tujuan2", 200),  # its own OPD's branch
        ("operator", "tujuan", 200),
        ("viewer", "tujuan2", 200),  # Pemda-wide roles see every branch
        ("outsider", "tujuan", 404),
    ],
)
def test_a_branch_is_scoped_like_the_opd_tree(plan, who, node, status):
    url, _query = _branch(plan, getattr(plan, node))
    assert plan.cast.client(getattr(plan.cast, who)).get(url).status_code == status


def test_a_branch_refuses_anonymous_and_rpjmd_nodes(plan, client):
    url, _query = _branch(plan, plan.tujuan)
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    rpjmd_url, _query = _branch(plan, plan.sasaran_pemda)
    assert plan.cast.client(plan.cast.bappeda).get(rpjmd_url).status_code == 404


def test_it_limits_the_pemda_tree_to_the_users_opds(plan):
    html = (
        plan.cast.client(plan.cast.other_operator)
        .get(reverse("performance:tree_pemda", args=[plan.period.code]))
        .content.decode()
    )
    assert "Meningkatnya kualitas pendidikan dasar" in html
    assert "Meningkatnya akses dan mutu pelayanan kesehatan dasar" not in html


def test_it_lists_periods_and_renstra_on_the_index(plan):
    html = plan.cast.client(plan.cast.viewer).get(reverse("performance:tree_index")).content
    assert b"Dinas Kesehatan" in html and b"RPJMD 2025" in html


@pytest.mark.parametrize("url_name", ["tree_pemda", "tree_opd", "tree_branch"])
def test_it_runs_a_constant_number_of_queries(plan, url_name, django_assert_num_queries):
    client = plan.cast.client(plan.cast.bappeda)
    arg = {
        "tree_pemda": plan.period.code,
        "tree_opd": plan.renstra.code,
        "tree_branch": plan.tujuan.code,  # the branch _grow grows
    }[url_name]
    url = reverse(f"performance:{url_name}", args=[arg])
    client.get(url)  # warm caches (sessions, content types)
    small = _count(client, url)
    _grow(plan, opds=4, sasaran_per_opd=3)
    large = _count(client, url)
    assert small == large
    assert small == PINNED[url_name]
    # Served again while nothing changed: the pages from the page cache (apps.core.pagecache).
    with django_assert_num_queries(PINNED_CACHED[url_name]):
        client.get(url)


PINNED = {"tree_pemda": 17, "tree_opd": 16, "tree_branch": 14}
PINNED_CACHED = {"tree_pemda": 5, "tree_opd": 5, "tree_branch": 14}


# --- in the browser (CSP, ECharts, search, collapse) -------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_draws_the_tree_and_filters_the_list_in_the_browser(cast, live_server, page):
    from tests.conftest import PASSWORD
    from tests.performance.conftest import build_plan

    plan = build_plan(cast)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    login(page, live_server, "operator", PASSWORD)
    page.goto(live_server.url + reverse("performance:tree_opd", args=[plan.renstra.code]))
    page.wait_for_selector("#pohon-chart canvas")
    items = page.locator("#pohon-lists .pohon-item")
    assert items.count() == 5
    page.fill("#pohon-search", "puskesmas terakreditasi")
    page.wait_for_selector("#pohon-lists .pohon-match")
    visible = page.locator("#pohon-lists .pohon-item:not(.pohon-hidden)")
    # The matching sasaran and its ancestor tujuan stay; the rest is hidden.
    assert visible.count() == 2
    page.fill("#pohon-search", "")
    page.select_option("#pohon-level", "program")
    page.wait_for_function("document.querySelectorAll('.pohon-match').length === 1")
    page.select_option("#pohon-level", "")
    page.fill("#pohon-search", "kesehatan")
    page.wait_for_selector("#pohon-lists mark")
    page.fill("#pohon-search", "")
    page.click("#pohon-collapse")
    assert page.locator("#pohon-lists ul[role=group][hidden]").count() == 4
    page.click("#pohon-expand")
    assert page.locator("#pohon-lists ul[role=group][hidden]").count() == 0
    page.select_option("#pohon-layout", "radial")
    page.goto(live_server.url + reverse("performance:tree_pemda", args=[plan.period.code]))
    page.wait_for_selector("#pohon-chart canvas")
    # Opening a collapsed OPD statement loads its subtree into its group (htmx).
    head = page.locator("#pohon-lists .pohon-lazy").first
    assert head.get_attribute("aria-expanded") == "false"
    head.locator(":scope > .pohon-node > .pohon-toggle").click()
    page.wait_for_selector(
        "#pohon-lists .pohon-lazy > ul[role=group] > li.pohon-item >> "
        "text=Meningkatnya akses dan mutu pelayanan kesehatan dasar"
    )
    assert head.get_attribute("aria-expanded") == "true"
    assert page.locator("#pohon-lists .pohon-loading").count() == 0
    assert not errors, errors
