"""Template helpers shared by every page: Indonesian number formats, form widgets with Bootstrap
classes, and a few small lookups for the dashboard.

Numbers (`rupiah`, `angka`, `persen`) are always written the Indonesian way (thousands with a dot,
decimals with a comma), whatever the active language: a Rupiah amount in an English page is still
"Rp 1.234.567", as in every official document it is compared with.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import forms, template
from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Q
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from apps.core import pagecache
from apps.organisations import selectors
from apps.organisations.access import get_scope

register = template.Library()

EMPTY = "–"  # shown where a number is undefined (e.g. capaian with a target of 0)

# Human names of job kinds; an unknown kind is shown as it is stored.
JOB_KIND_LABELS: dict[str, Any] = {
    "organisation_export": _("Organisation export (Excel)"),
}


def _to_decimal(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def format_number(value: Any, decimals: int = 0) -> str:
    """`1234567.891` with 2 decimals → `1.234.567,89` (half up, as people round by hand)."""
    number = _to_decimal(value)
    if number is None:
        return EMPTY
    decimals = max(0, int(decimals))
    quantum = Decimal(1).scaleb(-decimals)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _dot, fraction = f"{abs(number):.{decimals}f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups)
    if fraction:
        text = f"{text},{fraction}"
    if sign and set(text) <= {"0", ".", ","}:
        sign = ""  # -0,00 reads as a mistake
    return sign + text


@register.filter
def angka(value: Any, decimals: int = 0) -> str:
    """A number with Indonesian separators: `{{ x|angka:2 }}` → 1.234,50."""
    return format_number(value, decimals)


@register.filter
def rupiah(value: Any, decimals: int = 0) -> str:
    """A Rupiah amount: `{{ pagu|rupiah }}` → Rp 1.234.567; negative → -Rp 1.234.567."""
    text = format_number(value, decimals)
    if text == EMPTY:
        return EMPTY
    if text.startswith("-"):
        return f"-Rp {text[1:]}"
    return f"Rp {text}"


@register.filter
def persen(value: Any, decimals: int = 2) -> str:
    """A percentage: `{{ capaian|persen }}` → 95,25%; undefined → –."""
    text = format_number(value, decimals)
    return EMPTY if text == EMPTY else f"{text}%"


@register.filter
def minutes(value: Any) -> str:
    """Whole minutes of a timedelta (rounded up), for messages such as a login lockout."""
    if not isinstance(value, dt.timedelta):
        return ""
    seconds = max(0, int(value.total_seconds()))
    return str((seconds + 59) // 60)


@register.filter
def field_label(name: str, object_type: str) -> str:
    """The verbose name of field `name` of the model labelled `object_type` (as the activity
    log stores it, e.g. "organisations.orgunit"); the raw name when unknown."""
    try:
        model = apps.get_model(object_type)
        return capfirst(model._meta.get_field(name).verbose_name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return name


@register.filter
def job_kind(kind: str) -> str:
    return str(JOB_KIND_LABELS.get(kind, kind))


# --- forms ------------------------------------------------------------------------------------


def _widget_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "form-check-input"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "form-select"
    return "form-control"


@register.filter
def bs_widget(field: forms.BoundField) -> str:
    """Render a bound field's widget with Bootstrap's classes, marked invalid when it has
    errors (the message itself is printed by the form template)."""
    css = [_widget_class(field.field.widget)]
    existing = field.field.widget.attrs.get("class")
    if existing:
        css.append(existing)
    attrs = {"class": " ".join(css)}
    if field.errors:
        attrs["class"] += " is-invalid"
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{field.auto_id}_errors"
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


# --- dashboard --------------------------------------------------------------------------------


@register.simple_tag(takes_context=True)
def granted_units(context, *roles: str) -> list:
    """The units on which the signed-in user holds one of `roles` (one query)."""
    user = context["request"].user
    unit_ids = [g.unit_id for g in get_scope(user).grants if g.role in roles]
    if not unit_ids:
        return []
    return list(selectors.unit_list(user=user).filter(pk__in=unit_ids))


@register.simple_tag(takes_context=True)
def organisation_summary(context) -> dict:
    """Counts for a read-only overview of the units in the user's scope (two queries)."""
    user = context["request"].user
    units = selectors.unit_list(user=user).filter(is_active=True)
    counts = units.aggregate(
        opds=Count("pk", filter=Q(unit_type="opd")),
        units=Count("pk"),
    )
    counts["positions"] = (
        selectors.position_list(user=user).filter(is_active=True).prefetch_related(None).count()
    )
    return counts


@register.simple_tag(takes_context=True)
def pemda_wide_role(context, *roles: str) -> bool:
    """True when the user holds one of `roles` on the Pemda itself (not only on one OPD)."""
    return get_scope(context["request"].user).pemda_wide(roles)


# --- navigation -------------------------------------------------------------------------------


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current URL with `page=number`, keeping the other query parameters (filters)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.filter
def message_class(message) -> str:
    """Bootstrap's alert class for a django.contrib.messages level."""
    level_tag = getattr(message, "level_tag", "") or "info"
    return "danger" if level_tag == "error" else level_tag


# --- read pages cached under the data revision (apps.core.pagecache) ---------------------------


class PageCacheNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context) -> str:
        page = context.get("page_cache")
        html = cache.get(page.key) if page is not None else None
        if html is None:
            with context.push(csrf_token=pagecache.CSRF_PLACEHOLDER):
                html = self.nodelist.render(context)
            if page is not None and page.store:
                cache.set(page.key, html, pagecache.PAGE_TIMEOUT)
        # The block is stored with a placeholder for the CSRF token (also what views writing
        # HTML themselves put in their forms); each request gets its own token.
        token = str(context.get("csrf_token", ""))
        return mark_safe(html.replace(pagecache.CSRF_PLACEHOLDER, token))  # noqa: S308


@register.tag("pagecache")
def do_pagecache(parser, token):
    """`{% pagecache %}…{% endpagecache %}`: the block, from the cache when the view put a
    PageCache in the context as `page_cache` (apps.core.pagecache); rendered as usual without."""
    nodelist = parser.parse(("endpagecache",))
    parser.delete_first_token()
    return PageCacheNode(nodelist)
