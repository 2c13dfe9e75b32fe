"""The PK menu entries and inbox items (registered in AgreementsConfig.ready)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core import registry
from apps.core.activity import register_actions


def _has_grant(scope) -> bool:
    return bool(scope.grants)


def _coverage(scope) -> bool:
    from apps.agreements.selectors import COVERAGE_ROLES

    return scope.pemda_wide(COVERAGE_ROLES)


def pending_items(user) -> list[registry.InboxItem]:
    """PKs waiting for this user's approval or signing record."""
    from apps.agreements import selectors, services
    from apps.agreements.models import PkStatus

    qs = selectors.pk_list(user=user).filter(status__in=[PkStatus.SUBMITTED, PkStatus.APPROVED])[
        :50
    ]
    items = []
    for pk in qs:
        if not services.may_approve(user, pk):
            continue
        reason = (
            _("Waiting for your approval")
            if pk.status == PkStatus.SUBMITTED
            else _("Approved: record the signing")
        )
        items.append(
            registry.InboxItem(
                title=f"PK {pk.year} – {pk.position.title}",
                reason=reason,
                url=reverse("agreements:pk_detail", kwargs={"code": pk.code}),
                since=pk.updated_at,
                category=_("Perjanjian Kinerja"),
            )
        )
    return items


registry.register_nav(
    registry.NavEntry(gettext_lazy("Perjanjian Kinerja"), "agreements:pk_list", _has_grant, 40)
)
registry.register_nav(
    registry.NavEntry(gettext_lazy("PK coverage"), "agreements:coverage", _coverage, 41)
)
registry.register_inbox_provider(pending_items)

register_actions(
    {
        "sakip.pk.generated": gettext_lazy("generated the PK draft"),
        "sakip.pk.line_changed": gettext_lazy("changed a target of the PK"),
        "sakip.pk.action_plan_set": gettext_lazy("set the Rencana Aksi of a PK line"),
        "sakip.pk.submit": gettext_lazy("submitted the PK"),
        "sakip.pk.return": gettext_lazy("returned the PK for correction"),
        "sakip.pk.approve": gettext_lazy("approved the PK"),
        "sakip.pk.sign": gettext_lazy("recorded the signing of the PK"),
        "sakip.pk.revised": gettext_lazy("started a revision (PK perubahan)"),
    }
)
