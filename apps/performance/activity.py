"""Activity-log action names of the planning documents and the performance tree, with the
sentence the log page shows for each."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "sakip.rpjmd.created": _("created the RPJMD"),
    "sakip.rpjmd.changed": _("changed the RPJMD"),
    "sakip.renstra.created": _("created the Renstra"),
    "sakip.renstra.submit": _("submitted the Renstra for review"),
    "sakip.renstra.return": _("returned the Renstra with notes"),
    "sakip.renstra.approve": _("approved the Renstra"),
    "sakip.renstra.revise": _("started a revision of the Renstra"),
    "sakip.node.created": _("added the statement"),
    "sakip.node.changed": _("changed the statement"),
    "sakip.node.moved": _("moved the statement"),
    "sakip.node.deleted": _("deleted the statement"),
    "sakip.node.cascaded": _("changed the RPJMD sasaran the statement cascades from"),
    "sakip.strategy.created": _("added the strategi/arah kebijakan"),
    "sakip.strategy.changed": _("changed the strategi/arah kebijakan"),
    "sakip.strategy.deleted": _("deleted the strategi/arah kebijakan"),
    "sakip.indicator.created": _("added the indicator"),
    "sakip.indicator.changed": _("changed the indicator"),
    "sakip.indicator.deleted": _("deleted the indicator"),
    "sakip.target.set": _("set the targets"),
    "sakip.target.revised": _("changed the targets after approval"),
    "sakip.budget.set": _("set the indicative budget"),
    "sakip.scale.created": _("created the value scale"),
    "sakip.renja.created": _("created the Renja"),
    "sakip.renja.changed": _("changed the Renja"),
    "sakip.renja.pagu_changed": _("changed the pagu"),
    "sakip.renja.target_changed": _("changed the Renja target"),
    "sakip.renja.revised": _("revised the Renja (APBD-P)"),
    "sakip.crosscut.created": _("added the crosscutting link"),
    "sakip.crosscut.changed": _("changed the crosscutting link"),
    "sakip.crosscut.deleted": _("removed the crosscutting link"),
    "sakip.review.commented": _("commented on the Renstra"),
    "sakip.review.resolved": _("resolved a review comment"),
    "sakip.finding.dismissed": _("dismissed a quality finding"),
    "sakip.finding.restored": _("restored a quality finding"),
}
