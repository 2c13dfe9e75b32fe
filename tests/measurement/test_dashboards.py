"""The dashboards show the figures of the roll-up: an OPD's quarter table, budget and
efficiency; the Pemda ranking, IKU Pemda and tree; the leadership summary; the same numbers in
Excel; who may open what; and pinned query counts at two data sizes."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from apps.measurement import dashboards, services
from apps.organisations import services as org_services
from apps.organisations.models import UnitType
from apps.performance import services as perf_services
from apps.performance.models import Node, NodeLevel
from tests.measurement.conftest import YEAR

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    """A signed-in client reading the pages in English (the source strings)."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _enter(cast, world, *, verify=False):
    """TW I: the sasaran indicator 11,875 of 12,5 (95 %), the sub kegiatan 0,2 of 0,25 (80 %);
    Rp 500.000.000 spent of a pagu of Rp 2.000.000.000 (25 %)."""
    plan = world.plan
    rows = []
    for indicator, value in ((plan.sasaran_indicator, "11,875"), (plan.sub_indicator, "0,2")):
        rows.append(
            services.realisation_save(
                actor=cast.operator, indicator=indicator, year=YEAR, quarter=1, value=value
            )
        )
    services.budget_save(
        actor=cast.operator, node=plan.sub, year=YEAR, quarter=1, amount="500.000.000"
    )
    if verify:
        row = rows[0]
        row = services.realisation_transition(
            actor=cast.operator, realisation=row, action="submit", expected_version=row.version
        )
        services.realisation_transition(
            actor=cast.verifier, realisation=row, action="verify", expected_version=row.version
        )
    return rows


def _opd_url(cast, **params):
    query = "&".join(f"{k}={v}" for k, v in {"year": YEAR, **params}.items())
    return reverse("measurement:opd_dashboard", args=[cast.opd1.code]) + "?" + query


def test_it_shows_the_opd_quarter_table_with_each_tw_capaian(cast, mworld):
    _enter(cast, mworld, verify=True)
    response = _client(cast.operator).get(_opd_url(cast, quarter=1))
    assert response.status_code == 200
    html = response.content.decode()
    assert "95,00" in html and "80,00" in html  # each indicator's TW I capaian
    assert "87,50" in html  # the OPD's mean
    assert "Verified" in html and "Draft" in html  # status markers
    assert "band-sangat_tinggi" in html and "band-tinggi" in html
    # Budget: 25 % absorbed; efficiency of the program 80 / 25 × 100 = 320.
    assert "25,00%" in html and "320,00" in html and "380,00" in html
    tree = json.loads(
        html.split('id="pohon-data" type="application/json">')[1].split("</script>")[0]
    )
    assert tree["capaian"] == 95.0 and tree["predicate"] == "sangat_tinggi"
    charts = json.loads(
        html.split('id="dashboard-data" type="application/json">')[1].split("</script>")[0]
    )
    assert charts["trends"][0]["realisation"][0] == 11.875
    assert charts["budget"]["absorption"][0] == 25.0


def test_it_counts_only_verified_values_when_asked(cast, mworld):
    _enter(cast, mworld, verify=True)
    response = _client(cast.operator).get(_opd_url(cast, quarter=1, verified=1))
    assert "Only verified realisations are counted." in response.content.decode()
    rows = {r.indicator.name: r for r in response.context["data"].rows}
    assert rows["Persentase puskesmas terakreditasi paripurna"].capaian_text == "95,00"
    assert rows["Jumlah puskesmas yang dibangun"].capaian_text == "–"  # a draft, not counted


def test_it_shows_the_opd_dashboard_in_indonesian(cast, mworld):
    _enter(cast, mworld)
    with translation.override("id"):
        client = cast.client(cast.operator)
        html = client.get(_opd_url(cast, quarter=1), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert 'lang="id"' in html and "95,00" in html and "Sangat Tinggi" in html


def test_it_shows_an_opd_without_measured_indicators(cast, mworld):
    url = reverse("measurement:opd_dashboard", args=[cast.opd2.code]) + f"?year={YEAR}"
    response = _client(cast.other_operator).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "No indicators are measured in this year." in html
    assert "/measure/weights/" not in html  # only Bappeda and admins get the weights links


def test_it_links_planners_to_the_weights_of_each_statement_with_children(cast, mworld):
    html = _client(cast.bappeda).get(_opd_url(cast)).content.decode()
    assert reverse("measurement:weights", args=[mworld.plan.tujuan.code]) in html
    assert reverse("measurement:weights", args=[mworld.plan.sub.code]) not in html


def test_it_ranks_opds_and_shows_iku_and_the_pemda_tree(cast, mworld):
    _enter(cast, mworld)
    response = _client(cast.viewer).get(
        reverse("measurement:pemda_dashboard") + f"?year={YEAR}&quarter=1"
    )
    assert response.status_code == 200
    data = response.context["data"]
    assert [r.opd.name for r in data.ranking[:2]] == ["Dinas Kesehatan", "Dinas Pendidikan"]
    assert data.ranking[0].capaian == Decimal("87.50") and data.ranking[0].rank == 1
    assert data.ranking[1].capaian is None and data.ranking[1].rank is None
    assert [r.indicator.name for r in data.iku] == ["Angka Harapan Hidup"]
    html = response.content.decode()
    assert "87,50" in html and "Angka Harapan Hidup" in html
    # The RPJMD tree takes the cascaded OPD tujuan: 95 at the Pemda sasaran.
    assert data.tree["capaian"] == 95.0
    # Down to the OPD statements cascading from it (the rest is on each OPD's dashboard).
    names = json.dumps(data.tree)
    assert '"opd": "Dinas Kesehatan"' in names
    assert "Meningkatnya akses dan mutu pelayanan kesehatan dasar" not in names


def test_it_shows_the_leadership_summary(cast, mworld):
    _enter(cast, mworld)
    response = _client(cast.viewer).get(reverse("measurement:leadership") + f"?year={YEAR}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Performance summary" in html and "Dinas Kesehatan" in html
    assert "Rp 500.000.000" in html and "Rp 2.000.000.000" in html


def _sheet(content: bytes, name: str):
    wb = load_workbook(io.BytesIO(content))
    return [list(r) for r in wb[name].iter_rows(values_only=True)]


def test_it_downloads_the_tables_as_excel_with_the_same_numbers(cast, mworld):
    _enter(cast, mworld)
    client = _client(cast.operator)
    url = reverse("measurement:dashboard_excel", args=["opd"])
    response = client.get(url, {"opd": cast.opd1.code, "year": YEAR, "quarter": 1})
    assert response.status_code == 200
    rows = _sheet(response.content, "Indicators")
    sasaran = next(r for r in rows if r[0] == "Persentase puskesmas terakreditasi paripurna")
    assert sasaran[6] == 95 and sasaran[-2] == 95  # TW I capaian, capaian up to TW I
    budget = _sheet(response.content, "Budget")
    assert budget[1][1] == 500_000_000 and budget[1][3] == 25
    efficiency = _sheet(response.content, "Efficiency")
    assert [r[-1] for r in efficiency[1:]] == [380, 320]
    admin = _client(cast.admin)
    for kind, sheet in (("pemda", "OPD ranking"), ("summary", "OPD ranking")):
        response = admin.get(
            reverse("measurement:dashboard_excel", args=[kind]), {"year": YEAR, "quarter": 1}
        )
        assert response.status_code == 200
        ranking = _sheet(response.content, sheet)
        assert ranking[1][:3] == [1, "Dinas Kesehatan", 87.5]


def test_it_refuses_other_opds_and_non_pemda_users(cast, mworld):
    assert _client(cast.other_operator).get(_opd_url(cast)).status_code == 404
    assert _client(cast.outsider).get(_opd_url(cast)).status_code == 404
    assert _client(cast.evaluator).get(_opd_url(cast)).status_code == 200
    for name in ("measurement:pemda_dashboard", "measurement:leadership"):
        assert _client(cast.operator).get(reverse(name)).status_code == 403
    excel = reverse("measurement:dashboard_excel", args=["opd"])
    assert _client(cast.other_operator).get(excel, {"opd": cast.opd1.code}).status_code == 404
    assert (
        _client(cast.admin).get(reverse("measurement:dashboard_excel", args=["x"])).status_code
        == 404
    )


def test_it_saves_weights_and_refuses_bad_ones(cast, mworld):
    plan = mworld.plan
    url = reverse("measurement:weights", args=[plan.tujuan.code])
    client = _client(cast.bappeda)
    page = client.get(url)
    assert page.status_code == 200 and plan.sasaran.statement in page.content.decode()
    sasaran = plan.sasaran
    sasaran.refresh_from_db()
    bad = client.post(
        url, {f"weight-{sasaran.code}": "nol", f"version-{sasaran.code}": sasaran.version}
    )
    assert bad.status_code == 400 and "Enter a number" in bad.content.decode()
    sasaran.refresh_from_db()
    assert sasaran.weight == 1
    stale = client.post(
        url, {f"weight-{sasaran.code}": "2", f"version-{sasaran.code}": sasaran.version - 1}
    )
    assert "Someone else changed these weights" in stale.content.decode()
    ok = client.post(
        url, {f"weight-{sasaran.code}": "2", f"version-{sasaran.code}": sasaran.version}
    )
    assert ok.status_code == 302
    sasaran.refresh_from_db()
    assert sasaran.weight == 2
    assert _client(cast.operator).post(url, {}).status_code == 403


# --- query pins ----------------------------------------------------------------------------------


def _walk(node):
    """A diagram node and every node below it."""
    yield node
    for child in node["children"]:
        yield from _walk(child)


def _grow(cast, mworld, n: int, start: int = 0) -> None:
    """More OPDs with a Renstra tree and indicators, more statements in Dinas Kesehatan's tree,
    realisations and budget."""
    plan = mworld.plan
    for i in range(start, start + n):
        opd = org_services.unit_create(
            actor=None, parent=cast.pemda, name=f"Dinas {i}", unit_type=UnitType.OPD
        )
        renstra = perf_services.renstra_create(actor=None, period=plan.period, opd=opd)
        tujuan = perf_services.node_create(
            actor=None,
            parent=Node.objects.get(renstra=renstra, parent=None),
            node_level=NodeLevel.TUJUAN,
            statement=f"Tujuan {i}",
            pemda_sasaran=[plan.sasaran_pemda2],
        )
        perf_services.indicator_create(
            actor=None,
            node=tujuan,
            name=f"Indikator {i}",
            unit="%",
            targets={YEAR: 50},
        )
        sasaran = perf_services.node_create(
            actor=None,
            parent=plan.tujuan,
            node_level=NodeLevel.SASARAN,
            statement=f"Sasaran tambahan {i}",
            owner_position=cast.kepala_opd1,
        )
        perf_services.indicator_create(
            actor=None, node=sasaran, name=f"Indikator Dinkes {i}", unit="%", targets={YEAR: 10}
        )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


PAGES = (
    ("opd", lambda cast: _opd_url(cast, quarter=2)),
    ("pemda", lambda cast: reverse("measurement:pemda_dashboard") + f"?year={YEAR}&quarter=2"),
    ("summary", lambda cast: reverse("measurement:leadership") + f"?year={YEAR}"),
    (
        "excel",
        lambda cast: (
            reverse("measurement:dashboard_excel", args=["opd"])
            + f"?opd={cast.opd1.code}&year={YEAR}"
        ),
    ),
)


def _cold(client, url) -> int:
    cache.clear()  # the Pemda pages' figures computed, not served from the cache
    return _count(client, url)


def _warm(client, url) -> int:
    _count(client, url)  # the Pemda pages' figures computed and kept
    return _count(client, url)


def test_it_runs_a_constant_number_of_queries_per_dashboard(cast, mworld):
    _enter(cast, mworld)
    client = _client(cast.admin)
    _grow(cast, mworld, 1)
    small = {name: _cold(client, url(cast)) for name, url in PAGES}
    cached_small = {name: _warm(client, url(cast)) for name, url in PAGES}
    _grow(cast, mworld, 4, start=1)
    large = {name: _cold(client, url(cast)) for name, url in PAGES}
    cached_large = {name: _warm(client, url(cast)) for name, url in PAGES}
    assert small == large
    assert cached_small == cached_large
    # Session, user and scope, then: the OPD (or the OPDs to rank), the rules, measures() (six),
    # the nodes (and the cascading links on the Pemda pages), the budget (two); pages +1 (menu)
    # and +1 (the data revision). The Pemda pages read measures() twice: every indicator as
    # plain rows, then those the page shows in full (five more: rollup.load_rollup's `detail`).
    assert small == {"opd": 15, "pemda": 21, "summary": 21, "excel": 14}
    # From the page cache (apps.core.pagecache): session, user, the revision and the scope (and
    # the OPD of its dashboard); the Excel download is computed each time.
    assert cached_small == {"opd": 5, "pemda": 4, "summary": 4, "excel": 14}


def test_it_serves_the_pemda_figures_from_the_cache_until_the_data_changes(
    cast, mworld, monkeypatch
):
    rows = _enter(cast, mworld)
    client = _client(cast.viewer)
    url = reverse("measurement:pemda_dashboard") + f"?year={YEAR}&quarter=1"
    response = client.get(url)
    first = response.context["data"]
    assert first.computed_at is not None and first.ranking[0].capaian == Decimal("87.50")
    assert "Figures as of" in response.content.decode()
    assert client.get(url).context["data"].computed_at == first.computed_at
    # An audited change: within the grace the figures computed a moment ago are still served.
    sub = rows[1]
    services.realisation_save(
        actor=cast.operator,
        indicator=mworld.plan.sub_indicator,
        year=YEAR,
        quarter=1,
        value="0,25",
        expected_version=sub.version,
    )
    assert client.get(url).context["data"].computed_at == first.computed_at
    # Past the grace, the moved revision computes them again: 100 % for the sub kegiatan.
    monkeypatch.setattr(dashboards, "CACHE_GRACE_SECONDS", 0)
    fresh = client.get(url).context["data"]
    assert fresh.computed_at > first.computed_at
    assert fresh.ranking[0].capaian == Decimal("97.50")
    # Nothing changed since: served from the cache, until the maximum age.
    assert client.get(url).context["data"].computed_at == fresh.computed_at
    monkeypatch.setattr(dashboards, "CACHE_MAX_AGE_SECONDS", 0)
    assert client.get(url).context["data"].computed_at > fresh.computed_at


def test_it_stops_the_pemda_tree_at_the_opd_statements_and_says_how_many_are_below(cast, mworld):
    _enter(cast, mworld)
    response = _client(cast.viewer).get(
        reverse("measurement:pemda_dashboard") + f"?year={YEAR}&quarter=1"
    )
    tree = response.context["data"].tree

    opd_nodes = [n for n in _walk(tree) if n["opd"]]
    assert opd_nodes and all(n["children"] == [] for n in opd_nodes)
    assert any(n["below"] > 0 for n in opd_nodes)
    assert "below, on the OPD dashboard" in response.content.decode()
    # The Excel download keeps the whole tree.
    content = (
        _client(cast.viewer)
        .get(reverse("measurement:dashboard_excel", args=["pemda"]) + f"?year={YEAR}&quarter=1")
        .content
    )
    assert len(_sheet(content, "Tree")) - 1 > len(list(_walk(tree)))


def test_the_pemda_page_reads_in_full_only_what_it_shows_and_figures_the_same(cast, mworld):
    """The page's figures (heads-only tree) read every indicator as plain rows and only the
    shown statements' indicators in full: the tree, ranking, IKU and counts are those of the
    figures computed from every indicator in full."""
    _enter(cast, mworld)
    _grow(cast, mworld, 2)
    args = {
        "pemda_id": cast.pemda.pk,
        "opds": [cast.opd1, cast.opd2],
        "year": YEAR,
        "quarter": 1,
    }
    page = dashboards.pemda_dashboard(**args, heads_only=True)
    whole = dashboards.pemda_dashboard(**args)
    whole_heads = dashboards.tree_dict(
        dashboards.load_rollup(pemda_id=cast.pemda.pk, year=YEAR, up_to_quarter=1),
        heads_only=True,
    )
    assert page.tree == whole_heads

    assert any(n["indicators"] and n["opd"] for n in _walk(page.tree))
    for name in ("ranking", "iku", "pemda_capaian", "mean_capaian", "bands", "measured"):
        assert getattr(page, name) == getattr(whole, name), name
    assert page.iku and page.indicators == whole.indicators


# --- in the browser ------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_draws_the_charts_and_the_coloured_tree_without_errors(cast, page, live_server):
    from tests.browser.conftest import login
    from tests.conftest import PASSWORD
    from tests.measurement.conftest import build_measure_world

    world = build_measure_world(cast)
    _enter(cast, world)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, live_server, "admin", PASSWORD)
    for url in (
        _opd_url(cast, quarter=1),
        reverse("measurement:pemda_dashboard") + f"?year={YEAR}&quarter=1",
        reverse("measurement:leadership") + f"?year={YEAR}&quarter=1",
    ):
        page.goto(f"{live_server.url}{url}")
        page.wait_for_load_state("networkidle")
        for chart in ("#pohon-chart", "#budget-chart", "#ranking-chart", "#iku-chart"):
            if page.locator(chart).count():
                assert page.locator(f"{chart} canvas").count() == 1, (url, chart)
    page.goto(f"{live_server.url}{_opd_url(cast, quarter=1)}")
    page.wait_for_load_state("networkidle")
    assert page.locator("#trend-charts canvas").count() == 2  # one chart per indicator
    cell = page.locator("tr:has(th:has-text('terakreditasi')) td[data-quarter='1']").first
    assert "95,00" in cell.inner_text()
    assert not errors, errors
