"""What the cascading review asks of a user: Bappeda sees the Renstra waiting for review, the OPD
sees its Renstra returned with notes. Two queries at most, whatever the number of OPDs.

URL: /plans/renstra/<code>/ (the Renstra page, URL name performance:renstra_detail).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from apps.core.registry import InboxItem
from apps.organisations.access import OPD_WRITERS, PLANNERS, get_scope
from apps.planning.models import DocumentStatus, Renstra


def renstra_url(renstra: Renstra) -> str:
    return f"/plans/renstra/{renstra.code}/"


def pending_items(user) -> list[InboxItem]:
    scope = get_scope(user)
    if scope.pemda_id is None or not scope.grants:
        return []
    items: list[InboxItem] = []
    base = Renstra.objects.select_related("opd", "period").order_by("updated_at")
    if scope.has_role(*PLANNERS):
        for renstra in scope.filter(
            base.filter(status=DocumentStatus.SUBMITTED), path="opd", roles=PLANNERS
        )[:100]:
            items.append(
                InboxItem(
                    title=_("Renstra %(opd)s is waiting for review") % {"opd": renstra.opd.name},
                    reason=_("Submitted by the OPD: comment, return it with notes or approve it."),
                    url=renstra_url(renstra),
                    since=renstra.updated_at,
                    category=_("Planning"),
                )
            )
    if scope.has_role(*OPD_WRITERS):
        for renstra in scope.filter(
            base.filter(status=DocumentStatus.RETURNED), path="opd", roles=OPD_WRITERS
        )[:100]:
            items.append(
                InboxItem(
                    title=_("Renstra %(opd)s was returned with notes") % {"opd": renstra.opd.name},
                    reason=_("Bappeda asks for changes: read the notes, fix and submit again."),
                    url=renstra_url(renstra),
                    since=renstra.updated_at,
                    category=_("Planning"),
                )
            )
    return items
