"""A Renstra's tree as plain JSON, kept in RenstraVersion when a revision starts so that the
approved version can always be shown as it was (DESIGN.md "States lock data")."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from apps.performance.models import Indicator, Node, NodeBudget, Target
from apps.planning.models import Renstra

SNAPSHOT_FORMAT = 1


def _num(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def renstra_snapshot(renstra: Renstra) -> dict[str, Any]:
    """Nodes in tree order with owner, nomenclature, cascading links, indicators with their
    targets, and budgets. Six queries whatever the size of the tree."""
    nodes = list(
        Node.objects.filter(renstra=renstra)
        .select_related("owner_position", "owner_unit", "nomenclature")
        .order_by("lft")
    )
    links: dict[int, list[str]] = defaultdict(list)
    through = Node.pemda_sasaran.through
    for from_id, code in through.objects.filter(from_node__renstra=renstra).values_list(
        "from_node_id", "to_node__code"
    ):
        links[from_id].append(str(code))
    indicators: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in (
        Indicator.objects.filter(node__renstra=renstra)
        .select_related("scale", "responsible_position")
        .order_by("sort_order", "id")
    ):
        indicators[indicator.node_id].append(indicator)
    targets: dict[int, dict[str, Any]] = defaultdict(dict)
    for target in Target.objects.filter(indicator__node__renstra=renstra).order_by("year"):
        targets[target.indicator_id][str(target.year)] = {
            "value": _num(target.value),
            "value_max": _num(target.value_max),
            "text_value": target.text_value,
        }
    budgets: dict[int, dict[str, str | None]] = defaultdict(dict)
    for budget in NodeBudget.objects.filter(node__renstra=renstra).order_by("year"):
        budgets[budget.node_id][str(budget.year)] = _num(budget.amount)
    by_id = {node.pk: node for node in nodes}

    def position(p) -> dict[str, str] | None:
        return None if p is None else {"code": str(p.code), "title": p.title, "level": p.level}

    return {
        "format": SNAPSHOT_FORMAT,
        "renstra": {
            "code": str(renstra.code),
            "opd": renstra.opd.name,
            "period": [renstra.period.start_year, renstra.period.end_year],
            "revision": renstra.revision,
            "approved_at": renstra.approved_at.isoformat() if renstra.approved_at else None,
        },
        "nodes": [
            {
                "code": str(node.code),
                "parent": str(by_id[node.parent_id].code) if node.parent_id in by_id else None,
                "depth": node.level,
                "node_level": node.node_level,
                "result_level": node.result_level,
                "number": node.number,
                "statement": node.statement,
                "owner_position": position(node.owner_position),
                "owner_unit": node.owner_unit.name if node.owner_unit else None,
                "nomenclature": (
                    {"code": node.nomenclature.code, "name": node.nomenclature.name}
                    if node.nomenclature
                    else None
                ),
                "pemda_sasaran": sorted(links.get(node.pk, [])),
                "weight": _num(node.weight),
                "budgets": budgets.get(node.pk, {}),
                "indicators": [
                    {
                        "code": str(ind.code),
                        "name": ind.name,
                        "definition": ind.definition,
                        "formula": ind.formula,
                        "unit": ind.unit,
                        "value_type": ind.value_type,
                        "scale": ind.scale.name if ind.scale else None,
                        "polarity": ind.polarity,
                        "aggregation": ind.aggregation,
                        "min_value": _num(ind.min_value),
                        "max_value": _num(ind.max_value),
                        "data_source": ind.data_source,
                        "responsible_position": position(ind.responsible_position),
                        "is_iku": ind.is_iku,
                        "is_ikk": ind.is_ikk,
                        "baseline": _num(ind.baseline),
                        "baseline_text": ind.baseline_text,
                        "targets": targets.get(ind.pk, {}),
                    }
                    for ind in indicators.get(node.pk, [])
                ],
            }
            for node in nodes
        ],
    }
