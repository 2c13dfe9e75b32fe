"""Perjanjian Kinerja pages: list, detail with the workflow, line and Rencana Aksi forms,
draft generation, revisions, the PDF download, coverage and the Excel export; and the public
verification page. Views parse, look up through scoped selectors, call one service, render."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.agreements import forms, selectors, services
from apps.agreements.models import PkStatus
from apps.agreements.tasks import export_pk_task
from apps.core.concurrency import StaleVersionError
from apps.core.forms import save_form, save_versioned_form
from apps.core.jobs import job_start
from apps.core.pagecache import lazy_context, page_cache
from apps.organisations import selectors as org_selectors
from apps.organisations.access import get_scope

PAGE_SIZE = 50


def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


@login_required
def pk_list(request: HttpRequest) -> HttpResponse:
    opds = org_selectors.opd_list(user=request.user)
    form = forms.FilterForm(request.GET or None, opds=opds)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.pk_list(
        user=request.user,
        year=filters.get("year"),
        opd=filters.get("opd"),
        status=filters.get("status") or "",
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "agreements/pk_list.html",
        {
            "page": page,
            "filter_form": form,
            "can_generate": selectors.generate_opd_choices(request.user).exists()
            or selectors.may_generate(request.user, None),
            "can_coverage": selectors.may_see_coverage(request.user),
            "year": filters.get("year") or timezone.localdate().year,
        },
    )


@login_required
def pk_detail(request: HttpRequest, code) -> HttpResponse:
    """One PK; served from the cache while the Pemda's data is unchanged (apps.core.pagecache)."""
    page = page_cache(request)
    pk = selectors.get_pk_for_user(request.user, code)

    def compute() -> dict:
        data = selectors.pk_detail(pk)
        today = timezone.localdate()
        return {
            **data,
            "actions": services.workflow.available(pk, request.user),
            "can_edit": pk.status == PkStatus.DRAFT and services.may_edit(request.user, pk),
            "can_revise": pk.status == PkStatus.SIGNED
            and services.may_edit(request.user, pk)
            and not any(v.previous_id == pk.pk for v in data["versions"]),
            # A signed PK shows the parties frozen in it: the current holders only otherwise.
            "first_party": None if pk.first_party_name else services.party_of(pk.position, today),
            "second_party": None
            if pk.second_party_name
            else services.party_of(pk.superior_position, today),
            "problems": services.sign_problems(pk, today) if pk.status == PkStatus.APPROVED else [],
        }

    names = ["lines", "budget_lines", "versions", "events", "actions", "can_edit", "can_revise"]
    names += ["first_party", "second_party", "problems"]
    return render(
        request,
        "agreements/pk_detail.html",
        {
            "page_cache": page,
            "pk": pk,
            **lazy_context(compute, *names),
            "transition_form": forms.TransitionForm(initial={"version": pk.version}),
        },
    )


@login_required
@require_POST
def pk_transition(request: HttpRequest, code, action: str) -> HttpResponse:
    pk = selectors.get_pk_for_user(request.user, code)
    form = forms.TransitionForm(request.POST)
    if action not in services.workflow.transitions:
        raise Http404
    if not services.workflow.transitions[action].may_act(request.user, pk):
        raise PermissionDenied
    if not form.is_valid():
        messages.error(request, _("The form was incomplete; please try again."))
        return redirect("agreements:pk_detail", code=pk.code)
    try:
        services.transition(
            actor=request.user,
            pk=pk,
            name=action,
            note=form.cleaned_data["note"],
            place=form.cleaned_data["place"],
            expected_version=form.cleaned_data["version"],
        )
    except StaleVersionError as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if action == "sign":
            messages.success(
                request, _("Signed. The PDF is being rendered; it will be ready in a moment.")
            )
        else:
            messages.success(request, _("Done."))
    return redirect("agreements:pk_detail", code=pk.code)


@login_required
def line_edit(request: HttpRequest, code) -> HttpResponse:
    line = selectors.get_rw_line_for_user(request.user, code)
    form = forms.LineForm(
        request.POST or None, initial=forms.LineForm.initial_for(line) if not request.POST else None
    )
    if request.method == "POST" and save_versioned_form(
        form,
        lambda data, version: services.line_update(
            actor=request.user, line=line, expected_version=version, **data
        ),
        obj=line,
        default_field="target",
    ):
        messages.success(request, _("Saved."))
        return redirect("agreements:pk_detail", code=line.pk_doc.code)
    return render(
        request,
        "agreements/line_form.html",
        {"form": form, "line": line, "pk": line.pk_doc, "heading": _("Edit target")},
    )


@login_required
def action_plan(request: HttpRequest, code) -> HttpResponse:
    line = selectors.get_rw_line_for_user(request.user, code)
    scale = bool(line.target_text and line.target is None)
    initial = None
    if request.method != "POST":
        initial = {"version": line.version}
        for q in line.quarters.all():
            initial[f"q{q.quarter}_target"] = q.target
            initial[f"q{q.quarter}_target_text"] = q.target_text
            initial[f"q{q.quarter}_actions"] = q.actions
    form = forms.ActionPlanForm(request.POST or None, initial=initial, scale=scale)
    if request.method == "POST" and save_versioned_form(
        form,
        lambda data, version: services.action_plan_save(
            actor=request.user, line=line, quarters=form.quarters(), expected_version=version
        ),
        obj=line,
        default_field=None,
    ):
        messages.success(request, _("Rencana Aksi saved."))
        return redirect("agreements:pk_detail", code=line.pk_doc.code)
    return render(
        request,
        "agreements/action_plan_form.html",
        {"form": form, "line": line, "pk": line.pk_doc, "heading": _("Rencana Aksi")},
    )


@login_required
def generate(request: HttpRequest) -> HttpResponse:
    opds = selectors.generate_opd_choices(request.user)
    if not selectors.may_generate(request.user, None) and not opds.exists():
        raise PermissionDenied
    form = forms.GenerateForm(
        request.POST or None, opds=opds, initial={"year": timezone.localdate().year}
    )
    if request.method == "POST" and form.is_valid():
        opd = form.cleaned_data["opd"]
        if not selectors.may_generate(request.user, opd):
            form.add_error("opd", _("Choose your OPD."))
        else:
            created = save_form(
                form,
                lambda data: services.generate_drafts(
                    actor=request.user,
                    pemda=request.user.pemda,
                    year=data["year"],
                    opd=data["opd"],
                ),
                default_field="year",
            )
            if created is not None:
                messages.success(request, _("%(n)s draft PK generated.") % {"n": len(created)})
                return redirect(f"{_list_url()}?year={form.cleaned_data['year']}")
    return render(
        request,
        "agreements/generate.html",
        {"form": form, "heading": _("Generate drafts"), "submit_label": _("Generate")},
    )


def _list_url() -> str:
    from django.urls import reverse

    return reverse("agreements:pk_list")


@login_required
def revise(request: HttpRequest, code) -> HttpResponse:
    pk = selectors.get_rw_pk_for_user(request.user, code)
    form = forms.ReviseForm(request.POST or None)
    if request.method == "POST":
        new = save_form(
            form,
            lambda data: services.revise(actor=request.user, pk=pk, **data),
            default_field="note",
        )
        if new is not None:
            messages.success(request, _("A new version was created as a draft."))
            return redirect("agreements:pk_detail", code=new.code)
    return render(
        request,
        "agreements/revise.html",
        {
            "form": form,
            "pk": pk,
            "heading": _("Revise (PK perubahan)"),
            "submit_label": _("Create the revision"),
        },
    )


@login_required
def pk_pdf(request: HttpRequest, code) -> HttpResponse:
    pk = selectors.get_pk_for_user(request.user, code)
    if not pk.pdf:
        raise Http404
    return FileResponse(
        pk.pdf.open("rb"),
        as_attachment=True,
        filename=f"PK-{pk.year}-v{pk.version_number}-{pk.verification_code}.pdf",
        content_type="application/pdf",
    )


@login_required
def coverage(request: HttpRequest) -> HttpResponse:
    if not selectors.may_see_coverage(request.user):
        raise PermissionDenied
    year = _year(request)
    data = selectors.coverage(user=request.user, year=year)
    return render(request, "agreements/coverage.html", {"year": year, **data})


@login_required
@require_POST
def export_start(request: HttpRequest) -> HttpResponse:
    scope = get_scope(request.user)
    if scope.is_anonymous or not scope.grants:
        raise PermissionDenied
    year = _year(request) if not request.POST.get("year") else int(request.POST["year"] or 0)
    opd = None
    if not scope.pemda_wide():
        # An OPD user exports their own OPD only.
        opd = org_selectors.opd_list(user=request.user).first()
        if opd is None:
            raise PermissionDenied
    job = job_start(
        kind="pk_export",
        owner=request.user,
        pemda_id=request.user.pemda_id,
        task=export_pk_task,
        params={"year": year, "opd": opd.pk if opd else None},
    )
    return redirect("core:job_detail", code=job.code)


# --- public verification --------------------------------------------------------------------


def verify(request: HttpRequest, code: str) -> HttpResponse:
    pk = selectors.pk_by_verification_code(code)
    form = forms.VerifyUploadForm(request.POST or None, request.FILES or None)
    match = None
    if pk is not None and request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 20 * 1024 * 1024:
            form.add_error("file", _("The file is too large."))
        else:
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            match = digest.hexdigest() == pk.pdf_sha256
    status = 200 if pk is not None else 404
    return render(
        request,
        "agreements/verify.html",
        {"pk": pk, "code": code, "form": form, "match": match},
        status=status,
    )
