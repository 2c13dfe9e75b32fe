"""Consistency checks for every django-mptt tree in the project.

django-mptt keeps (tree_id, lft, rght, level) beside `parent`; `parent` is the truth. A tree is
consistent when walking it from `parent` in (lft) order reproduces exactly the stored values.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from mptt.models import MPTTModel


@dataclass(frozen=True)
class TreeFault:
    model: str
    tree_id: int
    node_id: int | None
    problem: str

    def __str__(self) -> str:
        where = f" node {self.node_id}" if self.node_id is not None else ""
        return f"{self.model} tree {self.tree_id}{where}: {self.problem}"


def mptt_models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models()
        if issubclass(m, MPTTModel) and not m._meta.abstract and not m._meta.proxy
    ]


def check_model(model: type[models.Model], tree_id: int | None = None) -> list[TreeFault]:
    """Verify every tree of `model` (or one) in one query per model."""
    opts = model._mptt_meta
    parent_attr = f"{opts.parent_attr}_id"
    qs = model._default_manager.all()
    if tree_id is not None:
        qs = qs.filter(**{opts.tree_id_attr: tree_id})
    rows = qs.values_list(
        "pk", parent_attr, opts.tree_id_attr, opts.left_attr, opts.right_attr, opts.level_attr
    )
    by_tree: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        by_tree[row[2]].append(row)
    label = model._meta.label
    faults: list[TreeFault] = []
    for tid, nodes in by_tree.items():
        faults.extend(_check_tree(label, tid, nodes))
    return faults


def _check_tree(label: str, tid: int, nodes: list[tuple]) -> list[TreeFault]:
    faults: list[TreeFault] = []
    by_id = {n[0]: n for n in nodes}
    children: dict[int | None, list[tuple]] = defaultdict(list)
    for n in nodes:
        parent = n[1]
        if parent is not None and parent not in by_id:
            faults.append(TreeFault(label, tid, n[0], "its parent is in another tree"))
            continue
        children[parent].append(n)
    roots = children.get(None, [])
    if len(roots) != 1:
        faults.append(TreeFault(label, tid, None, f"{len(roots)} roots instead of 1"))
        return faults
    # Recompute left/right/level from the parent links, children in their stored lft order.
    expected: dict[int, tuple[int, int, int]] = {}
    counter = 1
    stack: list[tuple[tuple, int, bool]] = [(roots[0], 0, False)]
    while stack:
        node, level, done = stack.pop()
        if done:
            left, _, lvl = expected[node[0]]
            expected[node[0]] = (left, counter, lvl)
            counter += 1
            continue
        if node[0] in expected:
            faults.append(TreeFault(label, tid, node[0], "is part of a cycle"))
            return faults
        expected[node[0]] = (counter, 0, level)
        counter += 1
        stack.append((node, level, True))
        for child in sorted(children.get(node[0], []), key=lambda c: c[3], reverse=True):
            stack.append((child, level + 1, False))
    for n in nodes:
        if n[0] not in expected:
            faults.append(TreeFault(label, tid, n[0], "is not reachable from the root"))
            continue
        left, right, level = expected[n[0]]
        if (n[3], n[4], n[5]) != (left, right, level):
            faults.append(
                TreeFault(
                    label,
                    tid,
                    n[0],
                    f"stored lft/rght/level {n[3]}/{n[4]}/{n[5]}, expected {left}/{right}/{level}",
                )
            )
    return faults


def check_all() -> list[TreeFault]:
    faults: list[TreeFault] = []
    for model in mptt_models():
        faults.extend(check_model(model))
    return faults


def rebuild_tree(model: type[models.Model], tree_id: int) -> None:
    """Recompute one tree's left/right/level from its parent links (django-mptt's partial
    rebuild, which locks nothing by itself: callers run it inside the tree's lock)."""
    model._tree_manager.partial_rebuild(tree_id)
