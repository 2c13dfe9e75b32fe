"""Menu entries, inbox items and activity labels of evaluation (registered in
EvaluationConfig.ready)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core import registry
from apps.core.activity import register_actions


def _has_grant(scope) -> bool:
    return bool(scope.grants)


def waiting_items(user) -> list[registry.InboxItem]:
    """One item per evaluation: the OPD's writers see their evaluation while it waits for the
    self-assessment, an evaluator the assigned evaluations being evaluated. One query (none for a
    user with neither role)."""
    from apps.evaluation.models import EvaluationStatus
    from apps.evaluation.rounds import waiting_evaluations

    items = []
    for e in waiting_evaluations(user):
        subject = e.opd.name if e.opd_id else _("Pemda")
        if e.status == EvaluationStatus.SELF_ASSESSMENT:
            url = reverse("evaluation:self_assessment", args=[e.code])
            reason = _("The self-assessment waits for your answers")
        else:
            url = reverse("evaluation:evaluation_detail", args=[e.code])
            reason = _("The evaluation waits for your scores")
        items.append(
            registry.InboxItem(
                title=f"{e.round.name} – {subject}",
                reason=reason,
                url=url,
                since=e.updated_at,
                category=_("SAKIP evaluation"),
            )
        )
    return items


registry.register_nav(
    registry.NavEntry(gettext_lazy("SAKIP evaluation"), "evaluation:round_list", _has_grant, 65)
)
registry.register_inbox_provider(waiting_items)

register_actions(
    {
        "sakip.lke_template.installed": gettext_lazy("installed the LKE template"),
        "sakip.lke_template.cloned": gettext_lazy("cloned the LKE template"),
        "sakip.lke_template.imported": gettext_lazy("imported the LKE template"),
        "sakip.lke_template.locked": gettext_lazy("locked the LKE template"),
        "sakip.lke_template.changed": gettext_lazy("changed the LKE template"),
        "sakip.evaluation_round.created": gettext_lazy("created the evaluation round"),
        "sakip.evaluation_round.changed": gettext_lazy("changed the evaluation round"),
        "sakip.evaluation_team.assigned": gettext_lazy("assigned an evaluator to the team"),
        "sakip.evaluation_team.changed": gettext_lazy("changed an evaluator's role on the team"),
        "sakip.evaluation_team.removed": gettext_lazy("removed an evaluator from the team"),
        "sakip.evaluation.self_submitted": gettext_lazy("submitted the self-assessment"),
        "sakip.evaluation.moved": gettext_lazy("moved the evaluation to another status"),
        "sakip.answer.self_assessed": gettext_lazy("answered a criterion of the self-assessment"),
        "sakip.answer_evidence.added": gettext_lazy("added evidence to the self-assessment"),
        "sakip.answer_evidence.linked": gettext_lazy("linked evidence to the self-assessment"),
        "sakip.answer_evidence.removed": gettext_lazy("removed evidence of the self-assessment"),
        "sakip.evaluation.proposed": gettext_lazy("proposed answers from the data"),
        "sakip.evaluation.answer_scored": gettext_lazy("scored a criterion"),
        "sakip.evaluation.scored": gettext_lazy("scored the evaluation"),
        "sakip.evaluation.review": gettext_lazy("submitted the evaluation for quality review"),
        "sakip.evaluation.finalise": gettext_lazy("finalised the evaluation"),
        "sakip.evaluation.return": gettext_lazy("returned the evaluation to the evaluators"),
        "sakip.evaluation.reopen": gettext_lazy("reopened the final evaluation"),
        "sakip.evaluation.lhe_issued": gettext_lazy("issued the LHE"),
        "sakip.evaluation_round.published": gettext_lazy("published the round's results"),
        "sakip.recommendation.added": gettext_lazy("added a recommendation"),
        "sakip.recommendation.updated": gettext_lazy("changed a recommendation"),
        "sakip.recommendation.status": gettext_lazy("changed a recommendation's status"),
        "sakip.followup.added": gettext_lazy("recorded a follow-up action"),
    }
)
