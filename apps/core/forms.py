"""Form helpers every app's pages share.

Forms here only parse input: the rules live in the services. So a form is a plain `forms.Form`
whose fields borrow label, help text and choices from the model field (`model_field`), and the
`ValidationError` a service raises is put back on the form's fields (`add_service_errors`).

Edits carry the version the user read (`VersionedForm`); `save_versioned_form` runs the service
and turns a stale save into a form error with the other person's current values beside the fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models.constraints import BaseConstraint
from django.http import HttpRequest
from django.utils.translation import gettext as _

from apps.core.concurrency import StaleVersionError

EMPTY = "–"


def model_field(model: type[models.Model], name: str, **overrides: Any) -> forms.Field:
    """The form field Django derives from `model.name` (label, help text, required, choices,
    max length), with `overrides`. Model validators are not copied: the service validates."""
    field = model._meta.get_field(name).formfield(**overrides)
    if field is None:  # pragma: no cover - only for non-editable fields, a programming error
        raise ValueError(f"{model.__name__}.{name} has no form field")
    return field


class DateInput(forms.DateInput):
    """The browser's date picker; its value must be ISO (yyyy-mm-dd) whatever the language."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(model: type[models.Model], name: str, **overrides: Any) -> forms.Field:
    return model_field(model, name, widget=DateInput, **overrides)


def bound_data(request: HttpRequest):
    """POST data for a POST, else None (an unbound form). `request.POST or None` would treat a
    form whose only checkbox is unticked as not submitted."""
    return request.POST if request.method == "POST" else None


# Database constraints over several fields fail `full_clean` with Django's generic "Constraint
# “name” is violated." on the whole form. Apps register, per constraint name, the field the
# person should look at and a sentence that says what is wrong.
CONSTRAINT_ERRORS: dict[str, tuple[str | None, Any]] = {}


def register_constraint_errors(errors: dict[str, tuple[str | None, Any]]) -> None:
    CONSTRAINT_ERRORS.update(errors)


def _constraint_error(error: ValidationError) -> tuple[str | None, Any] | None:
    # A constraint that names itself as the error code (violation_error_code) is found directly.
    if error.code in CONSTRAINT_ERRORS:
        return CONSTRAINT_ERRORS[error.code]
    message = error.message % error.params if error.params else error.message
    for name, target in CONSTRAINT_ERRORS.items():
        if str(message) == str(BaseConstraint.default_violation_error_message) % {"name": name}:
            return target
    return None


def add_service_errors(
    form: forms.BaseForm, exc: ValidationError, *, default_field: str | None = None
) -> None:
    """Show a service's ValidationError on the form: errors naming a field of the form go to
    that field, others (and errors without a field) to `default_field` or the whole form; a
    registered constraint's error goes to its field, in its own words."""
    error_dict = (
        exc.error_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.error_list}
    )
    for name, errors in error_dict.items():
        for error in errors:
            target, message = name, error
            known = _constraint_error(error) if name == NON_FIELD_ERRORS else None
            if known is not None:
                target, message = known[0], ValidationError(known[1], code="unique")
            if target not in form.fields:
                target = default_field
            form.add_error(target, message)


def display_value(obj: models.Model, name: str) -> Any:
    """How a stored value reads for a person: choice labels, names of related rows, yes/no."""
    try:
        field = obj._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    if field is not None and getattr(field, "choices", None):
        return getattr(obj, f"get_{name}_display")()
    value = getattr(obj, name, None)
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, models.Model | dt.date | dt.datetime):
        return value  # the template prints it with the active language's format
    return str(value)


class VersionedForm(forms.Form):
    """A form that edits an existing row: it carries the row's `version` as the user read it."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    # The model fields this form edits; `initial_for` reads them from the row.
    edit_fields: tuple[str, ...] = ()

    @classmethod
    def initial_for(cls, obj: models.Model) -> dict[str, Any]:
        names: Iterable[str] = cls.edit_fields or [n for n in cls.base_fields if n != "version"]
        initial = {name: getattr(obj, name) for name in names}
        initial["version"] = obj.version
        return initial

    @property
    def is_stale(self) -> bool:
        return getattr(self, "_stale", False)

    def show_current(self, current: models.Model) -> None:
        """Mark the form stale: each field whose stored value differs from the submitted one
        gets it (`field.field.current_value`, for the template), and the hidden version moves on
        to the stored one, so that saving again is a choice made after seeing the other person's
        values."""
        self._stale = True
        submitted = getattr(self, "cleaned_data", {})
        for name, field in self.fields.items():
            if name == "version" or not hasattr(current, name):
                continue
            if name in submitted and submitted[name] == getattr(current, name):
                continue  # nothing to reconcile on this field
            field.current_value = display_value(current, name)
        data = self.data.copy()
        data[self.add_prefix("version")] = current.version
        self.data = data


def save_versioned_form(
    form: VersionedForm,
    save: Callable[[dict[str, Any], int], Any],
    *,
    obj: models.Model | None = None,
    default_field: str | None = None,
) -> bool:
    """Validate `form` and call `save(data, expected_version)` (one service call). True when
    saved. Otherwise the form holds the errors: the service's on its fields, a stale version as a
    form error with the current values. `obj` is reloaded after a refusal, because the service
    may have set the refused values on it before refusing them."""
    if not form.is_valid():
        return False
    data = dict(form.cleaned_data)
    version = data.pop("version")
    try:
        save(data, version)
    except StaleVersionError as exc:
        form.add_error(None, str(exc))
        form.show_current(exc.current)
    except ValidationError as exc:
        add_service_errors(form, exc, default_field=default_field)
    else:
        return True
    if obj is not None and obj.pk is not None:
        obj.refresh_from_db()
    return False


def save_form(
    form: forms.BaseForm,
    save: Callable[[dict[str, Any]], Any],
    *,
    default_field: str | None = None,
) -> Any:
    """Validate `form` and call `save(data)`; return what it returned, or None with the service's
    errors on the form."""
    if not form.is_valid():
        return None
    try:
        return save(dict(form.cleaned_data))
    except ValidationError as exc:
        add_service_errors(form, exc, default_field=default_field)
        return None
