"""Bappeda's cascading review of a Renstra (DESIGN.md "performance"; issue 3, item 7): the OPD
submits, Bappeda comments on nodes and returns it with notes or approves it; an approved Renstra
is locked, and a revision keeps the approved version (RenstraVersion, a JSON snapshot of the tree)
before the OPD may change it again. Bappeda may also dismiss a quality finding, with a note."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.activity import log_action
from apps.organisations.access import OPD_WRITERS, PLANNERS, get_scope
from apps.performance import quality
from apps.performance.models import FindingDismissal, Node, NodeLevel, ReviewComment
from apps.performance.services._base import actor_or_none, lock_renstra, required_text
from apps.performance.snapshots import renstra_snapshot
from apps.performance.workflows import APPROVE, RENSTRA_WORKFLOW, RETURN, REVISE, SUBMIT
from apps.planning.models import Renstra, RenstraVersion


def _is_reviewer(actor, renstra: Renstra) -> bool:
    return actor is None or get_scope(actor).covers(renstra.opd, PLANNERS)


def _is_opd_writer(actor, renstra: Renstra) -> bool:
    return actor is None or get_scope(actor).covers(renstra.opd, OPD_WRITERS)


def renstra_submit(
    *, actor, renstra: Renstra, note: str = "", expected_version: int | None = None
) -> Renstra:
    """The OPD sends its Renstra to Bappeda (from draft or returned). It needs at least one
    tujuan; from now on it is locked until Bappeda returns it."""
    with transaction.atomic():
        locked = lock_renstra(renstra)
        if not Node.objects.filter(renstra=locked, node_level=NodeLevel.TUJUAN).exists():
            raise ValidationError(_("Add at least one tujuan before submitting the Renstra."))
        RENSTRA_WORKFLOW.apply(
            locked, SUBMIT, user=actor, note=note, expected_version=expected_version
        )
    return locked


def renstra_return(
    *, actor, renstra: Renstra, note: str, expected_version: int | None = None
) -> Renstra:
    """Bappeda sends the Renstra back to the OPD with a note saying what to fix."""
    with transaction.atomic():
        locked = lock_renstra(renstra)
        RENSTRA_WORKFLOW.apply(
            locked, RETURN, user=actor, note=note, expected_version=expected_version
        )
    return locked


def renstra_approve(
    *, actor, renstra: Renstra, note: str = "", expected_version: int | None = None
) -> Renstra:
    """Bappeda approves: the Renstra is locked (DESIGN.md "States lock data")."""
    with transaction.atomic():
        locked = lock_renstra(renstra)
        RENSTRA_WORKFLOW.apply(
            locked, APPROVE, user=actor, note=note, expected_version=expected_version
        )
        locked.approved_at = timezone.now()
        locked.save(update_fields=["approved_at"])
    return locked


def renstra_revise(
    *, actor, renstra: Renstra, reason: str, expected_version: int | None = None
) -> Renstra:
    """The OPD opens an approved Renstra for changes. The approved tree is kept first as a
    RenstraVersion (snapshot and approval time); the revision number goes up and the Renstra is
    a draft again, to be submitted and approved anew."""
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = lock_renstra(renstra)
        if reason:
            RenstraVersion.objects.create(
                renstra=locked,
                revision=locked.revision,
                approved_at=locked.approved_at,
                snapshot=renstra_snapshot(locked),
                created_by=actor_or_none(actor),
            )
        RENSTRA_WORKFLOW.apply(
            locked, REVISE, user=actor, note=reason, expected_version=expected_version
        )
        locked.revision += 1
        locked.approved_at = None
        locked.save(update_fields=["revision", "approved_at"])
    return locked


# --- review comments -------------------------------------------------------------------------


def review_comment_add(
    *, actor, renstra: Renstra, text: str, node: Node | None = None
) -> ReviewComment:
    """Bappeda comments on the Renstra, or on one of its statements."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    renstra = Renstra.objects.select_related("opd").get(pk=renstra.pk)
    if not _is_reviewer(actor, renstra):
        raise PermissionDenied
    text = required_text(text, field="text", message=_("Write the comment."))
    if node is not None and node.renstra_id != renstra.pk:
        raise ValidationError({"node": _("Choose a statement of this Renstra.")})
    with transaction.atomic():
        comment = ReviewComment.objects.create(
            pemda_id=renstra.pemda_id, renstra=renstra, node=node, author=actor, text=text
        )
        log_action(
            action="sakip.review.commented",
            actor=actor,
            obj=renstra,
            pemda_id=renstra.pemda_id,
            unit_id=renstra.opd_id,
            data={"comment": text, "node": str(node) if node else ""},
        )
    return comment


def review_comment_resolve(*, actor, comment: ReviewComment) -> ReviewComment:
    """Mark a comment dealt with (the OPD after fixing it, or Bappeda)."""
    renstra = Renstra.objects.select_related("opd").get(pk=comment.renstra_id)
    if not (_is_reviewer(actor, renstra) or _is_opd_writer(actor, renstra)):
        raise PermissionDenied
    if comment.resolved_at is not None:
        raise ValidationError(_("This comment is already resolved."))
    with transaction.atomic():
        comment.resolved_at = timezone.now()
        comment.version += 1
        comment.save(update_fields=["resolved_at", "version", "updated_at"])
        log_action(
            action="sakip.review.resolved",
            actor=actor,
            obj=renstra,
            pemda_id=renstra.pemda_id,
            unit_id=renstra.opd_id,
            data={"comment": comment.text},
        )
    return comment


# --- quality findings ------------------------------------------------------------------------


def finding_dismiss(
    *, actor, node: Node, rule: str, note: str, subject: str = ""
) -> FindingDismissal:
    """Bappeda decides a quality finding does not apply to this statement, and says why."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    scope = get_scope(actor)
    opd = (
        Renstra.objects.select_related("opd").get(pk=node.renstra_id).opd
        if node.renstra_id
        else None
    )
    allowed = scope.covers(opd, PLANNERS) if opd is not None else scope.pemda_wide(PLANNERS)
    if not allowed or node.pemda_id != scope.pemda_id:
        raise PermissionDenied
    if rule not in quality.RULES:
        raise ValidationError({"rule": _("Unknown quality rule.")})
    note = required_text(note, field="note", message=_("Write why this finding does not apply."))
    subject = (subject or "").strip()
    if FindingDismissal.objects.filter(node=node, rule=rule, subject=subject).exists():
        raise ValidationError(_("This finding has already been dismissed."))
    with transaction.atomic():
        dismissal = FindingDismissal.objects.create(
            pemda_id=node.pemda_id,
            node=node,
            rule=rule,
            subject=subject,
            note=note,
            dismissed_by=actor,
        )
        log_action(
            action="sakip.finding.dismissed",
            actor=actor,
            obj=node,
            pemda_id=node.pemda_id,
            unit_id=opd.pk if opd else node.pemda_id,
            data={"rule": rule, "subject": subject, "note": note},
        )
    return dismissal


def finding_restore(*, actor, dismissal: FindingDismissal) -> None:
    """Undo a dismissal: the finding shows again."""
    node = Node.objects.select_related("renstra__opd").get(pk=dismissal.node_id)
    opd = node.renstra.opd if node.renstra_id else None
    scope = get_scope(actor)
    allowed = scope.covers(opd, PLANNERS) if opd is not None else scope.pemda_wide(PLANNERS)
    if actor is not None and not allowed:
        raise PermissionDenied
    with transaction.atomic():
        log_action(
            action="sakip.finding.restored",
            actor=actor,
            obj=node,
            pemda_id=node.pemda_id,
            unit_id=opd.pk if opd else node.pemda_id,
            data={"rule": dismissal.rule, "subject": dismissal.subject},
        )
        dismissal.delete()
