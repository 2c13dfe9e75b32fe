"""The other printable forms of reporting, as PDFs rendered by background jobs (WeasyPrint):

* `form_measurement`: an OPD's Formulir Pengukuran Kinerja of one quarter (every indicator the
  quarter measures with its annual and quarterly target, the quarter's realisation and capaian,
  the capaian up to the quarter, status, obstacles and solutions), signed by the Kepala OPD;
* `form_cascading`: the cascading matrix of an OPD's Renstra for one year;
* `form_tree`: the pohon kinerja of a Renstra, or of the whole Pemda for a plan period, as one
  indented table with indicators and targets and, once realisations exist, every statement's
  rolled-up capaian in its predicate band's colour.

The job re-reads everything through its owner's scoped selectors, so a job never prints more
than its owner may see. Each form loads its data in a constant number of queries. Fixed document
text is Indonesian (the regulation's words); fonts come from static/fonts and the stylesheet
static/reporting/forms.css, both through the shared URL fetcher that serves local files only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from apps.agreements.templatetags.pk import target as target_text
from apps.core.jobs import JobResult, job_run
from apps.core.pdf import STATIC_SCHEME, font_face_css, make_url_fetcher, render_document
from apps.core.templatetags.sakip import JOB_KIND_LABELS
from apps.measurement import capaian as engine
from apps.measurement import rollup
from apps.measurement import selectors as measurement
from apps.measurement.models import RealisationStatus
from apps.organisations.access import get_scope
from apps.organisations.models import OrgUnit, PlanPeriod, Position, User
from apps.organisations.selectors import current_holder, period_list
from apps.performance.selectors import TreeNode, cascading_matrix, opd_tree, pemda_tree, walk
from apps.planning.models import Renstra
from apps.planning.selectors import get_renstra_for_user

# Local static files only (no media: the forms show no uploads); anything else is refused.
url_fetcher = make_url_fetcher(STATIC_SCHEME, None)

MEASUREMENT = "form_measurement"
CASCADING = "form_cascading"
TREE = "form_tree"
PEMDA_TREE = "form_tree_pemda"

KIND_LABELS = {
    MEASUREMENT: _("Performance measurement form (PDF)"),
    CASCADING: _("Cascading matrix form (PDF)"),
    TREE: _("Pohon kinerja form (PDF)"),
    PEMDA_TREE: _("Pemda pohon kinerja form (PDF)"),
}
JOB_KIND_LABELS.update(KIND_LABELS)

STYLESHEET = "reporting/forms.css"
FONT_FAMILY = "SAKIP Sans"  # the family static/reporting/forms.css uses

DOCUMENT_LANGUAGE = "id"
QUARTER_NAMES = {1: "I", 2: "II", 3: "III", 4: "IV"}


# --- rendering --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    content: bytes
    pages: int


def render(template: str, context: dict) -> Rendered:
    """HTML template → PDF bytes (A4 landscape, page numbers and running header in the @page
    margin boxes of static/reporting/forms.css)."""
    with translation.override(DOCUMENT_LANGUAGE):
        html = render_to_string(template, {"printed_at": timezone.localtime(), **context})
    document = render_document(
        html,
        fetcher=url_fetcher,
        css_strings=[font_face_css(FONT_FAMILY, STATIC_SCHEME)],
        css_urls=[f"{STATIC_SCHEME}:/{STYLESHEET}"],
    )
    return Rendered(content=document.write_pdf(), pages=len(document.pages))


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")[:40] or "opd"


def _kepala(opd: OrgUnit) -> tuple[Position | None, object | None]:
    """The OPD's head position and who holds it today (two queries)."""
    position = (
        Position.objects.filter(unit=opd, is_head=True, is_active=True).order_by("id").first()
    )
    holder = current_holder(position) if position is not None else None
    return position, holder


# --- the quarterly measurement form -----------------------------------------------------------


@dataclass
class MeasurementRow:
    number: int | None  # the sasaran's number on its first row, else None
    span: int  # rows of the sasaran (on its first row)
    statement: str
    measure: measurement.Measure
    target: str
    quarter_target: str
    realisation: str
    capaian: Decimal | None
    cumulative: Decimal | None
    band: str
    band_label: str
    status: str
    obstacle: str
    solution: str

    @property
    def indicator(self):
        return self.measure.indicator


def number(value: Decimal | str | None) -> str:
    """A target or realisation as written: a level's name as it is, a number the Indonesian
    way with the decimals it carries; "–" when missing."""
    if isinstance(value, str) and value:
        return value
    return target_text(value if value != "" else None)


def get_opd(user, code) -> OrgUnit:
    """An OPD the user may read measurement of (404 otherwise)."""
    return measurement.get_opd_for_user(user, code)


def measurement_context(*, user, opd_code, year: int, quarter: int) -> dict:
    """The form's rows in tree order, grouped by statement. Ten queries whatever the size."""
    if quarter not in QUARTER_NAMES:
        raise Http404
    opd = get_opd(user, opd_code)
    pemda = OrgUnit.objects.get(pk=opd.pemda_id)
    rules = measurement.rules_for(opd.pemda_id)
    rows: list[MeasurementRow] = []
    first: MeasurementRow | None = None
    groups = 0
    for m in measurement.opd_measures(opd=opd, year=year):
        if quarter not in m.quarters:
            continue
        realised = m.realisations.get(quarter)
        cumulative = m.result(quarter, rules).capaian
        band = engine.predicate(cumulative)
        row = MeasurementRow(
            number=None,
            span=1,
            statement=m.node.statement,
            measure=m,
            target=m.target_text or number(m.target),
            quarter_target=number(m.quarter_target(quarter)),
            realisation=number((realised.text_value or realised.value) if realised else None),
            capaian=m.capaian_of_quarter(quarter, rules),
            cumulative=cumulative,
            band=band[0] if band else "none",
            band_label=band[1] if band else "",
            status=RealisationStatus(realised.status).label if realised else "",
            obstacle=realised.obstacle if realised else "",
            solution=realised.solution if realised else "",
        )
        if first is not None and first.measure.node.pk == m.node.pk:
            first.span += 1
        else:
            groups += 1
            row.number = groups
            first = row
        rows.append(row)
    position, holder = _kepala(opd)
    return {
        "opd": opd,
        "pemda": pemda,
        "year": year,
        "quarter": quarter,
        "quarter_name": QUARTER_NAMES[quarter],
        "rows": rows,
        "position": position,
        "holder": holder,
        "place": pemda.place or opd.name,
        "today": timezone.localdate(),
    }


def measurement_pdf(*, user, opd_code, year: int, quarter: int) -> JobResult:
    context = measurement_context(user=user, opd_code=opd_code, year=year, quarter=quarter)
    rendered = render("reporting/forms/measurement_pdf.html", context)
    name = f"pengukuran_kinerja_{_slug(context['opd'].short_name or context['opd'].name)}"
    return JobResult(filename=f"{name}_{year}_TW{quarter}.pdf", content=rendered.content)


# --- the cascading matrix ---------------------------------------------------------------------


def get_renstra(user, code, year: int) -> Renstra:
    """A Renstra the user may read, for a year of its period (404 otherwise)."""
    renstra = get_renstra_for_user(user, code)
    if year not in renstra.period.years:
        raise Http404
    return renstra


def cascading_pdf(*, user, renstra_code, year: int) -> JobResult:
    renstra = get_renstra(user, renstra_code, year)
    rows = cascading_matrix(user=user, renstra=renstra, year=year)
    rendered = render(
        "reporting/forms/cascading_pdf.html", {"renstra": renstra, "rows": rows, "year": year}
    )
    name = _slug(renstra.opd.short_name or renstra.opd.name)
    return JobResult(filename=f"matriks_cascading_{name}_{year}.pdf", content=rendered.content)


# --- the tree ---------------------------------------------------------------------------------


@dataclass
class TreeRow:
    item: TreeNode | None
    depth: int
    heading: str = ""  # a row that only names a part of the table (an OPD's unlinked statements)
    capaian: Decimal | None = None
    band: str = "none"
    band_label: str = ""
    indicator_capaian: dict[int, Decimal | None] = field(default_factory=dict)

    @property
    def indicators(self) -> list[tuple]:
        """(view, capaian) of each indicator."""
        if self.item is None:
            return []
        return [(v, self.indicator_capaian.get(v.indicator.pk)) for v in self.item.indicators]


def _tree_rows(
    walked: list[tuple[TreeNode | None, int, str]], values: rollup.Rollup | None
) -> list[TreeRow]:
    by_indicator: dict[int, Decimal | None] = {}
    if values is not None:
        by_indicator = {f.measure.indicator.pk: f.result.capaian for f in values.figures}
    rows = []
    for item, depth, heading in walked:
        if item is None:
            rows.append(TreeRow(item=None, depth=0, heading=heading))
            continue
        value = values.value(item.node.pk) if values is not None else None
        band = engine.predicate(value)
        rows.append(
            TreeRow(
                item=item,
                depth=min(depth, 8),
                capaian=value,
                band=band[0] if band else "none",
                band_label=band[1] if band else "",
                indicator_capaian={
                    v.indicator.pk: by_indicator.get(v.indicator.pk) for v in item.indicators
                },
            )
        )
    return rows


def _has_realisations(values: rollup.Rollup) -> bool:
    return any(f.measure.realisations for f in values.figures)


def tree_context(*, user, renstra_code, year: int) -> dict:
    """An OPD's tree with the capaian of the year (every entered realisation). Constant
    queries: the tree's twelve and the roll-up's nine."""
    renstra = get_renstra(user, renstra_code, year)
    tree = opd_tree(user=user, renstra=renstra, year=year)
    values = rollup.load_rollup(
        pemda_id=renstra.pemda_id, year=year, opd_ids=[renstra.opd_id], pemda_level=False
    )
    measured = _has_realisations(values)
    walked = [(item, depth, "") for item, depth in walk(tree.root.children)]
    return {
        "title": renstra.opd.name,
        "renstra": renstra,
        "period": renstra.period,
        "year": year,
        "rows": _tree_rows(walked, values if measured else None),
        "measured": measured,
    }


def tree_pdf(*, user, renstra_code, year: int) -> JobResult:
    context = tree_context(user=user, renstra_code=renstra_code, year=year)
    rendered = render("reporting/forms/tree_pdf.html", context)
    name = _slug(context["renstra"].opd.short_name or context["renstra"].opd.name)
    return JobResult(filename=f"pohon_kinerja_{name}_{year}.pdf", content=rendered.content)


def may_print_pemda_tree(user) -> bool:
    """The Pemda-wide tree is printed by the Pemda-wide roles (planners first of all): an OPD's
    own users print their Renstra's tree."""
    scope = get_scope(user)
    return scope.pemda_id is not None and scope.pemda_wide()


def get_period(user, year: int) -> PlanPeriod:
    """The plan period of the user's Pemda containing `year` (404 when there is none)."""
    period = (
        period_list(user=user)
        .filter(start_year__lte=year, end_year__gte=year)
        .order_by("-start_year")
        .first()
    )
    if period is None:
        raise Http404
    return period


def pemda_tree_context(*, user, year: int) -> dict:
    """The RPJMD tree with the OPD statements cascading from it, then per OPD the statements
    linked to no RPJMD sasaran; one table. Constant queries (the tree's twelve, the roll-up's
    nine)."""
    period = get_period(user, year)
    tree = pemda_tree(user=user, period=period, year=year, with_findings=False)
    values = rollup.load_rollup(pemda_id=period.pemda_id, year=year)
    measured = _has_realisations(values)
    walked: list[tuple[TreeNode | None, int, str]] = [
        (item, depth, "") for item, depth in tree.walk()
    ]
    for branch in tree.opds:
        if branch.unlinked:
            walked.append((None, 0, branch.renstra.opd.name))
            walked.extend((item, depth, "") for item, depth in walk(branch.unlinked))
    return {
        "title": str(OrgUnit.objects.get(pk=period.pemda_id).name),
        "renstra": None,
        "period": period,
        "year": year,
        "rows": _tree_rows(walked, values if measured else None),
        "measured": measured,
        "show_opd": True,
    }


def pemda_tree_pdf(*, user, year: int) -> JobResult:
    if not may_print_pemda_tree(user):
        raise Http404
    context = pemda_tree_context(user=user, year=year)
    rendered = render("reporting/forms/tree_pdf.html", context)
    return JobResult(filename=f"pohon_kinerja_pemda_{year}.pdf", content=rendered.content)


# --- the job ----------------------------------------------------------------------------------


def work(job, progress) -> JobResult:
    """Render the job's form as its owner (the owner's scope decides what is printed)."""
    user = User.objects.get(pk=job.owner_id)
    params = job.params
    year = int(params["year"])
    progress(10, "")
    if job.kind == MEASUREMENT:
        return measurement_pdf(
            user=user, opd_code=params["opd"], year=year, quarter=int(params["quarter"])
        )
    if job.kind == CASCADING:
        return cascading_pdf(user=user, renstra_code=params["renstra"], year=year)
    if job.kind == TREE:
        return tree_pdf(user=user, renstra_code=params["renstra"], year=year)
    if job.kind == PEMDA_TREE:
        return pemda_tree_pdf(user=user, year=year)
    raise ValueError(f"unknown form {job.kind!r}")


@task()
def render_form_task(job_id: int) -> None:
    job_run(job_id, work)
