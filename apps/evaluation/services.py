"""Writes of the evaluation app: the LKE templates.

Shipped templates are installed per Pemda from `templates_data` (idempotent); a local variant is
a deep copy (clone) or an Excel import. A template that is locked — in use by an evaluation
round — refuses every change: the reason is given and a clone is the way forward. Every write is
recorded in the activity log; the rows keep their history (django-simple-history).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.activity import log_action
from apps.core.concurrency import save_versioned
from apps.evaluation.models import (
    AnswerOption,
    AnswerScale,
    Autofill,
    Component,
    Criterion,
    LkeTemplate,
    SubComponent,
)
from apps.evaluation.selectors import may_manage_templates, template_data
from apps.evaluation.templates_data import shipped
from apps.organisations.models import OrgUnit

HUNDRED = Decimal(100)


# --- guards ------------------------------------------------------------------------------------


def _require_manager(actor, pemda_id: int) -> None:
    """The actor manages templates of this Pemda (None: the system, e.g. a management command)."""
    if actor is None:
        return
    if getattr(actor, "pemda_id", None) != pemda_id or not may_manage_templates(actor):
        raise PermissionDenied(_("You may not change the LKE templates."))


def _refuse_locked(template: LkeTemplate) -> None:
    if template.is_locked or template.is_in_use():
        raise ValidationError(
            _(
                "The template %(name)s is locked because an evaluation uses it; "
                "clone it to make changes."
            )
            % {"name": template.name}
        )


def parse_weight(value, field: str) -> Decimal:
    try:
        weight = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: _("Enter the weight as a number.")}) from exc
    if not weight.is_finite() or weight <= 0 or weight > HUNDRED:
        raise ValidationError({field: _("A weight lies above 0 and at most 100.")})
    if weight != weight.quantize(Decimal("0.01")):
        raise ValidationError({field: _("A weight has at most two decimals.")})
    return weight


def _evidence(value: Iterable[str]) -> list[str]:
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise ValidationError({"evidence_types": _("Give the evidence documents as a list.")})
    out = [v.strip() for v in value if v.strip()]
    if len(set(out)) != len(out):
        raise ValidationError({"evidence_types": _("An evidence document is listed twice.")})
    return out


def _autofill(value: str) -> str:
    if value and value not in Autofill.values:
        raise ValidationError(
            {"autofill": _("%(key)s is not a data check the system knows.") % {"key": value}}
        )
    return value


def _text(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("This field is required.")})
    return value


def _audit(action: str, actor, template: LkeTemplate, obj=None, **data) -> None:
    log_action(
        action=action,
        actor=actor,
        obj=obj if obj is not None else template,
        pemda_id=template.pemda_id,
        data={"template": str(template.code), **data},
    )


# --- building a template from data ---------------------------------------------------------------


def _build(*, pemda_id: int, data: dict, name: str, key: str, based_on=None) -> LkeTemplate:
    """Create a whole template from plain data (templates_data's shape); validates as it goes."""
    template = LkeTemplate.objects.create(
        pemda_id=pemda_id,
        key=key,
        name=_text(name, "name"),
        regulation=data.get("regulation", ""),
        variant=data.get("variant", ""),
        description=data.get("description", ""),
        is_local_rendering=data.get("is_local_rendering", False),
        based_on=based_on,
    )
    scales: dict[str, AnswerScale] = {}
    for scale_data in data["scales"]:
        scale = AnswerScale.objects.create(
            pemda_id=pemda_id, template=template, key=scale_data["key"], name=scale_data["name"]
        )
        for order, (label, value) in enumerate(scale_data["options"], start=1):
            value = Decimal(str(value))
            if not Decimal(0) <= value <= Decimal(1):
                raise ValidationError(
                    _("The value of answer %(label)s lies between 0 and 1.") % {"label": label}
                )
            AnswerOption.objects.create(
                pemda_id=pemda_id, scale=scale, label=label, value=value, order=order
            )
        scales[scale.key] = scale
    for comp_data in data["components"]:
        component = Component.objects.create(
            pemda_id=pemda_id,
            template=template,
            number=comp_data["number"],
            name=_text(comp_data["name"], "name"),
            weight=parse_weight(comp_data["weight"], "weight"),
        )
        for sub_order, sub_data in enumerate(comp_data["sub_components"], start=1):
            sub = SubComponent.objects.create(
                pemda_id=pemda_id,
                component=component,
                ref=sub_data["code"],
                name=_text(sub_data["name"], "name"),
                weight=parse_weight(sub_data["weight"], "weight"),
                order=sub_order,
            )
            for number, crit in enumerate(sub_data["criteria"], start=1):
                scale_key = crit.scale or sub_data.get("scale", "")
                if scale_key not in scales:
                    raise ValidationError(
                        _("The answer scale %(scale)s is not part of the template.")
                        % {"scale": scale_key}
                    )
                Criterion.objects.create(
                    pemda_id=pemda_id,
                    sub_component=sub,
                    number=number,
                    order=number,
                    text=_text(crit.text, "text"),
                    scale=scales[scale_key],
                    guidance=crit.guidance,
                    evidence_types=_evidence(crit.evidence),
                    autofill=_autofill(crit.autofill),
                )
    return template


def templates_install(*, pemda: OrgUnit, actor=None) -> list[LkeTemplate]:
    """Install the shipped templates (88/2021, 12/2015) for one Pemda. Idempotent: a template
    whose key is already installed is left as it is (it may be locked and in use). The shipped
    default becomes the Pemda's default only when it has none yet."""
    _require_manager(actor, pemda.pk)
    created = []
    with transaction.atomic():
        # Lock the Pemda row so two installs cannot both create the same template.
        OrgUnit.objects.select_for_update().get(pk=pemda.pk)
        installed = set(
            LkeTemplate.objects.filter(pemda_id=pemda.pk)
            .exclude(key="")
            .values_list("key", flat=True)
        )
        has_default = LkeTemplate.objects.filter(pemda_id=pemda.pk, is_default=True).exists()
        for data in shipped():
            if data["key"] in installed:
                continue
            template = _build(pemda_id=pemda.pk, data=data, name=data["name"], key=data["key"])
            if data["is_default"] and not has_default:
                template.is_default = True
                template.save(update_fields=["is_default"])
                has_default = True
            _audit("sakip.lke_template.installed", actor, template, key=data["key"])
            created.append(template)
    return created


def template_clone(*, actor, template: LkeTemplate, name: str) -> LkeTemplate:
    """A local variant: a deep copy of the template (scales, components, sub-components,
    criteria), unlocked and not the default, remembering what it was based on."""
    _require_manager(actor, template.pemda_id)
    name = _text(name, "name")
    with transaction.atomic():
        data = template_data(template)
        clone = _build(pemda_id=template.pemda_id, data=data, name=name, key="", based_on=template)
        _audit("sakip.lke_template.cloned", actor, clone, based_on=str(template.code))
    return clone


def template_create_from_data(*, actor, pemda_id: int, data: dict, name: str) -> LkeTemplate:
    """A new local template from plain data (the Excel import builds the data)."""
    _require_manager(actor, pemda_id)
    with transaction.atomic():
        template = _build(pemda_id=pemda_id, data=data, name=name, key="")
        _audit("sakip.lke_template.imported", actor, template)
    return template


def template_lock(*, actor, template: LkeTemplate) -> LkeTemplate:
    """Lock the template (an evaluation round starts using it). Locking twice keeps the first
    time."""
    _require_manager(actor, template.pemda_id)
    with transaction.atomic():
        template = LkeTemplate.objects.select_for_update().get(pk=template.pk)
        if template.locked_at is None:
            template.locked_at = timezone.now()
            template.save(update_fields=["locked_at", "updated_at"])
            _audit("sakip.lke_template.locked", actor, template)
    return template


def template_set_default(*, actor, template: LkeTemplate) -> LkeTemplate:
    """Make the template the Pemda's default (the one a new round proposes)."""
    _require_manager(actor, template.pemda_id)
    with transaction.atomic():
        LkeTemplate.objects.select_for_update().filter(pemda_id=template.pemda_id).exclude(
            pk=template.pk
        ).filter(is_default=True).update(is_default=False)
        template.is_default = True
        template.save(update_fields=["is_default", "updated_at"])
        _audit("sakip.lke_template.changed", actor, template, is_default=True)
    return template


# --- edits of an unlocked template -------------------------------------------------------------


def _editable(actor, template: LkeTemplate) -> LkeTemplate:
    _require_manager(actor, template.pemda_id)
    template = LkeTemplate.objects.select_for_update().get(pk=template.pk)
    _refuse_locked(template)
    return template


def component_update(
    *, actor, component: Component, expected_version: int, name: str | None = None, weight=None
) -> Component:
    with transaction.atomic():
        template = _editable(actor, component.template)
        changed = {}
        if name is not None:
            component.name = changed["name"] = _text(name, "name")
        if weight is not None:
            component.weight = parse_weight(weight, "weight")
            changed["weight"] = str(component.weight)
        save_versioned(component, expected_version=expected_version, fields=["name", "weight"])
        _audit("sakip.lke_template.changed", actor, template, component, **changed)
    return component


def sub_component_update(
    *,
    actor,
    sub_component: SubComponent,
    expected_version: int,
    name: str | None = None,
    weight=None,
) -> SubComponent:
    with transaction.atomic():
        template = _editable(actor, sub_component.component.template)
        changed = {}
        if name is not None:
            sub_component.name = changed["name"] = _text(name, "name")
        if weight is not None:
            sub_component.weight = parse_weight(weight, "weight")
            changed["weight"] = str(sub_component.weight)
        save_versioned(sub_component, expected_version=expected_version, fields=["name", "weight"])
        _audit("sakip.lke_template.changed", actor, template, sub_component, **changed)
    return sub_component


def _scale_of(template: LkeTemplate, scale: AnswerScale) -> AnswerScale:
    if scale.template_id != template.pk:
        raise ValidationError({"scale": _("Choose an answer scale of this template.")})
    return scale


def criterion_update(
    *,
    actor,
    criterion: Criterion,
    expected_version: int,
    text: str | None = None,
    guidance: str | None = None,
    scale: AnswerScale | None = None,
    evidence_types: Iterable[str] | None = None,
    autofill: str | None = None,
) -> Criterion:
    with transaction.atomic():
        template = _editable(actor, criterion.sub_component.component.template)
        if text is not None:
            criterion.text = _text(text, "text")
        if guidance is not None:
            criterion.guidance = guidance.strip()
        if scale is not None:
            criterion.scale = _scale_of(template, scale)
        if evidence_types is not None:
            criterion.evidence_types = _evidence(evidence_types)
        if autofill is not None:
            criterion.autofill = _autofill(autofill)
        save_versioned(
            criterion,
            expected_version=expected_version,
            fields=["text", "guidance", "scale", "evidence_types", "autofill"],
        )
        _audit(
            "sakip.lke_template.changed", actor, template, criterion, criterion=str(criterion.code)
        )
    return criterion


def criterion_add(
    *,
    actor,
    sub_component: SubComponent,
    text: str,
    scale: AnswerScale,
    evidence_types: Iterable[str] = (),
    guidance: str = "",
    autofill: str = "",
) -> Criterion:
    """Append a criterion to the sub-component (the next number)."""
    with transaction.atomic():
        template = _editable(actor, sub_component.component.template)
        last = sub_component.criteria.aggregate(n=Max("number"), o=Max("order"))
        criterion = Criterion.objects.create(
            pemda_id=template.pemda_id,
            sub_component=sub_component,
            number=(last["n"] or 0) + 1,
            order=(last["o"] or 0) + 1,
            text=_text(text, "text"),
            scale=_scale_of(template, scale),
            guidance=guidance.strip(),
            evidence_types=_evidence(evidence_types),
            autofill=_autofill(autofill),
        )
        _audit("sakip.lke_template.changed", actor, template, criterion, added=True)
    return criterion


def criterion_remove(*, actor, criterion: Criterion) -> None:
    """Remove a criterion of an unlocked template (nothing scores against it yet)."""
    with transaction.atomic():
        template = _editable(actor, criterion.sub_component.component.template)
        _audit(
            "sakip.lke_template.changed",
            actor,
            template,
            criterion,
            removed=str(criterion.code),
            text=criterion.text[:200],
        )
        criterion.delete()


# --- checks --------------------------------------------------------------------------------------


def check_weights(template: LkeTemplate) -> list[str]:
    """Problems with the weights: the components must add up to 100 and each component's
    sub-components to the component's weight (PermenPANRB 88/2021: 30/30/15/25). Empty: fine."""
    problems: list[str] = []
    components = list(
        Component.objects.filter(template=template).prefetch_related("sub_components__criteria")
    )
    total = sum((c.weight for c in components), Decimal(0))
    if total != HUNDRED:
        problems.append(
            _("The component weights add up to %(total)s instead of 100.") % {"total": total}
        )
    for c in components:
        subs = list(c.sub_components.all())
        sub_total = sum((s.weight for s in subs), Decimal(0))
        if sub_total != c.weight:
            problems.append(
                _(
                    "The sub-components of component %(number)s add up to %(total)s instead of "
                    "its weight %(weight)s."
                )
                % {"number": c.number, "total": sub_total, "weight": c.weight}
            )
        for s in subs:
            if not s.criteria.all():
                problems.append(
                    _("Sub-component %(number)s.%(code)s has no criteria.")
                    % {"number": c.number, "code": s.ref}
                )
    return problems
