"""Early warning pages: the indicators heading for a miss at year end, and the late-data table
per OPD with its Excel download. Read-only; each page loads the user's readable OPDs, the
measured set and the windows in a constant number of queries, then hands them to the pure
functions of apps.measurement.forecast."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.excel import add_sheet, new_workbook, workbook_bytes
from apps.measurement import forecast, selectors
from apps.organisations.access import get_scope

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TW = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _units(request: HttpRequest, opd_code: str = "") -> tuple[list, list[tuple[int, str]], bool]:
    """The OPDs the user may read (one, when `opd_code` names one of them; 404 otherwise), the
    (unit id, name) pairs to show, and whether the RPJMD's own indicators are included (for
    Pemda-wide grants only, when no OPD is chosen)."""
    user = request.user
    if opd_code:
        opds = [selectors.get_opd_for_user(user, opd_code)]
    else:
        opds = list(selectors.readable_opds(user=user))
    units = [(o.pk, o.name) for o in opds]
    pemda_level = not opd_code and get_scope(user).pemda_wide()
    if pemda_level:
        units.append((user.pemda_id, _("Pemda (RPJMD indicators)")))
    return opds, units, pemda_level


def _measures(request: HttpRequest, year: int, opds: list, pemda_level: bool) -> list:
    return selectors.measures(
        pemda_id=request.user.pemda_id,
        year=year,
        opd_ids=[o.pk for o in opds],
        pemda_level=pemda_level,
    )


@login_required
def at_risk(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    opd_code = (request.GET.get("opd") or "").strip()
    opds, units, pemda_level = _units(request, opd_code)
    rules = selectors.rules_for(request.user.pemda_id)
    rows, counts = forecast.risk_rows(_measures(request, year, opds, pemda_level), rules)
    names = dict(units)
    return render(
        request,
        "measurement/warnings/at_risk.html",
        {
            "year": year,
            "rows": [(row, names.get(row.measure.opd_id or request.user.pemda_id)) for row in rows],
            "counts": counts,
            "opd_choices": list(selectors.readable_opds(user=request.user))
            if not opd_code
            else opds,
            "opd_code": opd_code,
        },
    )


def _late(request: HttpRequest, year: int) -> list[forecast.LateUnit]:
    opds, units, pemda_level = _units(request)
    windows = selectors.windows_by_unit(
        pemda_id=request.user.pemda_id, year=year, unit_ids=[uid for uid, _name in units]
    )
    measures = _measures(request, year, opds, pemda_level)
    return forecast.late_table(measures, windows, units, request.user.pemda_id)


@login_required
def late(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    table = _late(request, year)
    return render(
        request,
        "measurement/warnings/late.html",
        {"year": year, "table": table, "total": sum(u.count for u in table)},
    )


@login_required
def late_excel(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    table = _late(request, year)
    wb = new_workbook()
    add_sheet(
        wb,
        _("Late data"),
        [_("OPD"), _("Indicator"), _("Quarter"), _("Problem"), _("Window closed on")],
        (
            (
                unit.name,
                item.measure.indicator.name,
                TW[item.quarter],
                _("no realisation") if item.missing else _("draft never submitted"),
                item.closed_on,
            )
            for unit in table
            for item in unit.items
        ),
        widths=[35, 60, 10, 25, 18],
    )
    add_sheet(
        wb,
        _("Per OPD"),
        [_("OPD"), _("Late items")],
        ((unit.name, unit.count) for unit in table),
        widths=[35, 12],
    )
    response = HttpResponse(workbook_bytes(wb), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="late-data-{year}.xlsx"'
    return response
