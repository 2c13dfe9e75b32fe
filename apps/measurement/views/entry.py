"""Realisation entry and verification pages: the overview per OPD, the quarter grid (with a paste
from Excel), one realisation with its evidence and workflow, evidence downloads, and the
verifier's queue. Views parse, look up through the scoped selectors, call one service, render."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.concurrency import StaleVersionError
from apps.core.forms import bound_data, save_form, save_versioned_form
from apps.core.pagecache import lazy, page_cache
from apps.core.workflow import WorkflowError
from apps.measurement import capaian, forms, selectors, services
from apps.measurement.models import Realisation, RealisationStatus
from apps.organisations.access import get_scope
from apps.organisations.models import OrgUnit
from apps.performance.models import ValueType

STATUSES = ("draft", "submitted", "returned", "verified")


def _period(request: HttpRequest, opds=None) -> tuple[forms.PeriodForm, int, int, OrgUnit | None]:
    """The year, quarter and OPD from the query string (today's when absent or invalid)."""
    today = timezone.localdate()
    form = forms.PeriodForm(
        request.GET if "year" in request.GET else None,
        opds=opds if opds is not None else OrgUnit.objects.none(),
        initial={"year": today.year, "quarter": selectors.current_quarter(today)},
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, data["year"], data["quarter"], data.get("opd")
    return form, today.year, selectors.current_quarter(today), None


def _messages(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        return exc.messages
    return [str(exc)]


# --- overview ---------------------------------------------------------------------------------


@dataclass
class UnitSummary:
    unit: OrgUnit
    window: selectors.WindowState
    measured: int = 0
    entered: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Per OPD: how many indicators the quarter measures, how many are entered, submitted,
    verified and returned, and whether its window is open. A constant number of queries."""
    opds = selectors.readable_opds(user=request.user)
    form, year, quarter, chosen = _period(request, opds)
    scope = get_scope(request.user)
    units = [chosen] if chosen else list(opds)
    root = None
    if chosen is None and scope.pemda_id is not None and scope.pemda_wide():
        root = request.user.pemda  # the RPJMD's own indicators, entered by Bappeda
    if root is not None:
        units = [root, *units]
    summaries: dict[int, UnitSummary] = {}
    if units:
        windows = selectors.windows_by_unit(
            pemda_id=scope.pemda_id, year=year, unit_ids=[u.pk for u in units]
        )
        summaries = {u.pk: UnitSummary(unit=u, window=windows[u.pk][quarter]) for u in units}
        for m in selectors.measures(
            pemda_id=scope.pemda_id,
            year=year,
            opd_ids=[u.pk for u in units if u.parent_id is not None],
            pemda_level=root is not None,
        ):
            summary = summaries.get(m.opd_id or scope.pemda_id)
            if summary is None or quarter not in m.quarters:
                continue
            summary.measured += 1
            row = m.realisations.get(quarter)
            if row is not None:
                summary.entered += int(row.value is not None or bool(row.text_value))
                summary.counts[row.status] += 1
    return render(
        request,
        "measurement/entry/home.html",
        {
            "form": form,
            "year": year,
            "quarter": quarter,
            "summaries": list(summaries.values()),
            "pemda_wide": scope.pemda_wide(),
            "may_plan": selectors.may_reopen_window(request.user, scope.pemda_id),
        },
    )


# --- the quarter grid -------------------------------------------------------------------------


_PLACEHOLDER = "00000000-0000-0000-0000-000000000000"


@dataclass
class GridLine:
    number: int
    measure: selectors.Measure
    row: Realisation | None
    editable: bool
    year_end_only: bool
    capaian: Decimal | None
    colour: str
    quarter_target: Decimal | None = None
    quarter_target_text: str = ""
    value: str = ""
    obstacle: str = ""
    solution: str = ""
    url: str = ""  # the realisation's page
    errors: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.measure.code

    @property
    def version(self) -> str:
        return str(self.row.version) if self.row else ""

    @property
    def status_label(self) -> str:
        return RealisationStatus(self.row.status).label if self.row else ""


def _stored_value(row: Realisation | None) -> str:
    if row is None:
        return ""
    if row.text_value:
        return row.text_value
    if row.value is None:
        return ""
    return f"{row.value.normalize():f}"


def _grid_lines(
    *, unit: OrgUnit, year: int, quarter: int, may_enter: bool, window_open: bool
) -> list[GridLine]:
    if unit.parent_id is None:
        found = selectors.measures(pemda_id=unit.pk, year=year, opd_ids=[], pemda_level=True)
    else:
        found = selectors.opd_measures(opd=unit, year=year)
    rules = selectors.rules_for(unit.pemda_id)
    # One reverse() for the grid, not a {% url %} per row (a tenth of a province OPD's grid).
    url_pattern = reverse("measurement:realisation", args=[_PLACEHOLDER])
    lines = []
    for number, m in enumerate(found, start=1):
        row = m.realisations.get(quarter)
        year_end_only = quarter not in m.quarters
        value = m.capaian_of_quarter(quarter, rules) if not year_end_only else None
        band = capaian.predicate(value)
        q_target = m.quarter_target(quarter)
        lines.append(
            GridLine(
                number=number,
                measure=m,
                row=row,
                editable=may_enter
                and window_open
                and not year_end_only
                and (row is None or row.status in services.EDITABLE),
                year_end_only=year_end_only,
                capaian=value,
                colour=band[0] if band else "none",
                quarter_target=q_target if not isinstance(q_target, str) else None,
                quarter_target_text=q_target if isinstance(q_target, str) else "",
                value=_stored_value(row),
                obstacle=row.obstacle if row else "",
                solution=row.solution if row else "",
                url=url_pattern.replace(_PLACEHOLDER, str(row.code)) if row else "",
            )
        )
    return lines


@login_required
def grid(request: HttpRequest, opd, year: int, quarter: int) -> HttpResponse:
    """Every measured indicator of one OPD in one quarter, editable inside the window; saved as a
    whole (all rows or none)."""
    # A read is served from the cache while the Pemda's data is unchanged (apps.core.pagecache).
    page = page_cache(request)
    unit = selectors.get_entry_unit_for_user(request.user, opd)
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        raise Http404
    may_enter = selectors.may_enter_unit(request.user, unit)
    window = selectors.windows(pemda_id=unit.pemda_id, year=year, unit_id=unit.pk)[quarter]
    here = reverse("measurement:grid", args=[unit.code, year, quarter])
    if request.method == "POST":
        if not may_enter:
            raise PermissionDenied
        if "submit_drafts" in request.POST:
            _submit_drafts(request, unit, year, quarter)
            return redirect(here)

    def read_lines() -> list[GridLine]:
        return _grid_lines(
            unit=unit, year=year, quarter=quarter, may_enter=may_enter, window_open=window.is_open
        )

    if request.method != "POST":
        if page is not None:
            page.vary(may_enter, window.is_open)  # opening and closing follow the clock
        return _grid_page(request, unit, year, quarter, window, may_enter, lazy(read_lines), page)
    lines = read_lines()
    rows = forms.grid_rows(request.POST, [line.code for line in lines])
    try:
        saved = services.realisations_save(
            actor=request.user,
            pemda_id=unit.pemda_id,
            year=year,
            quarter=quarter,
            rows=rows,
            opd=unit,
        )
    except services.BulkError as exc:
        messages.error(request, str(exc))
        by_number = {line.number: line for line in lines}
        for row in rows:  # keep everything the user typed
            line = by_number[row.row]
            line.value, line.obstacle, line.solution = row.value, row.obstacle, row.solution
        for number, _field, message in exc.errors:
            by_number[number].errors.append(message)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Saved: %(count)s realisations.") % {"count": len(saved)})
        return redirect(here)
    return _grid_page(request, unit, year, quarter, window, may_enter, lazy(lambda: lines), None)


def _grid_page(request, unit, year, quarter, window, may_enter, lines, page) -> HttpResponse:
    """The grid page; `lines` is read when the page is rendered, not when served cached."""

    def drafts() -> int:
        return sum(
            1
            for line in lines()
            if line.row is not None
            and line.row.status in services.EDITABLE
            and (line.row.value is not None or line.row.text_value)
        )

    return render(
        request,
        "measurement/entry/grid.html",
        {
            "page_cache": page,
            "unit": unit,
            "year": year,
            "quarter": quarter,
            "lines": lines,
            "window": window,
            "may_enter": may_enter,
            "any_editable": lazy(lambda: any(line.editable for line in lines())),
            "drafts": lazy(drafts),
            "quarters": forms.QUARTER_CHOICES,
        },
    )


def _submit_drafts(request: HttpRequest, unit: OrgUnit, year: int, quarter: int) -> None:
    rows = list(
        selectors.realisation_list(user=request.user)
        .filter(
            opd=unit,
            year=year,
            quarter=quarter,
            status__in=[RealisationStatus.DRAFT, RealisationStatus.RETURNED],
        )
        .exclude(value__isnull=True, text_value="")
    )
    if not rows:
        messages.info(request, _("There is nothing to submit."))
        return
    try:
        count = services.realisations_transition(
            actor=request.user, realisations=rows, action="submit"
        )
    except (ValidationError, WorkflowError, StaleVersionError) as exc:
        for message in _messages(exc):
            messages.error(request, message)
    else:
        messages.success(
            request, _("Submitted for verification: %(count)s realisations.") % {"count": count}
        )


# --- one realisation --------------------------------------------------------------------------


@login_required
def realisation(request: HttpRequest, code) -> HttpResponse:
    """One realisation: its value, obstacle and solution, the evidence files, the workflow and the
    history."""
    row = selectors.get_realisation_for_user(request.user, code)
    indicator = row.indicator
    is_scale = indicator.value_type == ValueType.SCALE and indicator.scale_id
    labels = indicator.scale.labels if is_scale else None
    may_enter = selectors.may_enter(request.user, indicator)
    editable = may_enter and row.status in services.EDITABLE
    posted = bound_data(request)
    is_upload = posted is not None and posted.get("form") == "evidence"
    if posted is not None and not may_enter:
        raise PermissionDenied
    form = forms.RealisationForm(
        None if is_upload else posted,
        initial=forms.RealisationForm.initial_for(row),
        labels=labels,
    )
    upload = forms.EvidenceForm(posted if is_upload else None, request.FILES if is_upload else None)
    if is_upload and _upload(request, upload, row):
        messages.success(request, _("Evidence added."))
        return redirect("measurement:realisation", code=row.code)
    if posted is not None and not is_upload:
        value_field = form.value_field
        if save_versioned_form(
            form,
            lambda data, version: services.realisation_save(
                actor=request.user,
                indicator=indicator,
                year=row.year,
                quarter=row.quarter,
                value=data[value_field],
                obstacle=data["obstacle"],
                solution=data["solution"],
                expected_version=version,
            ),
            obj=row,
            default_field=None,
        ):
            messages.success(request, _("Saved."))
            return redirect("measurement:realisation", code=row.code)
    measure = next(
        iter(
            selectors.measures(
                pemda_id=row.pemda_id,
                year=row.year,
                opd_ids=[indicator.node.opd_id] if indicator.node.opd_id else [],
                pemda_level=not indicator.node.opd_id,
                indicator_ids=[indicator.pk],
            )
        ),
        None,
    )
    rules = selectors.rules_for(row.pemda_id)
    return render(
        request,
        "measurement/entry/realisation.html",
        {
            "row": row,
            "indicator": indicator,
            "measure": measure,
            "capaian": measure.capaian_of_quarter(row.quarter, rules) if measure else None,
            "form": form,
            "upload": upload,
            "editable": editable,
            "evidence": selectors.evidence_list(user=request.user)
            .filter(realisation=row, deleted_at__isnull=True)
            .select_related("uploaded_by"),
            "actions": services.workflow.available(row, request.user),
            "transition_form": forms.TransitionForm(initial={"version": row.version}),
            "events": services.workflow.history(row),
            "changes": row.history.select_related("history_user")[:50],
            "grid_url": reverse("measurement:grid", args=[row.opd.code, row.year, row.quarter]),
        },
    )


def _upload(request: HttpRequest, form: forms.EvidenceForm, row: Realisation) -> bool:
    if not form.is_valid():
        return False
    upload = form.cleaned_data["file"]
    # Read no more than one byte past the limit: the service refuses anything longer.
    content = upload.read(services.max_evidence_bytes() + 1)
    return (
        save_form(
            form,
            lambda data: services.evidence_add(
                actor=request.user, realisation=row, name=upload.name, content=content
            ),
            default_field="file",
        )
        is not None
    )


@login_required
@require_POST
def realisation_transition(request: HttpRequest, code, action: str) -> HttpResponse:
    """Submit, verify, return with a note, or unlock with a note (from the detail page or the
    verification queue, which passes `next`)."""
    row = selectors.get_realisation_for_user(request.user, code)
    transition = services.workflow.transitions.get(action)
    if transition is None:
        raise Http404
    if not transition.may_act(request.user, row):
        raise PermissionDenied
    form = forms.TransitionForm(request.POST)
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = ""
    target = target or reverse("measurement:realisation", kwargs={"code": row.code})
    if not form.is_valid():
        messages.error(request, _("The form was incomplete; please try again."))
        return redirect(target)
    try:
        services.realisation_transition(
            actor=request.user,
            realisation=row,
            action=action,
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        )
    except (ValidationError, WorkflowError, StaleVersionError) as exc:
        for message in _messages(exc):
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(indicator)s, TW %(quarter)s: %(status)s.")
            % {
                "indicator": row.indicator.name,
                "quarter": row.quarter,
                "status": row.get_status_display(),
            },
        )
    return redirect(target)


# --- evidence ---------------------------------------------------------------------------------


@login_required
def evidence_download(request: HttpRequest, code) -> FileResponse:
    """The file, streamed after the scoped lookup (evidence is never served from a public URL)."""
    evidence = selectors.get_evidence_for_user(request.user, code)
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def evidence_remove(request: HttpRequest, code) -> HttpResponse:
    evidence = selectors.get_evidence_for_user(request.user, code)
    try:
        services.evidence_remove(actor=request.user, evidence=evidence)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Evidence removed (it stays on record)."))
    return redirect("measurement:realisation", code=evidence.realisation.code)


# --- verification -----------------------------------------------------------------------------


@login_required
def verify_queue(request: HttpRequest) -> HttpResponse:
    """What waits for the verifier: submitted rows in their scope; verify the ticked ones at once,
    or return one with a note."""
    if not selectors.may_verify_somewhere(request.user):
        raise PermissionDenied
    opds = selectors.readable_opds(user=request.user)
    queue = selectors.verify_queue(user=request.user)
    form = forms.PeriodForm(request.GET if "year" in request.GET else None, opds=opds)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        queue = queue.filter(year=data["year"], quarter=data["quarter"])
        if data.get("opd"):
            queue = queue.filter(opd=data["opd"])
    here = request.get_full_path()
    if request.method == "POST":
        codes = [c for c in request.POST.getlist("rows") if _is_uuid(c)]
        rows = list(queue.filter(code__in=codes))
        if not rows:
            messages.error(request, _("Tick the realisations to verify."))
            return redirect(here)
        try:
            count = services.realisations_transition(
                actor=request.user, realisations=rows, action="verify"
            )
        except (ValidationError, WorkflowError, StaleVersionError) as exc:
            for message in _messages(exc):
                messages.error(request, message)
        else:
            messages.success(request, _("Verified: %(count)s realisations.") % {"count": count})
        return redirect(here)
    rows = queue.annotate(
        evidence_count=Count("evidence", filter=Q(evidence__deleted_at__isnull=True))
    )
    return render(
        request,
        "measurement/entry/verify_queue.html",
        {"rows": rows, "form": form, "here": here},
    )


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(str(text))
    except ValueError:
        return False
    return True
