"""Menu entries, inbox items and activity labels of reporting (registered in
ReportingConfig.ready)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core import registry
from apps.core.activity import register_actions
from apps.core.templatetags.sakip import JOB_KIND_LABELS
from apps.organisations.access import EVALUATORS, OPD_WRITERS, PLANNERS


def _publishes(scope) -> bool:
    from apps.organisations.access import PLANNERS

    return scope.pemda_wide(PLANNERS)


def _has_grant(scope) -> bool:
    return bool(scope.grants)


def _title(report) -> str:
    subject = report.opd.name if report.opd_id else _("Pemda")
    return f"LKjIP {report.year} – {subject}"


def pending_items(user) -> list[registry.InboxItem]:
    """The Inspektorat sees the reports waiting for its reviu; the writers of a report see it
    when it was returned to them for correction."""
    from apps.organisations.access import get_scope
    from apps.reporting import selectors

    scope = get_scope(user)
    items: list[registry.InboxItem] = []
    if scope.pemda_wide(EVALUATORS):
        for report in selectors.waiting_for_reviu(user)[:50]:
            items.append(
                registry.InboxItem(
                    title=_title(report),
                    reason=_("Waiting for your reviu"),
                    url=reverse("reporting:report_detail", args=[report.code]),
                    since=report.updated_at,
                    category=_("LKjIP"),
                )
            )
    if scope.has_role(*OPD_WRITERS, *PLANNERS):
        from apps.reporting import services

        for report in selectors.returned_to(user)[:50]:
            if not services.may_write(user, report):
                continue
            items.append(
                registry.InboxItem(
                    title=_title(report),
                    reason=_("Returned by the Inspektorat: correct and submit again"),
                    url=reverse("reporting:report_detail", args=[report.code]),
                    since=report.updated_at,
                    category=_("LKjIP"),
                )
            )
    return items


registry.register_nav(
    registry.NavEntry(gettext_lazy("LKjIP"), "reporting:report_list", _has_grant, 60)
)
registry.register_nav(
    registry.NavEntry(gettext_lazy("Publications"), "reporting:publication_list", _publishes, 61)
)
registry.register_inbox_provider(pending_items)
JOB_KIND_LABELS.setdefault("lkjip_issue", gettext_lazy("Issued LKjIP PDF"))

register_actions(
    {
        "sakip.lkjip.created": gettext_lazy("started the LKjIP"),
        "sakip.lkjip.section_saved": gettext_lazy("wrote a section of the LKjIP"),
        "sakip.lkjip.commented": gettext_lazy("left a reviu comment on the LKjIP"),
        "sakip.lkjip.comment_resolved": gettext_lazy("resolved a reviu comment on the LKjIP"),
        "sakip.lkjip.reviu_statement": gettext_lazy("wrote the reviu statement of the LKjIP"),
        "sakip.lkjip.submit": gettext_lazy("submitted the LKjIP for reviu"),
        "sakip.lkjip.return": gettext_lazy("returned the LKjIP for correction"),
        "sakip.lkjip.complete_reviu": gettext_lazy("completed the reviu of the LKjIP"),
        "sakip.lkjip.reopen": gettext_lazy("reopened the LKjIP"),
        "sakip.lkjip.publish": gettext_lazy("published the LKjIP"),
        "sakip.publication.published": gettext_lazy("published to the public portal"),
        "sakip.publication.withdrawn": gettext_lazy("withdrew from the public portal"),
    }
)
