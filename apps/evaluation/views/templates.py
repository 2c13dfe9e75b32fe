"""LKE template pages: the Pemda's templates, one template's structure with its weight check,
the managers' edits of an unlocked template (versioned), clone / default, and the Excel export
and import (upload → preview → confirm).

Everyone of the Pemda reads the templates (selectors.template_list scopes them; another Pemda's
template is a 404); only the template managers (selectors.may_manage_templates) write (403). A
locked template — one an evaluation round uses — is refused by the services, whose message the
page shows. Between the import's preview and its confirmation the uploaded workbook stays in the
user's session under a one-time token, as the measurement imports do.
"""

from __future__ import annotations

import base64
import uuid
from collections import defaultdict
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core.forms import VersionedForm, add_service_errors, bound_data, save_versioned_form
from apps.evaluation import excel, selectors, services
from apps.evaluation.models import (
    AnswerScale,
    Autofill,
    Component,
    Criterion,
    EvaluationRound,
    LkeTemplate,
    SubComponent,
)
from apps.measurement.views.budget import XLSX, UploadForm

HUNDRED = Decimal(100)
SESSION_KEY = "evaluation-template-import"


# --- lookups -----------------------------------------------------------------------------------


def _templates(user):
    return selectors.template_list(user=user)


def _get(model, user, code, *, path: str, write: bool):
    """A component / sub-component / criterion of a template the user reads (404 otherwise);
    403 when `write` and the user does not manage templates."""
    try:
        obj = model.objects.filter(**{f"{path}__in": _templates(user)}).get(code=code)
    except (model.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc
    if write and not selectors.may_manage_templates(user):
        raise PermissionDenied
    return obj


def _weight_problem_counts(templates: list[LkeTemplate]) -> dict[int, int]:
    """How many problems services.check_weights reports, for many templates at once (two
    queries; check_weights itself reads one template)."""
    counts: dict[int, int] = defaultdict(int)
    components = list(Component.objects.filter(template__in=templates))
    subs = defaultdict(list)
    for s in SubComponent.objects.filter(component__template__in=templates).annotate(
        n=Count("criteria")
    ):
        subs[s.component_id].append(s)
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for c in components:
        totals[c.template_id] += c.weight
        if sum((s.weight for s in subs[c.pk]), Decimal(0)) != c.weight:
            counts[c.template_id] += 1
        counts[c.template_id] += sum(1 for s in subs[c.pk] if not s.n)
    for t in templates:
        if totals[t.pk] != HUNDRED:
            counts[t.pk] += 1
    return counts


# --- list and detail ---------------------------------------------------------------------------


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    templates = list(
        _templates(request.user)
        .annotate(
            criteria_count=Count("components__sub_components__criteria", distinct=True),
            in_use=Exists(EvaluationRound.objects.filter(template=OuterRef("pk"))),
        )
        .order_by("-is_default", "name")
    )
    problems = _weight_problem_counts(templates)
    for t in templates:
        t.problem_count = problems[t.pk]
    return render(
        request,
        "evaluation/templates/template_list.html",
        {"templates": templates, "may_manage": selectors.may_manage_templates(request.user)},
    )


@login_required
def template_detail(request: HttpRequest, code) -> HttpResponse:
    template = selectors.get_template_for_user(request.user, code)
    criteria = selectors.template_criteria(template)
    components = list(Component.objects.filter(template=template).order_by("number"))
    subs = list(
        SubComponent.objects.filter(component__template=template).order_by(
            "component__number", "order", "ref"
        )
    )
    by_sub = defaultdict(list)
    for c in criteria:
        by_sub[c.sub_component_id].append(c)
    by_component = defaultdict(list)
    for s in subs:
        s.criteria_list = by_sub[s.pk]
        by_component[s.component_id].append(s)
    for c in components:
        c.subs = by_component[c.pk]
    rounds = list(EvaluationRound.objects.filter(template=template).order_by("-year", "name"))
    return render(
        request,
        "evaluation/templates/template_detail.html",
        {
            "template": template,
            "components": components,
            "criteria_count": len(criteria),
            "problems": services.check_weights(template),
            "rounds": rounds,
            "locked": template.is_locked or bool(rounds),
            "may_manage": selectors.may_manage_templates(request.user),
            "clone_form": CloneForm(initial={"name": _("%(name)s (local)") % {"name": template}}),
        },
    )


# --- template actions --------------------------------------------------------------------------


class CloneForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the copy"), max_length=200)


@login_required
@require_POST
def template_install(request: HttpRequest) -> HttpResponse:
    if not selectors.may_manage_templates(request.user):
        raise PermissionDenied
    created = services.templates_install(pemda=request.user.pemda, actor=request.user)
    messages.success(request, _("%(count)s shipped templates installed.") % {"count": len(created)})
    return redirect("evaluation:template_list")


@login_required
@require_POST
def template_clone(request: HttpRequest, code) -> HttpResponse:
    template = selectors.get_template_for_user(request.user, code, write=True)
    form = CloneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the copy a name."))
        return redirect("evaluation:template_detail", code=template.code)
    try:
        clone = services.template_clone(
            actor=request.user, template=template, name=form.cleaned_data["name"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("evaluation:template_detail", code=template.code)
    messages.success(request, _("Copy created; you may edit it."))
    return redirect("evaluation:template_detail", code=clone.code)


@login_required
@require_POST
def template_default(request: HttpRequest, code) -> HttpResponse:
    template = selectors.get_template_for_user(request.user, code, write=True)
    services.template_set_default(actor=request.user, template=template)
    messages.success(request, _("%(name)s is now the default template.") % {"name": template})
    return redirect("evaluation:template_detail", code=template.code)


@login_required
def template_export(request: HttpRequest, code) -> HttpResponse:
    template = selectors.get_template_for_user(request.user, code)
    response = HttpResponse(excel.template_workbook(template=template), content_type=XLSX)
    name = slugify(template.name)[:50] or "lke"
    response["Content-Disposition"] = f'attachment; filename="lke_{name}.xlsx"'
    return response


# --- edits -------------------------------------------------------------------------------------


class WeightedForm(VersionedForm):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    weight = forms.DecimalField(label=gettext_lazy("Weight"), max_digits=6, decimal_places=2)


class CriterionForm(VersionedForm):
    text = forms.CharField(
        label=gettext_lazy("Criterion"), widget=forms.Textarea(attrs={"rows": 3})
    )
    guidance = forms.CharField(
        label=gettext_lazy("Guidance"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    scale = forms.ModelChoiceField(label=gettext_lazy("Answer scale"), queryset=None)
    evidence_types = forms.CharField(
        label=gettext_lazy("Evidence documents"),
        required=False,
        help_text=gettext_lazy("Separate the documents with commas."),
    )
    autofill = forms.ChoiceField(
        label=gettext_lazy("Data check"),
        required=False,
        choices=[("", "–"), *Autofill.choices],
    )
    edit_fields = ("text", "guidance", "scale", "autofill")

    def __init__(self, *args, template: LkeTemplate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scale"].queryset = AnswerScale.objects.filter(template=template)

    @classmethod
    def initial_for(cls, obj: Criterion) -> dict:
        initial = super().initial_for(obj)
        initial["evidence_types"] = ", ".join(obj.evidence_types)
        return initial


def _evidence_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _edit_page(request, *, form, template, obj, kind: str, save) -> HttpResponse:
    if request.method == "POST" and save_versioned_form(form, save, obj=obj):
        messages.success(request, _("Saved. Check the weights below."))
        return redirect("evaluation:template_detail", code=template.code)
    return render(
        request,
        "evaluation/templates/template_edit.html",
        {
            "form": form,
            "template": template,
            "obj": obj,
            "kind": kind,
            "locked": template.is_locked or template.is_in_use(),
        },
    )


@login_required
def component_edit(request: HttpRequest, code) -> HttpResponse:
    component = _get(Component, request.user, code, path="template", write=True)
    form = WeightedForm(bound_data(request), initial=WeightedForm.initial_for(component))
    return _edit_page(
        request,
        form=form,
        template=component.template,
        obj=component,
        kind=_("component"),
        save=lambda data, version: services.component_update(
            actor=request.user, component=component, expected_version=version, **data
        ),
    )


@login_required
def sub_component_edit(request: HttpRequest, code) -> HttpResponse:
    sub = _get(SubComponent, request.user, code, path="component__template", write=True)
    form = WeightedForm(bound_data(request), initial=WeightedForm.initial_for(sub))
    return _edit_page(
        request,
        form=form,
        template=sub.component.template,
        obj=sub,
        kind=_("sub-component"),
        save=lambda data, version: services.sub_component_update(
            actor=request.user, sub_component=sub, expected_version=version, **data
        ),
    )


@login_required
def criterion_edit(request: HttpRequest, code) -> HttpResponse:
    criterion = _get(
        Criterion, request.user, code, path="sub_component__component__template", write=True
    )
    template = criterion.sub_component.component.template
    form = CriterionForm(
        bound_data(request), initial=CriterionForm.initial_for(criterion), template=template
    )

    def save(data, version):
        data["evidence_types"] = _evidence_list(data["evidence_types"])
        return services.criterion_update(
            actor=request.user, criterion=criterion, expected_version=version, **data
        )

    return _edit_page(
        request, form=form, template=template, obj=criterion, kind=_("criterion"), save=save
    )


class CriterionAddForm(CriterionForm):
    version = None


@login_required
def criterion_add(request: HttpRequest, code) -> HttpResponse:
    sub = _get(SubComponent, request.user, code, path="component__template", write=True)
    template = sub.component.template
    form = CriterionAddForm(bound_data(request), template=template)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["evidence_types"] = _evidence_list(data["evidence_types"])
        try:
            services.criterion_add(actor=request.user, sub_component=sub, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved. Check the weights below."))
            return redirect("evaluation:template_detail", code=template.code)
    return render(
        request,
        "evaluation/templates/template_edit.html",
        {
            "form": form,
            "template": template,
            "obj": sub,
            "kind": _("sub-component"),
            "locked": template.is_locked or template.is_in_use(),
        },
    )


@login_required
@require_POST
def criterion_remove(request: HttpRequest, code) -> HttpResponse:
    criterion = _get(
        Criterion, request.user, code, path="sub_component__component__template", write=True
    )
    template = criterion.sub_component.component.template
    try:
        services.criterion_remove(actor=request.user, criterion=criterion)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Criterion removed."))
    return redirect("evaluation:template_detail", code=template.code)


# --- import ------------------------------------------------------------------------------------


class ImportForm(UploadForm):
    name = forms.CharField(label=gettext_lazy("Name of the new template"), max_length=200)


def _run_import(request, content: bytes, name: str, *, apply: bool):
    """Run the import; for the preview, build the template and roll it back so that the page
    can list what would be created. Returns (report, data or None, template or None)."""
    pemda_id = request.user.pemda_id
    if apply:
        result = excel.template_import(
            actor=request.user, pemda_id=pemda_id, content=content, name=name
        )
        return result.report, None, result.template
    data = None
    try:
        with transaction.atomic():
            result = excel.template_import(
                actor=request.user, pemda_id=pemda_id, content=content, name=name
            )
            if result.template is not None:
                data = selectors.template_data(result.template)
            raise _Rollback
    except _Rollback:
        pass
    result.report.applied = False
    return result.report, data, None


class _Rollback(Exception):
    pass


@login_required
def template_import(request: HttpRequest) -> HttpResponse:
    if not selectors.may_manage_templates(request.user):
        raise PermissionDenied
    if request.method == "POST" and "token" in request.POST:
        stash = request.session.get(SESSION_KEY) or {}
        request.session.pop(SESSION_KEY, None)
        if not stash or stash.get("token") != request.POST.get("token"):
            messages.error(request, _("The preview has expired; upload the workbook again."))
            return redirect("evaluation:template_import")
        report, _data, template = _run_import(
            request, base64.b64decode(stash["content"]), stash["name"], apply=True
        )
        if template is not None:
            messages.success(request, _("Template imported."))
            return redirect("evaluation:template_detail", code=template.code)
        return render(
            request, "evaluation/templates/template_import_preview.html", {"report": report}
        )
    form = ImportForm(bound_data(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        name = form.cleaned_data["name"]
        report, data, _template = _run_import(request, content, name, apply=False)
        token = ""
        if not report.errors:
            token = uuid.uuid4().hex
            request.session[SESSION_KEY] = {
                "token": token,
                "name": name,
                "content": base64.b64encode(content).decode("ascii"),
            }
        return render(
            request,
            "evaluation/templates/template_import_preview.html",
            {"report": report, "data": data, "token": token, "name": name},
        )
    return render(request, "evaluation/templates/template_import.html", {"form": form})
