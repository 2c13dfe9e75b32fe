"""Forms of the evaluation round pages: they only parse; the rules are in apps.evaluation.rounds."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import VersionedForm, date_field, model_field
from apps.evaluation.models import EvaluationRound, EvaluationStatus, TeamMember
from apps.evaluation.rounds import CALENDAR_FIELDS, MOVABLE, NOTE_LIMIT


class _Calendar(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in CALENDAR_FIELDS:
            self.fields[name] = date_field(EvaluationRound, name, required=False)


class RoundCreateForm(_Calendar):
    name = model_field(EvaluationRound, "name")
    year = forms.IntegerField(label=_("year evaluated"), min_value=2000, max_value=2100)
    kind = model_field(EvaluationRound, "kind")
    template = forms.ModelChoiceField(
        label=_("template"), queryset=None, to_field_name="code", empty_label=None
    )

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates
        self.order_fields(["name", "year", "kind", "template", *CALENDAR_FIELDS])


class RoundEditForm(VersionedForm):
    name = model_field(EvaluationRound, "name")
    status = model_field(EvaluationRound, "status")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in CALENDAR_FIELDS:
            self.fields[name] = date_field(EvaluationRound, name, required=False)


RoundEditForm.edit_fields = ("name", "status", *CALENDAR_FIELDS)


class TeamAssignForm(forms.Form):
    user = forms.ModelChoiceField(label=_("evaluator"), queryset=None, empty_label=None)
    role = model_field(TeamMember, "role")

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users


class MoveForm(forms.Form):
    status = forms.ChoiceField(
        label=_("status"),
        choices=[(s.value, s.label) for s in EvaluationStatus if s in MOVABLE],
    )
    note = forms.CharField(
        label=_("Reason"), max_length=NOTE_LIMIT, widget=forms.Textarea(attrs={"rows": 2})
    )


class SelfAnswerForm(VersionedForm):
    """One criterion's self-assessment: an option of its scale and a note."""

    self_label = forms.ChoiceField(label=_("self-assessment"), required=False)
    self_note = forms.CharField(
        label=_("self-assessment note"),
        required=False,
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    edit_fields = ("self_label", "self_note")

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        # Labels only: the service refuses a label outside the scale with its reason, so the
        # choice list does not pre-empt that message.
        self.fields["self_label"] = forms.CharField(
            label=_("self-assessment"),
            required=False,
            max_length=10,
            widget=forms.Select(choices=[("", "–"), *[(o.label, str(o)) for o in options]]),
        )


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence file"),
        help_text=_("PDF, PNG, JPG, XLSX or DOCX; its content must match its extension."),
    )


class EvidenceLinkForm(forms.Form):
    link = forms.CharField(
        label=_("Link to a page of this application"),
        max_length=300,
        help_text=_("A path such as /agreements/… copied from the address bar, without the host."),
    )
    label = forms.CharField(label=_("description"), max_length=300, required=False)
