"""Reads of the LKjIP, always through the user's scope: an OPD's report is visible to the users
whose grants cover that OPD (its own staff and every Pemda-wide role), the Pemda's report to the
Pemda-wide roles. Anything else does not exist for the user (404)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from apps.core.models import Job, WorkflowEvent
from apps.organisations.access import get_scope
from apps.organisations.models import OrgUnit, UnitType
from apps.reporting import services
from apps.reporting.models import (
    SASARAN_PREFIX,
    SECTION_KEYS,
    Report,
    ReportFile,
    ReviewComment,
    Section,
)


def _queryset() -> QuerySet[Report]:
    return Report.objects.select_related("opd", "reviu_by", "published_by")


def visible_q(user) -> Q | None:
    """The reports `user` may read, as a filter; None when none."""
    scope = get_scope(user)
    if scope.pemda_id is None or not scope.grants:
        return None
    q = scope.units_q("opd")
    if scope.pemda_wide():
        q |= Q(opd__isnull=True)
    return q


def report_list(*, user, year: int | None = None) -> QuerySet[Report]:
    q = visible_q(user)
    if q is None:
        return Report.objects.none()
    qs = _queryset().filter(pemda_id=get_scope(user).pemda_id).filter(q)
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "kind", "opd__lft", "id")


def get_report_for_user(user, code) -> Report:
    try:
        return report_list(user=user).get(code=code)
    except (Report.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    except Exception as exc:  # an invalid UUID
        if exc.__class__.__name__ == "ValidationError":
            raise Http404 from exc
        raise


def get_comment_for_user(user, code) -> ReviewComment:
    q = visible_q(user)
    if q is None:
        raise Http404
    prefixed = _prefix(q, "report__")
    try:
        return (
            ReviewComment.objects.select_related("report__opd")
            .filter(pemda_id=get_scope(user).pemda_id)
            .filter(prefixed)
            .get(code=code)
        )
    except (ReviewComment.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def _prefix(q: Q, prefix: str) -> Q:
    """`q` with every lookup moved under `prefix` (to filter rows by their report's scope)."""
    out = Q()
    out.connector = q.connector
    out.negated = q.negated
    for child in q.children:
        if isinstance(child, Q):
            out.children.append(_prefix(child, prefix))
        else:
            out.children.append((prefix + child[0], child[1]))
    return out


def writable_opds(user) -> QuerySet[OrgUnit]:
    """The OPDs whose LKjIP the user may create and write."""
    scope = get_scope(user)
    opds = OrgUnit.objects.filter(
        pemda_id=scope.pemda_id, unit_type=UnitType.OPD, is_active=True
    ).order_by("lft")
    if scope.pemda_id is None:
        return opds.none()
    if scope.pemda_wide(services.WRITERS):
        return opds
    return scope.filter(opds, path="", roles=services.WRITERS)


def creatable(*, user, year: int, reports: list[Report]) -> dict:
    """What the user may create for `year`: the OPDs without a report they may write for, and
    whether the Pemda report is missing and theirs to create. One query."""
    have = {r.opd_id for r in reports if r.year == year}
    return {
        "opds": [o for o in writable_opds(user) if o.pk not in have],
        "pemda": None not in have and services.may_create(user, None),
    }


@dataclass
class SectionView:
    key: str
    title: str
    section: Section | None
    comments: list[ReviewComment] = field(default_factory=list)
    sasaran: object = None
    generated: list = field(default_factory=list)
    conflict: dict | None = None

    @property
    def body(self) -> str:
        return self.section.body if self.section else ""

    @property
    def version(self) -> int:
        return self.section.version if self.section else 0

    @property
    def anchor(self) -> str:
        return "section-" + self.key.replace(":", "-")


# What each chapter draws from the data (apps.reporting.content), next to the OPD's narrative.
GENERATED = {
    "ikhtisar": (_("number of indicators and capaian by predicate"),),
    "bab2": (_("the Perjanjian Kinerja"), _("the IKU")),
    "bab3a": (
        _("capaian per sasaran with its seven analyses"),
        _("the measurement form"),
        _("charts"),
    ),
    "bab3b": (_("budget realisation per program, kegiatan and sub kegiatan"),),
}


def report_detail(report: Report, *, user) -> dict:
    """Everything the report page shows, in a fixed number of queries: the outline with each
    section's text and comments, the sasaran narratives, the workflow history, the user's own
    render jobs and the rendered files."""
    sections = {
        s.key: s for s in Section.objects.filter(report=report).select_related("updated_by")
    }
    comments: dict[str, list[ReviewComment]] = {}
    all_comments = list(
        ReviewComment.objects.filter(report=report).select_related("author", "resolved_by")
    )
    for c in all_comments:
        comments.setdefault(c.section_key, []).append(c)
    outline = [
        SectionView(
            key,
            str(title),
            sections.get(key),
            comments.get(key, []),
            generated=[str(g) for g in GENERATED.get(key, ())],
        )
        for key, title in SECTION_KEYS
    ]
    sasaran = []
    for node in services.sasaran_nodes(report):
        key = f"{SASARAN_PREFIX}{node.code}"
        sasaran.append(
            SectionView(
                key,
                f"{node.number} {node.statement}".strip(),
                sections.get(key),
                comments.get(key, []),
                sasaran=node,
            )
        )
    return {
        "outline": outline,
        "sasaran": sasaran,
        "general_comments": comments.get("", []),
        "open_comments": sum(1 for c in all_comments if c.resolved_at is None),
        "events": list(
            WorkflowEvent.objects.filter(
                pemda_id=report.pemda_id, object_type="reporting.report", object_code=report.code
            )
            .select_related("actor")
            .order_by("created_at")
        ),
        "files": list(ReportFile.objects.filter(report=report).select_related("created_by")[:20]),
        "jobs": list(
            Job.objects.filter(
                pemda_id=report.pemda_id,
                owner_id=user.pk,
                kind__startswith="lkjip",
                params__report=str(report.code),
            ).order_by("-created_at")[:10]
        ),
    }


def waiting_for_reviu(user) -> QuerySet[Report]:
    return report_list(user=user).filter(status="reviu")


def returned_to(user) -> QuerySet[Report]:
    """Drafts that the Inspektorat returned (their latest event is a return)."""
    codes = WorkflowEvent.objects.filter(
        pemda_id=get_scope(user).pemda_id,
        object_type="reporting.report",
        transition="return",
    ).values("object_code")
    return report_list(user=user).filter(status="draft", code__in=codes)
