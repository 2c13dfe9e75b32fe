"""Nomenclature pages: the current decree's items (by level and code prefix), the decrees, and
the import of a new decree (upload → preview → apply).

The nomenclature is national reference data: every signed-in user reads it; only Pemda admins
import it. The apply step runs inside the request (the ministry's list is a few thousand rows, a
few seconds); the uploaded file is kept in the session between preview and apply.
"""

from __future__ import annotations

import base64
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.organisations.access import PEMDA_MANAGERS, get_scope
from apps.planning import forms, selectors, services
from apps.planning.nomenclature import ImportRefused, parse_issued_on, parse_workbook

PAGE_SIZE = 100
_SESSION_KEY = "nomenclature_upload"


@login_required
def nomenclature_list(request: HttpRequest) -> HttpResponse:
    filter_form = forms.NomenclatureFilterForm(request.GET)
    level, search = "", ""
    if filter_form.is_valid():
        level = filter_form.cleaned_data["level"]
        search = filter_form.cleaned_data["q"]
    items = selectors.nomenclature_list(level=level or None, search=search)
    return render(
        request,
        "planning/nomenclature_list.html",
        {
            "page": Paginator(items, PAGE_SIZE).get_page(request.GET.get("page")),
            "filter_form": filter_form,
            "decree": selectors.current_decree(),
            "may_import": _may_import(request.user),
        },
    )


@login_required
def decree_list(request: HttpRequest) -> HttpResponse:
    decrees = selectors.decree_list().annotate(item_count=Count("items"))
    return render(
        request,
        "planning/decree_list.html",
        {"decrees": decrees, "may_import": _may_import(request.user)},
    )


def _may_import(user) -> bool:
    return get_scope(user).pemda_wide(PEMDA_MANAGERS)


@login_required
def nomenclature_import(request: HttpRequest) -> HttpResponse:
    """Upload shows a preview (counts per level, every error per row and cell); apply imports
    the previewed file all-or-nothing."""
    if not _may_import(request.user):
        raise PermissionDenied
    context: dict = {}
    if request.method == "POST" and "token" in request.POST:
        apply_form = forms.NomenclatureApplyForm(request.POST)
        stash = request.session.get(_SESSION_KEY) or {}
        if not apply_form.is_valid() or stash.get("token") != apply_form.cleaned_data["token"]:
            messages.error(request, _("The upload has expired; upload the file again."))
            return redirect("planning:nomenclature_import")
        issued_on = stash.get("issued_on") or None
        try:
            decree = services.nomenclature_import(
                actor=request.user,
                content=base64.b64decode(stash["content"]),
                decree=stash.get("decree", ""),
                issued_on=parse_issued_on(issued_on),
            )
        except ImportRefused as exc:
            context["refused"] = exc.errors
        else:
            request.session.pop(_SESSION_KEY, None)
            messages.success(
                request,
                _("The nomenclature of “%(decree)s” was imported and is now current.")
                % {"decree": decree.name},
            )
            return redirect("planning:decree_list")
        form = forms.NomenclatureUploadForm()
    else:
        form = forms.NomenclatureUploadForm(
            request.POST if request.method == "POST" else None, request.FILES or None
        )
        if request.method == "POST" and form.is_valid():
            content = form.cleaned_data["file"].read()
            parsed = parse_workbook(content, decree=form.cleaned_data["decree"])
            issued_on = form.cleaned_data["issued_on"]
            token = uuid.uuid4().hex
            if not parsed.errors:
                request.session[_SESSION_KEY] = {
                    "token": token,
                    "content": base64.b64encode(content).decode("ascii"),
                    "decree": parsed.decree,
                    "issued_on": issued_on.isoformat() if issued_on else "",
                }
            context.update(
                {
                    "parsed": parsed,
                    "counts": list(parsed.counts.items()),
                    "apply_form": forms.NomenclatureApplyForm(initial={"token": token}),
                }
            )
    context["form"] = form
    return render(request, "planning/nomenclature_import.html", context)
