"""The LKjIP pages: list and creation, the report page with its editor (plain form and the
editor's JSON autosave with conflicts), the workflow, comments and the reviu statement; scope
(another OPD 404, anonymous to the login page) and constant queries."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from apps.organisations import services as org_services
from apps.organisations.access import forget_scope
from apps.organisations.models import UnitType
from apps.reporting import services
from apps.reporting.models import Report, ReportStatus, ReviewComment, Section
from tests.performance.conftest import build_plan
from tests.reporting.conftest import YEAR, opd_report, to_reviu

pytestmark = pytest.mark.django_db
JSON = {"HTTP_X_REQUESTED_WITH": "fetch", "HTTP_ACCEPT": "application/json"}


@pytest.fixture(autouse=True)
def _english(cast, monkeypatch):
    """Pages in English for these assertions (the clients send the language cookie)."""
    make = type(cast).client

    def client(self, user):
        c = make(self, user)
        c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return c

    monkeypatch.setattr(type(cast), "client", client)
    with translation.override("en"):
        yield


def detail_url(report) -> str:
    return reverse("reporting:report_detail", args=[report.code])


def section_url(report) -> str:
    return reverse("reporting:section_edit", args=[report.code])


# --- list and creation ------------------------------------------------------------------------


def test_the_list_shows_reports_and_what_may_be_created(cast):
    client = cast.client(cast.operator)
    page = client.get(reverse("reporting:report_list"), {"year": YEAR}).content.decode()
    assert "Dinas Kesehatan" in page and "Dinas Pendidikan" not in page
    assert f'name="opd" value="{cast.opd1.code}"' in page
    report = opd_report(cast)
    page = client.get(reverse("reporting:report_list"), {"year": YEAR}).content.decode()
    assert detail_url(report) in page
    assert f'name="opd" value="{cast.opd1.code}"' not in page
    bappeda = cast.client(cast.bappeda).get(reverse("reporting:report_list"), {"year": YEAR})
    text = bappeda.content.decode()
    assert 'name="opd" value=""' in text and str(cast.opd2.code) in text
    assert cast.client(cast.viewer).get(reverse("reporting:report_list")).status_code == 200


def test_a_bad_year_falls_back_to_this_year(cast):
    response = cast.client(cast.operator).get(reverse("reporting:report_list"), {"year": "x"})
    assert response.status_code == 200 and response.context["year"] >= 2026


def test_create_opens_the_new_report(cast):
    response = cast.client(cast.operator).post(
        reverse("reporting:report_create"), {"year": YEAR, "opd": str(cast.opd1.code)}
    )
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == detail_url(report)
    assert report.opd == cast.opd1 and report.year == YEAR


@pytest.mark.parametrize(
    "data",
    [{"year": "dua ribu", "opd": ""}, {"year": 1800, "opd": ""}, {"year": YEAR, "opd": "x"}],
)
def test_create_refuses_bad_input_and_changes_nothing(cast, data):
    client = cast.client(cast.operator)
    response = client.post(reverse("reporting:report_create"), data, follow=True)
    assert response.status_code == 200 and not Report.objects.exists()
    assert list(response.context["messages"])


def test_create_for_another_opd_is_refused(cast):
    client = cast.client(cast.operator)
    client.post(reverse("reporting:report_create"), {"year": YEAR, "opd": str(cast.opd2.code)})
    client.post(reverse("reporting:report_create"), {"year": YEAR, "opd": ""})
    assert not Report.objects.exists()
    response = cast.client(cast.viewer).post(
        reverse("reporting:report_create"), {"year": YEAR, "opd": str(cast.opd1.code)}
    )
    assert response.status_code == 403


# --- the report page --------------------------------------------------------------------------


def test_the_writer_gets_the_editor_and_others_read(cast, report):
    build_plan(cast)
    services.section_save(
        actor=cast.operator,
        report=report,
        key="bab1",
        body="<p>Latar belakang</p>",
        expected_version=0,
    )
    page = cast.client(cast.operator).get(detail_url(report)).content.decode()
    assert 'class="lkjip-editor"' in page and "reporting/editor.js" in page
    assert "Bab I Pendahuluan" in page and "&lt;p&gt;Latar belakang&lt;/p&gt;" in page
    assert "Narrative per sasaran" in page  # the Renstra's sasaran get their own narrative
    assert 'data-action="submit"' in page
    viewer = cast.client(cast.viewer).get(detail_url(report)).content.decode()
    assert 'class="lkjip-editor"' not in viewer and "<p>Latar belakang</p>" in viewer
    assert 'data-action="submit"' not in viewer


def test_another_opd_and_another_pemda_get_404_anonymous_the_login(cast, report):
    assert cast.client(cast.other_operator).get(detail_url(report)).status_code == 404
    assert cast.client(cast.outsider).get(detail_url(report)).status_code == 404
    response = cast.client(None).get(detail_url(report))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    missing = reverse("reporting:report_detail", args=["00000000-0000-0000-0000-000000000000"])
    assert cast.client(cast.admin).get(missing).status_code == 404


def test_the_pemda_report_is_for_pemda_wide_roles(cast):
    report = services.report_get_or_create(actor=cast.bappeda, opd=None, year=YEAR)[0]
    assert cast.client(cast.evaluator).get(detail_url(report)).status_code == 200
    assert cast.client(cast.operator).get(detail_url(report)).status_code == 404


# --- sections ---------------------------------------------------------------------------------


def test_the_plain_form_saves_and_cleans(cast, report):
    response = cast.client(cast.operator).post(
        section_url(report),
        {"key": "bab1", "body": "<p>Isi<script>alert(1)</script></p>", "version": 0},
    )
    assert response.status_code == 302 and response["Location"].endswith("#section-bab1")
    assert Section.objects.get(report=report).body == "<p>Isi</p>"


def test_the_autosave_answers_json_and_conflicts_with_409(cast, report):
    operator = cast.client(cast.operator)
    verifier = cast.client(cast.verifier)
    first = operator.post(
        section_url(report), {"key": "bab1", "body": "<p>A</p>", "version": 0}, **JSON
    )
    assert first.status_code == 200 and first.json()["version"] == 1
    second = verifier.post(
        section_url(report), {"key": "bab1", "body": "<p>B</p>", "version": 1}, **JSON
    )
    assert second.json()["version"] == 2
    stale = operator.post(
        section_url(report), {"key": "bab1", "body": "<p>A2</p>", "version": 1}, **JSON
    )
    assert stale.status_code == 409
    assert stale.json()["current"]["body"] == "<p>B</p>"
    assert stale.json()["current"]["version"] == 2
    assert stale.json()["current"]["updated_by"] == "verifier"
    assert Section.objects.get(report=report).body == "<p>B</p>"


def test_a_section_edited_a_thousand_times_posts_its_version_as_a_plain_number(cast, report):
    operator = cast.client(cast.operator)
    operator.post(section_url(report), {"key": "bab1", "body": "<p>A</p>", "version": 0}, **JSON)
    Section.objects.filter(report=report, key="bab1").update(version=1234)
    html = operator.get(detail_url(report)).content.decode()
    assert 'name="version" value="1234"' in html
    saved = operator.post(
        section_url(report), {"key": "bab1", "body": "<p>B</p>", "version": "1234"}, **JSON
    )
    assert saved.status_code == 200 and saved.json()["version"] == 1235


def test_a_stale_plain_save_shows_both_texts(cast, report):
    services.section_save(
        actor=cast.verifier,
        report=report,
        key="bab1",
        body="<p>Punya verifier</p>",
        expected_version=0,
    )
    response = cast.client(cast.operator).post(
        section_url(report), {"key": "bab1", "body": "<p>Punya operator</p>", "version": 0}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert (
        '<div class="lkjip-theirs border rounded p-2 bg-body"><p>Punya verifier</p></div>' in page
    )
    assert "&lt;p&gt;Punya operator&lt;/p&gt;</textarea>" in page
    assert Section.objects.get(report=report).body == "<p>Punya verifier</p>"


@pytest.mark.parametrize(
    "data",
    [
        {"key": "bab9", "body": "x", "version": 0},
        {"key": "bab1", "body": "x", "version": -1},
        {"key": "bab1", "body": "x"},
    ],
)
def test_bad_section_input_changes_nothing(cast, report, data):
    response = cast.client(cast.operator).post(section_url(report), data, **JSON)
    assert response.status_code == 400 and not Section.objects.exists()
    plain = cast.client(cast.operator).post(section_url(report), data, follow=True)
    assert list(plain.context["messages"]) and not Section.objects.exists()


def test_no_writing_in_reviu_and_no_writing_for_readers(cast, report):
    assert (
        cast.client(cast.viewer)
        .post(section_url(report), {"key": "bab1", "body": "x", "version": 0})
        .status_code
        == 403
    )
    to_reviu(cast, report)
    response = cast.client(cast.operator).post(
        section_url(report), {"key": "bab1", "body": "<p>Lagi</p>", "version": 1}, **JSON
    )
    assert response.status_code == 400 and "Only a draft" in response.json()["errors"][0]


# --- workflow, comments, statement ------------------------------------------------------------


def post_step(client, report, name, note=""):
    report.refresh_from_db()
    url = reverse("reporting:report_transition", args=[report.code, name])
    return client.post(url, {"version": report.version, "note": note}, follow=True)


def test_the_reviu_round_trip_through_the_pages(cast, report):
    operator, evaluator = cast.client(cast.operator), cast.client(cast.evaluator)
    operator.post(section_url(report), {"key": "bab1", "body": "<p>Bab I</p>", "version": 0})
    post_step(operator, report, "submit")
    assert Report.objects.get(pk=report.pk).status == ReportStatus.REVIU
    page = evaluator.get(detail_url(report)).content.decode()
    assert "lkjip-comment-form" in page and 'id="reviu-form"' in page

    evaluator.post(
        reverse("reporting:comment_add", args=[report.code]),
        {"section_key": "bab1", "text": "Tambahkan dasar hukum"},
    )
    comment = ReviewComment.objects.get()
    assert comment.section_key == "bab1" and comment.author == cast.evaluator

    # Returning needs a note: refused with a message, nothing changed.
    response = post_step(evaluator, report, "return")
    assert "note" in " ".join(str(m) for m in response.context["messages"])
    assert Report.objects.get(pk=report.pk).status == ReportStatus.REVIU

    # Completing needs the statement; an empty one is refused on the form.
    response = evaluator.post(
        reverse("reporting:reviu_statement", args=[report.code]),
        {"version": Report.objects.get(pk=report.pk).version, "reviu_statement": ""},
    )
    assert response.status_code == 400
    response = post_step(evaluator, report, "complete_reviu")
    assert "reviu statement" in " ".join(str(m) for m in response.context["messages"])
    evaluator.post(
        reverse("reporting:reviu_statement", args=[report.code]),
        {
            "version": Report.objects.get(pk=report.pk).version,
            "reviu_statement": "Telah direviu sesuai pedoman.",
        },
    )
    post_step(evaluator, report, "complete_reviu")
    report.refresh_from_db()
    assert report.status == ReportStatus.FINAL
    assert report.reviu_statement == "Telah direviu sesuai pedoman."

    operator.post(reverse("reporting:comment_resolve", args=[comment.code]))
    comment.refresh_from_db()
    assert comment.resolved_by == cast.operator


def test_a_step_not_allowed_is_forbidden(cast, report):
    response = post_step(cast.client(cast.evaluator), report, "submit")
    assert response.status_code == 403
    response = post_step(cast.client(cast.operator), report, "complete_reviu")
    assert response.status_code == 403
    response = cast.client(cast.operator).post(
        reverse("reporting:report_transition", args=[report.code, "submit"]),
        {"version": ""},
        follow=True,
    )
    assert list(response.context["messages"])
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT


def test_a_stale_workflow_step_is_refused_with_a_message(cast, report):
    version = report.version
    services.section_save(
        actor=cast.operator, report=report, key="bab1", body="<p>x</p>", expected_version=0
    )
    services.transition(actor=cast.operator, report=report, name="submit")
    services.transition(actor=cast.evaluator, report=report, name="return", note="Ulangi")
    response = cast.client(cast.operator).post(
        reverse("reporting:report_transition", args=[report.code, "submit"]),
        {"version": version, "note": ""},
        follow=True,
    )
    assert "Someone else saved" in " ".join(str(m) for m in response.context["messages"])
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT


def test_comment_input_is_checked(cast, report):
    to_reviu(cast, report)
    evaluator = cast.client(cast.evaluator)
    url = reverse("reporting:comment_add", args=[report.code])
    evaluator.post(url, {"section_key": "bab1", "text": ""})
    evaluator.post(url, {"section_key": "bab7", "text": "x"})
    assert not ReviewComment.objects.exists()
    assert cast.client(cast.operator).post(url, {"text": "x"}).status_code == 403


# --- constant queries -------------------------------------------------------------------------


def _grow_reports(cast, n: int) -> None:
    for i in range(n):
        opd = org_services.unit_create(
            actor=None, parent=cast.pemda, name=f"Dinas {i}", unit_type=UnitType.OPD
        )
        forget_scope(cast.bappeda)  # the Pemda's tree grew
        services.report_get_or_create(actor=cast.bappeda, opd=opd, year=YEAR)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


LIST_QUERIES = 5
DETAIL_QUERIES = 10


def test_the_list_takes_constant_queries(cast):
    client = cast.client(cast.admin)
    url = reverse("reporting:report_list") + f"?year={YEAR}"
    _grow_reports(cast, 1)
    small = _count(client, url)
    _grow_reports(cast, 6)
    assert (small, _count(client, url)) == (LIST_QUERIES, LIST_QUERIES)


def test_the_report_page_takes_constant_queries(cast, report):
    plan = build_plan(cast)
    client = cast.client(cast.evaluator)
    to_reviu(cast, report)
    services.comment_add(actor=cast.evaluator, report=report, section_key="bab1", text="1")
    small = _count(client, detail_url(report))
    services.transition(actor=cast.evaluator, report=report, name="return", note="Ulangi")
    for key in ("ikhtisar", "bab2", "bab3a", "bab3b", "bab4", f"sasaran:{plan.sasaran.code}"):
        services.section_save(
            actor=cast.operator, report=report, key=key, body="<p>x</p>", expected_version=0
        )
    services.transition(actor=cast.operator, report=report, name="submit")
    for key in ("bab2", "bab3a", "", "bab4"):
        services.comment_add(actor=cast.evaluator, report=report, section_key=key, text="c")
    assert (small, _count(client, detail_url(report))) == (DETAIL_QUERIES, DETAIL_QUERIES)


def test_the_inbox_shows_reviu_to_the_inspektorat_and_returns_to_the_writers(cast, report):
    from apps.core.registry import inbox_for
    from apps.organisations.access import forget_scope

    to_reviu(cast, report)
    assert [i.url for i in inbox_for(cast.evaluator) if "/reports/" in i.url] == [
        detail_url(report)
    ]
    assert not [i for i in inbox_for(cast.operator) if "/reports/" in i.url]
    services.transition(actor=cast.evaluator, report=report, name="return", note="Lengkapi")
    for user in (cast.evaluator, cast.operator, cast.other_operator):
        forget_scope(user)
    assert not [i for i in inbox_for(cast.evaluator) if "/reports/" in i.url]
    assert [i.url for i in inbox_for(cast.operator) if "/reports/" in i.url] == [detail_url(report)]
    assert not [i for i in inbox_for(cast.other_operator) if "/reports/" in i.url]
