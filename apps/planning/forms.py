"""Forms of the nomenclature pages: the list filter and the import upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import DateInput
from apps.planning.models import NomenclatureLevel


class NomenclatureFilterForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("All levels")), *NomenclatureLevel.choices],
    )
    q = forms.CharField(label=_("Code prefix or name"), required=False, max_length=100, strip=True)


class NomenclatureUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx)"),
        help_text=_("First row: the column names “kode” and “nama” (and optionally “keputusan”)."),
    )
    decree = forms.CharField(
        label=_("Decree"),
        required=False,
        max_length=200,
        help_text=_("E.g. Kepmendagri 900.1.15.5-3406/2024; may also come from the file."),
    )
    issued_on = forms.DateField(label=_("Issued on"), required=False, widget=DateInput)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload an .xlsx workbook."))
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


MAX_UPLOAD = 10 * 1024 * 1024


class NomenclatureApplyForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
