"""Scoped reads of single objects of the performance tree and the lists behind forms.

Who sees a statement (node):

* an RPJMD statement: every member of its Pemda (OPDs cascade from it);
* a Renstra statement: whoever holds a grant covering its OPD (its own users, and the Pemda-wide
  roles); and, read-only, the users of an OPD it is linked to by crosscutting (the target OPD
  sees the statements that support it, the source OPD sees the statements it supports).

Who writes it: the OPD's operators and verifiers for a Renstra statement; Bappeda and the Pemda
admins for an RPJMD statement. Outside the scope: 404; visible but not writable: 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from apps.organisations.access import OPD_WRITERS, PLANNERS, Scope, get_scope, get_scoped_object
from apps.organisations.models import Position
from apps.performance.models import (
    ALLOWED_CHILDREN,
    NOMENCLATURE_LEVEL,
    OWNER_LEVEL,
    Crosscut,
    FindingDismissal,
    Indicator,
    Node,
    NodeBudget,
    NodeLevel,
    RenjaLine,
    RenjaTarget,
    ReviewComment,
    Strategy,
    Target,
    ValueScale,
)
from apps.planning.models import NomenclatureItem, Renstra, Rpjmd
from apps.planning.selectors import get_renstra_for_user

_NODE_RELATED = (
    "renstra__opd",
    "renstra__period",
    "rpjmd__period",
    "owner_position",
    "owner_unit",
    "nomenclature",
    "opd",
)


def _has_reach(scope: Scope) -> bool:
    return scope.pemda_id is not None and bool(scope.grants)


def node_list(*, user) -> QuerySet[Node]:
    """Every statement the user may read (see the module docstring)."""
    scope = get_scope(user)
    if not _has_reach(scope):
        return Node.objects.none()
    crosscuts = Crosscut.objects.filter(pemda_id=scope.pemda_id)
    supports_mine = crosscuts.filter(scope.units_q("target__renstra__opd")).values("source_id")
    mine_supports = crosscuts.filter(scope.units_q("source__renstra__opd")).values("target_id")
    return Node.objects.filter(pemda_id=scope.pemda_id).filter(
        Q(rpjmd__isnull=False)
        | scope.units_q("renstra__opd")
        | Q(pk__in=supports_mine)
        | Q(pk__in=mine_supports)
    )


def may_read_node(user, node: Node) -> bool:
    scope = get_scope(user)
    if not _has_reach(scope) or node.pemda_id != scope.pemda_id:
        return False
    if node.rpjmd_id is not None:
        return True
    if scope.covers(node.renstra.opd):
        return True
    return Crosscut.objects.filter(
        Q(source=node) & scope.units_q("target__renstra__opd")
        | Q(target=node) & scope.units_q("source__renstra__opd")
    ).exists()


def may_write_node(user, node: Node) -> bool:
    scope = get_scope(user)
    if node.pemda_id != scope.pemda_id:
        return False
    if node.rpjmd_id is not None:
        return scope.pemda_wide(PLANNERS)
    return scope.covers(node.renstra.opd, OPD_WRITERS)


def _load_node(user, code) -> Node:
    scope = get_scope(user)
    if not _has_reach(scope):
        raise Http404
    try:
        node = Node.objects.select_related(*_NODE_RELATED).get(code=code, pemda_id=scope.pemda_id)
    except (Node.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc
    if not may_read_node(user, node):
        raise Http404
    return node


def get_node_for_user(user, code) -> Node:
    return _load_node(user, code)


def get_rw_node_for_user(user, code) -> Node:
    node = _load_node(user, code)
    if not may_write_node(user, node):
        raise PermissionDenied
    return node


def indicator_list(*, user, node: Node | None = None) -> QuerySet[Indicator]:
    """Indicators of the statements the user may read (of one statement when given)."""
    qs = Indicator.objects.filter(node__in=node_list(user=user)).select_related(
        "node", "scale", "responsible_position"
    )
    if node is not None:
        qs = qs.filter(node=node)
    return qs.order_by("node__tree_id", "node__lft", "sort_order", "id")


def target_list(*, user, indicator: Indicator | None = None) -> QuerySet[Target]:
    qs = Target.objects.filter(indicator__node__in=node_list(user=user)).select_related("indicator")
    if indicator is not None:
        qs = qs.filter(indicator=indicator)
    return qs.order_by("indicator_id", "year")


def budget_list(*, user, node: Node | None = None) -> QuerySet[NodeBudget]:
    qs = NodeBudget.objects.filter(node__in=node_list(user=user)).select_related("node")
    if node is not None:
        qs = qs.filter(node=node)
    return qs.order_by("node_id", "year")


def strategy_list(*, user, node: Node | None = None) -> QuerySet[Strategy]:
    qs = Strategy.objects.filter(node__in=node_list(user=user)).select_related("node")
    if node is not None:
        qs = qs.filter(node=node)
    return qs


def _via_node(user, obj, node_id: int, *, write: bool):
    """Objects hanging off a statement (indicator, strategy, target) share its access."""
    node = Node.objects.select_related("renstra__opd").get(pk=node_id)
    if not may_read_node(user, node):
        raise Http404
    if write and not may_write_node(user, node):
        raise PermissionDenied
    return obj


def _get_by_code(queryset: QuerySet, user, code):
    scope = get_scope(user)
    if not _has_reach(scope):
        raise Http404
    try:
        return queryset.get(code=code, pemda_id=scope.pemda_id)
    except (queryset.model.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def get_indicator_for_user(user, code) -> Indicator:
    indicator = _get_by_code(Indicator.objects.select_related("node", "scale"), user, code)
    return _via_node(user, indicator, indicator.node_id, write=False)


def get_rw_indicator_for_user(user, code) -> Indicator:
    indicator = _get_by_code(Indicator.objects.select_related("node", "scale"), user, code)
    return _via_node(user, indicator, indicator.node_id, write=True)


def get_target_for_user(user, code) -> Target:
    target = _get_by_code(Target.objects.select_related("indicator__node"), user, code)
    return _via_node(user, target, target.indicator.node_id, write=False)


def get_rw_target_for_user(user, code) -> Target:
    target = _get_by_code(Target.objects.select_related("indicator__node"), user, code)
    return _via_node(user, target, target.indicator.node_id, write=True)


def get_strategy_for_user(user, code) -> Strategy:
    strategy = _get_by_code(Strategy.objects.select_related("node"), user, code)
    return _via_node(user, strategy, strategy.node_id, write=False)


def get_rw_strategy_for_user(user, code) -> Strategy:
    strategy = _get_by_code(Strategy.objects.select_related("node"), user, code)
    return _via_node(user, strategy, strategy.node_id, write=True)


# --- crosscutting ----------------------------------------------------------------------------

_CROSSCUT_RELATED = ("source__renstra__opd", "target__renstra__opd")


def crosscut_list(*, user) -> QuerySet[Crosscut]:
    """Links the user's OPDs give or receive."""
    scope = get_scope(user)
    if not _has_reach(scope):
        return Crosscut.objects.none()
    return (
        Crosscut.objects.filter(pemda_id=scope.pemda_id)
        .filter(scope.units_q("source__renstra__opd") | scope.units_q("target__renstra__opd"))
        .select_related(*_CROSSCUT_RELATED)
    )


def crosscuts_into(*, user, renstra: Renstra) -> QuerySet[Crosscut]:
    """Statements of other OPDs that support this Renstra's statements (read-only here)."""
    get_renstra_for_user(user, renstra.code)
    return (
        Crosscut.objects.filter(target__renstra=renstra)
        .select_related(*_CROSSCUT_RELATED)
        .order_by("target__lft", "source__renstra__opd__lft", "id")
    )


def crosscuts_out_of(*, user, renstra: Renstra) -> QuerySet[Crosscut]:
    get_renstra_for_user(user, renstra.code)
    return (
        Crosscut.objects.filter(source__renstra=renstra)
        .select_related(*_CROSSCUT_RELATED)
        .order_by("source__lft", "id")
    )


def get_crosscut_for_user(user, code) -> Crosscut:
    try:
        return crosscut_list(user=user).get(code=code)
    except (Crosscut.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def get_rw_crosscut_for_user(user, code) -> Crosscut:
    """The source OPD owns the link."""
    crosscut = get_crosscut_for_user(user, code)
    if not get_scope(user).covers(crosscut.source.renstra.opd, OPD_WRITERS):
        raise PermissionDenied
    return crosscut


def crosscut_target_choices(*, user, source: Node) -> QuerySet[Node]:
    """Statements of the other OPDs of the Pemda, same plan period, that `source` may support.
    Readable for this purpose even though the other OPD's Renstra is not in the user's scope."""
    if source.renstra_id is None or not may_read_node(user, source):
        return Node.objects.none()
    return (
        Node.objects.filter(
            pemda_id=source.pemda_id,
            renstra__period_id=source.renstra.period_id,
            parent__isnull=False,
        )
        .exclude(renstra__opd_id=source.renstra.opd_id)
        .select_related("renstra__opd")
        .order_by("renstra__opd__lft", "lft")
    )


# --- review ----------------------------------------------------------------------------------


def review_comments(*, user, renstra: Renstra, open_only: bool = False) -> QuerySet[ReviewComment]:
    get_renstra_for_user(user, renstra.code)
    qs = ReviewComment.objects.filter(renstra=renstra).select_related("author", "node")
    if open_only:
        qs = qs.filter(resolved_at__isnull=True)
    return qs


def get_comment_for_user(user, code) -> ReviewComment:
    comment = _get_by_code(ReviewComment.objects.select_related("renstra__opd"), user, code)
    if not get_scope(user).covers(comment.renstra.opd):
        raise Http404
    return comment


def get_rw_comment_for_user(user, code) -> ReviewComment:
    """Resolving a comment: Bappeda, or the OPD's writers."""
    comment = get_comment_for_user(user, code)
    if not get_scope(user).covers(comment.renstra.opd, PLANNERS | OPD_WRITERS):
        raise PermissionDenied
    return comment


def dismissal_list(*, user, renstra: Renstra) -> QuerySet[FindingDismissal]:
    get_renstra_for_user(user, renstra.code)
    return FindingDismissal.objects.filter(node__renstra=renstra).select_related(
        "node", "dismissed_by"
    )


def get_dismissal_for_user(user, code) -> FindingDismissal:
    dismissal = _get_by_code(
        FindingDismissal.objects.select_related("node__renstra__opd"), user, code
    )
    return _via_node(user, dismissal, dismissal.node_id, write=False)


def get_rw_dismissal_for_user(user, code) -> FindingDismissal:
    dismissal = get_dismissal_for_user(user, code)
    node = dismissal.node
    scope = get_scope(user)
    allowed = (
        scope.covers(node.renstra.opd, PLANNERS) if node.renstra_id else scope.pemda_wide(PLANNERS)
    )
    if not allowed:
        raise PermissionDenied
    return dismissal


# --- Renja lines and targets -----------------------------------------------------------------


def renja_lines(*, user, renja) -> QuerySet[RenjaLine]:
    return (
        get_scope(user)
        .filter(RenjaLine.objects.filter(renja=renja), path="renja__renstra__opd")
        .select_related("node__nomenclature", "node__owner_position")
        .order_by("node__lft")
    )


def renja_targets(*, user, renja) -> QuerySet[RenjaTarget]:
    return (
        get_scope(user)
        .filter(RenjaTarget.objects.filter(renja=renja), path="renja__renstra__opd")
        .select_related("indicator__node", "indicator__scale")
        .order_by("indicator__node__lft", "indicator__sort_order", "indicator_id")
    )


def get_renja_line_for_user(user, code) -> RenjaLine:
    return get_scoped_object(
        RenjaLine.objects.select_related("renja__renstra__opd", "node"),
        user,
        code=code,
        path="renja__renstra__opd",
    )


def get_rw_renja_line_for_user(user, code) -> RenjaLine:
    return get_scoped_object(
        RenjaLine.objects.select_related("renja__renstra__opd", "node"),
        user,
        code=code,
        path="renja__renstra__opd",
        write_roles=OPD_WRITERS,
    )


def get_renja_target_for_user(user, code) -> RenjaTarget:
    return get_scoped_object(
        RenjaTarget.objects.select_related("renja__renstra__opd", "indicator__scale"),
        user,
        code=code,
        path="renja__renstra__opd",
    )


def get_rw_renja_target_for_user(user, code) -> RenjaTarget:
    return get_scoped_object(
        RenjaTarget.objects.select_related("renja__renstra__opd", "indicator__scale"),
        user,
        code=code,
        path="renja__renstra__opd",
        write_roles=OPD_WRITERS,
    )


# --- scales ----------------------------------------------------------------------------------


def scale_list(*, user) -> QuerySet[ValueScale]:
    scope = get_scope(user)
    if not _has_reach(scope):
        return ValueScale.objects.none()
    return ValueScale.objects.filter(pemda_id=scope.pemda_id).order_by("name")


def get_scale_for_user(user, code) -> ValueScale:
    try:
        return scale_list(user=user).get(code=code)
    except (ValueScale.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


# --- choices for forms -----------------------------------------------------------------------


def parent_choices(*, anchor: Renstra | Rpjmd, node_level: str) -> QuerySet[Node]:
    """Statements of the same tree under which a statement of `node_level` may be placed."""
    allowed_parents = [p for p, children in ALLOWED_CHILDREN.items() if node_level in children]
    field = "renstra" if isinstance(anchor, Renstra) else "rpjmd"
    return (
        Node.objects.filter(**{field: anchor}, node_level__in=allowed_parents)
        .select_related("nomenclature")
        .order_by("lft")
    )


def owner_position_choices(
    *, anchor: Renstra | Rpjmd, node_level: str, opd=None
) -> QuerySet[Position]:
    """Active positions that may own a statement of `node_level` (DOMAIN.md "Who owns which
    level"): the Renstra's OPD at the named level; the Pemda's Kepala Daerah for RPJMD tujuan and
    sasaran; the OPD's head or administrators for an RPJMD program."""
    qs = Position.objects.filter(pemda_id=anchor.pemda_id, is_active=True).select_related("unit")
    if isinstance(anchor, Renstra):
        level = OWNER_LEVEL.get(node_level)
        if level is None:
            return qs.none()
        wanted = Q(level=level)
        if node_level in {NodeLevel.TUJUAN, NodeLevel.SASARAN}:
            wanted |= Q(unit_id=anchor.opd_id, is_head=True)  # the Kepala OPD, e.g. a Camat
        return qs.filter(wanted, opd_id=anchor.opd_id)
    if node_level == NodeLevel.PROGRAM:
        if opd is None:
            return qs.none()
        return qs.filter(opd=opd, level__in=["jpt", "administrator"])
    level = OWNER_LEVEL.get(node_level)
    return qs.filter(level=level) if level else qs.none()


def pemda_sasaran_choices(*, user, period) -> QuerySet[Node]:
    """RPJMD sasaran of the period an OPD tujuan/sasaran may cascade from."""
    scope = get_scope(user)
    if not _has_reach(scope):
        return Node.objects.none()
    return Node.objects.filter(
        pemda_id=scope.pemda_id, rpjmd__period=period, node_level=NodeLevel.SASARAN_PEMDA
    ).order_by("lft")


def nomenclature_choices(
    *, node_level: str, parent: Node | None = None
) -> QuerySet[NomenclatureItem]:
    """Items of the current decree a statement of `node_level` may stand for: any program; for
    a kegiatan or sub kegiatan, the children of its parent's item."""
    level = NOMENCLATURE_LEVEL.get(node_level)
    if level is None:
        return NomenclatureItem.objects.none()
    qs = NomenclatureItem.objects.current().of_level(level).order_by("code")
    if node_level in {NodeLevel.KEGIATAN, NodeLevel.SUBKEGIATAN}:
        if parent is None or parent.nomenclature_id is None:
            return qs.none()
        qs = qs.filter(parent__code=parent.nomenclature.code)
    return qs
