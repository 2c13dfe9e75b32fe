"""The public portal: only published snapshots are served (a draft cannot be reached by any portal
URL), withdrawn publications are gone, open data CSV/JSON, anonymous access, and constant query
counts at two data sizes."""

from __future__ import annotations

import csv
import hashlib
import io
import json

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.reporting import publications as pub
from apps.reporting.models import Publication, PublicationKind, ReportStatus
from apps.reporting.views.portal import OPEN_DATA_COLUMNS
from tests.measurement.conftest import YEAR
from tests.reporting.portal_fixtures import MARKER, build_portal_world, publish_everything

pytestmark = pytest.mark.django_db

# Every portal URL name and how to build its arguments from a publication.
PORTAL_URLS = {
    "portal:document": lambda p: [p.code],
    "portal:file": lambda p: [p.code],
    "portal:tree": lambda p: [p.code],
    "portal:open_data[csv]": lambda p: [p.code, "csv"],
    "portal:open_data[json]": lambda p: [p.code, "json"],
}


def _url(name: str, publication) -> str:
    return reverse(name.split("[")[0], args=PORTAL_URLS[name](publication))


# --- a synthetic data set for the permission cases and the query counts ------------------------


def _indicator(i: int, opd: str) -> dict:
    return {
        "code": f"00000000-0000-0000-0000-{i:012d}",
        "opd_code": "",
        "opd": opd,
        "statement": f"Sasaran {i}",
        "indicator": f'=HYPERLINK("x") Indikator {i}' if i == 0 else f"Indikator {i}",
        "unit": "%",
        "iku": i % 2 == 0,
        "target": "80",
        "realisation": "76",
        "capaian": "95.00",
        "predicate": "sangat_tinggi",
        "predicate_label": "Sangat Tinggi",
        "quarters": [
            {
                "quarter": q,
                "target": "20",
                "realisation": "19",
                "capaian": "95.00",
                "predicate": "sangat_tinggi",
                "predicate_label": "Sangat Tinggi",
            }
            for q in (1, 2)
        ],
    }


def _tree(n: int) -> dict:
    return {
        "code": "root",
        "name": "Visi",
        "level": "visi",
        "capaian": 95.0,
        "capaian_text": "95,00",
        "predicate": "sangat_tinggi",
        "predicate_label": "Sangat Tinggi",
        "indicators": [],
        "children": [
            {
                "code": f"n{i}",
                "name": f"Sasaran {i}",
                "level": "sasaran",
                "capaian": None,
                "capaian_text": "–",
                "predicate": "none",
                "predicate_label": "",
                "indicators": [],
                "children": [],
            }
            for i in range(n)
        ],
    }


def make_publications(pemda, n: int) -> dict:
    """`n` indicators publications (n × 3 indicators each), `n` PK and IKU publications and one
    LKjIP with its file: what the portal reads, made directly (the snapshot is the contract)."""
    now = timezone.now()
    indicators, others = [], []
    for k in range(n):
        indicators.append(
            Publication.objects.create(
                pemda=pemda,
                kind=PublicationKind.INDICATORS,
                year=YEAR,
                title=f"Capaian {k}",
                published_at=now,
                snapshot={
                    "schema": 1,
                    "kind": "indicators",
                    "year": YEAR,
                    "up_to_quarter": 2,
                    "indicators": [_indicator(i, f"OPD {k}") for i in range(n * 3)],
                    "tree": _tree(n * 3),
                    "opd_trees": {"x": {"name": "OPD x", "tree": _tree(n)}},
                },
            )
        )
        others.append(
            Publication.objects.create(
                pemda=pemda,
                kind=PublicationKind.PK,
                year=YEAR,
                title=f"PK {k}",
                published_at=now,
                snapshot={
                    "pks": [
                        {
                            "position": f"Kepala {i}",
                            "unit": "Dinas",
                            "version": 1,
                            "first_party": {"name": "A", "title": "B"},
                            "second_party": {"name": "C", "title": "D"},
                            "verification_code": f"ABC{i}",
                            "sha256": "0" * 64,
                            "lines": [],
                        }
                        for i in range(n * 3)
                    ]
                },
            )
        )
    content = b"%PDF-1.7 issued"
    lkjip = Publication(
        pemda=pemda,
        kind=PublicationKind.LKJIP,
        year=YEAR,
        title="LKjIP",
        published_at=now,
        sha256=hashlib.sha256(content).hexdigest(),
        snapshot={"summary": {"indicators": 3, "mean_capaian": "90.00"}},
    )
    lkjip.file.save("lkjip-portal-test.pdf", ContentFile(content), save=False)
    lkjip.save()
    return {"indicators": indicators, "others": others, "lkjip": lkjip}


# --- the guarantee: only published snapshots ---------------------------------------------------


def _all_portal_bodies(client, pemda) -> list[tuple[str, int, bytes]]:
    out = []
    for url in (reverse("portal:home"), reverse("portal:pemda", args=[pemda.code])):
        response = client.get(url)
        out.append((url, response.status_code, response.content))
    for publication in Publication.objects.all():
        for name in PORTAL_URLS:
            url = _url(name, publication)
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            out.append((url, response.status_code, body))
    return out


def test_no_draft_reaches_any_portal_url(cast):
    world = build_portal_world(cast)
    publish_everything(cast, world)
    # The draft LKjIP's Bab I carries the marker; an attempt to publish it is refused.
    with pytest.raises(Exception):  # noqa: B017 - ValidationError; nothing is published
        pub.publish_lkjip(world.report)
    # Every draft kind was present: the draft Renstra, the unsigned PK, the unpublished LKjIP,
    # the unverified realisation.
    client = cast.client(None)
    bodies = _all_portal_bodies(client, cast.pemda)
    assert len(bodies) == 2 + 6 * len(PORTAL_URLS)
    ok = [url for url, status, _ in bodies if status == 200]
    assert len(ok) >= 2 + 6 + 1 + 2  # home, pemda, six documents, the tree, CSV and JSON
    for url, _status, body in bodies:
        assert MARKER.encode() not in body, url
    # Published data does show.
    home = client.get(reverse("portal:pemda", args=[cast.pemda.code])).content.decode()
    assert "Renstra Dinas Kesehatan" in home and "Renstra Dinas Pendidikan" not in home
    pk_doc = Publication.objects.get(kind=PublicationKind.PK)
    page = client.get(reverse("portal:document", args=[pk_doc.code])).content.decode()
    code = pk_doc.snapshot["pks"][0]["verification_code"]
    assert reverse("verify:pk", args=[code]) in page


def test_a_withdrawn_publication_is_gone_everywhere(cast):
    made = make_publications(cast.pemda, 1)
    target = made["indicators"][0]
    client = cast.client(None)
    assert client.get(_url("portal:document", target)).status_code == 200
    pub.withdraw(cast.admin, target, "Salah data")
    for name in PORTAL_URLS:
        assert client.get(_url(name, target)).status_code == 404, name
    listing = client.get(reverse("portal:pemda", args=[cast.pemda.code])).content.decode()
    assert "Capaian 0" not in listing
    # Another Pemda without publications, or a random code: 404.
    assert client.get(reverse("portal:pemda", args=[cast.pemda_b.code])).status_code == 404
    assert client.get(reverse("portal:document", args=[cast.pemda.code])).status_code == 404


def test_the_tree_and_open_data_belong_to_indicators_publications_only(cast):
    made = make_publications(cast.pemda, 1)
    pk_doc = made["others"][0]
    client = cast.client(None)
    for name in ("portal:tree", "portal:open_data[csv]", "portal:open_data[json]"):
        assert client.get(_url(name, pk_doc)).status_code == 404
    assert client.get(_url("portal:file", pk_doc)).status_code == 404  # no file
    bad = reverse("portal:open_data", args=[made["indicators"][0].code, "xml"])
    assert client.get(bad).status_code == 404


# --- open data ---------------------------------------------------------------------------------


def test_open_data_csv_and_json_from_a_real_publication(cast):
    world = build_portal_world(cast)
    indicators = pub.publish_indicators(cast.bappeda, cast.pemda, YEAR, 1)
    client = cast.client(None)
    response = client.get(_url("portal:open_data[csv]", indicators))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith("\ufeff".encode())  # UTF-8 BOM for Excel
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == OPEN_DATA_COLUMNS
    by_indicator = {(r[4], r[7]): dict(zip(OPEN_DATA_COLUMNS, r, strict=True)) for r in rows[1:]}
    verified = by_indicator[("Persentase puskesmas terakreditasi paripurna", "1")]
    assert verified["target"] == "12.5" and verified["realisation"] == "11.875"
    assert verified["capaian"] == "95.00" and verified["predicate"] == "Sangat Tinggi"
    assert verified["opd"] == cast.opd1.name and verified["unit"] == "%"
    unverified = by_indicator[("Jumlah puskesmas yang dibangun", "1")]
    assert unverified["realisation"] == "" and unverified["capaian"] == ""
    assert MARKER not in raw.decode("utf-8-sig")
    data = json.loads(client.get(_url("portal:open_data[json]", indicators)).content)
    assert data["publication"]["up_to_quarter"] == 1
    assert data["publication"]["columns"] == list(OPEN_DATA_COLUMNS)
    assert len(data["rows"]) == len(rows) - 1
    row = next(r for r in data["rows"] if r["indicator_code"] == verified["indicator_code"])
    assert row["capaian"] == "95.00" and row["quarter"] == 1 and row["iku"] is True
    # A realisation verified after publication does not change the publication.
    from apps.measurement.models import Realisation

    later = Realisation.objects.get(indicator=world.plan.sub_indicator, quarter=1)
    from apps.measurement import services as m_services

    later = m_services.realisation_transition(
        actor=cast.operator, realisation=later, action="submit"
    )
    m_services.realisation_transition(actor=cast.verifier, realisation=later, action="verify")
    again = client.get(_url("portal:open_data[csv]", indicators)).content
    assert again == raw


def test_csv_cells_are_safe_from_formula_injection(cast):
    made = make_publications(cast.pemda, 1)
    raw = cast.client(None).get(_url("portal:open_data[csv]", made["indicators"][0])).content
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    cells = [c for r in rows[1:] for c in r]
    assert '\'=HYPERLINK("x") Indikator 0' in cells
    assert not any(c.startswith("=") for c in cells)


# --- pages -------------------------------------------------------------------------------------


def test_document_pages_show_the_snapshot(cast):
    world = build_portal_world(cast)
    rows = publish_everything(cast, world)
    client = cast.client(None)
    pages = {p.kind: client.get(reverse("portal:document", args=[p.code])) for p in rows}
    assert all(r.status_code == 200 for r in pages.values())
    assert "Contoh yang Sehat dan Maju" in pages["rpjmd"].content.decode()
    assert "Persentase puskesmas terakreditasi paripurna" in pages["renstra"].content.decode()
    indicators = pages["indicators"].content.decode()
    assert 'id="portal-trend-data"' in indicators and "reporting/portal.js" in indicators
    assert "<script>" not in indicators  # strict CSP: data only through json_script
    tree = client.get(reverse("portal:tree", args=[rows[-1].code])).content.decode()
    assert 'id="pohon-data"' in tree and "js/pohon.js" in tree
    chart = json.loads(
        tree.split('id="pohon-data" type="application/json">')[1].split("</script>")[0]
    )
    assert "predicate" in chart and "capaian" in chart
    opd_tree = client.get(
        reverse("portal:tree", args=[rows[-1].code]), {"opd": str(cast.opd1.code)}
    ).content.decode()
    assert "Meningkatnya akses dan mutu pelayanan kesehatan dasar" in opd_tree


def test_an_lkjip_page_offers_its_issued_file_with_the_sha256(cast):
    world = build_portal_world(cast)
    report = world.report
    content = b"%PDF-1.7 the issued LKjIP"
    report.status = ReportStatus.PUBLISHED
    report.snapshot = {"summary": {"indicators": 2, "mean_capaian": "87.50"}}
    report.pdf.save("lkjip-issued.pdf", ContentFile(content), save=False)
    report.pdf_sha256 = hashlib.sha256(content).hexdigest()
    report.save()
    row = pub.publish_lkjip(report)
    client = cast.client(None)
    page = client.get(reverse("portal:document", args=[row.code])).content.decode()
    assert report.pdf_sha256 in page and reverse("portal:file", args=[row.code]) in page
    assert "87,50" in page
    response = client.get(reverse("portal:file", args=[row.code]))
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == report.pdf_sha256
    assert response["X-Content-SHA256"] == report.pdf_sha256


def test_an_evaluation_publication_renders_its_results_table(cast):
    row = Publication.objects.create(
        pemda=cast.pemda,
        kind=PublicationKind.EVALUATION,
        year=YEAR,
        title="Hasil evaluasi",
        published_at=timezone.now(),
        snapshot={
            "round": {"name": "Evaluasi SAKIP 2026", "template": "PermenPANRB 88/2021"},
            "components": [{"number": 1, "name": "Perencanaan Kinerja"}],
            "opds": [
                {
                    "rank": 1,
                    "opd": "Dinas Kesehatan",
                    "score": "72.50",
                    "grade": "BB",
                    "predikat": "Sangat Baik",
                    "components": [{"number": 1, "score": "21.00"}],
                    "previous": None,
                    "delta": None,
                    "lhe": None,
                }
            ],
        },
    )
    page = cast.client(None).get(reverse("portal:document", args=[row.code])).content.decode()
    assert 'id="portal-evaluation"' in page and 'id="portal-generic"' not in page
    assert "Hasil evaluasi" in page and "Dinas Kesehatan" in page and "BB" in page
    assert "72,50" in page and "Sangat Baik" in page


# --- constant queries ----------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            b"".join(response.streaming_content)
    return len(ctx.captured_queries)


def _counts(cast, made) -> dict[str, int]:
    client = cast.client(None)
    first = made["indicators"][0]
    urls = {
        "home": reverse("portal:home"),
        "pemda": reverse("portal:pemda", args=[cast.pemda.code]),
        "pemda_year": reverse("portal:pemda", args=[cast.pemda.code]) + f"?year={YEAR}",
        "document": reverse("portal:document", args=[first.code]),
        "pk": reverse("portal:document", args=[made["others"][0].code]),
        "tree": reverse("portal:tree", args=[first.code]),
        "csv": _url("portal:open_data[csv]", first),
        "json": _url("portal:open_data[json]", first),
        "file": reverse("portal:file", args=[made["lkjip"].code]),
    }
    return {name: _queries(client, url) for name, url in urls.items()}


def test_portal_pages_run_constant_queries(cast):
    small = _counts(cast, make_publications(cast.pemda, 1))
    Publication.objects.all().delete()
    large = _counts(cast, make_publications(cast.pemda, 6))
    assert small == large
    assert small == {
        "home": 1,
        "pemda": 3,
        "pemda_year": 3,
        "document": 1,
        "pk": 1,
        "tree": 1,
        "csv": 1,
        "json": 1,
        "file": 1,
    }
