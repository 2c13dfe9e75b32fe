"""The public portal under /portal/ (no login). It reads Publication rows that are not withdrawn,
and only their own frozen snapshot and issued file: never the live planning or measurement
tables, so a draft can never reach it. Every page runs a constant number of queries."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal, InvalidOperation

from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from apps.core.excel import safe_value
from apps.measurement.dashboards import BANDS
from apps.organisations.models import OrgUnit
from apps.reporting.models import Publication, PublicationKind

# Plans span their period: they are listed under every year of it (5 years).
PERIOD_KINDS = (PublicationKind.RPJMD, PublicationKind.RENSTRA)
PERIOD_YEARS = 5
KIND_ORDER = [k for k, _ in PublicationKind.choices]

OPEN_DATA_COLUMNS = (
    "opd_code",
    "opd",
    "sasaran",
    "indicator_code",
    "indicator",
    "unit",
    "iku",
    "quarter",
    "target",
    "realisation",
    "capaian",
    "predicate",
)


def published() -> QuerySet[Publication]:
    """The only rows the portal reads."""
    return Publication.objects.filter(withdrawn_at__isnull=True)


def _publication(code, kind: str | None = None) -> Publication:
    qs = published().select_related("pemda", "opd")
    if kind is not None:
        qs = qs.filter(kind=kind)
    try:
        return qs.get(code=code)
    except Publication.DoesNotExist as exc:
        raise Http404 from exc


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    pemdas = OrgUnit.objects.filter(
        parent__isnull=True, pk__in=published().values("pemda_id")
    ).order_by("name")
    return render(request, "reporting/portal/home.html", {"pemdas": pemdas})


@require_GET
def pemda(request: HttpRequest, code) -> HttpResponse:
    unit = OrgUnit.objects.filter(parent__isnull=True, code=code).first()
    if unit is None:
        raise Http404
    rows = published().filter(pemda=unit)
    years = sorted(set(rows.values_list("year", flat=True)), reverse=True)
    if not years:
        raise Http404
    try:
        year = int(request.GET.get("year") or years[0])
    except ValueError:
        year = years[0]
    listed = list(
        rows.filter(
            Q(year=year) | Q(kind__in=PERIOD_KINDS, year__lte=year, year__gt=year - PERIOD_YEARS)
        )
        .defer("snapshot")
        .select_related("opd")
        .order_by("kind", "opd__lft", "title")
    )
    groups = []
    labels = dict(PublicationKind.choices)
    for kind in KIND_ORDER:
        items = [p for p in listed if p.kind == kind]
        if items:
            groups.append({"kind": kind, "label": labels[kind], "items": items})
    period_years = sorted({y + i for y in years for i in range(PERIOD_YEARS)} | set(years))
    return render(
        request,
        "reporting/portal/pemda.html",
        {"pemda": unit, "year": year, "years": period_years, "groups": groups},
    )


def _iku_trend(snapshot: dict) -> list[dict]:
    """The capaian per quarter of each IKU (for the trend chart)."""
    return [
        {
            "name": row["indicator"],
            "opd": row["opd"],
            "quarters": [q["quarter"] for q in row["quarters"]],
            "capaian": [
                float(q["capaian"]) if q["capaian"] is not None else None for q in row["quarters"]
            ],
        }
        for row in snapshot.get("indicators", [])
        if row.get("iku")
    ]


# Kinds the document page draws with their own include; any other kind shows its snapshot as is.
RENDERED_KINDS = {
    PublicationKind.RPJMD,
    PublicationKind.RENSTRA,
    PublicationKind.RENJA,
    PublicationKind.IKU,
    PublicationKind.PK,
    PublicationKind.LKJIP,
    PublicationKind.INDICATORS,
    PublicationKind.EVALUATION,
}


@require_GET
def document(request: HttpRequest, code) -> HttpResponse:
    publication = _publication(code)
    snapshot = publication.snapshot or {}
    context = {"pub": publication, "snap": snapshot, "pemda": publication.pemda}
    if publication.kind == PublicationKind.INDICATORS:
        context["trend"] = _iku_trend(snapshot)
    elif publication.kind not in RENDERED_KINDS:
        context["generic"] = json.dumps(snapshot, indent=2, ensure_ascii=False)
    return render(request, "reporting/portal/document.html", context)


@require_GET
def file(request: HttpRequest, code) -> FileResponse:
    publication = _publication(code)
    if not publication.file:
        raise Http404
    try:
        handle = publication.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    name = publication.file.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["X-Content-SHA256"] = publication.sha256
    return response


@require_GET
def tree(request: HttpRequest, code) -> HttpResponse:
    publication = _publication(code, PublicationKind.INDICATORS)
    snapshot = publication.snapshot or {}
    opd_trees = snapshot.get("opd_trees", {})
    chosen = request.GET.get("opd", "")
    if chosen and chosen in opd_trees:
        data, title = opd_trees[chosen]["tree"], opd_trees[chosen]["name"]
    else:
        chosen, data, title = "", snapshot.get("tree", {}), publication.pemda.name
    rows = []

    def walk(node: dict, depth: int) -> None:
        if not node:
            return
        rows.append({**node, "depth": depth})
        for child in node.get("children", []):
            walk(child, depth + 1)

    walk(data, 0)
    return render(
        request,
        "reporting/portal/tree.html",
        {
            "pub": publication,
            "pemda": publication.pemda,
            "chart": data,
            "rows": rows,
            "subject": title,
            "opds": sorted(((k, v["name"]) for k, v in opd_trees.items()), key=lambda x: x[1]),
            "chosen": chosen,
            "bands": BANDS,
        },
    )


def open_data_rows(snapshot: dict) -> list[dict]:
    """One row per indicator × quarter of an indicators publication."""
    rows = []
    for ind in snapshot.get("indicators", []):
        for q in ind["quarters"]:
            rows.append(
                {
                    "opd_code": ind["opd_code"],
                    "opd": ind["opd"],
                    "sasaran": ind["statement"],
                    "indicator_code": ind["code"],
                    "indicator": ind["indicator"],
                    "unit": ind["unit"],
                    "iku": ind["iku"],
                    "quarter": q["quarter"],
                    "target": q["target"],
                    "realisation": q["realisation"],
                    "capaian": q["capaian"],
                    "predicate": q.get("predicate_label", ""),
                }
            )
    return rows


def _csv_cell(value) -> str:
    """Numbers as they are; any other text that a spreadsheet could read as a formula is made
    plain text (apps.core.excel.safe_value)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    text = str(value)
    if text == "%":  # the percent unit alone cannot start a formula
        return text
    try:
        Decimal(text)
        return text
    except InvalidOperation:
        return safe_value(text)


@require_GET
def open_data(request: HttpRequest, code, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "json"):
        raise Http404
    publication = _publication(code, PublicationKind.INDICATORS)
    snapshot = publication.snapshot or {}
    rows = open_data_rows(snapshot)
    base = f"sakip-{publication.year}-tw{snapshot.get('up_to_quarter', '')}-{publication.code}"
    if fmt == "json":
        response = JsonResponse(
            {
                "publication": {
                    "code": str(publication.code),
                    "title": publication.title,
                    "pemda": publication.pemda.name,
                    "year": publication.year,
                    "up_to_quarter": snapshot.get("up_to_quarter"),
                    "published_at": publication.published_at.isoformat(),
                    "columns": list(OPEN_DATA_COLUMNS),
                },
                "rows": rows,
            },
            json_dumps_params={"ensure_ascii": False},
        )
        response["Content-Disposition"] = f'attachment; filename="{base}.json"'
        return response
    out = io.StringIO()
    out.write("\ufeff")  # UTF-8 with BOM: Excel reads the accents right
    writer = csv.writer(out)
    writer.writerow(OPEN_DATA_COLUMNS)
    for row in rows:
        writer.writerow([_csv_cell(row[c]) for c in OPEN_DATA_COLUMNS])
    response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{base}.csv"'
    return response
