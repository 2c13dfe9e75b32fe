"""Forms of the LKjIP pages: they parse input; the services check and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import VersionedForm


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)


class CreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    opd = forms.ModelChoiceField(
        label=_("OPD"),
        queryset=None,
        required=False,
        help_text=_("Leave empty for the Pemda's LKjIP (Bappeda, admin)."),
    )

    def __init__(self, *args, opds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opds
        self.fields["opd"].to_field_name = "code"


class SectionForm(forms.Form):
    """A narrative save: the section key, its HTML (cleaned by the service) and the section's
    version as the writer read it (0: not written yet)."""

    key = forms.CharField(max_length=60)
    body = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class TransitionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CommentForm(forms.Form):
    section_key = forms.CharField(max_length=60, required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Reviu comment"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )


class ReviuStatementForm(VersionedForm):
    reviu_statement = forms.CharField(
        label=_("Reviu statement"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The Inspektorat's statement that the LKjIP has been reviewed (pernyataan telah "
            "direviu), printed in the report."
        ),
    )
