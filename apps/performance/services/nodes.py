"""Performance statements (nodes of the pohon kinerja): create, change, move, delete, cascade to
RPJMD sasaran; strategi and arah kebijakan on a sasaran.

Rules enforced here (DOMAIN.md, DESIGN.md "The tree"):

* a node hangs only under a node of its own tree, at a level that may sit there
  (models.ALLOWED_CHILDREN); a node of another OPD's tree is never a parent: crosscutting links
  say that one OPD supports another;
* programs, kegiatan and sub kegiatan stand for a nomenclature item of their level, and the
  code chain follows the tree (a kegiatan's program is its parent program's item);
* the owner position belongs to the tree's OPD and has the level DOMAIN.md names for the node
  level (models.OWNER_LEVEL);
* an OPD's tujuan and sasaran cascade from RPJMD sasaran of the same Pemda and period;
* a locked (submitted or approved) Renstra refuses every change.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils.translation import gettext as _

from apps.core.activity import log_action
from apps.core.services import update_versioned
from apps.organisations.models import OrgUnit, PemdaKind, Position, PositionLevel, UnitType
from apps.performance.models import (
    ALLOWED_CHILDREN,
    DEFAULT_RESULT_LEVEL,
    NOMENCLATURE_LEVEL,
    OWNER_LEVEL,
    Node,
    NodeLevel,
    RenjaLine,
    ResultLevel,
    Strategy,
)
from apps.performance.services._base import (
    Anchor,
    ensure_open,
    fresh,
    lock_anchor_of,
    parse_decimal,
    required_text,
    unit_id_of,
)
from apps.planning.models import NomenclatureItem, Renstra, Rpjmd
from apps.planning.nomenclature import CodeError, level_digit, level_of

_MPTT_FIELDS = ["lft", "rght", "tree_id", "level"]
CASCADING_LEVELS = frozenset({NodeLevel.TUJUAN, NodeLevel.SASARAN})
STRATEGY_LEVELS = frozenset({NodeLevel.SASARAN_PEMDA, NodeLevel.SASARAN})
ROOT_LEVELS = frozenset({NodeLevel.VISI, NodeLevel.OPD})


def crosscut_hint() -> str:
    return _(
        "A statement can only be placed under a statement of its own tree (its OPD's Renstra). "
        "To show that it supports another OPD's statement, add a crosscutting link instead."
    )


def _label(level: str) -> str:
    try:
        return str(NodeLevel(level).label)
    except ValueError:
        return level


# --- checks ----------------------------------------------------------------------------------


def check_placement(parent: Node, node_level: str, *, field: str = "node_level") -> None:
    if node_level not in NodeLevel.values or node_level in ROOT_LEVELS:
        raise ValidationError({field: _("Choose a level for the statement.")})
    if node_level not in ALLOWED_CHILDREN.get(parent.node_level, set()):
        raise ValidationError(
            {
                field: _("A %(child)s cannot be placed under a %(parent)s.")
                % {"child": _label(node_level), "parent": _label(parent.node_level)}
            }
        )


def resolve_item(value: NomenclatureItem | str | None) -> NomenclatureItem | None:
    """A nomenclature item given as an item or as a code of the current decree."""
    if value is None or value == "":
        return None
    if isinstance(value, NomenclatureItem):
        return value
    code = str(value).strip()
    try:
        level_of(code)
    except CodeError as exc:
        raise ValidationError({"nomenclature": str(exc)}) from exc
    item = NomenclatureItem.objects.current().select_related("parent").filter(code=code).first()
    if item is None:
        raise ValidationError(
            {
                "nomenclature": _("The code %(code)s is not in the current nomenclature.")
                % {"code": code}
            }
        )
    return item


def check_nomenclature(
    anchor: Anchor, node_level: str, item: NomenclatureItem | None, parent: Node
) -> None:
    expected = NOMENCLATURE_LEVEL.get(node_level)
    if expected is None:
        if item is not None:
            raise ValidationError(
                {
                    "nomenclature": _(
                        "Only programs, kegiatan and sub kegiatan stand for a nomenclature item."
                    )
                }
            )
        return
    expected_label = _label(node_level)
    if item is None:
        raise ValidationError(
            {
                "nomenclature": _("Choose the %(level)s from the nomenclature.")
                % {"level": expected_label}
            }
        )
    if item.level != expected:
        raise ValidationError(
            {
                "nomenclature": _("%(code)s is not a %(level)s code.")
                % {"code": item.code, "level": expected_label}
            }
        )
    if node_level in {NodeLevel.KEGIATAN, NodeLevel.SUBKEGIATAN}:
        parent_item = parent.nomenclature
        item_parent_code = item.parent.code if item.parent_id else None
        if parent_item is None or item_parent_code != parent_item.code:
            raise ValidationError(
                {
                    "nomenclature": _(
                        "%(code)s does not belong to %(parent_code)s, the %(parent_level)s it is "
                        "placed under."
                    )
                    % {
                        "code": item.code,
                        "parent_code": parent_item.code if parent_item else "–",
                        "parent_level": _label(parent.node_level),
                    }
                }
            )
    digit = level_digit(item.code)
    kind = OrgUnit.objects.filter(pk=anchor.pemda_id).values_list("pemda_kind", flat=True).first()
    if digit and kind:
        wanted = "1" if kind == PemdaKind.PROVINSI else "2"
        if digit != wanted:
            raise ValidationError(
                {
                    "nomenclature": _(
                        "%(code)s is a code for a %(other)s; this Pemda is a %(kind)s."
                    )
                    % {
                        "code": item.code,
                        "other": _("provinsi") if digit == "1" else _("kabupaten/kota"),
                        "kind": PemdaKind(kind).label,
                    }
                }
            )


def node_opd(anchor: Anchor, node_level: str, opd: OrgUnit | None) -> OrgUnit | None:
    """The OPD a node belongs to: the Renstra's OPD; in the RPJMD, the OPD that owns a program
    (and nobody for the other levels)."""
    if isinstance(anchor, Renstra):
        if opd is not None and opd.pk != anchor.opd_id:
            raise ValidationError({"opd": crosscut_hint()})
        return anchor.opd
    if node_level == NodeLevel.PROGRAM:
        if opd is None:
            raise ValidationError({"opd": _("Choose the OPD that carries out this program.")})
        if opd.unit_type != UnitType.OPD or opd.pemda_id != anchor.pemda_id:
            raise ValidationError({"opd": _("Choose an OPD of this Pemda.")})
        return opd
    if opd is not None:
        raise ValidationError({"opd": _("Only programs of the RPJMD are owned by an OPD.")})
    return None


def check_owner(
    anchor: Anchor, node_level: str, position: Position | None, opd: OrgUnit | None
) -> None:
    """DOMAIN.md "Who owns which level": the PK signer of each level."""
    if position is None:
        return
    if position.pemda_id != anchor.pemda_id:
        raise ValidationError({"owner_position": _("Choose a position of this Pemda.")})
    if not position.is_active:
        raise ValidationError({"owner_position": _("This position is no longer active.")})
    expected = OWNER_LEVEL.get(node_level)
    carried_by_opd = isinstance(anchor, Renstra) or (
        node_level == NodeLevel.PROGRAM and opd is not None
    )
    if carried_by_opd and position.opd_id != (opd.pk if opd else None):
        raise ValidationError(
            {
                "owner_position": _("The owner must be a position of %(opd)s.")
                % {"opd": opd.name if opd else "–"}
            }
        )
    if isinstance(anchor, Rpjmd) and node_level == NodeLevel.PROGRAM:
        # An RPJMD program is carried by its OPD: its head or the administrator in charge.
        allowed = {PositionLevel.JPT, PositionLevel.ADMINISTRATOR}
    elif (
        node_level in CASCADING_LEVELS
        and isinstance(anchor, Renstra)
        and position.is_head
        and position.unit_id == anchor.opd_id
    ):
        # The Kepala OPD owns its tujuan and sasaran whatever the level of the post (a Camat
        # heads a kecamatan at administrator level, PP 17/2018).
        return
    elif expected is None:
        raise ValidationError(
            {"owner_position": _("A %(level)s has no owner.") % {"level": _label(node_level)}}
        )
    else:
        allowed = {expected}
    if position.level not in allowed:
        raise ValidationError(
            {
                "owner_position": _(
                    "A %(node)s is owned by a position at %(expected)s level; %(title)s is at "
                    "%(level)s level."
                )
                % {
                    "node": _label(node_level),
                    "expected": " / ".join(str(PositionLevel(x).label) for x in sorted(allowed)),
                    "title": position.title,
                    "level": PositionLevel(position.level).label,
                }
            }
        )


def resolve_cascade(anchor: Anchor, node_level: str, targets: Iterable[Node] | None) -> list[Node]:
    """RPJMD sasaran an OPD tujuan/sasaran cascades from: same Pemda, same plan period."""
    targets = [t for t in (targets or []) if t is not None]
    if not targets:
        return []
    if not isinstance(anchor, Renstra) or node_level not in CASCADING_LEVELS:
        raise ValidationError(
            {
                "pemda_sasaran": _(
                    "Only an OPD's tujuan and sasaran cascade from sasaran of the RPJMD."
                )
            }
        )
    ids = {t.pk for t in targets}
    valid = list(
        Node.objects.filter(
            pk__in=ids,
            pemda_id=anchor.pemda_id,
            node_level=NodeLevel.SASARAN_PEMDA,
            rpjmd__period_id=anchor.period_id,
        )
    )
    if len(valid) != len(ids):
        raise ValidationError(
            {"pemda_sasaran": _("Choose sasaran of the RPJMD of the same Pemda and plan period.")}
        )
    return valid


def _clean_weight(value: Any) -> Decimal:
    weight = parse_decimal(value, field="weight")
    if weight is None:
        return Decimal(1)
    if weight <= 0:
        raise ValidationError({"weight": _("The weight must be more than zero.")})
    return weight


def _clean_result_level(value: Any, node_level: str) -> str:
    value = (value or "").strip()
    if not value:
        return DEFAULT_RESULT_LEVEL.get(node_level, "")
    if value not in ResultLevel.values:
        raise ValidationError({"result_level": _("Choose a result level.")})
    return value


def _next_sort_order(parent: Node) -> int:
    current = Node.objects.filter(parent=parent).aggregate(m=Max("sort_order"))["m"]
    return (current or 0) + 1


def _check_anchor_matches(parent: Node, renstra: Renstra | None, rpjmd: Rpjmd | None) -> None:
    if renstra is not None and parent.renstra_id != renstra.pk:
        raise ValidationError({"parent": crosscut_hint()})
    if rpjmd is not None and parent.rpjmd_id != rpjmd.pk:
        raise ValidationError({"parent": _("Choose a statement of this RPJMD as the parent.")})


# --- writes ----------------------------------------------------------------------------------


def node_create(
    *,
    actor,
    parent: Node,
    node_level: str,
    statement: str = "",
    number: str = "",
    result_level: str = "",
    owner_position: Position | None = None,
    nomenclature: NomenclatureItem | str | None = None,
    opd: OrgUnit | None = None,
    pemda_sasaran: Iterable[Node] | None = None,
    weight: Any = None,
    sort_order: int | None = None,
    renstra: Renstra | None = None,
    rpjmd: Rpjmd | None = None,
) -> Node:
    """Add a statement under `parent`. `renstra`/`rpjmd`, when given, name the tree the caller
    means: a parent from another tree is then refused (with the crosscutting hint) instead of
    silently writing to the other tree. A program/kegiatan/sub kegiatan without a statement
    takes its nomenclature name."""
    with transaction.atomic():
        anchor = lock_anchor_of(parent)
        _check_anchor_matches(parent, renstra, rpjmd)
        ensure_open(anchor)
        parent = fresh(parent)
        check_placement(parent, node_level)
        item = resolve_item(nomenclature)
        check_nomenclature(anchor, node_level, item, parent)
        opd = node_opd(anchor, node_level, opd)
        check_owner(anchor, node_level, owner_position, opd)
        statement = (statement or "").strip() or (item.name if item else "")
        required_text(statement, field="statement", message=_("Write the statement."))
        cascade = resolve_cascade(anchor, node_level, pemda_sasaran)
        node = Node(
            pemda_id=anchor.pemda_id,
            renstra=anchor if isinstance(anchor, Renstra) else None,
            rpjmd=anchor if isinstance(anchor, Rpjmd) else None,
            parent=parent,
            node_level=node_level,
            result_level=_clean_result_level(result_level, node_level),
            number=(number or "").strip(),
            statement=statement,
            opd=opd,
            owner_position=owner_position,
            owner_unit=owner_position.unit if owner_position else opd,
            nomenclature=item,
            weight=_clean_weight(weight),
            sort_order=sort_order if sort_order is not None else _next_sort_order(parent),
        )
        node.full_clean(exclude=_MPTT_FIELDS)
        node.save()
        if cascade:
            node.pemda_sasaran.set(cascade)
        log_action(
            action="sakip.node.created",
            actor=actor,
            obj=node,
            pemda_id=node.pemda_id,
            unit_id=unit_id_of(anchor),
            data={
                "level": node_level,
                "parent": str(parent),
                "pemda_sasaran": [str(t) for t in cascade],
            },
        )
    return node


_UPDATABLE = frozenset(
    {"statement", "number", "result_level", "owner_position", "nomenclature", "weight", "opd"}
)


def node_update(*, actor, node: Node, data: dict[str, Any], expected_version: int | None) -> Node:
    """Change a statement's text, number, result level, owner, nomenclature item or weight.
    Returns the node as saved."""
    unexpected = set(data) - _UPDATABLE
    if unexpected:
        raise ValidationError(
            _("These fields cannot be changed here: %s") % ", ".join(sorted(unexpected))
        )
    with transaction.atomic():
        anchor = lock_anchor_of(node)
        ensure_open(anchor)
        current = fresh(node)
        if current.parent_id is None and set(data) - {"statement", "number"}:
            raise ValidationError(_("Only the text of the root statement can be changed."))
        level = current.node_level
        changes = dict(data)
        if "nomenclature" in changes:
            item = resolve_item(changes["nomenclature"])
            if current.parent_id is not None:
                check_nomenclature(anchor, level, item, fresh(current.parent))
            _check_children_follow(current, item)
            changes["nomenclature"] = item
        if "opd" in changes:
            changes["opd"] = node_opd(anchor, level, changes["opd"])
        if "owner_position" in changes or "opd" in changes:
            owner = changes.get("owner_position", current.owner_position)
            opd = changes.get("opd", current.opd)
            check_owner(anchor, level, owner, opd)
            changes["owner_unit"] = owner.unit if owner else opd
        if "statement" in changes:
            changes["statement"] = required_text(
                changes["statement"], field="statement", message=_("Write the statement.")
            )
        if "number" in changes:
            changes["number"] = (changes["number"] or "").strip()
        if "result_level" in changes:
            changes["result_level"] = _clean_result_level(changes["result_level"], level)
        if "weight" in changes:
            changes["weight"] = _clean_weight(changes["weight"])
        update_versioned(
            current,
            actor=actor,
            data=changes,
            expected_version=expected_version,
            action="sakip.node.changed",
            unit_id=unit_id_of(anchor),
        )
        if (
            current.parent_id is None
            and isinstance(anchor, Rpjmd)
            and "statement" in changes
            and anchor.visi != current.statement
        ):
            # The visi root and the RPJMD's visi are one text.
            anchor.visi = current.statement
            anchor.save(update_fields=["visi", "updated_at"])
    return current


def _check_children_follow(node: Node, item: NomenclatureItem | None) -> None:
    """A program's kegiatan (a kegiatan's sub kegiatan) must still belong to its new item."""
    if node.node_level not in {NodeLevel.PROGRAM, NodeLevel.KEGIATAN}:
        return
    children = Node.objects.filter(parent=node).select_related("nomenclature__parent")
    for child in children:
        child_item = child.nomenclature
        parent_code = child_item.parent.code if child_item and child_item.parent_id else None
        if item is None or parent_code != item.code:
            raise ValidationError(
                {
                    "nomenclature": _(
                        "%(child)s under it belongs to %(code)s; move or change it first."
                    )
                    % {
                        "child": child_item.code if child_item else child.statement[:60],
                        "code": parent_code or "–",
                    }
                }
            )


def node_set_cascade(*, actor, node: Node, pemda_sasaran: Iterable[Node]) -> Node:
    """Replace the RPJMD sasaran an OPD tujuan/sasaran cascades from."""
    with transaction.atomic():
        anchor = lock_anchor_of(node)
        ensure_open(anchor)
        current = fresh(node)
        targets = list(pemda_sasaran or [])
        if targets:
            targets = resolve_cascade(anchor, current.node_level, targets)
        elif not isinstance(anchor, Renstra) or current.node_level not in CASCADING_LEVELS:
            raise ValidationError(
                {
                    "pemda_sasaran": _(
                        "Only an OPD's tujuan and sasaran cascade from sasaran of the RPJMD."
                    )
                }
            )
        old = [str(t) for t in current.pemda_sasaran.all()]
        current.pemda_sasaran.set(targets)
        new = [str(t) for t in targets]
        if sorted(old) != sorted(new):
            current.version += 1
            current.save(update_fields=["version", "updated_at"])
            log_action(
                action="sakip.node.cascaded",
                actor=actor,
                obj=current,
                pemda_id=current.pemda_id,
                unit_id=unit_id_of(anchor),
                data={"old": old, "new": new},
            )
    return current


def node_move(*, actor, node: Node, new_parent: Node, sort_order: int | None = None) -> Node:
    """Move a statement (with everything under it) to another parent in the same tree, or to
    another place among its siblings (`sort_order`). Refuses a cycle, a level that may not sit
    there, a nomenclature chain that would break, and a parent in another tree."""
    with transaction.atomic():
        anchor = lock_anchor_of(node)
        if (new_parent.renstra_id, new_parent.rpjmd_id) != (node.renstra_id, node.rpjmd_id):
            raise ValidationError({"parent": crosscut_hint()})
        ensure_open(anchor)
        current = fresh(node)
        target = fresh(new_parent)
        if current.parent_id is None:
            raise ValidationError({"parent": _("The root of a tree cannot be moved.")})
        if target.pk == current.pk or target.is_descendant_of(current):
            raise ValidationError(
                {
                    "parent": _(
                        "A statement cannot be moved under itself or under one of the statements "
                        "below it."
                    )
                }
            )
        check_placement(target, current.node_level, field="parent")
        if current.node_level in {NodeLevel.KEGIATAN, NodeLevel.SUBKEGIATAN}:
            try:
                check_nomenclature(anchor, current.node_level, current.nomenclature, target)
            except ValidationError as exc:
                raise ValidationError({"parent": exc.message_dict["nomenclature"]}) from exc
        old_parent = str(current.parent)
        moved = current.parent_id != target.pk
        current.parent = target
        if sort_order is not None:
            current.sort_order = sort_order
        elif moved:
            current.sort_order = _next_sort_order(target)
        current.save()
        log_action(
            action="sakip.node.moved",
            actor=actor,
            obj=current,
            pemda_id=current.pemda_id,
            unit_id=unit_id_of(anchor),
            data={"from": old_parent, "to": str(target), "sort_order": current.sort_order},
        )
    return current


def node_delete(*, actor, node: Node) -> None:
    """Delete a statement that has nothing under it, with its indicators, targets, budgets and
    strategies. Refused while it has children, OPD statements cascade from it, it is in a Renja,
    or anything (realisations, agreements) has been recorded against it."""
    with transaction.atomic():
        anchor = lock_anchor_of(node)
        ensure_open(anchor)
        current = fresh(node)
        if current.parent_id is None:
            raise ValidationError(_("The root of a tree cannot be deleted."))
        children = Node.objects.filter(parent=current).count()
        if children:
            raise ValidationError(
                _("Delete or move the %(n)s statement(s) under it first.") % {"n": children}
            )
        if current.cascaded_nodes.exists():
            raise ValidationError(_("OPD statements cascade from this sasaran; unlink them first."))
        years = sorted(
            set(RenjaLine.objects.filter(node=current).values_list("renja__year", flat=True))
        )
        if years:
            raise ValidationError(
                _("It is part of the Renja of %(years)s and cannot be deleted.")
                % {"years": ", ".join(str(y) for y in years)}
            )
        log_action(
            action="sakip.node.deleted",
            actor=actor,
            obj=current,
            pemda_id=current.pemda_id,
            unit_id=unit_id_of(anchor),
            data={"level": current.node_level, "parent": str(current.parent)},
        )
        try:
            for indicator in current.indicators.all():
                indicator.delete()
            for budget in current.budgets.all():
                budget.delete()
            current.pemda_sasaran.clear()
            current.delete()
        except ProtectedError as exc:
            raise ValidationError(
                _(
                    "It cannot be deleted: data has been recorded against it (for example "
                    "realisations or agreements)."
                )
            ) from exc


# --- strategi and arah kebijakan -------------------------------------------------------------


def strategy_create(
    *, actor, node: Node, kind: str, text: str, sort_order: int | None = None
) -> Strategy:
    """A strategi or arah kebijakan serving a sasaran (RPJMD or Renstra)."""
    if kind not in Strategy.Kind.values:
        raise ValidationError({"kind": _("Choose strategi or arah kebijakan.")})
    text = required_text(text, field="text")
    with transaction.atomic():
        anchor = lock_anchor_of(node)
        ensure_open(anchor)
        current = fresh(node)
        if current.node_level not in STRATEGY_LEVELS:
            raise ValidationError(
                {"kind": _("Strategi and arah kebijakan are written for a sasaran.")}
            )
        if sort_order is None:
            last = Strategy.objects.filter(node=current, kind=kind).aggregate(m=Max("sort_order"))
            sort_order = (last["m"] or 0) + 1
        strategy = Strategy(
            pemda_id=current.pemda_id, node=current, kind=kind, text=text, sort_order=sort_order
        )
        strategy.full_clean()
        strategy.save()
        log_action(
            action="sakip.strategy.created",
            actor=actor,
            obj=strategy,
            pemda_id=strategy.pemda_id,
            unit_id=unit_id_of(anchor),
            data={"kind": kind, "node": str(current)},
        )
    return strategy


def strategy_update(
    *, actor, strategy: Strategy, data: dict[str, Any], expected_version: int | None
) -> Strategy:
    unexpected = set(data) - {"text", "sort_order"}
    if unexpected:
        raise ValidationError(
            _("These fields cannot be changed here: %s") % ", ".join(sorted(unexpected))
        )
    if "text" in data:
        data = {**data, "text": required_text(data["text"], field="text")}
    with transaction.atomic():
        anchor = lock_anchor_of(Node(pk=strategy.node_id, **_anchor_ids(strategy.node_id)))
        ensure_open(anchor)
        return update_versioned(
            strategy,
            actor=actor,
            data=data,
            expected_version=expected_version,
            action="sakip.strategy.changed",
            unit_id=unit_id_of(anchor),
        )


def strategy_delete(*, actor, strategy: Strategy) -> None:
    with transaction.atomic():
        anchor = lock_anchor_of(Node(pk=strategy.node_id, **_anchor_ids(strategy.node_id)))
        ensure_open(anchor)
        log_action(
            action="sakip.strategy.deleted",
            actor=actor,
            obj=strategy,
            pemda_id=strategy.pemda_id,
            unit_id=unit_id_of(anchor),
        )
        strategy.delete()


def _anchor_ids(node_id: int) -> dict[str, int | None]:
    renstra_id, rpjmd_id = Node.objects.filter(pk=node_id).values_list("renstra_id", "rpjmd_id")[0]
    return {"renstra_id": renstra_id, "rpjmd_id": rpjmd_id}


# --- roll-up weights (measurement) -----------------------------------------------------------


def weighted_children(parent: Node) -> list[Node]:
    """The statements whose capaian rolls up into `parent`: its own children and, for an RPJMD
    statement, the OPD tujuan and sasaran cascading from it (apps/measurement/rollup.py)."""
    own = list(Node.objects.filter(parent=parent).select_related("renstra__opd").order_by("lft"))
    if parent.rpjmd_id is None:
        return own
    cascaded = list(
        Node.objects.filter(pemda_sasaran=parent)
        .select_related("renstra__opd")
        .order_by("renstra__opd__name", "tree_id", "lft")
    )
    return own + cascaded


def node_set_weights(
    *, actor, parent: Node, weights: dict[str, tuple[Any, int | None]]
) -> list[Node]:
    """Set the roll-up weights of the statements under `parent` (`weights`: child code →
    (weight, version read)). Only Bappeda and the Pemda admins (PLANNERS, Pemda-wide) may, and
    they may even on an approved Renstra: a weight is how the Pemda reads capaian, not part of
    the plan's content, so it changes nothing else of the locked tree. All or nothing; each
    change is in the activity log with its old and new value; a stale version raises
    StaleVersionError."""
    from django.core.exceptions import PermissionDenied

    from apps.organisations.access import PLANNERS, get_scope

    scope = get_scope(actor)
    if parent.pemda_id != scope.pemda_id or not scope.pemda_wide(PLANNERS):
        raise PermissionDenied
    with transaction.atomic():
        anchor = lock_anchor_of(parent)
        children = {str(child.code): child for child in weighted_children(fresh(parent))}
        unknown = set(weights) - set(children)
        if unknown:
            raise ValidationError(_("Only the weights of the statements under it can be set."))
        errors: dict[str, list[str]] = {}
        cleaned: dict[str, Decimal] = {}
        for code, (value, _version) in weights.items():
            try:
                # The weight column keeps three decimals below 10,000.
                weight = _clean_weight(value).quantize(Decimal("0.001"))
            except ValidationError as exc:
                errors[code] = exc.messages
                continue
            if weight <= 0:
                errors[code] = [_("The weight must be more than zero.")]
            elif weight >= 10000:
                errors[code] = [_("This number is too large.")]
            cleaned[code] = weight
        if errors:
            raise ValidationError(errors)
        saved = []
        for code, (_value, version) in weights.items():
            child = children[code]
            child_anchor = anchor if child.rpjmd_id == parent.rpjmd_id else lock_anchor_of(child)
            saved.append(
                update_versioned(
                    child,
                    actor=actor,
                    data={"weight": cleaned[code]},
                    expected_version=version,
                    action="sakip.node.changed",
                    unit_id=unit_id_of(child_anchor),
                )
            )
    return saved
