"""Menu entries, inbox items and activity labels of measurement (registered in
MeasurementConfig.ready)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core import registry
from apps.core.activity import register_actions


def _has_grant(scope) -> bool:
    return bool(scope.grants)


def _pemda_wide(scope) -> bool:
    return scope.pemda_wide()


def _verifies(scope) -> bool:
    from apps.measurement.selectors import PEMDA_VERIFIER_ROLES, VERIFIER_ROLES

    return scope.has_role(*VERIFIER_ROLES) or scope.pemda_wide(PEMDA_VERIFIER_ROLES)


def waiting_items(user) -> list[registry.InboxItem]:
    """One item per OPD, year, quarter and status: submitted realisations for the verifier,
    returned ones for the operator. One query whatever the number of rows."""
    from apps.measurement import selectors
    from apps.measurement.models import RealisationStatus

    items = []
    for group in selectors.waiting_groups(user=user):
        params = {"year": group["year"], "quarter": group["quarter"]}
        title = f"{group['opd__name']} – TW {group['quarter']} {group['year']}"
        if group["status"] == RealisationStatus.SUBMITTED:
            query = urlencode({**params, "opd": group["opd__code"]})
            url = f"{reverse('measurement:verify_queue')}?{query}"
            reason = _("%(count)s realisations wait for your verification") % {
                "count": group["count"]
            }
        else:
            url = reverse(
                "measurement:grid", args=[group["opd__code"], group["year"], group["quarter"]]
            )
            reason = _("%(count)s realisations were returned with notes") % {
                "count": group["count"]
            }
        items.append(
            registry.InboxItem(
                title=title,
                reason=reason,
                url=url,
                since=group["since"],
                category=_("Realisations"),
            )
        )
    return items


registry.register_nav(
    registry.NavEntry(gettext_lazy("Measurement"), "measurement:home", _has_grant, 50)
)
registry.register_nav(
    registry.NavEntry(gettext_lazy("Verification"), "measurement:verify_queue", _verifies, 51)
)
registry.register_nav(
    registry.NavEntry(gettext_lazy("Capaian"), "measurement:pemda_dashboard", _pemda_wide, 52)
)
registry.register_nav(
    registry.NavEntry(gettext_lazy("Early warning"), "measurement:warnings", _has_grant, 53)
)
registry.register_inbox_provider(waiting_items)

register_actions(
    {
        "sakip.realisation.created": gettext_lazy("entered the realisation"),
        "sakip.realisation.changed": gettext_lazy("changed the realisation"),
        "sakip.realisation.submit": gettext_lazy("submitted the realisation for verification"),
        "sakip.realisation.verify": gettext_lazy("verified the realisation"),
        "sakip.realisation.return": gettext_lazy("returned the realisation with notes"),
        "sakip.realisation.reopen": gettext_lazy("unlocked the verified realisation"),
        "sakip.evidence.added": gettext_lazy("added an evidence file"),
        "sakip.evidence.removed": gettext_lazy("removed an evidence file"),
        "sakip.window.reopened": gettext_lazy("reopened the entry window"),
        "sakip.budget_realisation.saved": gettext_lazy("saved the budget realisation"),
        "sakip.measurement_settings.changed": gettext_lazy("changed the measurement settings"),
    }
)
