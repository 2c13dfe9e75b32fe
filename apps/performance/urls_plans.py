"""Editing pages of RPJMD, Renstra, Renja and the review, under /plans/ ("performance")."""

from __future__ import annotations

from django.urls import path

from apps.performance.views import plans, renja, review

urlpatterns = [
    # RPJMD
    path("rpjmd/", plans.rpjmd_list, name="rpjmd_list"),
    path("rpjmd/new/", plans.rpjmd_create, name="rpjmd_create"),
    path("rpjmd/<uuid:code>/", plans.rpjmd_detail, name="rpjmd_detail"),
    path("rpjmd/<uuid:code>/edit/", plans.rpjmd_edit, name="rpjmd_edit"),
    # Renstra and its review
    path("renstra/", review.renstra_list, name="renstra_list"),
    path("renstra/new/", review.renstra_create, name="renstra_create"),
    path("renstra/<uuid:code>/", review.renstra_detail, name="renstra_detail"),
    path("renstra/<uuid:code>/submit/", review.renstra_submit, name="renstra_submit"),
    path("renstra/<uuid:code>/return/", review.renstra_return, name="renstra_return"),
    path("renstra/<uuid:code>/approve/", review.renstra_approve, name="renstra_approve"),
    path("renstra/<uuid:code>/revise/", review.renstra_revise, name="renstra_revise"),
    path("renstra/<uuid:code>/comments/", review.comment_add, name="comment_add"),
    path(
        "renstra/<uuid:code>/versions/<int:revision>/",
        review.renstra_version,
        name="renstra_version",
    ),
    path("renstra/<uuid:code>/renja/new/", renja.renja_create, name="renja_create"),
    path("comments/<uuid:code>/resolve/", review.comment_resolve, name="comment_resolve"),
    path("findings/<uuid:code>/restore/", review.finding_restore, name="finding_restore"),
    # Statements of any tree
    path("nodes/<uuid:code>/add/", plans.node_create, name="node_create"),
    path("nodes/<uuid:code>/edit/", plans.node_edit, name="node_edit"),
    path("nodes/<uuid:code>/move/", plans.node_move, name="node_move"),
    path("nodes/<uuid:code>/delete/", plans.node_delete, name="node_delete"),
    path("nodes/<uuid:code>/cascade/", plans.node_cascade, name="node_cascade"),
    path("nodes/<uuid:code>/history/", plans.node_history, name="node_history"),
    path("nodes/<uuid:code>/budget/", plans.node_budget, name="node_budget"),
    path("nodes/<uuid:code>/indicators/new/", plans.indicator_create, name="indicator_create"),
    path("nodes/<uuid:code>/strategies/new/", plans.strategy_create, name="strategy_create"),
    path("nodes/<uuid:code>/crosscuts/new/", plans.crosscut_create, name="crosscut_create"),
    path("nodes/<uuid:code>/dismiss/", review.finding_dismiss, name="finding_dismiss"),
    path("indicators/<uuid:code>/", plans.indicator_edit, name="indicator_edit"),
    path("indicators/<uuid:code>/targets/", plans.indicator_targets, name="indicator_targets"),
    path("indicators/<uuid:code>/delete/", plans.indicator_delete, name="indicator_delete"),
    path("strategies/<uuid:code>/delete/", plans.strategy_delete, name="strategy_delete"),
    path("crosscuts/<uuid:code>/delete/", plans.crosscut_delete, name="crosscut_delete"),
    # Renja
    path("renja/", renja.renja_list, name="renja_list"),
    path("renja/<uuid:code>/", renja.renja_detail, name="renja_detail"),
    path("renja/<uuid:code>/revise/", renja.renja_revise, name="renja_revise"),
    path("renja-lines/<uuid:code>/pagu/", renja.renja_pagu, name="renja_pagu"),
]
