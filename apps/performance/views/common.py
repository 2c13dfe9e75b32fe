"""What the plan pages share: where a statement's page is, reading a year from the query string,
and putting a stale save of a year grid (targets, budgets) back on the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _

from apps.core.concurrency import StaleVersionError
from apps.core.forms import EMPTY
from apps.performance.models import Node
from apps.planning.models import Renstra, Rpjmd


def anchor_of(node: Node) -> Renstra | Rpjmd:
    """The document whose tree the statement belongs to (loaded by the scoped node getter)."""
    return node.renstra if node.renstra_id is not None else node.rpjmd


def anchor_url(anchor: Renstra | Rpjmd, node: Node | None = None) -> str:
    is_renstra = isinstance(anchor, Renstra)
    name = "performance:renstra_detail" if is_renstra else "performance:rpjmd_detail"
    url = resolve_url(name, code=anchor.code)
    return f"{url}#node-{node.code}" if node is not None else url


def node_page(node: Node) -> str:
    return anchor_url(anchor_of(node), node)


def year_param(request: HttpRequest, years: list[int]) -> int | None:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return None
    return year if year in years else None


def _number(value: Any) -> str:
    if value is None:
        return EMPTY
    try:
        return f"{value.normalize():f}"
    except AttributeError:
        return str(value)


def grid_stale(form: forms.Form, exc: StaleVersionError, prefix: str) -> None:
    """A year of a grid was saved by someone else meanwhile: say so, show their value beside the
    field, and take their version so that saving again is a choice made after seeing it."""
    current = exc.current
    year = getattr(current, "year", None)
    form.add_error(None, str(exc))
    if year is None:
        return
    if prefix == "target":
        shown = current.text_value or _number(current.value)
    else:
        shown = _number(getattr(current, "amount", None))
    field = form.fields.get(f"{prefix}_{year}")
    if field is not None:
        field.current_value = shown
    data = form.data.copy()
    data[f"version_{year}"] = current.version
    form.data = data
    form.is_stale = True


def report_errors(request: HttpRequest, exc: Exception) -> None:
    """A refused action of a button (no form page to show it on): its messages on top."""
    texts = getattr(exc, "messages", None) or [str(exc)]
    for text in texts:
        messages.error(request, text)


def saved(request: HttpRequest, text: str | None = None) -> None:
    messages.success(request, text or _("Saved."))
