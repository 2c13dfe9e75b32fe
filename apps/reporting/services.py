"""Writes of the LKjIP: the report of an OPD or the Pemda for a year, its narrative sections
(cleaned to a small safe rich-text subset, versioned), the reviu by the Inspektorat (comments per
section, the reviu statement) and the workflow draft → reviu → final → published. Publishing
freezes the content as the report's snapshot and starts the job that issues the PDF.

Every refusal is a ValidationError (bad input, with a message), a WorkflowError turned into a
ValidationError (a step the status does not allow), a StaleVersionError (somebody saved first) or
PermissionDenied (not this user's to do); nothing is changed then."""

from __future__ import annotations

import re

import nh3
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.activity import log_action
from apps.core.concurrency import StaleVersionError, save_versioned
from apps.core.workflow import Transition, Workflow, WorkflowError
from apps.organisations.access import EVALUATORS, OPD_WRITERS, PLANNERS, get_scope
from apps.organisations.models import OrgUnit, Role, UnitType
from apps.performance.models import Node, NodeLevel
from apps.reporting.models import (
    SASARAN_PREFIX,
    SECTION_KEYS,
    Report,
    ReportKind,
    ReportStatus,
    ReviewComment,
    Section,
)

WRITERS = frozenset(PLANNERS | OPD_WRITERS)
PUBLISHERS_OPD = frozenset({Role.OPD_VERIFIER})
REOPENERS = frozenset(EVALUATORS | PLANNERS)
MAX_BODY = 200_000
MAX_COMMENT = 5_000
MAX_STATEMENT = 20_000
EDITABLE = frozenset({ReportStatus.DRAFT})

# --- the rich-text subset ---------------------------------------------------------------------

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "em",
        "u",
        "ul",
        "ol",
        "li",
        "h3",
        "h4",
        "blockquote",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "a",
    }
)
ALLOWED_SCHEMES = ("http://", "https://", "mailto:")


def _href_filter(tag: str, attr: str, value: str) -> str | None:
    if tag == "a" and attr == "href":
        # Absolute http(s) and mailto links only: no javascript:, data:, or relative URLs.
        return value if value.strip().lower().startswith(ALLOWED_SCHEMES) else None
    return value


# Browsers' editing commands write <b> and <i>; the subset keeps their semantic twins.
_TWINS = (
    (re.compile(r"<(/?)b\b", re.IGNORECASE), r"<\1strong"),
    (re.compile(r"<(/?)i\b", re.IGNORECASE), r"<\1em"),
)


def clean_html(body: str) -> str:
    """`body` reduced to the narrative subset: paragraphs, emphasis, lists, two heading levels,
    quotes, simple tables and http(s)/mailto links (rel=noopener). Scripts and styles go with
    their content; images, event handlers and style attributes are dropped."""
    body = body or ""
    for pattern, replacement in _TWINS:
        body = pattern.sub(replacement, body)
    cleaned = nh3.clean(
        body,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        attribute_filter=_href_filter,
        link_rel="noopener",
        strip_comments=True,
    )
    return cleaned.strip()


# --- who may act ------------------------------------------------------------------------------


def may_write(user, report: Report) -> bool:
    """OPD writers for their OPD; planners (Pemda-wide) for the Pemda report and every OPD."""
    return get_scope(user).covers(report.opd if report.opd_id else None, WRITERS)


def may_review(user, report: Report) -> bool:
    return get_scope(user).pemda_wide(EVALUATORS) and report.pemda_id == get_scope(user).pemda_id


def may_reopen(user, report: Report) -> bool:
    return get_scope(user).pemda_wide(REOPENERS) and report.pemda_id == get_scope(user).pemda_id


def may_publish(user, report: Report) -> bool:
    """Planners for every report; the OPD's verifier for their OPD's report."""
    scope = get_scope(user)
    if report.pemda_id != scope.pemda_id:
        return False
    if scope.pemda_wide(PLANNERS):
        return True
    return bool(report.opd_id) and scope.covers(report.opd, PUBLISHERS_OPD)


def may_create(user, opd: OrgUnit | None) -> bool:
    scope = get_scope(user)
    if opd is None:
        return scope.pemda_wide(PLANNERS)
    return scope.covers(opd, WRITERS)


def _unit_of(report: Report) -> OrgUnit | None:
    return report.opd if report.opd_id else None


workflow = Workflow(
    action_prefix="sakip.lkjip",
    states=dict(ReportStatus.choices),
    transitions=[
        Transition(
            "submit",
            gettext_lazy("Submit for reviu"),
            frozenset({ReportStatus.DRAFT}),
            ReportStatus.REVIU,
            may_write,
        ),
        Transition(
            "return",
            gettext_lazy("Return for correction"),
            frozenset({ReportStatus.REVIU}),
            ReportStatus.DRAFT,
            may_review,
            requires_note=True,
        ),
        Transition(
            "complete_reviu",
            gettext_lazy("Complete the reviu"),
            frozenset({ReportStatus.REVIU}),
            ReportStatus.FINAL,
            may_review,
        ),
        Transition(
            "reopen",
            gettext_lazy("Reopen"),
            frozenset({ReportStatus.FINAL}),
            ReportStatus.DRAFT,
            may_reopen,
            requires_note=True,
        ),
        Transition(
            "publish",
            gettext_lazy("Publish"),
            frozenset({ReportStatus.FINAL}),
            ReportStatus.PUBLISHED,
            may_publish,
        ),
    ],
    unit_of=_unit_of,
)


# --- reports ----------------------------------------------------------------------------------


def report_get_or_create(*, actor, opd: OrgUnit | None, year: int) -> tuple[Report, bool]:
    """The report of `opd` (None: the Pemda) for `year`, created as a draft if there is none.
    Returns (report, created)."""
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Enter a year between 2000 and 2100.")})
    scope = get_scope(actor)
    if scope.is_anonymous:
        raise PermissionDenied
    if opd is not None and (opd.pemda_id != actor.pemda_id or opd.unit_type != UnitType.OPD):
        raise ValidationError({"opd": _("Choose an OPD of your Pemda.")})
    if not may_create(actor, opd):
        raise PermissionDenied
    lookup = {"pemda_id": actor.pemda_id, "year": year, "opd": opd}
    existing = Report.objects.filter(**lookup).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            report = Report.objects.create(
                kind=ReportKind.OPD if opd is not None else ReportKind.PEMDA, **lookup
            )
            log_action(
                action="sakip.lkjip.created",
                actor=actor,
                obj=report,
                pemda_id=report.pemda_id,
                unit_id=opd.pk if opd is not None else None,
                data={"year": year},
            )
    except IntegrityError:
        # Somebody created it at the same moment: theirs is the report.
        return Report.objects.get(**lookup), False
    return report, True


def sasaran_nodes(report: Report):
    """The sasaran a per-sasaran narrative may be written about: the Sasaran OPD of the OPD's
    Renstra covering the year, or the Sasaran Pemda of the RPJMD for the Pemda report."""
    qs = Node.objects.filter(pemda_id=report.pemda_id)
    if report.opd_id:
        qs = qs.filter(
            node_level=NodeLevel.SASARAN,
            renstra__opd_id=report.opd_id,
            renstra__period__start_year__lte=report.year,
            renstra__period__end_year__gte=report.year,
        )
    else:
        qs = qs.filter(
            node_level=NodeLevel.SASARAN_PEMDA,
            rpjmd__period__start_year__lte=report.year,
            rpjmd__period__end_year__gte=report.year,
        )
    return qs.order_by("tree_id", "lft")


def check_key(report: Report, key: str) -> str:
    key = (key or "").strip()
    if key in dict(SECTION_KEYS):
        return key
    if key.startswith(SASARAN_PREFIX):
        code = key[len(SASARAN_PREFIX) :]
        try:
            if sasaran_nodes(report).filter(code=code).exists():
                return key
        except ValidationError:
            pass  # not a UUID
    raise ValidationError({"key": _("Unknown section.")})


def _refuse_unless_editable(report: Report) -> None:
    if report.status not in EDITABLE:
        raise ValidationError(
            _("Only a draft can be edited; this report is “%(status)s”.")
            % {"status": report.get_status_display()}
        )


def section_save(
    *, actor, report: Report, key: str, body: str, expected_version: int | None
) -> Section:
    """Save the narrative `key` of `report`. `expected_version` is the section's version as the
    writer read it (0 or None: the section did not exist yet); a save over somebody else's is
    refused with StaleVersionError carrying their text."""
    if not may_write(actor, report):
        raise PermissionDenied
    _refuse_unless_editable(report)
    key = check_key(report, key)
    if len(body or "") > MAX_BODY:
        raise ValidationError({"body": _("The text is too long.")})
    cleaned = clean_html(body)
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        _refuse_unless_editable(locked)
        section = Section.objects.filter(report=report, key=key).first()
        if section is None:
            if expected_version:
                # The writer read a version that is gone: treat as a conflict with nothing.
                raise ValidationError({"key": _("This section does not exist any more.")})
            section = Section.objects.create(
                pemda_id=report.pemda_id, report=report, key=key, body=cleaned, updated_by=actor
            )
        else:
            if not expected_version:
                raise StaleVersionError(section)
            before = section.body
            section.body = cleaned
            section.updated_by = actor
            save_versioned(
                section, expected_version=expected_version, fields=["body", "updated_by"]
            )
            if before == cleaned:
                return section
        log_action(
            action="sakip.lkjip.section_saved",
            actor=actor,
            obj=report,
            pemda_id=report.pemda_id,
            unit_id=report.opd_id,
            data={"section": key, "version": section.version, "length": len(cleaned)},
        )
    return section


# --- reviu ------------------------------------------------------------------------------------


def _refuse_unless_reviu(report: Report) -> None:
    if report.status != ReportStatus.REVIU:
        raise ValidationError(_("Only a report in reviu can be commented on by the Inspektorat."))


def comment_add(*, actor, report: Report, section_key: str, text: str) -> ReviewComment:
    if not may_review(actor, report):
        raise PermissionDenied
    _refuse_unless_reviu(report)
    section_key = check_key(report, section_key) if (section_key or "").strip() else ""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the comment.")})
    if len(text) > MAX_COMMENT:
        raise ValidationError({"text": _("The comment is too long.")})
    with transaction.atomic():
        comment = ReviewComment.objects.create(
            pemda_id=report.pemda_id,
            report=report,
            section_key=section_key,
            author=actor,
            text=text,
        )
        log_action(
            action="sakip.lkjip.commented",
            actor=actor,
            obj=report,
            pemda_id=report.pemda_id,
            unit_id=report.opd_id,
            data={"section": section_key, "comment": str(comment.code)},
        )
    return comment


def comment_resolve(*, actor, comment: ReviewComment) -> ReviewComment:
    """Writers of the report (who fixed it) or the comment's author mark it resolved."""
    report = comment.report
    if not (may_write(actor, report) or comment.author_id == getattr(actor, "pk", None)):
        raise PermissionDenied
    if comment.resolved_at is not None:
        raise ValidationError(_("This comment is already resolved."))
    if report.status == ReportStatus.PUBLISHED:
        raise ValidationError(_("The report is published; its reviu is closed."))
    with transaction.atomic():
        comment.resolved_at = timezone.now()
        comment.resolved_by = actor
        save_versioned(
            comment, expected_version=comment.version, fields=["resolved_at", "resolved_by"]
        )
        log_action(
            action="sakip.lkjip.comment_resolved",
            actor=actor,
            obj=report,
            pemda_id=report.pemda_id,
            unit_id=report.opd_id,
            data={"comment": str(comment.code)},
        )
    return comment


def reviu_statement_save(
    *, actor, report: Report, text: str, expected_version: int | None = None
) -> Report:
    """The Inspektorat's reviu statement (pernyataan telah direviu), required before the reviu
    can be completed."""
    if not may_review(actor, report):
        raise PermissionDenied
    if report.status != ReportStatus.REVIU:
        raise ValidationError(_("The reviu statement is written while the report is in reviu."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the reviu statement.")})
    if len(text) > MAX_STATEMENT:
        raise ValidationError({"text": _("The reviu statement is too long.")})
    with transaction.atomic():
        report.reviu_statement = text
        report.reviu_by = actor
        report.reviu_at = timezone.now()
        save_versioned(
            report,
            expected_version=expected_version,
            fields=["reviu_statement", "reviu_by", "reviu_at"],
        )
        log_action(
            action="sakip.lkjip.reviu_statement",
            actor=actor,
            obj=report,
            pemda_id=report.pemda_id,
            unit_id=report.opd_id,
            data={"length": len(text)},
        )
    return report


# --- workflow ---------------------------------------------------------------------------------


def transition(
    *, actor, report: Report, name: str, note: str = "", expected_version: int | None = None
) -> Report:
    """Apply a workflow step. `complete_reviu` needs the reviu statement; `publish` goes through
    `publish`. A step the status does not allow is a ValidationError with its message."""
    if name == "publish":
        return publish(actor=actor, report=report, expected_version=expected_version)
    if name not in workflow.transitions:
        raise ValidationError(_("Unknown action."))
    if name == "complete_reviu" and not report.reviu_statement.strip():
        if not workflow.transitions[name].may_act(actor, report):
            raise PermissionDenied
        if report.status == ReportStatus.REVIU:
            raise ValidationError(_("Write the reviu statement before completing the reviu."))
    try:
        return workflow.apply(
            report, name, user=actor, note=note, expected_version=expected_version
        )
    except WorkflowError as exc:
        raise ValidationError(str(exc)) from exc


def publish(*, actor, report: Report, expected_version: int | None = None) -> Report:
    """final → published: the content is frozen as the snapshot (a later edit of a target or a
    realisation never changes the published report) and a job issues the PDF from it."""
    from apps.core.jobs import job_start
    from apps.reporting.content import build_content

    if not may_publish(actor, report):
        raise PermissionDenied
    if report.status != ReportStatus.FINAL:
        raise ValidationError(
            _("Only a final report (reviu completed) can be published; this one is “%(status)s”.")
            % {"status": report.get_status_display()}
        )
    with transaction.atomic():
        snapshot = build_content(report)
        try:
            workflow.apply(report, "publish", user=actor, expected_version=expected_version)
        except WorkflowError as exc:
            raise ValidationError(str(exc)) from exc
        report.snapshot = snapshot
        report.published_at = timezone.now()
        report.published_by = actor
        report.save(update_fields=["snapshot", "published_at", "published_by", "updated_at"])
        from apps.reporting.tasks import issue_pdf_task  # rendering is its own module (R3)

        job_start(
            kind="lkjip_issue",
            owner=actor,
            pemda_id=report.pemda_id,
            task=issue_pdf_task,
            params={"report": str(report.code)},
        )
    return report
