"""Template helpers of the plan pages: reading a dict by a variable key, the levels a statement
may take under it, and a statement's history rows."""

from __future__ import annotations

from typing import Any

from django import template

from apps.performance.models import ALLOWED_CHILDREN, NodeLevel

register = template.Library()


@register.filter
def at(mapping: Any, key: Any) -> Any:
    """`targets|at:year`: a dict item by a variable key (None when missing)."""
    if not mapping:
        return None
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def child_levels(node_level: str) -> list[tuple[str, str]]:
    """The levels that may sit directly under a statement of `node_level`, in level order."""
    allowed = ALLOWED_CHILDREN.get(node_level, set())
    return [(value, label) for value, label in NodeLevel.choices if value in allowed]


@register.filter
def level_label(node_level: str) -> str:
    try:
        return str(NodeLevel(node_level).label)
    except ValueError:
        return node_level


@register.filter
def target_text(target) -> str:
    """A stored target as people read it (a number, a range, a scale label)."""
    if target is None:
        return ""
    from apps.performance.services.indicators import target_display

    return target_display(target.value, target.value_max, target.text_value)


@register.filter
def has_budget(node_level: str) -> bool:
    return node_level in {NodeLevel.PROGRAM, NodeLevel.KEGIATAN, NodeLevel.SUBKEGIATAN}


@register.filter
def cascades(node_level: str) -> bool:
    return node_level in {NodeLevel.TUJUAN, NodeLevel.SASARAN}


@register.filter
def has_strategies(node_level: str) -> bool:
    return node_level in {NodeLevel.SASARAN, NodeLevel.SASARAN_PEMDA}


@register.filter
def has_indicators(node_level: str) -> bool:
    return node_level not in {NodeLevel.VISI, NodeLevel.MISI, NodeLevel.OPD}


@register.filter
def status_label(state: str) -> str:
    from apps.planning.models import DocumentStatus

    try:
        return str(DocumentStatus(state).label)
    except ValueError:
        return state
