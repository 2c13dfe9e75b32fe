"""Forms of the organisation pages. They parse input; the services enforce the rules.

Every choice of a related row (a unit, a position, a person) is limited by the view to what the
user may reach, and is sent as the row's opaque code, never its database id.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from apps.core.forms import VersionedForm, date_field, model_field, register_constraint_errors
from apps.organisations.models import (
    Assignment,
    Membership,
    OrgUnit,
    Person,
    PlanPeriod,
    Position,
    QuarterWindow,
    UnitType,
    User,
    nip_validator,
)

register_constraint_errors(
    {
        "orgunit_unique_opd_code": ("opd_code", _("Another unit of this Pemda has this OPD code.")),
        "person_unique_nip": ("nip", _("Another person of this Pemda has this NIP.")),
        "position_one_head_per_unit": ("is_head", _("This unit already has an active head.")),
        "assignment_end_after_start": ("end_date", _("The end date is before the start date.")),
        "membership_unique": ("role", _("The user already has this role on this unit.")),
        "planperiod_unique": ("start_year", _("A plan period already starts in this year.")),
        "window_closes_after": ("closes_on", _("The window must close after it opens.")),
    }
)


class UnitChoiceField(forms.ModelChoiceField):
    """Units indented by their depth in the tree, so the select reads like the tree."""

    def __init__(self, queryset: QuerySet | None = None, **kwargs: Any):
        kwargs.setdefault("to_field_name", "code")
        super().__init__(queryset if queryset is not None else OrgUnit.objects.none(), **kwargs)

    def label_from_instance(self, obj: OrgUnit) -> str:
        return "\u00a0\u00a0\u00a0" * obj.level + obj.name


class PositionChoiceField(forms.ModelChoiceField):
    def __init__(self, queryset: QuerySet | None = None, **kwargs: Any):
        kwargs.setdefault("to_field_name", "code")
        super().__init__(queryset if queryset is not None else Position.objects.none(), **kwargs)

    def label_from_instance(self, obj: Position) -> str:
        return f"{obj.title} ({obj.unit.name})"


class PersonChoiceField(forms.ModelChoiceField):
    def __init__(self, queryset: QuerySet | None = None, **kwargs: Any):
        kwargs.setdefault("to_field_name", "code")
        super().__init__(queryset if queryset is not None else Person.objects.none(), **kwargs)

    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name} ({obj.nip})" if obj.nip else obj.name


class NipField(forms.CharField):
    """NIP as people copy it from a decree ("19750101 200003 2 001") is accepted without the
    spaces and dots; what remains must be 18 digits."""

    def to_python(self, value: Any) -> str:
        value = super().to_python(value)
        return value.replace(" ", "").replace(".", "")


def _set_queryset(form: forms.BaseForm, name: str, queryset: QuerySet | None) -> None:
    if queryset is not None:
        form.fields[name].queryset = queryset


# --- units ------------------------------------------------------------------------------------


class SortOrderMixin(forms.Form):
    """The order among siblings is optional; left empty it is 0 (then sorted by name)."""

    sort_order = model_field(OrgUnit, "sort_order", required=False)

    def clean_sort_order(self) -> int:
        return self.cleaned_data.get("sort_order") or 0


class UnitCreateForm(SortOrderMixin, forms.Form):
    field_order = ("parent", "unit_type", "name", "short_name", "opd_code", "sort_order")
    parent = UnitChoiceField(label=_("Parent unit"))
    unit_type = model_field(
        OrgUnit,
        "unit_type",
        choices=[("", "---------"), *(c for c in UnitType.choices if c[0] != UnitType.PEMDA)],
    )
    name = model_field(OrgUnit, "name")
    short_name = model_field(OrgUnit, "short_name")
    opd_code = model_field(OrgUnit, "opd_code")

    def __init__(self, *args: Any, parents: QuerySet | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _set_queryset(self, "parent", parents)


class UnitEditForm(SortOrderMixin, VersionedForm):
    field_order = ("name", "short_name", "opd_code", "place", "sort_order")
    name = model_field(OrgUnit, "name")
    short_name = model_field(OrgUnit, "short_name")
    opd_code = model_field(OrgUnit, "opd_code")
    place = model_field(OrgUnit, "place")


class UnitMoveForm(forms.Form):
    parent = UnitChoiceField(label=_("New parent unit"))

    def __init__(self, *args: Any, parents: QuerySet | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _set_queryset(self, "parent", parents)


# --- positions and assignments ------------------------------------------------------------------


class PositionForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"))
    title = model_field(Position, "title")
    level = model_field(Position, "level")
    is_head = model_field(Position, "is_head")
    superior = PositionChoiceField(
        label=_("Superior position"),
        required=False,
        help_text=_(
            "The other party of its Perjanjian Kinerja; when empty, the head of the parent unit."
        ),
    )

    def __init__(
        self,
        *args: Any,
        units: QuerySet | None = None,
        superiors: QuerySet | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        _set_queryset(self, "unit", units)
        _set_queryset(self, "superior", superiors)


class PositionEditForm(VersionedForm, PositionForm):
    is_active = model_field(Position, "is_active")


class AssignmentForm(forms.Form):
    person = PersonChoiceField(label=_("Person"))
    kind = model_field(Assignment, "kind")
    start_date = date_field(Assignment, "start_date")
    end_date = date_field(Assignment, "end_date")
    decree = model_field(Assignment, "decree")

    def __init__(self, *args: Any, people: QuerySet | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _set_queryset(self, "person", people)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return data


class AssignmentEndForm(VersionedForm):
    end_date = date_field(Assignment, "end_date", required=True)


# --- people -----------------------------------------------------------------------------------


class PersonForm(forms.Form):
    name = model_field(Person, "name")
    # No max length on the input: the spaces and dots people paste are removed before the check.
    nip = model_field(
        Person, "nip", form_class=NipField, validators=[nip_validator], max_length=None
    )
    pangkat = model_field(Person, "pangkat")
    unit = UnitChoiceField(label=_("Home unit"))
    email = model_field(Person, "email")

    def __init__(self, *args: Any, units: QuerySet | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _set_queryset(self, "unit", units)


class PersonEditForm(VersionedForm, PersonForm):
    is_active = model_field(Person, "is_active")


# --- users and memberships --------------------------------------------------------------------


class UserCreateForm(forms.Form):
    username = model_field(User, "username")
    first_name = model_field(User, "first_name")
    last_name = model_field(User, "last_name")
    email = model_field(User, "email")
    person = PersonChoiceField(
        label=_("Person"),
        required=False,
        help_text=_("The person this login belongs to, if any."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "At least 8 characters, not only digits, not a common password, not like the "
            "username. Give it to the user in person; they can change it after signing in."
        ),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, people: QuerySet | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _set_queryset(self, "person", people)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        return data


class UserEditForm(VersionedForm):
    first_name = model_field(User, "first_name")
    last_name = model_field(User, "last_name")
    email = model_field(User, "email")
    person = PersonChoiceField(label=_("Person"), required=False)
    is_active = model_field(User, "is_active")

    def __init__(self, *args: Any, people: QuerySet | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _set_queryset(self, "person", people)


class MembershipForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"))
    role = model_field(Membership, "role")

    def __init__(self, *args: Any, units: QuerySet | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _set_queryset(self, "unit", units)


# --- plan periods -----------------------------------------------------------------------------


class PeriodForm(forms.Form):
    name = model_field(PlanPeriod, "name", help_text=_("For example: RPJMD 2025–2029."))
    start_year = model_field(
        PlanPeriod,
        "start_year",
        min_value=2000,
        max_value=2100,
        help_text=_("The five years from this one are created, with default quarter windows."),
    )


class WindowForm(VersionedForm):
    opens_on = date_field(QuarterWindow, "opens_on")
    closes_on = date_field(QuarterWindow, "closes_on")


# --- filters ----------------------------------------------------------------------------------


class PositionFilterForm(forms.Form):
    opd = UnitChoiceField(label=_("OPD"), required=False, empty_label=_("All OPDs"))

    def __init__(self, *args: Any, opds: QuerySet | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _set_queryset(self, "opd", opds)
        self.fields["opd"].widget.attrs["data-autosubmit"] = ""


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Search…")}),
    )
