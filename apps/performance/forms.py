"""Forms of the plan pages (RPJMD, Renstra, Renja, review). They parse input; the services in
apps.performance.services enforce every rule and their errors are put back on these fields.

Numbers (targets, baselines, budgets, pagu) are text fields: the services read them as people
type them ("75,5", "1.500.000") and refuse anything else with a message on the field. Related
rows are chosen by their opaque code, never their database id.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from apps.core.forms import VersionedForm, model_field
from apps.organisations.models import OrgUnit, PlanPeriod, Position
from apps.performance.models import (
    Indicator,
    Node,
    NodeLevel,
    Strategy,
    ValueScale,
)
from apps.planning.models import NomenclatureItem, Renja, Rpjmd

# --- choice fields ----------------------------------------------------------------------------


class NodeChoiceField(forms.ModelChoiceField):
    """Statements indented by their depth, so the select reads like the tree. `lookup` (when
    set) is what a submitted code is looked up in: wider than the choices shown, so that a
    statement of another tree reaches the service and gets its explanation instead of the
    generic "not one of the choices"."""

    def __init__(self, queryset: QuerySet | None = None, **kwargs: Any):
        kwargs.setdefault("to_field_name", "code")
        self.lookup: QuerySet | None = None
        self.show_opd = kwargs.pop("show_opd", False)
        super().__init__(queryset if queryset is not None else Node.objects.none(), **kwargs)

    def label_from_instance(self, obj: Node) -> str:
        text = obj.statement if len(obj.statement) <= 110 else obj.statement[:107] + "…"
        prefix = f"{obj.renstra.opd.name}: " if self.show_opd and obj.renstra_id else ""
        return "\u00a0\u00a0\u00a0" * max(obj.level - 1, 0) + prefix + text

    def to_python(self, value: Any):
        if self.lookup is None or value in self.empty_values:
            return super().to_python(value)
        try:
            return self.lookup.get(code=value)
        except (Node.DoesNotExist, ValueError, TypeError, DjangoValidationError) as exc:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from exc

    def validate(self, value: Any) -> None:
        # The lookup queryset already checked the value; the shown choices may be narrower.
        forms.Field.validate(self, value)


class NodeMultipleChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, queryset: QuerySet | None = None, **kwargs: Any):
        kwargs.setdefault("to_field_name", "code")
        super().__init__(queryset if queryset is not None else Node.objects.none(), **kwargs)

    def label_from_instance(self, obj: Node) -> str:
        return f"{obj.number} {obj.statement}".strip()


class PositionChoiceField(forms.ModelChoiceField):
    def __init__(self, queryset: QuerySet | None = None, **kwargs: Any):
        kwargs.setdefault("to_field_name", "code")
        super().__init__(queryset if queryset is not None else Position.objects.none(), **kwargs)

    def label_from_instance(self, obj: Position) -> str:
        return f"{obj.title} ({obj.unit.name})"


class NomenclatureChoiceField(forms.ModelChoiceField):
    def __init__(self, queryset: QuerySet | None = None, **kwargs: Any):
        kwargs.setdefault("to_field_name", "code")
        super().__init__(
            queryset if queryset is not None else NomenclatureItem.objects.none(), **kwargs
        )

    def label_from_instance(self, obj: NomenclatureItem) -> str:
        return f"{obj.code} {obj.name}"


class CodeChoiceField(forms.ModelChoiceField):
    """Any row with a `code`, labelled by its str()."""

    def __init__(self, queryset: QuerySet, **kwargs: Any):
        kwargs.setdefault("to_field_name", "code")
        super().__init__(queryset, **kwargs)


def _set(form: forms.BaseForm, name: str, queryset: QuerySet | None) -> None:
    if name in form.fields and queryset is not None:
        form.fields[name].queryset = queryset


# --- documents ----------------------------------------------------------------------------------


class RpjmdCreateForm(forms.Form):
    period = CodeChoiceField(PlanPeriod.objects.none(), label=_("Plan period"))
    visi = model_field(Rpjmd, "visi", required=True, widget=forms.Textarea(attrs={"rows": 3}))
    regulation = model_field(Rpjmd, "regulation")

    def __init__(self, *args: Any, periods: QuerySet | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _set(self, "period", periods)


class RpjmdEditForm(VersionedForm):
    visi = model_field(Rpjmd, "visi", required=True, widget=forms.Textarea(attrs={"rows": 3}))
    regulation = model_field(Rpjmd, "regulation")


class RenstraCreateForm(forms.Form):
    period = CodeChoiceField(PlanPeriod.objects.none(), label=_("Plan period"))
    opd = CodeChoiceField(OrgUnit.objects.none(), label=_("OPD"))

    def __init__(
        self,
        *args: Any,
        periods: QuerySet | None = None,
        opds: QuerySet | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        _set(self, "period", periods)
        _set(self, "opd", opds)


class PeriodFilterForm(forms.Form):
    period = CodeChoiceField(PlanPeriod.objects.none(), label=_("Plan period"), required=False)

    def __init__(self, *args: Any, periods: QuerySet | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _set(self, "period", periods)


# --- statements ---------------------------------------------------------------------------------


class NodeFieldsMixin(forms.Form):
    """The fields of a statement; the view removes those that do not apply to its level."""

    statement = model_field(
        Node, "statement", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    number = model_field(Node, "number")
    owner_position = PositionChoiceField(label=_("Owner position"), required=False)
    nomenclature = NomenclatureChoiceField(label=_("Nomenclature"), required=False)
    opd = CodeChoiceField(OrgUnit.objects.none(), label=_("OPD"), required=False)

    def setup(
        self,
        *,
        owners: QuerySet | None,
        items: QuerySet | None,
        opds: QuerySet | None,
        level: str,
        in_rpjmd: bool,
    ) -> None:
        _set(self, "owner_position", owners)
        _set(self, "nomenclature", items)
        _set(self, "opd", opds)
        if level not in {NodeLevel.PROGRAM, NodeLevel.KEGIATAN, NodeLevel.SUBKEGIATAN}:
            self.fields.pop("nomenclature", None)
        else:
            self.fields["statement"].help_text = _(
                "Left empty, the statement is the nomenclature name."
            )
        if not (in_rpjmd and level == NodeLevel.PROGRAM):
            self.fields.pop("opd", None)
        if level in {NodeLevel.VISI, NodeLevel.MISI, NodeLevel.OPD}:
            self.fields.pop("owner_position", None)


class NodeCreateForm(NodeFieldsMixin):
    pemda_sasaran = NodeMultipleChoiceField(
        label=_("Supports RPJMD sasaran"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )

    def __init__(
        self,
        *args: Any,
        level: str,
        in_rpjmd: bool,
        owners: QuerySet | None = None,
        items: QuerySet | None = None,
        opds: QuerySet | None = None,
        sasaran: QuerySet | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.setup(owners=owners, items=items, opds=opds, level=level, in_rpjmd=in_rpjmd)
        if in_rpjmd or level not in {NodeLevel.TUJUAN, NodeLevel.SASARAN}:
            self.fields.pop("pemda_sasaran")
        else:
            _set(self, "pemda_sasaran", sasaran)


class NodeEditForm(NodeFieldsMixin, VersionedForm):
    field_order = ("statement", "number", "owner_position", "nomenclature", "opd")

    def __init__(
        self,
        *args: Any,
        level: str,
        in_rpjmd: bool,
        owners: QuerySet | None = None,
        items: QuerySet | None = None,
        opds: QuerySet | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.setup(owners=owners, items=items, opds=opds, level=level, in_rpjmd=in_rpjmd)
        if level == NodeLevel.OPD:
            self.fields.pop("statement")

    @staticmethod
    def initial_from(node: Node) -> dict[str, Any]:
        return {
            "statement": node.statement,
            "number": node.number,
            "owner_position": node.owner_position,
            "nomenclature": node.nomenclature,
            "opd": node.opd,
            "version": node.version,
        }


class NodeMoveForm(forms.Form):
    parent = NodeChoiceField(label=_("New parent"))

    def __init__(
        self, *args: Any, parents: QuerySet | None = None, lookup: QuerySet | None = None, **kw
    ):
        super().__init__(*args, **kw)
        _set(self, "parent", parents)
        self.fields["parent"].lookup = lookup


class CascadeForm(forms.Form):
    pemda_sasaran = NodeMultipleChoiceField(
        label=_("Supports RPJMD sasaran"), widget=forms.SelectMultiple(attrs={"size": 8})
    )

    def __init__(self, *args: Any, sasaran: QuerySet | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _set(self, "pemda_sasaran", sasaran)


class StrategyForm(forms.Form):
    kind = model_field(Strategy, "kind")
    text = model_field(Strategy, "text", widget=forms.Textarea(attrs={"rows": 2}))


class CrosscutForm(forms.Form):
    target = NodeChoiceField(label=_("Statement of another OPD it supports"), show_opd=True)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, targets: QuerySet | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _set(self, "target", targets)


# --- indicators, targets, budgets ---------------------------------------------------------------

_NUMBER_HELP = _("A number, e.g. 75 or 75,5.")


class IndicatorFieldsMixin(forms.Form):
    name = model_field(Indicator, "name")
    definition = model_field(Indicator, "definition", widget=forms.Textarea(attrs={"rows": 2}))
    formula = model_field(Indicator, "formula", widget=forms.Textarea(attrs={"rows": 2}))
    unit = model_field(Indicator, "unit")
    value_type = model_field(Indicator, "value_type")
    scale = CodeChoiceField(ValueScale.objects.none(), label=_("Scale"), required=False)
    polarity = model_field(Indicator, "polarity")
    aggregation = model_field(Indicator, "aggregation")
    min_value = forms.CharField(label=_("Lowest valid value"), required=False)
    max_value = forms.CharField(
        label=_("Highest valid value"),
        required=False,
        help_text=_("E.g. 100 for a percentage that cannot exceed 100."),
    )
    data_source = model_field(Indicator, "data_source")
    responsible_position = PositionChoiceField(label=_("Responsible position"), required=False)
    is_iku = model_field(Indicator, "is_iku")
    is_ikk = model_field(Indicator, "is_ikk")
    baseline = forms.CharField(label=_("Baseline (kondisi awal)"), required=False)
    baseline_text = model_field(Indicator, "baseline_text")
    national_standard = model_field(Indicator, "national_standard")

    def setup(self, *, scales: QuerySet | None, positions: QuerySet | None) -> None:
        _set(self, "scale", scales)
        _set(self, "responsible_position", positions)

    def indicator_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in INDICATOR_FORM_FIELDS}


INDICATOR_FORM_FIELDS = (
    "name",
    "definition",
    "formula",
    "unit",
    "value_type",
    "scale",
    "polarity",
    "aggregation",
    "min_value",
    "max_value",
    "data_source",
    "responsible_position",
    "is_iku",
    "is_ikk",
    "baseline",
    "baseline_text",
    "national_standard",
)


def _year_fields(form: forms.BaseForm, years: list[int], *, with_max: bool) -> None:
    for year in years:
        form.fields[f"target_{year}"] = forms.CharField(
            label=str(year), required=False, help_text=_NUMBER_HELP
        )
        if with_max:
            form.fields[f"target_max_{year}"] = forms.CharField(
                label=_("%(year)s upper bound") % {"year": year}, required=False
            )


class TargetGridMixin:
    years: list[int]

    def target_rows(self) -> list[dict[str, Any]]:
        """(year, value field, upper-bound field) for the grid in the template."""
        rows = []
        for year in self.years:
            rows.append(
                {
                    "year": year,
                    "value": self[f"target_{year}"],
                    "max": self[f"target_max_{year}"]
                    if f"target_max_{year}" in self.fields
                    else None,
                }
            )
        return rows

    def targets(self) -> tuple[dict[int, Any], dict[int, Any]]:
        values = {y: self.cleaned_data.get(f"target_{y}", "") for y in self.years}
        maxima = {y: self.cleaned_data.get(f"target_max_{y}", "") for y in self.years}
        return values, maxima


class IndicatorCreateForm(TargetGridMixin, IndicatorFieldsMixin):
    """An indicator with its target for each year of the period, in one grid."""

    def __init__(
        self,
        *args: Any,
        years: list[int],
        scales: QuerySet | None = None,
        positions: QuerySet | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.years = years
        self.setup(scales=scales, positions=positions)
        _year_fields(self, years, with_max=True)

    def visible_indicator_fields(self) -> list:
        return [self[name] for name in INDICATOR_FORM_FIELDS]


class IndicatorEditForm(IndicatorFieldsMixin, VersionedForm):
    def __init__(
        self,
        *args: Any,
        scales: QuerySet | None = None,
        positions: QuerySet | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.setup(scales=scales, positions=positions)

    def show_current(self, current) -> None:
        """Numbers are typed as text ("75,5"): a stored number equal to the typed one is not a
        difference to point out."""
        super().show_current(current)
        for name in ("min_value", "max_value", "baseline"):
            field = self.fields[name]
            typed = getattr(self, "cleaned_data", {}).get(name) or ""
            stored = getattr(current, name)
            if _same_number(typed, stored):
                field.current_value = None

    @staticmethod
    def initial_from(indicator: Indicator) -> dict[str, Any]:
        initial: dict[str, Any] = {name: getattr(indicator, name) for name in INDICATOR_FORM_FIELDS}
        for name in ("min_value", "max_value", "baseline"):
            value = initial[name]
            initial[name] = "" if value is None else f"{value.normalize():f}"
        initial["version"] = indicator.version
        return initial


def _same_number(typed: str, stored) -> bool:
    if stored is None:
        return not typed.strip()
    try:
        return Decimal(typed.strip().replace(",", ".")) == stored
    except (InvalidOperation, ValueError):
        return False


def _number_text(value) -> str:
    return "" if value is None else f"{value.normalize():f}"


class TargetsForm(TargetGridMixin, forms.Form):
    """The targets of every year of an indicator; each year carries the version read."""

    def __init__(self, *args: Any, indicator: Indicator, years: list[int], **kwargs: Any):
        self.years = years
        self.indicator = indicator
        existing = {t.year: t for t in indicator.targets.all()}
        initial = {}
        for year in years:
            target = existing.get(year)
            if target is not None:
                initial[f"target_{year}"] = target.text_value or _number_text(target.value)
                initial[f"target_max_{year}"] = _number_text(target.value_max)
                initial[f"version_{year}"] = target.version
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        _year_fields(self, years, with_max=indicator.polarity == "range")
        for year in years:
            self.fields[f"version_{year}"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False
            )

    def versions(self) -> dict[int, int]:
        return {
            y: self.cleaned_data[f"version_{y}"]
            for y in self.years
            if self.cleaned_data.get(f"version_{y}")
        }


class BudgetForm(forms.Form):
    """The indicative budget (Rp) of each year of the period."""

    def __init__(self, *args: Any, node: Node, years: list[int], **kwargs: Any):
        self.years = years
        existing = {b.year: b for b in node.budgets.all()}
        initial = {}
        for year in years:
            budget = existing.get(year)
            if budget is not None:
                initial[f"budget_{year}"] = f"{budget.amount.normalize():f}"
                initial[f"version_{year}"] = budget.version
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for year in years:
            self.fields[f"budget_{year}"] = forms.CharField(
                label=str(year), required=False, help_text=_("Rupiah, e.g. 1500000000.")
            )
            self.fields[f"version_{year}"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False
            )

    def amounts(self) -> dict[int, Any]:
        return {y: self.cleaned_data.get(f"budget_{y}", "") for y in self.years}

    def versions(self) -> dict[int, int]:
        return {
            y: self.cleaned_data[f"version_{y}"]
            for y in self.years
            if self.cleaned_data.get(f"version_{y}")
        }


# --- review ---------------------------------------------------------------------------------


class TransitionForm(VersionedForm):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
    node = NodeChoiceField(label=_("On statement"), required=False)

    def __init__(self, *args: Any, nodes: QuerySet | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _set(self, "node", nodes)


class DismissForm(forms.Form):
    rule = forms.CharField(widget=forms.HiddenInput)
    subject = forms.CharField(widget=forms.HiddenInput, required=False)
    note = forms.CharField(
        label=_("Why this finding does not apply"), widget=forms.Textarea(attrs={"rows": 2})
    )


# --- Renja ------------------------------------------------------------------------------------


class RenjaCreateForm(forms.Form):
    year = forms.CharField(label=_("Year"))
    dpa_number = model_field(Renja, "dpa_number")


class RenjaReviseForm(forms.Form):
    note = model_field(Renja, "note", required=True, widget=forms.Textarea(attrs={"rows": 3}))
    dpa_number = model_field(Renja, "dpa_number")


class PaguForm(VersionedForm):
    pagu = forms.CharField(label=_("Pagu (Rp)"), required=False)
