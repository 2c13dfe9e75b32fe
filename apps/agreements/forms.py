"""Forms of the PK pages: they parse input; the services check and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.agreements.models import PkStatus, RevisionReason
from apps.core.forms import VersionedForm

QUARTERS = ("I", "II", "III", "IV")


class FilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    opd = forms.ModelChoiceField(label=_("OPD"), queryset=None, required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", "—"), *PkStatus.choices]
    )

    def __init__(self, *args, opds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opds
        self.fields["opd"].to_field_name = "code"


class GenerateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    opd = forms.ModelChoiceField(
        label=_("OPD"),
        queryset=None,
        required=False,
        help_text=_("Leave empty to generate for the whole Pemda (Bappeda, admin)."),
    )

    def __init__(self, *args, opds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opds
        self.fields["opd"].to_field_name = "code"


class LineForm(VersionedForm):
    target = forms.DecimalField(label=_("Target"), required=False, max_digits=20, decimal_places=4)
    target_text = forms.CharField(label=_("Target (scale)"), required=False, max_length=50)
    target_reason = forms.CharField(
        label=_("Reason the target differs from the Renja"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TransitionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    place = forms.CharField(label=_("Place of signing"), required=False, max_length=100)


class ReviseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason for the revision"), choices=RevisionReason.choices)
    note = forms.CharField(
        label=_("What changes and why"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ActionPlanForm(VersionedForm):
    """TW I–IV of one line: target (number or scale label) and planned actions."""

    def __init__(self, *args, scale: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for i, roman in enumerate(QUARTERS, start=1):
            if scale:
                self.fields[f"q{i}_target_text"] = forms.CharField(
                    label=_("TW %(q)s target") % {"q": roman}, required=False, max_length=50
                )
            else:
                self.fields[f"q{i}_target"] = forms.DecimalField(
                    label=_("TW %(q)s target") % {"q": roman},
                    required=False,
                    max_digits=20,
                    decimal_places=4,
                )
            self.fields[f"q{i}_actions"] = forms.CharField(
                label=_("TW %(q)s actions") % {"q": roman},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def quarters(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "target": data.get(f"q{i}_target"),
                "target_text": data.get(f"q{i}_target_text", ""),
                "actions": data.get(f"q{i}_actions", ""),
            }
            for i in range(1, 5)
        ]


class VerifyUploadForm(forms.Form):
    file = forms.FileField(label=_("PDF file to compare"))
