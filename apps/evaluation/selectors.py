"""Reads of the evaluation app. Templates are Pemda-level objects: every member of the Pemda may
read them (an OPD self-assesses against them); only the template managers may change them."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from apps.evaluation.models import (
    AnswerOption,
    AnswerScale,
    Component,
    Criterion,
    LkeTemplate,
    SubComponent,
)
from apps.evaluation.scoring import ComponentSpec, SubComponentSpec
from apps.evaluation.templates_data import Crit
from apps.organisations.access import get_scope
from apps.organisations.models import Role

# Who may install, clone, edit, lock and import templates: the Pemda administrator and the
# Inspektorat's lead evaluator, on the Pemda itself.
TEMPLATE_MANAGERS = frozenset({Role.ADMIN, Role.EVALUATOR_LEAD})


def may_manage_templates(user) -> bool:
    scope = get_scope(user)
    return not scope.is_anonymous and scope.covers(None, TEMPLATE_MANAGERS)


def template_list(*, user) -> QuerySet[LkeTemplate]:
    scope = get_scope(user)
    if scope.is_anonymous or not scope.grants:
        return LkeTemplate.objects.none()
    return LkeTemplate.objects.filter(pemda_id=scope.pemda_id)


def get_template_for_user(user, code, *, write: bool = False) -> LkeTemplate:
    """404 for a template of another Pemda (or for a user without any role); 403 when `write`
    and the user does not manage templates."""
    try:
        template = template_list(user=user).get(code=code)
    except (LkeTemplate.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc
    if write and not may_manage_templates(user):
        raise PermissionDenied
    return template


def template_criteria(template: LkeTemplate) -> list[Criterion]:
    """Every criterion of the template with its sub-component, component and scale, in LKE order
    (one query)."""
    return list(
        Criterion.objects.filter(sub_component__component__template=template)
        .select_related("sub_component__component", "scale")
        .order_by(
            "sub_component__component__number",
            "sub_component__order",
            "sub_component__ref",
            "order",
            "number",
        )
    )


def template_scales(template: LkeTemplate) -> list[AnswerScale]:
    """The template's scales with their options (two queries)."""
    return list(
        AnswerScale.objects.filter(template=template).prefetch_related(
            Prefetch("options", queryset=AnswerOption.objects.order_by("order"))
        )
    )


def template_data(template: LkeTemplate) -> dict:
    """The template as plain data, in the shape of `apps.evaluation.templates_data` (what clone
    and the Excel export start from). Constant queries; components and sub-components without
    criteria are kept."""
    components = {
        c.pk: {"number": c.number, "name": c.name, "weight": str(c.weight), "sub_components": []}
        for c in Component.objects.filter(template=template).order_by("number")
    }
    subs = {}
    for s in SubComponent.objects.filter(component__template=template).order_by(
        "component__number", "order", "ref"
    ):
        subs[s.pk] = {
            "code": s.ref,
            "name": s.name,
            "weight": str(s.weight),
            "scale": "",
            "criteria": [],
        }
        components[s.component_id]["sub_components"].append(subs[s.pk])
    for c in template_criteria(template):
        subs[c.sub_component_id]["criteria"].append(
            Crit(
                text=c.text,
                evidence=list(c.evidence_types),
                autofill=c.autofill,
                scale=c.scale.key,
                guidance=c.guidance,
            )
        )
    return {
        "key": "",
        "name": template.name,
        "regulation": template.regulation,
        "variant": template.variant,
        "description": template.description,
        "is_default": False,
        "is_local_rendering": template.is_local_rendering,
        "scales": [
            {
                "key": s.key,
                "name": s.name,
                "options": [(o.label, str(o.value)) for o in s.options.all()],
            }
            for s in template_scales(template)
        ],
        "components": list(components.values()),
    }


def template_specs(
    template: LkeTemplate, criteria: list[Criterion] | None = None
) -> list[ComponentSpec]:
    """The template's structure for `scoring.evaluate`, criteria keyed by their code (str).
    `criteria`: the template's criteria already read in `template_criteria`'s order, with their
    sub-component and component (no query then)."""
    specs: dict[int, ComponentSpec] = {}
    subs: dict[int, SubComponentSpec] = {}
    for c in template_criteria(template) if criteria is None else criteria:
        sub = c.sub_component
        comp = sub.component
        if comp.pk not in specs:
            specs[comp.pk] = ComponentSpec(comp.number, Decimal(comp.weight), [])
        if sub.pk not in subs:
            subs[sub.pk] = SubComponentSpec(sub.ref, Decimal(sub.weight), [])
            specs[comp.pk].sub_components.append(subs[sub.pk])
        subs[sub.pk].criteria.append(str(c.code))
    return list(specs.values())
