"""Measurement pages of the budget part: the Excel import of a quarter's realisations (template,
upload → preview → apply), budget realisation per sub kegiatan (grid entry and Excel import),
the entry windows with their reopenings, and the Pemda's measurement settings.

Views parse, look up through the scoped selectors, call one service (or the import, which runs
the services all-or-nothing) and render.

Between the preview and the apply the uploaded workbook is kept in the user's session (base64,
at most MAX_UPLOAD bytes) under a one-time token. Chosen over a Job result file because it is the
simpler robust option here: a realisation or budget workbook of one OPD is a few tens of KB, the
session is already private to the user and expires with it, and there is no file to clean up or
to guard against another user reading it.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core.excel import ImportReport
from apps.core.forms import DateInput, VersionedForm, add_service_errors, save_versioned_form
from apps.measurement import capaian as engine
from apps.measurement import excel, selectors, services
from apps.measurement.models import QUARTERS as QUARTER_CHOICES
from apps.measurement.models import MeasurementSettings, WindowReopening
from apps.organisations.access import get_scope
from apps.organisations.models import OrgUnit, QuarterWindow
from apps.performance.models import Node, NodeLevel, RenjaLine
from apps.performance.selectors import node_list

MAX_UPLOAD = 2 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
QUARTERS = (1, 2, 3, 4)


# --- shared helpers ---------------------------------------------------------------------------


def _check_quarter(quarter: int) -> int:
    if quarter not in QUARTERS:
        raise Http404
    return quarter


def _may_enter_opd(user, opd: OrgUnit) -> bool:
    """Whether the user enters this OPD's realisations and budget (its operators/verifiers)."""
    return get_scope(user).covers(opd, selectors.ENTRY_ROLES)


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _slug(opd: OrgUnit) -> str:
    return "".join(c if c.isalnum() else "_" for c in opd.name.lower()).strip("_")[:40]


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Filled workbook (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload an .xlsx workbook."))
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": MAX_UPLOAD // (1024 * 1024)}
            )
        return upload


def _import_flow(
    request: HttpRequest,
    *,
    key: str,
    run: Callable[[bytes, bool], ImportReport],
    context: dict,
    done_url: str,
) -> HttpResponse:
    """Upload → preview (nothing saved) → apply the previewed bytes (all or nothing)."""
    if request.method == "POST" and "token" in request.POST:
        stash = request.session.get(key) or {}
        if not stash or stash.get("token") != request.POST.get("token"):
            messages.error(request, _("The preview has expired; upload the workbook again."))
            return redirect(request.path)
        report = run(base64.b64decode(stash["content"]), True)
        if report.applied:
            request.session.pop(key, None)
            messages.success(
                request,
                _("Imported: %(count)s rows created or changed.")
                % {"count": len(report.changed_rows)},
            )
            return redirect(done_url)
        request.session.pop(key, None)
        return render(
            request, "measurement/budget/import_preview.html", {**context, "report": report}
        )
    form = UploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        report = run(content, False)
        token = ""
        if report.errors:
            request.session.pop(key, None)
        else:
            token = uuid.uuid4().hex
            request.session[key] = {
                "token": token,
                "content": base64.b64encode(content).decode("ascii"),
            }
        return render(
            request,
            "measurement/budget/import_preview.html",
            {**context, "report": report, "token": token},
        )
    return render(request, "measurement/budget/import_upload.html", {**context, "form": form})


# --- realisation import -----------------------------------------------------------------------


@login_required
def import_template(request: HttpRequest, opd, year: int, quarter: int) -> HttpResponse:
    """The OPD's indicators measured in the quarter, with what is stored, as a workbook."""
    unit = selectors.get_opd_for_user(request.user, opd)
    quarter = _check_quarter(quarter)
    content = excel.realisation_workbook(opd=unit, year=year, quarter=quarter)
    return _xlsx(content, f"realisasi_{_slug(unit)}_{year}_tw{quarter}.xlsx")


@login_required
def import_upload(request: HttpRequest, opd, year: int, quarter: int) -> HttpResponse:
    unit = selectors.get_opd_for_user(request.user, opd)
    quarter = _check_quarter(quarter)
    if not _may_enter_opd(request.user, unit):
        raise PermissionDenied

    def run(content: bytes, apply: bool) -> ImportReport:
        return excel.realisation_import(
            actor=request.user, opd=unit, year=year, quarter=quarter, content=content, apply=apply
        )

    return _import_flow(
        request,
        key=f"measurement-import-{unit.code}-{year}-{quarter}",
        run=run,
        context={
            "opd": unit,
            "year": year,
            "quarter": quarter,
            "kind": "realisation",
            "template_url": reverse("measurement:import_template", args=[unit.code, year, quarter]),
            "upload_url": reverse("measurement:import_upload", args=[unit.code, year, quarter]),
        },
        done_url=reverse("measurement:grid", args=[unit.code, year, quarter]),
    )


# --- budget realisation -----------------------------------------------------------------------


@dataclass
class BudgetCell:
    quarter: int
    amount: Decimal | None = None
    version: int | None = None
    error: str = ""
    submitted: str | None = None  # what the user typed, shown again after a refusal


@dataclass
class BudgetLine:
    node: Node
    pagu: Decimal | None
    cells: dict[int, BudgetCell] = field(default_factory=dict)

    @property
    def nomenclature(self) -> str:
        return self.node.nomenclature.code if self.node.nomenclature_id else self.node.number

    @property
    def total(self) -> Decimal | None:
        amounts = [c.amount for c in self.cells.values() if c.amount is not None]
        return sum(amounts, Decimal(0)) if amounts else None

    @property
    def absorption(self) -> Decimal | None:
        return engine.absorption(spent=self.total, pagu=self.pagu)

    @property
    def absorption_text(self) -> str:
        return engine.display(self.absorption)


def budget_grid(user, opd: OrgUnit, year: int) -> list[BudgetLine]:
    """One line per sub kegiatan of the OPD's Renstra covering `year`, with the pagu of the
    year's current Renja and the stored realisation per quarter. Three queries."""
    scope = get_scope(user)
    nodes = list(
        node_list(user=user)
        .filter(
            opd=opd,
            node_level=NodeLevel.SUBKEGIATAN,
            renstra__period__start_year__lte=year,
            renstra__period__end_year__gte=year,
        )
        .select_related("nomenclature")
        .order_by("tree_id", "lft")
    )
    pagu = dict(
        scope.filter(
            RenjaLine.objects.filter(
                node__in=[n.pk for n in nodes], renja__year=year, renja__is_current=True
            ),
            path="renja__renstra__opd",
        ).values_list("node_id", "pagu")
    )
    lines = {
        n.pk: BudgetLine(node=n, pagu=pagu.get(n.pk), cells={q: BudgetCell(q) for q in QUARTERS})
        for n in nodes
    }
    for row in selectors.budget_realisation_list(user=user).filter(
        opd=opd, year=year, node_id__in=list(lines)
    ):
        lines[row.node_id].cells[row.quarter] = BudgetCell(row.quarter, row.amount, row.version)
    return list(lines.values())


def _budget_context(request, unit: OrgUnit, year: int, grid: list[BudgetLine]) -> dict:
    pagu = [line.pagu for line in grid if line.pagu is not None]
    spent = [line.total for line in grid if line.total is not None]
    total_pagu = sum(pagu, Decimal(0)) if pagu else None
    total_spent = sum(spent, Decimal(0)) if spent else None
    return {
        "opd": unit,
        "year": year,
        "grid": grid,
        "quarters": QUARTERS,
        "may_enter": _may_enter_opd(request.user, unit),
        "total_pagu": total_pagu,
        "total_spent": total_spent,
        "total_absorption": engine.display(engine.absorption(spent=total_spent, pagu=total_pagu)),
    }


def _cell_name(line: BudgetLine, quarter: int, what: str = "amount") -> str:
    return f"{what}-{line.node.code}-{quarter}"


def _int_or_none(text: str | None) -> int | None:
    try:
        return int(text) if text not in (None, "") else None
    except ValueError:
        return None


@login_required
def budget(request: HttpRequest, opd, year: int) -> HttpResponse:
    """The OPD's sub kegiatan with pagu, realisation per quarter, total and absorption. The
    OPD's operators and verifiers save the whole grid at once (all or nothing)."""
    unit = selectors.get_opd_for_user(request.user, opd)
    grid = budget_grid(request.user, unit, year)
    if request.method == "POST":
        if not _may_enter_opd(request.user, unit):
            raise PermissionDenied
        cells: list[tuple[BudgetLine, int]] = []
        rows: list[services.BudgetRow] = []
        for line in grid:
            for q in QUARTERS:
                raw = request.POST.get(_cell_name(line, q))
                if raw is None:
                    continue
                line.cells[q].submitted = raw
                cells.append((line, q))
                rows.append(
                    services.BudgetRow(
                        row=len(cells) - 1,
                        node=str(line.node.code),
                        quarter=q,
                        amount=raw,
                        version=_int_or_none(request.POST.get(_cell_name(line, q, "version"))),
                    )
                )
        try:
            services.budgets_save(actor=request.user, opd=unit, year=year, rows=rows)
        except services.BulkError as exc:
            for index, _name, message in exc.errors:
                line, q = cells[index]
                line.cells[q].error = message
            messages.error(request, str(exc))
            return render(
                request,
                "measurement/budget/budget.html",
                _budget_context(request, unit, year, grid),
                status=400,
            )
        messages.success(request, _("Budget realisation saved."))
        return redirect("measurement:budget", opd=unit.code, year=year)
    return render(
        request, "measurement/budget/budget.html", _budget_context(request, unit, year, grid)
    )


@login_required
def budget_template(request: HttpRequest, opd, year: int) -> HttpResponse:
    unit = selectors.get_opd_for_user(request.user, opd)
    content = excel.budget_workbook(grid=budget_grid(request.user, unit, year))
    return _xlsx(content, f"realisasi_anggaran_{_slug(unit)}_{year}.xlsx")


@login_required
def budget_import(request: HttpRequest, opd, year: int) -> HttpResponse:
    unit = selectors.get_opd_for_user(request.user, opd)
    if not _may_enter_opd(request.user, unit):
        raise PermissionDenied

    def run(content: bytes, apply: bool) -> ImportReport:
        return excel.budget_import(
            actor=request.user,
            opd=unit,
            year=year,
            grid=budget_grid(request.user, unit, year),
            content=content,
            apply=apply,
        )

    return _import_flow(
        request,
        key=f"measurement-budget-import-{unit.code}-{year}",
        run=run,
        context={
            "opd": unit,
            "year": year,
            "kind": "budget",
            "template_url": reverse("measurement:budget_template", args=[unit.code, year]),
            "upload_url": reverse("measurement:budget_import", args=[unit.code, year]),
        },
        done_url=reverse("measurement:budget", args=[unit.code, year]),
    )


# --- windows ----------------------------------------------------------------------------------


class ReopenForm(forms.Form):
    year = forms.IntegerField(widget=forms.HiddenInput)
    opd = forms.ModelChoiceField(
        label=gettext_lazy("OPD"), queryset=OrgUnit.objects.none(), to_field_name="code"
    )
    quarter = forms.TypedChoiceField(
        label=gettext_lazy("Quarter"),
        choices=QUARTER_CHOICES,
        coerce=int,
    )
    until = forms.DateField(label=gettext_lazy("Open until"), widget=DateInput)
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea({"rows": 3}))

    def __init__(self, *args, opds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opds


def _require_planner(user) -> None:
    if not selectors.may_reopen_window(user):
        raise PermissionDenied


def _windows_page(request: HttpRequest, year: int, form: ReopenForm, status: int = 200):
    pemda_id = get_scope(request.user).pemda_id
    today = timezone.localdate()
    rows = list(QuarterWindow.objects.filter(pemda_id=pemda_id, plan_year__year=year))
    reopenings = list(
        get_scope(request.user)
        .filter(
            WindowReopening.objects.filter(pemda_id=pemda_id, window__plan_year__year=year),
            path="opd",
        )
        .select_related("window", "opd", "reopened_by")
        .order_by("-created_at")
    )
    return render(
        request,
        "measurement/budget/windows.html",
        {
            "year": year,
            "windows": rows,
            "reopenings": reopenings,
            "today": today,
            "form": form,
        },
        status=status,
    )


def _year_of(request: HttpRequest, source) -> int:
    try:
        year = int(source.get("year") or timezone.localdate().year)
    except (TypeError, ValueError):
        year = timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
def windows(request: HttpRequest) -> HttpResponse:
    """The year's four entry windows and every reopening (Bappeda and admins)."""
    _require_planner(request.user)
    year = _year_of(request, request.GET)
    form = ReopenForm(
        initial={"year": year, "until": timezone.localdate()},
        opds=selectors.readable_opds(user=request.user),
    )
    return _windows_page(request, year, form)


@login_required
@require_POST
def window_reopen(request: HttpRequest) -> HttpResponse:
    _require_planner(request.user)
    year = _year_of(request, request.POST)
    form = ReopenForm(request.POST, opds=selectors.readable_opds(user=request.user))
    if form.is_valid():
        data = form.cleaned_data
        window = QuarterWindow.objects.filter(
            pemda_id=get_scope(request.user).pemda_id,
            plan_year__year=data["year"],
            quarter=data["quarter"],
        ).first()
        if window is None:
            form.add_error("quarter", _("No entry window is set for this quarter and year."))
        else:
            try:
                services.window_reopen(
                    actor=request.user,
                    window=window,
                    opd=data["opd"],
                    until=data["until"],
                    reason=data["reason"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("TW %(q)s is reopened for %(opd)s until %(day)s.")
                    % {
                        "q": data["quarter"],
                        "opd": data["opd"].name,
                        "day": data["until"].strftime("%d-%m-%Y"),
                    },
                )
                return redirect(f"{reverse('measurement:windows')}?year={data['year']}")
    return _windows_page(request, year, form, status=400)


# --- settings ---------------------------------------------------------------------------------


class SettingsForm(VersionedForm):
    negative_formula = forms.ChoiceField(
        label=gettext_lazy("Capaian of a negative indicator (lower is better)"),
        choices=MeasurementSettings.NegativeFormula.choices,
    )
    index_cap = forms.IntegerField(
        label=MeasurementSettings._meta.get_field("index_cap").verbose_name,
        help_text=MeasurementSettings._meta.get_field("index_cap").help_text,
        required=False,
        min_value=0,
    )
    # Text: the service reads the number as people type it (75,5 or 75.5).
    range_penalty = forms.CharField(
        label=MeasurementSettings._meta.get_field("range_penalty").verbose_name, max_length=20
    )
    reminder_days = forms.IntegerField(
        label=MeasurementSettings._meta.get_field("reminder_days").verbose_name,
        min_value=0,
        max_value=90,
    )

    edit_fields = ("negative_formula", "index_cap", "range_penalty", "reminder_days")


@login_required
def settings(request: HttpRequest) -> HttpResponse:
    """The Pemda's measurement rules (Bappeda and admins), versioned."""
    _require_planner(request.user)
    pemda = OrgUnit.objects.get(pk=get_scope(request.user).pemda_id)
    row = selectors.settings_for(pemda.pk)
    if request.method == "POST":
        form = SettingsForm(request.POST)

        def save(data, version):
            services.settings_update(
                actor=request.user, pemda=pemda, data=data, expected_version=version
            )

        if save_versioned_form(form, save, obj=row if row.pk else None):
            messages.success(request, _("Measurement settings saved."))
            return redirect("measurement:settings")
        status = 400
    else:
        form = SettingsForm(initial=SettingsForm.initial_for(row))
        status = 200
    return render(
        request, "measurement/budget/settings.html", {"form": form, "row": row}, status=status
    )
