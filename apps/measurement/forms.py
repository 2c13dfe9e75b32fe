"""Forms of the measurement pages: they parse input; the services check and write. Values stay
text here so that the service reads them as people type them (75,5 or 1.234,5) and answers in
its own words."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import VersionedForm
from apps.measurement.services import GridRow

QUARTER_CHOICES = [(1, "TW I"), (2, "TW II"), (3, "TW III"), (4, "TW IV")]
TEXT_LIMIT = 5000


class PeriodForm(forms.Form):
    """The year, quarter and (optionally) OPD a page shows."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTER_CHOICES, coerce=int)
    opd = forms.ModelChoiceField(label=_("OPD"), queryset=None, required=False)

    def __init__(self, *args, opds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opds
        self.fields["opd"].to_field_name = "code"
        self.fields["opd"].empty_label = _("All OPDs")


class RealisationForm(VersionedForm):
    """One realisation: a number, or one level of the indicator's scale."""

    value = forms.CharField(label=_("Realisation"), required=False, max_length=40)
    text_value = forms.ChoiceField(label=_("Realisation (scale)"), required=False)
    obstacle = forms.CharField(
        label=_("Obstacles"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    solution = forms.CharField(
        label=_("Solutions taken"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, labels: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if labels is None:
            del self.fields["text_value"]
        else:
            del self.fields["value"]
            self.fields["text_value"].choices = [("", "–"), *((x, x) for x in labels)]

    @property
    def value_field(self) -> str:
        return "value" if "value" in self.fields else "text_value"

    @classmethod
    def initial_for(cls, obj) -> dict:
        value = obj.value.normalize() if obj.value is not None else ""
        return {
            "value": f"{value:f}" if value != "" else "",
            "text_value": obj.text_value,
            "obstacle": obj.obstacle,
            "solution": obj.solution,
            "version": obj.version,
        }


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence file"),
        help_text=_("PDF, PNG, JPG, XLSX or DOCX; its content must match its extension."),
    )


class TransitionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def grid_rows(data, codes: list[str]) -> list[GridRow]:
    """The rows of a posted grid, numbered as the page shows them (1-based over every row of the
    grid). `codes` are the indicator codes of the grid's rows in order; rows whose inputs were
    not posted (read-only rows) are left out."""
    rows = []
    for number, code in enumerate(codes, start=1):
        if f"value-{code}" not in data:
            continue
        version = (data.get(f"version-{code}") or "").strip()
        rows.append(
            GridRow(
                row=number,
                indicator=code,
                value=data.get(f"value-{code}", ""),
                obstacle=(data.get(f"obstacle-{code}") or "")[:TEXT_LIMIT],
                solution=(data.get(f"solution-{code}") or "")[:TEXT_LIMIT],
                version=int(version) if version.isdigit() else None,
            )
        )
    return rows
