"""Template filters of the PK pages: targets with as many decimals as they carry."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from apps.core.templatetags.sakip import format_number

register = template.Library()


@register.filter
def target(value: Any) -> str:
    """`85.5000` → `85,5`; `12.0000` → `12` (a target shows the precision it was set with)."""
    if value is None or value == "":
        return "–"
    number = Decimal(str(value)).normalize()
    decimals = max(0, -number.as_tuple().exponent)
    return format_number(number, decimals)
