"""The content of an LKjIP as one JSON-ready dict: every table, figure and narrative the
renderers (PDF, DOCX, Excel) and the pages draw, computed from the data in a constant number of
queries, or read from the report's snapshot once it is published.

Public functions (the contract other modules code against):

* ``build_content(report) -> dict``: live content from the data (narratives from Section rows);
* ``content_for(report) -> dict``: the snapshot of a published report, else ``build_content``.

Schema (version 1). Numbers are strings of Decimals ("95.00") or null, never floats; display
formatting (Indonesian "95,00", Rupiah) is the renderers' job; texts are plain text except
``narratives`` (cleaned HTML of the small rich-text subset)::

    {
      "schema": 1,
      "kind": "opd" | "pemda",
      "year": 2026,
      "up_to_quarter": 4,            # the last quarter with data the report uses
      "generated_at": "2026-11-29T10:00:00+07:00",
      "pemda": {"name": str, "place": str},
      "unit": {"code": str, "name": str},          # the OPD, or the Pemda for kind "pemda"
      "head": {"name": str, "title": str, "nip": str},   # who signs the report
      "narratives": {section key: html},           # ikhtisar, bab1, bab2, bab3a, bab3b, bab4,
                                                   # and "sasaran:<code>" per sasaran
      "summary": {"indicators": int, "mean_capaian": str|null,
                  "bands": {"sangat_tinggi": int, "tinggi": int, "sedang": int, "rendah": int,
                            "sangat_rendah": int, "none": int}},
      "pk": {"signed_on": str|null, "verification_code": str, "first_party": str,
             "second_party": str,
             "lines": [{"number": int, "sasaran": str, "indicator": str, "unit": str,
                        "target": str}],
             "budget": [{"level": str, "name": str, "amount": str|null}]},
      "iku": [{"indicator": str, "unit": str, "definition": str, "formula": str,
               "source": str, "target": str}],
      "sasaran": [{
          "code": str, "number": str, "statement": str,
          "capaian": str|null, "predicate": str|null,       # predicate label, e.g. "Tinggi"
          "indicators": [{
              "code": str, "name": str, "unit": str, "polarity": str, "aggregation": str,
              "target": str, "realisation": str, "capaian": str|null, "predicate": str|null,
              "quarters": [{"quarter": 1..4, "target": str, "realisation": str,
                            "capaian": str|null, "status": str}],
              "history": [{"year": int, "target": str, "realisation": str,
                           "capaian": str|null}],                          # (2) prior years
              "end_target": {"year": int, "target": str, "progress": str|null},   # (3)
              "national_standard": str,                                        # (4)
              "obstacles": [str], "solutions": [str],                          # (5)
          }],
          "efficiency": {"pagu": str|null, "spent": str|null, "absorption": str|null,
                         "efficiency": str|null},                              # (6)
          "programs": [{"code": str, "name": str, "pagu": str|null, "spent": str|null,
                        "absorption": str|null, "capaian": str|null}],         # (7)
      }],
      "budget": {"rows": [{"level": str, "code": str, "name": str, "pagu": str|null,
                           "spent": str|null, "absorption": str|null}],
                 "total_pagu": str|null, "total_spent": str|null, "absorption": str|null},
      "measurement_form": [{"sasaran": str, "indicator": str, "unit": str, "target": str,
                            "tw": [str, str, str, str], "realisation": str,
                            "capaian": str|null}],
    }

Official figures use verified realisations only (apps.measurement.rollup verified_only=True;
docs/measurement.md "Roll-up, efficiency and dashboards").

How the figures are chosen (docs/reporting.md "What an LKjIP contains and where each figure
comes from"):

* ``up_to_quarter``: 4 for a past year, else the last quarter holding a verified realisation of
  the report's indicators (1 when none is verified yet).
* kind "opd": the sasaran are the Renstra nodes of level ``sasaran`` of the period containing the
  year; their indicators are those measured in the year (``selectors.measures``). ``summary``,
  ``measurement_form`` and ``iku`` cover these sasaran indicators (the level the head of the OPD
  reports on). Indicator capaian is uncapped (reports are never capped); a sasaran's capaian is
  the roll-up's. A quarter shows its realisation only once verified; ``status`` is the row's
  actual status ("" when nothing was entered).
* kind "pemda": the sasaran are the RPJMD's ``sasaran_pemda`` nodes with their own indicators;
  a sasaran's capaian, efficiency and programs come from the OPD statements cascading to it.
  ``budget.rows`` are one row per OPD (level "opd").
* ``history`` lists the earlier years of the plan period in which the indicator has a verified
  realisation; ``end_target`` is the Renstra/RPJMD target of the period's last year and
  ``progress`` this year's realisation against it (empty target and null progress without one).

Additive keys (schema 1 stays compatible):

* ``period``: {"name": str, "start_year": int, "end_year": int} or null;
* indicator ``is_iku`` (bool) and ``target_to_date`` (the target the capaian is computed
  against up to ``up_to_quarter``: the Rencana Aksi's for a quarterly indicator, e.g. "12.5" at
  TW I of a target of "50"); ``quarters[].capaian`` is against that quarter's Rencana Aksi target;
* ``programs[].level`` ("program").
* Rupiah amounts carry two places ("2000000000.00"); targets and realisations are written as
  typed, without trailing zeros ("50", "11.875"); capaian, absorption and efficiency have two
  places ("95.00").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal

from django.utils import timezone

from apps.agreements.selectors import current_signed_pk
from apps.core.batch import gc_paused
from apps.measurement import capaian as engine
from apps.measurement import rollup, selectors
from apps.measurement.models import Realisation, RealisationStatus
from apps.measurement.rollup import EfficiencyRow, MeasureFigure, NodeRow
from apps.organisations.models import OrgUnit, PlanPeriod, Position, UnitType
from apps.organisations.selectors import current_holder
from apps.performance.models import NodeLevel, Target
from apps.reporting.models import ReportKind, Section

SCHEMA = 1
BANDS = ("sangat_tinggi", "tinggi", "sedang", "rendah", "sangat_rendah", "none")
BUDGET_LEVELS = (NodeLevel.PROGRAM, NodeLevel.KEGIATAN, NodeLevel.SUBKEGIATAN)
EFFICIENCY_LEVELS = (NodeLevel.TUJUAN, NodeLevel.SASARAN, *BUDGET_LEVELS)
ZERO = Decimal(0)
CENTS = Decimal("0.01")


def content_for(report) -> dict:
    """What a report shows: its frozen snapshot once published, else the live content."""
    if report.is_published and report.snapshot:
        return report.snapshot
    return build_content(report)


# --- numbers ----------------------------------------------------------------------------------


def _num(value) -> str | None:
    """A computed figure (capaian, Rupiah) as the string of its Decimal; None stays None."""
    if value is None:
        return None
    return format(Decimal(value), "f")


def _money(value) -> str | None:
    """Rupiah with its two places ("2000000000.00"); None stays None."""
    if value is None:
        return None
    return format(Decimal(value).quantize(CENTS), "f")


def _val(value) -> str:
    """A target or realisation as typed: "50", "11.875" (stored with four places); a scale level
    as its text; "" when there is none."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    text = format(Decimal(value).normalize(), "f")
    return text


def _sum(values: Iterable[Decimal]) -> Decimal:
    return sum(values, ZERO)


# --- the pieces -------------------------------------------------------------------------------


def _up_to_quarter(report, unit_ids: list[int] | None, level: str) -> int:
    """4 for a past year; else the last quarter with a verified realisation (1 when none)."""
    if report.year < timezone.localdate().year:
        return 4
    rows = Realisation.objects.filter(
        pemda_id=report.pemda_id, year=report.year, status=RealisationStatus.VERIFIED
    )
    if unit_ids is not None:
        rows = rows.filter(opd_id__in=unit_ids, indicator__node__node_level=level)
    latest = rows.order_by("-quarter").values_list("quarter", flat=True).first()
    return latest or 1


def _verified_measures(**kwargs) -> list[selectors.Measure]:
    """`selectors.measures` with its verified realisations only, read as light rows (an LKjIP
    uses verified values only: apps.measurement.rollup verified_only=True)."""
    return selectors.measures(light=True, statuses=[RealisationStatus.VERIFIED], **kwargs)


def _shown_sasaran(level: str, is_opd: bool) -> Callable[[list[NodeRow]], set[int]]:
    """The statements a report shows with their indicators (rollup.load_rollup's `detail`):
    the OPD's Renstra sasaran, or the RPJMD's sasaran for the Pemda-wide report. Every other
    indicator only feeds the roll-up (a province: 20,000 of them)."""

    def shown(nodes: list[NodeRow]) -> set[int]:
        return {n.id for n in nodes if n.level == level and n.is_rpjmd == (not is_opd)}

    return shown


def _history(
    *, pemda_id: int, year: int, period, indicator_ids: list[int], rules: engine.Rules
) -> dict[int, list[dict]]:
    """(2) The earlier years of the period with a verified realisation: one query for which years
    hold data, then one measures() per such year (at most the period's years)."""
    out: dict[int, list[dict]] = defaultdict(list)
    if period is None or not indicator_ids:
        return out
    years = list(
        Realisation.objects.filter(
            pemda_id=pemda_id,
            indicator_id__in=indicator_ids,
            year__gte=period.start_year,
            year__lt=year,
            status=RealisationStatus.VERIFIED,
        )
        .order_by("year")
        .values_list("year", flat=True)
        .distinct()
    )
    for earlier in years:
        for m in _verified_measures(pemda_id=pemda_id, year=earlier, indicator_ids=indicator_ids):
            result = m.result(4, rules, verified_only=True)
            if not result.quarters:
                continue
            out[m.indicator.pk].append(
                {
                    "year": earlier,
                    "target": m.target_text if m.is_scale else _val(m.target),
                    "realisation": result.realisation_text
                    if m.is_scale
                    else _val(result.realisation),
                    "capaian": _num(result.capaian),
                }
            )
    return out


def _end_targets(period, indicator_ids: list[int]) -> dict[int, dict]:
    """(3) The plan's target of the period's last year per indicator (one query)."""
    if period is None or not indicator_ids:
        return {}
    return {
        t["indicator_id"]: t
        for t in Target.objects.filter(indicator_id__in=indicator_ids, year=period.end_year).values(
            "indicator_id", "value", "value_max", "text_value"
        )
    }


def _statuses(pemda_id: int, year: int, indicator_ids: list[int]) -> dict[tuple[int, int], str]:
    """Every quarter's actual status (a quarter shows its value only once verified)."""
    if not indicator_ids:
        return {}
    return {
        (i, q): s
        for i, q, s in Realisation.objects.filter(
            pemda_id=pemda_id, year=year, indicator_id__in=indicator_ids
        ).values_list("indicator_id", "quarter", "status")
    }


def _unique(texts: Iterable[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        text = (text or "").strip()
        if text and text not in out:
            out.append(text)
    return out


def _indicator(
    fig: MeasureFigure,
    *,
    rules: engine.Rules,
    year: int,
    period,
    history: Mapping[int, list[dict]],
    end_targets: Mapping[int, dict],
    statuses: Mapping[tuple[int, int], str],
) -> dict:
    m, result = fig.measure, fig.result  # m.realisations: verified rows only
    ind = m.indicator
    scale = m.is_scale
    levels = ind.scale.levels if scale and ind.scale_id else []
    target = m.target_text if scale else _val(m.target)
    realisation = result.realisation_text if scale else _val(result.realisation)
    band = result.predicate
    rows = [m.realisations[q] for q in sorted(m.realisations)]

    quarters = []
    for q in (1, 2, 3, 4):
        q_target = m.quarter_targets.get(q)
        if q_target is None and q == 4 and not m.quarterly:
            q_target = m.target_text if scale else m.target
        row = m.realisations.get(q)
        value = "" if row is None else (row.text_value if scale else _val(row.value))
        quarters.append(
            {
                "quarter": q,
                "target": _val(q_target),
                "realisation": value,
                "capaian": _num(fig.quarters.get(q)),
                "status": statuses.get((ind.pk, q), ""),
            }
        )

    end = end_targets.get(ind.pk)
    if end is None:
        end_target = {"year": period.end_year if period else year, "target": "", "progress": None}
    else:
        if scale:
            progress = engine.scale_capaian(
                target=end["text_value"], realisation=result.realisation_text, levels=levels
            )
            end_text = end["text_value"]
        else:
            progress = engine.capaian(
                target=end["value"],
                realisation=result.realisation,
                polarity=ind.polarity,
                target_max=end["value_max"],
                rules=rules,
            )
            end_text = _val(end["value"])
        end_target = {"year": period.end_year, "target": end_text, "progress": _num(progress)}

    return {
        "code": str(ind.code),
        "name": ind.name,
        "unit": ind.unit,
        "polarity": ind.polarity,
        "aggregation": ind.aggregation,
        "is_iku": ind.is_iku,
        "target": target,
        "target_to_date": m.target_text if scale else _val(result.target),
        "realisation": realisation,
        "capaian": _num(result.capaian),
        "predicate": band[1] if band else None,
        "quarters": quarters,
        "history": history.get(ind.pk, []),
        "end_target": end_target,
        "national_standard": ind.national_standard,
        "obstacles": _unique(r.obstacle for r in rows),
        "solutions": _unique(r.solution for r in rows),
    }


def _money_row(capaian, pagu: Decimal | None, spent: Decimal | None) -> dict:
    absorption = engine.absorption(spent=spent, pagu=pagu) if pagu else None
    return {
        "pagu": _money(pagu),
        "spent": _money(spent),
        "absorption": _num(absorption),
        "efficiency": _num(engine.efficiency(capaian_value=capaian, absorption_value=absorption)),
    }


def _program(row: EfficiencyRow) -> dict:
    return {
        "code": row.node.nomenclature,
        "level": row.node.level,
        "name": row.node.statement,
        "pagu": _money(row.pagu),
        "spent": _money(row.spent),
        "absorption": _num(row.absorption),
        "capaian": _num(row.capaian),
    }


def _ancestors(node: NodeRow, by_id: Mapping[int, NodeRow]) -> Iterable[NodeRow]:
    current = by_id.get(node.parent_id) if node.parent_id else None
    while current is not None:
        yield current
        current = by_id.get(current.parent_id) if current.parent_id else None


def _opd_sasaran_money(
    sasaran: NodeRow, eff: Mapping[int, EfficiencyRow], by_id, nodes: list[NodeRow]
) -> tuple[dict, list[dict]]:
    """(6) and (7) of an OPD sasaran: its own efficiency row, and the programs whose nearest
    sasaran is this one."""
    row = eff.get(sasaran.id)
    if row is None:
        money = {"pagu": None, "spent": None, "absorption": None, "efficiency": None}
    else:
        money = {
            "pagu": _money(row.pagu),
            "spent": _money(row.spent),
            "absorption": _num(row.absorption),
            "efficiency": _num(row.efficiency),
        }
    programs = []
    for n in nodes:
        if n.level != NodeLevel.PROGRAM or n.id not in eff:
            continue
        nearest = next((a for a in _ancestors(n, by_id) if a.level == NodeLevel.SASARAN), None)
        if nearest is not None and nearest.id == sasaran.id:
            programs.append(_program(eff[n.id]))
    return money, programs


def _pemda_sasaran_money(
    sasaran: NodeRow, capaian, eff: Mapping[int, EfficiencyRow], by_id, nodes: list[NodeRow]
) -> tuple[dict, list[dict]]:
    """(6) and (7) of a Pemda sasaran: the budget under the OPD statements cascading to it (the
    top-most of each chain, so nothing counts twice) and the OPD programs under them."""
    cascading = {n.id for n in nodes if not n.is_rpjmd and sasaran.id in n.cascades_to}
    top = [i for i in cascading if not any(a.id in cascading for a in _ancestors(by_id[i], by_id))]
    pagu = _sum(eff[i].pagu for i in top if i in eff)
    spent = _sum(eff[i].spent for i in top if i in eff)
    money = _money_row(capaian, pagu if top else None, spent if top else None)
    programs = [
        _program(eff[n.id])
        for n in nodes
        if n.level == NodeLevel.PROGRAM
        and not n.is_rpjmd
        and n.id in eff
        and any(a.id in cascading for a in _ancestors(n, by_id))
    ]
    return money, programs


def _budget_opd(eff_rows: list[EfficiencyRow]) -> dict:
    rows = [r for r in eff_rows if r.node.level in BUDGET_LEVELS]
    subs = [r for r in rows if r.node.level == NodeLevel.SUBKEGIATAN]
    total_pagu = _sum(r.pagu for r in subs)
    total_spent = _sum(r.spent for r in subs)
    return {
        "rows": [
            {
                "level": r.node.level,
                "code": r.node.nomenclature,
                "name": r.node.statement,
                "pagu": _money(r.pagu),
                "spent": _money(r.spent),
                "absorption": _num(r.absorption),
            }
            for r in rows
        ],
        "total_pagu": _money(total_pagu),
        "total_spent": _money(total_spent),
        "absorption": _num(engine.absorption(spent=total_spent, pagu=total_pagu)),
    }


def _budget_pemda(pemda_id: int, budget: rollup.Budget, up_to: int) -> dict:
    """Bab III-B of the Pemda: one row per OPD (one query for the OPDs)."""
    pagu: dict[int | None, Decimal] = defaultdict(Decimal)
    spent: dict[int | None, Decimal] = defaultdict(Decimal)
    for node_id in set(budget.pagu) | set(budget.spent):
        opd_id = budget.opd_of.get(node_id)
        pagu[opd_id] += budget.pagu.get(node_id, ZERO)
        spent[opd_id] += budget.spent_until(node_id, up_to)
    opds = OrgUnit.objects.filter(
        pemda_id=pemda_id, unit_type=UnitType.OPD, is_active=True
    ).order_by("sort_order", "name")
    rows = [
        {
            "level": "opd",
            "code": opd.opd_code,
            "name": opd.name,
            "pagu": _money(pagu.get(opd.pk, ZERO)),
            "spent": _money(spent.get(opd.pk, ZERO)),
            "absorption": _num(
                engine.absorption(spent=spent.get(opd.pk, ZERO), pagu=pagu.get(opd.pk))
            ),
        }
        for opd in opds
    ]
    total_pagu, total_spent = _sum(pagu.values()), _sum(spent.values())
    return {
        "rows": rows,
        "total_pagu": _money(total_pagu),
        "total_spent": _money(total_spent),
        "absorption": _num(engine.absorption(spent=total_spent, pagu=total_pagu)),
    }


def _pk_and_head(unit: OrgUnit, year: int) -> tuple[dict, dict]:
    """The head's current signed PK (its lines and budget lines) and who signs the report: the
    PK's first party, else the current holder of the head position. Five queries at most."""
    position = (
        Position.objects.filter(unit=unit, is_head=True, is_active=True).order_by("id").first()
    )
    doc = current_signed_pk(position, year) if position is not None else None
    if doc is None:
        pk = {
            "signed_on": None,
            "verification_code": "",
            "first_party": "",
            "second_party": "",
            "lines": [],
            "budget": [],
        }
        holder = current_holder(position) if position is not None else None
        head = {
            "name": holder.person.name if holder else "",
            "title": position.title if position is not None else "",
            "nip": holder.person.nip if holder else "",
        }
        return pk, head
    pk = {
        "signed_on": doc.signed_on.isoformat() if doc.signed_on else None,
        "verification_code": doc.verification_code,
        "first_party": doc.first_party_name,
        "second_party": doc.second_party_name,
        "lines": [
            {
                "number": line.number,
                "sasaran": line.statement,
                "indicator": line.indicator_name,
                "unit": line.unit,
                "target": line.target_text if line.target is None else _val(line.target),
            }
            for line in doc.lines.order_by("number", "id")
        ],
        "budget": [
            {"level": b.level, "name": b.name, "amount": _money(b.amount)}
            for b in doc.budget_lines.order_by("number", "id")
        ],
    }
    head = {
        "name": doc.first_party_name,
        "title": doc.first_party_title,
        "nip": doc.first_party_nip,
    }
    return pk, head


# --- the whole ----------------------------------------------------------------------------------


@gc_paused
def build_content(report) -> dict:
    """The live content of `report` (schema above) in a constant number of queries: about 32
    for an OPD, plus at most six per earlier year of the period with verified data."""
    year = report.year
    is_opd = report.kind == ReportKind.OPD
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=[report.pemda_id, report.opd_id])}
    pemda = units[report.pemda_id]
    unit = units[report.opd_id] if is_opd else pemda
    period = (
        PlanPeriod.objects.filter(
            pemda_id=report.pemda_id, start_year__lte=year, end_year__gte=year
        )
        .order_by("start_year")
        .first()
    )
    sasaran_level = NodeLevel.SASARAN if is_opd else NodeLevel.SASARAN_PEMDA
    opd_ids = [unit.pk] if is_opd else None
    up_to = _up_to_quarter(report, opd_ids, sasaran_level)

    shown = _shown_sasaran(sasaran_level, is_opd)
    roll = rollup.load_rollup(
        pemda_id=report.pemda_id,
        year=year,
        up_to_quarter=up_to,
        opd_ids=opd_ids,
        pemda_level=not is_opd,
        verified_only=True,
        detail=shown,
    )
    budget = rollup.load_budget(pemda_id=report.pemda_id, year=year, opd_ids=opd_ids)
    eff_rows = rollup.efficiency_rows(roll, budget, levels=EFFICIENCY_LEVELS)
    eff = {r.node.id: r for r in eff_rows}
    by_id = {n.id: n for n in roll.nodes}
    shown_ids = shown(roll.nodes)
    sasaran_nodes = [n for n in roll.nodes if n.id in shown_ids]
    figures = [f for n in sasaran_nodes for f in roll.figures_by_node.get(n.id, [])]
    ids = [f.measure.indicator.pk for f in figures]
    history = _history(
        pemda_id=report.pemda_id, year=year, period=period, indicator_ids=ids, rules=roll.rules
    )
    end_targets = _end_targets(period, ids)
    statuses = _statuses(report.pemda_id, year, ids)
    pieces = {
        "rules": roll.rules,
        "year": year,
        "period": period,
        "history": history,
        "end_targets": end_targets,
        "statuses": statuses,
    }

    sasaran = []
    form = []
    all_indicators = []
    for node in sasaran_nodes:
        indicators = [_indicator(f, **pieces) for f in roll.figures_by_node.get(node.id, [])]
        all_indicators.extend(indicators)
        value = roll.value(node.id)
        band = engine.predicate(value)
        if is_opd:
            money, programs = _opd_sasaran_money(node, eff, by_id, roll.nodes)
        else:
            money, programs = _pemda_sasaran_money(node, value, eff, by_id, roll.nodes)
        sasaran.append(
            {
                "code": node.code,
                "number": node.number,
                "statement": node.statement,
                "capaian": _num(value),
                "predicate": band[1] if band else None,
                "indicators": indicators,
                "efficiency": money,
                "programs": programs,
            }
        )
        form.extend(
            {
                "sasaran": node.statement,
                "indicator": ind["name"],
                "unit": ind["unit"],
                "target": ind["target"],
                "tw": [q["realisation"] for q in ind["quarters"]],
                "realisation": ind["realisation"],
                "capaian": ind["capaian"],
            }
            for ind in indicators
        )

    bands = dict.fromkeys(BANDS, 0)
    for f in figures:
        bands[f.result.colour] += 1
    pk, head = _pk_and_head(unit, year)
    iku = [
        {
            "indicator": f.measure.indicator.name,
            "unit": f.measure.indicator.unit,
            "definition": f.measure.indicator.definition,
            "formula": f.measure.indicator.formula,
            "source": f.measure.indicator.data_source,
            "target": ind["target"],
        }
        for f, ind in zip(figures, all_indicators, strict=True)
        if f.measure.indicator.is_iku
    ]
    narratives = (
        {s.key: s.body for s in Section.objects.filter(report_id=report.pk).order_by("key")}
        if report.pk
        else {}
    )
    return {
        "schema": SCHEMA,
        "kind": report.kind,
        "year": year,
        "up_to_quarter": up_to,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "pemda": {"name": pemda.name, "place": pemda.place},
        "unit": {"code": unit.opd_code if is_opd else "", "name": unit.name},
        "period": (
            {"name": period.name, "start_year": period.start_year, "end_year": period.end_year}
            if period
            else None
        ),
        "head": head,
        "narratives": narratives,
        "summary": {
            "indicators": len(figures),
            "mean_capaian": _num(rollup.mean(f.result.capaian for f in figures)),
            "bands": bands,
        },
        "pk": pk,
        "iku": iku,
        "sasaran": sasaran,
        "budget": _budget_opd(eff_rows)
        if is_opd
        else _budget_pemda(report.pemda_id, budget, up_to),
        "measurement_form": form,
    }
