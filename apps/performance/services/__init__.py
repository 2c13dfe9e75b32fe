"""Every write to the performance tree and the planning documents that anchor it.

Views and API viewsets call these functions (one per request), after looking the objects up
through the scoped selectors (apps.performance.selectors, apps.planning.selectors). All take the
acting user as `actor` (None for the system: management commands, the demo loader), raise
ValidationError with per-field messages for bad input (nothing saved), StaleVersionError for a
stale `expected_version`, WorkflowError / PermissionDenied for review steps that the state or the
user's role do not allow.
"""

from __future__ import annotations

from apps.performance.services.crosscut import crosscut_create, crosscut_delete, crosscut_update
from apps.performance.services.documents import renstra_create, rpjmd_create, rpjmd_update
from apps.performance.services.indicators import (
    budget_set,
    budgets_set,
    indicator_create,
    indicator_delete,
    indicator_update,
    scale_create,
    target_delete,
    target_set,
    targets_set,
)
from apps.performance.services.nodes import (
    node_create,
    node_delete,
    node_move,
    node_set_cascade,
    node_update,
    strategy_create,
    strategy_delete,
    strategy_update,
)
from apps.performance.services.renja import (
    renja_create,
    renja_revise,
    renja_set_pagu,
    renja_set_target,
    renja_update,
)
from apps.performance.services.review import (
    finding_dismiss,
    finding_restore,
    renstra_approve,
    renstra_return,
    renstra_revise,
    renstra_submit,
    review_comment_add,
    review_comment_resolve,
)

__all__ = [
    "budget_set",
    "budgets_set",
    "crosscut_create",
    "crosscut_delete",
    "crosscut_update",
    "finding_dismiss",
    "finding_restore",
    "indicator_create",
    "indicator_delete",
    "indicator_update",
    "node_create",
    "node_delete",
    "node_move",
    "node_set_cascade",
    "node_update",
    "renja_create",
    "renja_revise",
    "renja_set_pagu",
    "renja_set_target",
    "renja_update",
    "renstra_approve",
    "renstra_create",
    "renstra_return",
    "renstra_revise",
    "renstra_submit",
    "review_comment_add",
    "review_comment_resolve",
    "rpjmd_create",
    "rpjmd_update",
    "scale_create",
    "strategy_create",
    "strategy_delete",
    "strategy_update",
    "target_delete",
    "target_set",
    "targets_set",
]
