"""The LKjIP lifecycle services: reports, cleaned and versioned narratives, the reviu and the
workflow up to publication (snapshot frozen, issuing job started)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from apps.core.activity import ActivityLog
from apps.core.concurrency import StaleVersionError
from apps.core.models import Job, WorkflowEvent
from apps.reporting import services
from apps.reporting.models import Report, ReportStatus, Section
from tests.performance.conftest import build_plan
from tests.reporting.conftest import YEAR, opd_report, pemda_report, to_final, to_reviu

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def save(actor, report, body, version, key="bab1"):
    return services.section_save(
        actor=actor, report=report, key=key, body=body, expected_version=version
    )


# --- reports ----------------------------------------------------------------------------------


def test_an_opd_writer_creates_their_opds_report_once(cast):
    report, created = services.report_get_or_create(actor=cast.operator, opd=cast.opd1, year=YEAR)
    assert created and report.status == ReportStatus.DRAFT and report.kind == "opd"
    again, created = services.report_get_or_create(actor=cast.verifier, opd=cast.opd1, year=YEAR)
    assert again == report and not created
    assert ActivityLog.objects.filter(action="sakip.lkjip.created").count() == 1


def test_planners_create_the_pemda_report_and_any_opds(cast):
    pemda, created = services.report_get_or_create(actor=cast.bappeda, opd=None, year=YEAR)
    assert created and pemda.kind == "pemda" and pemda.opd is None
    other, created = services.report_get_or_create(actor=cast.admin, opd=cast.opd2, year=YEAR)
    assert created and other.opd == cast.opd2


@pytest.mark.parametrize(
    "who,opd",
    [
        ("operator", "opd2"),
        ("operator", None),
        ("verifier", None),
        ("evaluator", "opd1"),
        ("viewer", "opd1"),
        ("other_operator", "opd1"),
    ],
)
def test_others_may_not_create_a_report(cast, who, opd):
    with pytest.raises(PermissionDenied):
        services.report_get_or_create(
            actor=getattr(cast, who), opd=getattr(cast, opd) if opd else None, year=YEAR
        )
    assert not Report.objects.exists()


def test_a_report_needs_a_year_and_an_opd_of_the_pemda(cast):
    with pytest.raises(ValidationError, match="2000 and 2100"):
        services.report_get_or_create(actor=cast.bappeda, opd=cast.opd1, year=1999)
    with pytest.raises(ValidationError, match="OPD of your Pemda"):
        services.report_get_or_create(actor=cast.bappeda, opd=cast.opd_b, year=YEAR)
    with pytest.raises(ValidationError, match="OPD of your Pemda"):
        services.report_get_or_create(actor=cast.bappeda, opd=cast.bidang1, year=YEAR)
    assert not Report.objects.exists()


# --- cleaning ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dirty,clean",
    [
        ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
        ('<p onclick="x()">a</p><img src=x onerror="alert(1)">', "<p>a</p>"),
        ('<p style="position:fixed">a</p><style>p{}</style>', "<p>a</p>"),
        ('<img src="http://evil.example/track.png">x', "x"),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener">x</a>'),
        ('<a href="data:text/html,hi">x</a>', '<a rel="noopener">x</a>'),
        ('<a href="/admin/">x</a>', '<a rel="noopener">x</a>'),
        ('<iframe src="https://evil.example"></iframe><p>ok</p>', "<p>ok</p>"),
        (
            '<a href="https://bps.go.id" target="_blank">BPS</a>',
            '<a href="https://bps.go.id" rel="noopener">BPS</a>',
        ),
        ('<a href="mailto:a@b.id">m</a>', '<a href="mailto:a@b.id" rel="noopener">m</a>'),
        (
            "<h3>T</h3><ul><li><strong>b</strong> <em>i</em> <u>u</u></li></ul>",
            "<h3>T</h3><ul><li><strong>b</strong> <em>i</em> <u>u</u></li></ul>",
        ),
        (
            "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
            "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
        ),
        ("<h1>big</h1><div>d</div><span>s</span>", "bigds"),
        (
            "<b>b</b><I>i</I><br><img src=x><iframe></iframe><ins>n</ins>",
            "<strong>b</strong><em>i</em><br>n",
        ),
    ],
)
def test_narratives_are_cleaned_to_the_small_subset(dirty, clean):
    assert services.clean_html(dirty) == clean


def test_the_saved_body_is_the_cleaned_one(cast, report):
    section = save(
        cast.operator,
        report,
        '<p>Ok<script>alert(1)</script><img src="http://x.example/a.png" onerror="x()"></p>',
        0,
    )
    section.refresh_from_db()
    assert section.body == "<p>Ok</p>"


# --- sections ---------------------------------------------------------------------------------


def test_a_section_is_versioned_and_audited(cast, report):
    first = save(cast.operator, report, "<p>Satu</p>", 0)
    assert first.version == 1 and first.updated_by == cast.operator
    second = save(cast.verifier, report, "<p>Dua</p>", 1)
    assert second.pk == first.pk and second.version == 2
    assert second.history.count() == 2
    assert ActivityLog.objects.filter(action="sakip.lkjip.section_saved").count() == 2


def test_a_stale_save_is_refused_with_the_other_persons_text(cast, report):
    save(cast.operator, report, "<p>Operator</p>", 0)
    save(cast.verifier, report, "<p>Verifier</p>", 1)
    with pytest.raises(StaleVersionError) as info:
        save(cast.operator, report, "<p>Operator lagi</p>", 1)
    assert info.value.current.body == "<p>Verifier</p>"
    # Creating a section that somebody else created meanwhile is a conflict as well.
    with pytest.raises(StaleVersionError):
        save(cast.operator, report, "<p>Baru</p>", 0)
    assert Section.objects.get(report=report, key="bab1").body == "<p>Verifier</p>"


def test_only_known_sections_and_the_opds_sasaran(cast, report):
    plan = build_plan(cast)
    with pytest.raises(ValidationError, match="Unknown section"):
        save(cast.operator, report, "x", 0, key="bab9")
    with pytest.raises(ValidationError, match="Unknown section"):
        save(cast.operator, report, "x", 0, key="sasaran:not-a-uuid")
    with pytest.raises(ValidationError, match="Unknown section"):
        # A Pemda sasaran is not a sasaran of the OPD's Renstra.
        save(cast.operator, report, "x", 0, key=f"sasaran:{plan.sasaran_pemda.code}")
    section = save(cast.operator, report, "<p>S</p>", 0, key=f"sasaran:{plan.sasaran.code}")
    assert section.key == f"sasaran:{plan.sasaran.code}"
    pemda = pemda_report(cast)
    section = save(cast.bappeda, pemda, "<p>P</p>", 0, key=f"sasaran:{plan.sasaran_pemda.code}")
    assert section.report == pemda
    with pytest.raises(ValidationError, match="Unknown section"):
        save(cast.bappeda, pemda, "x", 0, key=f"sasaran:{plan.sasaran.code}")


def test_too_long_a_text_is_refused(cast, report):
    with pytest.raises(ValidationError, match="too long"):
        save(cast.operator, report, "x" * (services.MAX_BODY + 1), 0)
    assert not Section.objects.exists()


@pytest.mark.parametrize("who", ["evaluator", "lead", "viewer", "other_operator", "outsider"])
def test_only_the_writers_write(cast, report, who):
    with pytest.raises(PermissionDenied):
        save(getattr(cast, who), report, "<p>x</p>", 0)
    assert not Section.objects.exists()


def test_planners_write_an_opds_report_too(cast, report):
    assert save(cast.bappeda, report, "<p>x</p>", 0).version == 1


def test_no_writing_once_submitted(cast, report):
    to_reviu(cast, report)
    with pytest.raises(ValidationError, match="Only a draft"):
        save(cast.operator, report, "<p>Lagi</p>", 1)
    assert Section.objects.get(report=report).body == "<p>Pendahuluan.</p>"


# --- workflow ---------------------------------------------------------------------------------


def step(actor, report, name, note=""):
    report.refresh_from_db()
    return services.transition(actor=actor, report=report, name=name, note=note)


def test_submit_return_and_submit_again(cast, report):
    to_reviu(cast, report)
    assert report.status == ReportStatus.REVIU
    with pytest.raises(PermissionDenied):
        step(cast.operator, report, "return", "x")
    with pytest.raises(ValidationError, match="note"):
        step(cast.evaluator, report, "return")
    step(cast.evaluator, report, "return", "Lengkapi Bab I")
    assert report.status == ReportStatus.DRAFT
    save(cast.operator, report, "<p>Diperbaiki</p>", 1)
    step(cast.verifier, report, "submit")
    assert report.status == ReportStatus.REVIU
    events = WorkflowEvent.objects.filter(object_code=report.code).order_by("id")
    assert [e.transition for e in events] == ["submit", "return", "submit"]
    assert events[1].note == "Lengkapi Bab I"


def test_a_step_the_status_does_not_allow_is_refused(cast, report):
    with pytest.raises(ValidationError, match="not possible"):
        step(cast.evaluator, report, "complete_reviu")
    with pytest.raises(ValidationError, match="Unknown action"):
        step(cast.operator, report, "approve")
    with pytest.raises(PermissionDenied):
        step(cast.evaluator, report, "submit")
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT


def test_completing_the_reviu_needs_the_statement(cast, report):
    to_reviu(cast, report)
    with pytest.raises(ValidationError, match="reviu statement"):
        step(cast.lead, report, "complete_reviu")
    with pytest.raises(PermissionDenied):
        step(cast.operator, report, "complete_reviu")
    services.reviu_statement_save(actor=cast.lead, report=report, text="  Telah direviu.  ")
    assert report.reviu_statement == "Telah direviu." and report.reviu_by == cast.lead
    step(cast.lead, report, "complete_reviu")
    assert report.status == ReportStatus.FINAL


def test_the_reviu_statement_is_the_inspektorats_during_reviu(cast, report):
    with pytest.raises(ValidationError, match="in reviu"):
        services.reviu_statement_save(actor=cast.evaluator, report=report, text="x")
    to_reviu(cast, report)
    with pytest.raises(PermissionDenied):
        services.reviu_statement_save(actor=cast.operator, report=report, text="x")
    with pytest.raises(ValidationError, match="Write the reviu statement"):
        services.reviu_statement_save(actor=cast.evaluator, report=report, text="  ")
    with pytest.raises(StaleVersionError):
        services.reviu_statement_save(
            actor=cast.evaluator, report=report, text="x", expected_version=report.version - 1
        )
    assert Report.objects.get(pk=report.pk).reviu_statement == ""


def test_reopen_a_final_report(cast, report):
    to_final(cast, report)
    with pytest.raises(PermissionDenied):
        step(cast.operator, report, "reopen", "x")
    with pytest.raises(ValidationError, match="note"):
        step(cast.bappeda, report, "reopen")
    step(cast.bappeda, report, "reopen", "Angka TW IV berubah")
    assert report.status == ReportStatus.DRAFT
    to_final(cast, report)
    step(cast.evaluator, report, "reopen", "Lagi")
    assert report.status == ReportStatus.DRAFT


# --- comments ---------------------------------------------------------------------------------


def test_the_inspektorat_comments_per_section_during_reviu(cast, report):
    with pytest.raises(ValidationError, match="in reviu"):
        services.comment_add(actor=cast.evaluator, report=report, section_key="bab1", text="x")
    to_reviu(cast, report)
    with pytest.raises(PermissionDenied):
        services.comment_add(actor=cast.operator, report=report, section_key="bab1", text="x")
    with pytest.raises(ValidationError, match="Write the comment"):
        services.comment_add(actor=cast.evaluator, report=report, section_key="bab1", text=" ")
    with pytest.raises(ValidationError, match="Unknown section"):
        services.comment_add(actor=cast.evaluator, report=report, section_key="bab7", text="x")
    comment = services.comment_add(
        actor=cast.evaluator, report=report, section_key="bab1", text="Tambahkan dasar hukum."
    )
    general = services.comment_add(actor=cast.lead, report=report, section_key="", text="Umum")
    assert comment.section_key == "bab1" and general.section_key == ""
    assert ActivityLog.objects.filter(action="sakip.lkjip.commented").count() == 2


def test_writers_or_the_author_resolve_a_comment(cast, report):
    to_reviu(cast, report)
    first = services.comment_add(actor=cast.evaluator, report=report, section_key="bab1", text="a")
    second = services.comment_add(actor=cast.evaluator, report=report, section_key="", text="b")
    for who in ("viewer", "lead", "other_operator"):
        with pytest.raises(PermissionDenied):
            services.comment_resolve(actor=getattr(cast, who), comment=first)
    services.comment_resolve(actor=cast.operator, comment=first)
    assert first.resolved_by == cast.operator and first.resolved_at is not None
    with pytest.raises(ValidationError, match="already resolved"):
        services.comment_resolve(actor=cast.operator, comment=first)
    services.comment_resolve(actor=cast.evaluator, comment=second)
    assert second.resolved_by == cast.evaluator


# --- publication ------------------------------------------------------------------------------


def test_publish_freezes_the_content_and_starts_the_issuing_job(cast, report):
    from apps.reporting.content import build_content

    with pytest.raises(ValidationError, match="Only a final report"):
        services.publish(actor=cast.bappeda, report=report)
    to_final(cast, report)
    with pytest.raises(PermissionDenied):
        services.publish(actor=cast.operator, report=report)
    with pytest.raises(PermissionDenied):
        services.publish(actor=cast.evaluator, report=report)
    expected = build_content(report)
    services.transition(actor=cast.verifier, report=report, name="publish")
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert report.published_by == cast.verifier and report.published_at is not None
    assert report.snapshot["narratives"]["bab1"] == "<p>Pendahuluan.</p>"
    expected.pop("generated_at", None)
    frozen = dict(report.snapshot)
    frozen.pop("generated_at", None)
    assert frozen == expected
    job = Job.objects.get(kind="lkjip_issue")
    assert job.params == {"report": str(report.code)} and job.owner == cast.verifier
    with pytest.raises(ValidationError, match=r"not possible|Only a final"):
        services.transition(actor=cast.bappeda, report=report, name="publish")


def test_the_pemda_report_is_published_by_planners_only(cast):
    report = pemda_report(cast)
    to_final(cast, report)
    with pytest.raises(PermissionDenied):
        services.publish(actor=cast.verifier, report=report)
    services.publish(actor=cast.admin, report=report)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.PUBLISHED


def test_an_opd_report_of_another_opd_is_not_the_verifiers(cast):
    report = opd_report(cast, cast.opd2)
    to_final(cast, report)
    with pytest.raises(PermissionDenied):
        services.publish(actor=cast.verifier, report=report)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.FINAL
