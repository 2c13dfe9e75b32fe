"""History of the tree for the pages: row history (django-simple-history) of a statement and of
an indicator's targets, and the review steps of a Renstra."""

from __future__ import annotations

from django.db.models import QuerySet

from apps.core.models import WorkflowEvent
from apps.performance.models import Indicator, Node, Target
from apps.performance.workflows import RENSTRA_WORKFLOW
from apps.planning.models import Renstra
from apps.planning.selectors import get_renstra_for_user


def node_history(*, user, node: Node) -> QuerySet:
    """Earlier versions of a statement, newest first (the caller got `node` through
    get_node_for_user)."""
    return node.history.select_related("history_user").order_by("-history_date")


def target_history(*, user, indicator: Indicator) -> QuerySet:
    """Every recorded value of the indicator's targets, newest first, including deleted ones."""
    return (
        Target.history.filter(indicator_id=indicator.pk)
        .select_related("history_user")
        .order_by("year", "-history_date")
    )


def renstra_events(*, user, renstra: Renstra) -> QuerySet[WorkflowEvent]:
    """Submitted, returned (with the note), approved, revised: who and when."""
    get_renstra_for_user(user, renstra.code)
    return RENSTRA_WORKFLOW.history(renstra)
