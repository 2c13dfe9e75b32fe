"""The round's results: ranking order and ranks, the Excel numbers, the comparison with last year,
publication refused until every evaluation is final and then written as the Publication the
portal shows, and the pages' queries pinned at two sizes."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from apps.evaluation import results
from apps.evaluation.models import (
    Answer,
    AnswerOption,
    Criterion,
    Evaluation,
    EvaluationStatus,
    RoundStatus,
)
from apps.organisations import services as org_services
from apps.organisations.models import UnitType
from apps.reporting.models import Publication, PublicationKind
from tests.evaluation.conftest import build_round
from tests.evaluation.permissions_results import finish, finished_round

pytestmark = pytest.mark.django_db


def _client(cast, user):
    """A client reading the English msgids the tests assert (the default language is id)."""
    client = cast.client(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def two_years(cast):
    before = build_round(cast, year=2025)
    finish(cast, before.opd1, ae="B")  # 80.00 BB
    finish(cast, before.opd2, ae="A")  # 100.00 AA
    return finished_round(cast)  # 2026: opd1 100.00 AA, opd2 60.00 CC, Pemda 80.00 BB


def test_it_ranks_the_opds_by_score_with_last_year_and_the_change(cast, two_years):
    data = results.round_results(user=cast.viewer, round_=two_years.round)
    assert [(r.rank, r.subject, r.score, r.evaluation.grade) for r in data.ranking] == [
        (1, "Dinas Kesehatan", Decimal("100.00"), "AA"),
        (2, "Dinas Pendidikan", Decimal("60.00"), "CC"),
    ]
    first, second = data.ranking
    assert (first.previous.score, first.delta_text) == (Decimal("80.00"), "+20,00")
    assert (second.previous.score, second.delta_text) == (Decimal("100.00"), "-40,00")
    planning = first.components[0]
    assert (planning.number, planning.score, planning.previous) == (1, 30, Decimal("24.0"))
    assert data.pemda.score == Decimal("80.00") and data.pemda.rank is None
    assert data.all_final
    chart = data.chart()
    assert chart["names"] == ["Disdik", "Dinkes"] and chart["scores"] == [60.0, 100.0]

    response = _client(cast, cast.bappeda).get(
        reverse("evaluation:round_results", args=[two_years.round.code])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Dinas Kesehatan") < html.index("Dinas Pendidikan")
    assert "100,00" in html and "+20,00" in html and "-40,00" in html
    assert 'id="results-chart-data"' in html and "evaluation/results.js" in html
    assert 'id="results-publish"' not in html  # Bappeda does not publish


def test_equal_scores_share_a_rank(cast, two_years):
    data = results.round_results(user=cast.lead, round_=two_years.round)
    first, second = data.ranking
    second.evaluation.score = first.evaluation.score
    ranked = results.rank([second, first])
    assert [r.rank for r in ranked] == [1, 1]
    assert [r.subject for r in ranked] == ["Dinas Kesehatan", "Dinas Pendidikan"]


def test_the_excel_has_the_ranking_s_numbers(cast, two_years):
    response = _client(cast, cast.lead).get(
        reverse("evaluation:round_results_excel", args=[two_years.round.code])
    )
    assert response.status_code == 200
    assert 'filename="hasil-evaluasi-2026.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    # The request's language is Indonesian (the default); headers are checked by their content.
    assert rows[0][1] == "OPD" and rows[0][2].endswith("2026") and rows[0][4] == "Predikat"
    assert rows[0][5] == "1. Perencanaan Kinerja"
    assert rows[1][:5] == (1, "Dinas Kesehatan", 100, "AA", "Sangat Memuaskan")
    assert rows[1][5:9] == (30, 30, 15, 25)
    assert rows[1][9:] == (80, "BB", 20)
    assert rows[2][:5] == (2, "Dinas Pendidikan", 60, "CC", "Cukup")
    assert rows[2][9:] == (100, "AA", -40)
    assert rows[3][2] == 80 and rows[3][3] == "BB"  # the Pemda's own evaluation, not ranked


def test_the_comparison_lists_components_and_changed_criteria(cast, two_years):
    evaluation = two_years.opd1
    data = results.comparison(evaluation)
    assert data.same_template
    assert len(data.changes) == 62  # every A–E criterion (80 − 18 Y/T) went from B to A
    assert {(c.previous, c.label) for c in data.changes} == {("B", "A")}
    assert data.changes[0].number == "1b.1"
    response = _client(cast, cast.operator).get(
        reverse("evaluation:evaluation_comparison", args=[evaluation.code])
    )
    html = response.content.decode()
    assert "+20,00" in html and "+6,00" in html and "1b.1" in html
    assert 'id="lhe-start"' in html
    # OPD 2 last year was better: its change is negative.
    other = results.comparison(two_years.opd2)
    assert other.result.delta_text == "-40,00"


def test_without_last_year_there_is_nothing_to_compare(cast):
    world = finished_round(cast)
    data = results.comparison(world.opd1)
    assert data.result.previous is None and data.changes == []
    html = (
        _client(cast, cast.lead)
        .get(reverse("evaluation:evaluation_comparison", args=[world.opd1.code]))
        .content.decode()
    )
    assert "No final evaluation last year." in html


def test_publishing_is_refused_until_every_evaluation_is_final(cast):
    world = finished_round(cast, pending=True)
    url = reverse("evaluation:round_publish", args=[world.round.code])
    response = _client(cast, cast.lead).post(url, follow=True)
    assert "1 evaluations of the round are not final yet" in response.content.decode()
    world.round.refresh_from_db()
    assert world.round.status == RoundStatus.OPEN and world.round.published_at is None
    assert not Publication.objects.filter(kind=PublicationKind.EVALUATION).exists()
    # Bappeda may read the results but not publish them.
    finish(cast, world.opd2, ae="C")
    assert _client(cast, cast.bappeda).post(url).status_code == 403
    assert not Publication.objects.filter(kind=PublicationKind.EVALUATION).exists()


def test_publishing_creates_the_publication_the_portal_shows(cast, two_years):
    round_ = two_years.round
    url = reverse("evaluation:round_publish", args=[round_.code])
    response = _client(cast, cast.lead).post(url)
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.status == RoundStatus.PUBLISHED
    assert round_.published_by == cast.lead and round_.published_at is not None
    publication = Publication.objects.get(kind=PublicationKind.EVALUATION, withdrawn_at=None)
    assert (publication.year, publication.object_code) == (2026, round_.code)
    assert publication.title == "Hasil Evaluasi AKIP Kabupaten Contoh 2026"
    snap = publication.snapshot
    first = snap["opds"][0]
    assert (first["opd"], first["score"], first["grade"], first["predikat"]) == (
        "Dinas Kesehatan",
        "100.00",
        "AA",
        "Sangat Memuaskan",
    )
    assert first["components"][0] == {
        "number": 1,
        "name": "Perencanaan Kinerja",
        "weight": "30.00",
        "score": "30.00",
        "previous": "24.00",
    }
    assert first["previous"] == {"score": "80.00", "grade": "BB"} and first["delta"] == "20.00"
    assert first["lhe"] is None  # no LHE issued before publication
    assert snap["opds"][1]["grade"] == "CC" and snap["pemda"]["grade"] == "BB"

    portal = _client(cast, None).get(reverse("portal:document", args=[publication.code]))
    page = portal.content.decode()
    assert portal.status_code == 200
    assert "Dinas Kesehatan" in page and "AA" in page and "Sangat Memuaskan" in page

    # The portal's include for evaluation results renders the snapshot as a table.
    table = render_to_string("reporting/portal/_evaluation.html", {"snap": snap})
    assert "100,00" in table and "Sangat Memuaskan" in table and "80,00 (BB)" in table

    # Once only: a published round does not change.
    again = _client(cast, cast.admin).post(url, follow=True)
    assert "already published" in again.content.decode()
    assert Publication.objects.filter(kind=PublicationKind.EVALUATION).count() == 1


def test_the_publication_carries_each_issued_lhe(cast, two_years):
    from apps.evaluation import lhe

    lhe.issue_lhe(two_years.opd1, actor=cast.lead)
    two_years.opd1.refresh_from_db()
    publication = results.round_publish(actor=cast.admin, round_=two_years.round)
    row = publication.snapshot["opds"][0]
    assert row["lhe"] == {
        "file": two_years.opd1.lhe_pdf.name,
        "sha256": two_years.opd1.lhe_sha256,
    }


# --- constant queries -----------------------------------------------------------------------------


def _more_opds(cast, world, n: int) -> None:
    """`n` more OPDs with final evaluations (values set in bulk: only the page's queries are
    measured here)."""
    criteria = list(
        Criterion.objects.filter(sub_component__component__template=world.template).select_related(
            "scale"
        )
    )
    top = {o.scale_id: o for o in AnswerOption.objects.order_by("-order")}
    for i in range(n):
        opd = org_services.unit_create(
            actor=None, parent=cast.pemda, name=f"Dinas Tambahan {i}", unit_type=UnitType.OPD
        )
        evaluation = Evaluation.objects.create(
            pemda=cast.pemda,
            round=world.round,
            opd=opd,
            status=EvaluationStatus.FINAL,
            score=Decimal(50 + i),
            grade="C",
        )
        Answer.objects.bulk_create(
            [
                Answer(
                    pemda=cast.pemda,
                    evaluation=evaluation,
                    criterion=c,
                    label=top[c.scale_id].label,
                    value=top[c.scale_id].value,
                )
                for c in criteria
            ]
        )


def _count(cast, url: str) -> int:
    client = _client(cast, cast.lead)
    client.get(url)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_results_pages_run_constant_queries(cast, two_years):
    world = two_years
    pages = [
        reverse("evaluation:round_results", args=[world.round.code]),
        reverse("evaluation:round_results_excel", args=[world.round.code]),
        reverse("evaluation:evaluation_comparison", args=[world.opd1.code]),
    ]
    small = [_count(cast, url) for url in pages]
    _more_opds(cast, world, 4)
    large = [_count(cast, url) for url in pages]
    assert small == large
    assert small[0] <= 20, small
