"""The demo's reporting data as `manage.py load_demo` loads it: the 2026 publications on the
portal (RPJMD, approved Renstras, IKU, signed PKs, indicators up to TW II with verified values
only), Dinas Kesehatan's draft LKjIP with Ikhtisar and Bab I, another OPD's LKjIP in reviu with
two comments, the portal pages answering, and idempotence. The demo is loaded once for
tests/demo/ (conftest.py)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from apps.measurement.capaian import display
from apps.measurement.models import Realisation, RealisationStatus
from apps.organisations.demo import PEMDA_NAME
from apps.organisations.models import OrgUnit
from apps.planning.models import DocumentStatus, Renstra
from apps.reporting.content import content_for
from apps.reporting.demo import DRAFT_OPD, YEAR, load_reporting_demo
from apps.reporting.models import Publication, Report, ReportStatus
from apps.reporting.render import render_pdf
from tests.reporting.test_render import CHAPTERS

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_2026_and_starts_two_lkjip_reports(demo, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    assert "documents to the portal for 2026" in demo
    pemda = OrgUnit.objects.get(parent=None, name=PEMDA_NAME)
    rows = list(
        Publication.objects.filter(pemda=pemda, withdrawn_at__isnull=True).exclude(
            kind="evaluation"
        )
    )
    kinds = sorted({p.kind for p in rows})
    assert kinds == ["iku", "indicators", "pk", "renstra", "rpjmd"]
    approved = Renstra.objects.filter(pemda=pemda, status=DocumentStatus.APPROVED).count()
    assert sum(p.kind == "renstra" for p in rows) == approved > 0
    by_kind = {p.kind: p for p in rows if p.kind != "renstra"}
    assert len(by_kind["pk"].snapshot["pks"]) > 10
    assert all(p["sha256"] or p["verification_code"] for p in by_kind["pk"].snapshot["pks"])
    assert by_kind["iku"].snapshot["pemda"] and by_kind["iku"].snapshot["opds"]
    indicators = by_kind["indicators"].snapshot
    assert indicators["up_to_quarter"] == 2
    # Only verified realisations were published: every published TW I–II value is a verified one.
    published = {
        (i["code"], q["quarter"])
        for i in indicators["indicators"]
        for q in i["quarters"]
        if q["realisation"]
    }
    verified = {
        (str(code), quarter)
        for code, quarter in Realisation.objects.filter(
            pemda=pemda, year=YEAR, quarter__lte=2, status=RealisationStatus.VERIFIED
        ).values_list("indicator__code", "quarter")
    }
    assert published and published <= verified
    unverified = Realisation.objects.filter(pemda=pemda, year=YEAR, quarter__lte=2).exclude(
        status=RealisationStatus.VERIFIED
    )
    assert unverified.exists()
    assert not {(str(r.indicator.code), r.quarter) for r in unverified} & published
    assert indicators["tree"]["children"]

    draft = Report.objects.get(pemda=pemda, year=YEAR, opd__name=DRAFT_OPD)
    assert draft.status == ReportStatus.DRAFT
    assert {s.key for s in draft.sections.all()} == {"ikhtisar", "bab1"}
    assert "Latar Belakang" in draft.sections.get(key="bab1").body
    reviu = Report.objects.exclude(opd__name=DRAFT_OPD).get(pemda=pemda, year=YEAR)
    assert reviu.status == ReportStatus.REVIU and reviu.comments.count() == 2
    assert not Publication.objects.filter(kind="lkjip").exists()

    client = Client()
    assert PEMDA_NAME in client.get(reverse("portal:home")).content.decode()
    page = client.get(reverse("portal:pemda", args=[pemda.code]), {"year": YEAR})
    assert page.status_code == 200 and "Renstra" in page.content.decode()
    for row in [*rows[:5], by_kind["indicators"]]:
        assert client.get(reverse("portal:document", args=[row.code])).status_code == 200
    tree = client.get(reverse("portal:tree", args=[by_kind["indicators"].code]))
    assert tree.status_code == 200
    csv_body = client.get(
        reverse("portal:open_data", args=[by_kind["indicators"].code, "csv"])
    ).content
    assert csv_body.count(b"\n") > 20

    # Idempotent: a second run changes nothing.
    count = Publication.objects.count()
    again = load_reporting_demo(pemda)
    assert not again.created and Publication.objects.count() == count
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "The demo publications are already loaded; unchanged." in out.getvalue()


def test_the_demo_opds_lkjip_renders_with_every_chapter_and_its_figures(demo):
    """Issue 6: a demo OPD's LKjIP, rendered from the demo's own data, read back from the PDF."""
    report = Report.objects.select_related("opd").get(
        pemda__name=PEMDA_NAME, opd__name=DRAFT_OPD, year=YEAR
    )
    content = content_for(report)
    result = render_pdf(content)
    reader = PdfReader(io.BytesIO(result.data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for heading in CHAPTERS:
        assert heading in text, heading
    figures = [
        i["capaian"]
        for s in content["sasaran"]
        for i in s["indicators"]
        if i["capaian"] is not None
    ]
    assert figures, "the demo OPD has verified capaian to report"
    assert display(Decimal(figures[0])) in text  # e.g. "95,00", as the tables print it
    assert result.pages == len(reader.pages) >= 8
    assert not result.refused
