"""The cascading review of a Renstra (DESIGN.md "performance"): the OPD submits, Bappeda returns
it with notes or approves it; an approved Renstra is locked and changes go through a revision.

    draft ──submit──► submitted ──approve──► approved ──revise──► draft
      ▲                  │
      └──── returned ◄───┘ return (note required)
    returned ──submit──► submitted

`actor` None is the system (management commands, the demo loader); views always pass the
signed-in user.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.core.workflow import Transition, Workflow
from apps.organisations.access import OPD_WRITERS, PLANNERS, get_scope
from apps.planning.models import DocumentStatus, Renstra


def _opd_writer(user, renstra: Renstra) -> bool:
    return user is None or get_scope(user).covers(renstra.opd, OPD_WRITERS)


def _reviewer(user, renstra: Renstra) -> bool:
    return user is None or get_scope(user).covers(renstra.opd, PLANNERS)


SUBMIT = "submit"
RETURN = "return"
APPROVE = "approve"
REVISE = "revise"

RENSTRA_WORKFLOW = Workflow(
    action_prefix="sakip.renstra",
    states=dict(DocumentStatus.choices),
    transitions=[
        Transition(
            name=SUBMIT,
            label=_("Submit for review"),
            sources=frozenset({DocumentStatus.DRAFT, DocumentStatus.RETURNED}),
            target=DocumentStatus.SUBMITTED,
            may_act=_opd_writer,
        ),
        Transition(
            name=RETURN,
            label=_("Return with notes"),
            sources=frozenset({DocumentStatus.SUBMITTED}),
            target=DocumentStatus.RETURNED,
            may_act=_reviewer,
            requires_note=True,
        ),
        Transition(
            name=APPROVE,
            label=_("Approve"),
            sources=frozenset({DocumentStatus.SUBMITTED}),
            target=DocumentStatus.APPROVED,
            may_act=_reviewer,
        ),
        Transition(
            name=REVISE,
            label=_("Start a revision"),
            sources=frozenset({DocumentStatus.APPROVED}),
            target=DocumentStatus.DRAFT,
            may_act=_opd_writer,
            requires_note=True,
        ),
    ],
    unit_of=lambda renstra: renstra.opd,
)
