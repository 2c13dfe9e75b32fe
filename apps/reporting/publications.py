"""Publishing to the public portal: each `publish_*` service freezes what the public may see as a
Publication row (its own `snapshot`, and for documents the issued file with its SHA-256). The
portal reads these rows only, never the live planning or measurement tables, so a draft can
never reach it.

Publishing the same thing again (same kind, year and object) creates a new row and withdraws the
old one: the history is kept, the portal shows the latest. Only planners (admin, bappeda) publish
and withdraw; `publish_lkjip` is called by the system once the issued PDF exists.

Snapshots are JSON: numbers are strings of Decimals ("95.00") or null, never floats, except the
pohon kinerja's `capaian` (a number, as static/js/pohon.js reads it).
"""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.agreements.models import PerjanjianKinerja, PkLine, PkStatus
from apps.core.activity import log_action
from apps.measurement import dashboards, rollup
from apps.measurement import selectors as m_selectors
from apps.measurement.capaian import predicate
from apps.organisations.access import PLANNERS, get_scope
from apps.organisations.models import OrgUnit
from apps.performance.models import NodeLevel, RenjaTarget
from apps.performance.selectors.trees import opd_tree, rpjmd_tree
from apps.performance.services.indicators import target_display
from apps.planning.models import DocumentStatus, Renja, Renstra, Rpjmd
from apps.reporting.models import Publication, PublicationKind, Report, ReportStatus

SCHEMA = 1
LEVEL_LABELS = dict(NodeLevel.choices)


# --- helpers ---------------------------------------------------------------------------------


def may_publish(user, pemda_id: int | None = None) -> bool:
    scope = get_scope(user)
    if not scope.pemda_wide(PLANNERS):
        return False
    return pemda_id is None or scope.pemda_id == pemda_id


def _require_planner(actor, pemda_id: int) -> None:
    if actor is None or not may_publish(actor, pemda_id):
        raise PermissionDenied


def _json(data: dict) -> dict:
    """JSON-ready: Decimals become strings, dates ISO strings."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _band(value: Decimal | None) -> dict:
    band = predicate(value)
    return {"predicate": band[0] if band else "none", "predicate_label": band[1] if band else ""}


def _store(
    *,
    actor,
    pemda_id: int,
    kind: str,
    year: int,
    title: str,
    snapshot: dict,
    opd_id: int | None = None,
    object_code=None,
    file_name: str = "",
    sha256: str = "",
) -> Publication:
    """The new row; the current row of the same thing is withdrawn (kept in the history)."""
    now = timezone.now()
    with transaction.atomic():
        same = Publication.objects.select_for_update().filter(
            pemda_id=pemda_id,
            kind=kind,
            year=year,
            opd_id=opd_id,
            object_code=object_code,
            withdrawn_at__isnull=True,
        )
        replaced = [str(p.code) for p in same]
        same.update(withdrawn_at=now, updated_at=now)
        publication = Publication(
            pemda_id=pemda_id,
            kind=kind,
            year=year,
            opd_id=opd_id,
            title=title[:300],
            object_code=object_code,
            snapshot=_json({"schema": SCHEMA, "kind": kind, "year": year, **snapshot}),
            sha256=sha256,
            published_at=now,
            published_by=actor if actor is not None and actor.is_authenticated else None,
        )
        if file_name:
            publication.file.name = file_name  # the issued file, by reference
        publication.save()
        log_action(
            action="sakip.publication.published",
            actor=actor,
            obj=publication,
            pemda_id=pemda_id,
            unit_id=opd_id,
            data={"kind": kind, "year": year, "replaced": replaced},
        )
    return publication


def _indicator_dict(view, years) -> dict:
    ind = view.indicator
    return {
        "code": str(ind.code),
        "name": ind.name,
        "unit": ind.unit,
        "iku": ind.is_iku,
        "definition": ind.definition,
        "formula": ind.formula,
        # Every year of the period in order ("" where there is no target).
        "targets": {
            str(y): target_display(t.value, t.value_max, t.text_value)
            if (t := view.targets.get(y))
            else ""
            for y in years
        },
    }


def _node_dict(item, depth: int, years) -> dict:
    node = item.node
    return {
        "code": item.code,
        "level": node.node_level,
        "level_label": str(LEVEL_LABELS.get(node.node_level, node.node_level)),
        "number": node.number,
        "nomenclature": node.nomenclature.code if node.nomenclature_id else "",
        "statement": node.statement,
        "depth": depth,
        "indicators": [_indicator_dict(v, years) for v in item.indicators],
    }


# --- planning documents ----------------------------------------------------------------------


def publish_rpjmd(actor, rpjmd: Rpjmd) -> Publication:
    """The RPJMD: visi, misi, tujuan, sasaran (and indicative programs) with indicators and their
    targets per year of the period."""
    _require_planner(actor, rpjmd.pemda_id)
    rpjmd = Rpjmd.objects.select_related("period", "pemda").get(pk=rpjmd.pk)
    tree = rpjmd_tree(user=actor, rpjmd=rpjmd)
    period = rpjmd.period
    years = list(period.years)
    nodes = [_node_dict(item, item.depth, years) for item in tree.nodes]
    return _store(
        actor=actor,
        pemda_id=rpjmd.pemda_id,
        kind=PublicationKind.RPJMD,
        year=period.start_year,
        title=f"RPJMD {period.start_year}–{period.end_year}",
        object_code=rpjmd.code,
        snapshot={
            "unit": {"name": rpjmd.pemda.name},
            "period": {"start": period.start_year, "end": period.end_year, "years": years},
            "visi": rpjmd.visi,
            "regulation": rpjmd.regulation,
            "nodes": nodes,
        },
    )


def publish_renstra(actor, renstra: Renstra) -> Publication:
    """An approved Renstra: tujuan, sasaran, programs, kegiatan and sub kegiatan with indicators
    and targets per year."""
    _require_planner(actor, renstra.pemda_id)
    renstra = Renstra.objects.select_related("opd", "period").get(pk=renstra.pk)
    if renstra.status != DocumentStatus.APPROVED:
        raise ValidationError(_("Only an approved Renstra can be published."))
    tree = opd_tree(user=actor, renstra=renstra)
    period = tree.renstra.period
    years = list(period.years)
    return _store(
        actor=actor,
        pemda_id=renstra.pemda_id,
        kind=PublicationKind.RENSTRA,
        year=period.start_year,
        opd_id=renstra.opd_id,
        title=f"Renstra {renstra.opd.name} {period.start_year}–{period.end_year}",
        object_code=renstra.code,
        snapshot={
            "unit": {"code": str(renstra.opd.code), "name": renstra.opd.name},
            "period": {"start": period.start_year, "end": period.end_year, "years": years},
            "revision": renstra.revision,
            "approved_at": renstra.approved_at,
            "nodes": [_node_dict(item, item.depth - 1, years) for item in tree.nodes[1:]],
        },
    )


def publish_renja(actor, renja: Renja) -> Publication:
    """The current Renja of an approved Renstra: the year's statements with pagu and targets."""
    _require_planner(actor, renja.pemda_id)
    renja = Renja.objects.select_related("renstra__opd", "renstra__period").get(pk=renja.pk)
    renstra = renja.renstra
    if not renja.is_current or renstra.status != DocumentStatus.APPROVED:
        raise ValidationError(_("Only the current Renja of an approved Renstra can be published."))
    tree = opd_tree(user=actor, renstra=renstra, year=renja.year)
    renja_targets = {
        t["indicator_id"]: target_display(t["value"], t["value_max"], t["text_value"])
        for t in RenjaTarget.objects.filter(renja=renja).values(
            "indicator_id", "value", "value_max", "text_value"
        )
    }
    nodes = []
    total = Decimal(0)
    for item in tree.nodes[1:]:
        row = _node_dict(item, item.depth - 1, [renja.year])
        for ind, view in zip(row["indicators"], item.indicators, strict=True):
            ind["target"] = renja_targets.get(view.indicator.pk) or view.target_text
        row["pagu"] = _dec(item.pagu)
        if item.pagu is not None and item.node.node_level == NodeLevel.SUBKEGIATAN:
            total += item.pagu
        nodes.append(row)
    suffix = f" (perubahan {renja.revision})" if renja.revision else ""
    return _store(
        actor=actor,
        pemda_id=renja.pemda_id,
        kind=PublicationKind.RENJA,
        year=renja.year,
        opd_id=renstra.opd_id,
        title=f"Renja {renstra.opd.name} {renja.year}{suffix}",
        object_code=renja.code,
        snapshot={
            "unit": {"code": str(renstra.opd.code), "name": renstra.opd.name},
            "revision": renja.revision,
            "dpa_number": renja.dpa_number,
            "total_pagu": _dec(total),
            "nodes": nodes,
        },
    )


# --- IKU and PK ------------------------------------------------------------------------------


def _opd_names(pemda_id: int, ids) -> dict[int, OrgUnit]:
    return {u.pk: u for u in OrgUnit.objects.filter(pemda_id=pemda_id, pk__in=list(ids))}


def publish_iku(actor, pemda: OrgUnit, year: int) -> Publication:
    """The IKU of the Pemda and of every OPD (with an approved Renstra) with the year's
    targets."""
    _require_planner(actor, pemda.pk)
    measures = [
        m
        for m in m_selectors.measures(
            pemda_id=pemda.pk,
            year=year,
            opd_ids=approved_opd_ids(pemda.pk, year),
            with_realisations=False,
        )
        if m.indicator.is_iku
    ]
    units = _opd_names(pemda.pk, {m.opd_id for m in measures if m.opd_id})
    groups: dict[int | None, list[dict]] = defaultdict(list)
    for m in measures:
        ind = m.indicator
        groups[m.opd_id].append(
            {
                "code": str(ind.code),
                "statement": m.node.statement,
                "indicator": ind.name,
                "unit": ind.unit,
                "definition": ind.definition,
                "formula": ind.formula,
                "target": m.target_text or target_display(m.target, m.target_max, ""),
            }
        )
    opds = sorted(
        (
            {"code": str(units[i].code), "name": units[i].name, "rows": rows}
            for i, rows in groups.items()
            if i is not None
        ),
        key=lambda o: o["name"],
    )
    return _store(
        actor=actor,
        pemda_id=pemda.pk,
        kind=PublicationKind.IKU,
        year=year,
        title=f"IKU {pemda.name} {year}",
        snapshot={"unit": {"name": pemda.name}, "pemda": groups.get(None, []), "opds": opds},
    )


def publish_pks(actor, pemda: OrgUnit, year: int) -> Publication:
    """Every signed, current Perjanjian Kinerja of the year: parties, lines, the verification
    code and the issued PDF's SHA-256 (checked on the public verification page)."""
    _require_planner(actor, pemda.pk)
    docs = list(
        PerjanjianKinerja.objects.filter(pemda=pemda, year=year, status=PkStatus.SIGNED)
        .select_related("position", "unit", "opd")
        .order_by("opd__lft", "unit__lft", "position__title", "-version_number")
    )
    latest: dict[int, PerjanjianKinerja] = {}
    for doc in docs:
        latest.setdefault(doc.position_id, doc)
    lines: dict[int, list[dict]] = defaultdict(list)
    for line in PkLine.objects.filter(pk_doc_id__in=[d.pk for d in latest.values()]).order_by(
        "pk_doc_id", "number"
    ):
        lines[line.pk_doc_id].append(
            {
                "number": line.number,
                "statement": line.statement,
                "indicator": line.indicator_name,
                "unit": line.unit,
                "target": target_display(line.target, line.target_max, line.target_text),
                "iku": line.is_iku,
            }
        )
    pks = [
        {
            "position": doc.position.title,
            "unit": doc.unit.name,
            "opd": doc.opd.name if doc.opd_id else "",
            "version": doc.version_number,
            "signed_on": doc.signed_on,
            "signed_place": doc.signed_place,
            "first_party": {"name": doc.first_party_name, "title": doc.first_party_title},
            "second_party": {"name": doc.second_party_name, "title": doc.second_party_title},
            "verification_code": doc.verification_code,
            "sha256": doc.pdf_sha256,
            "lines": lines.get(doc.pk, []),
        }
        for doc in latest.values()
    ]
    return _store(
        actor=actor,
        pemda_id=pemda.pk,
        kind=PublicationKind.PK,
        year=year,
        title=f"Perjanjian Kinerja {pemda.name} {year}",
        snapshot={"unit": {"name": pemda.name}, "pks": pks},
    )


# --- open data: indicators and realisations --------------------------------------------------


def _realisation_text(row) -> str:
    if row is None:
        return ""
    if row.text_value:
        return row.text_value
    return "" if row.value is None else format(row.value.normalize(), "f")


def approved_opd_ids(pemda_id: int, year: int) -> list[int]:
    """OPDs whose Renstra for the period containing `year` is approved: only their statements
    and indicators are published (a draft Renstra never reaches the portal)."""
    return list(
        Renstra.objects.filter(
            pemda_id=pemda_id,
            status=DocumentStatus.APPROVED,
            period__start_year__lte=year,
            period__end_year__gte=year,
        ).values_list("opd_id", flat=True)
    )


def indicator_rows(pemda: OrgUnit, year: int, up_to_quarter: int) -> tuple[list, dict, dict]:
    """(indicators, Pemda tree, OPD trees) of the verified figures up to the quarter, for the
    RPJMD and the OPDs with an approved Renstra."""
    data = rollup.load_rollup(
        pemda_id=pemda.pk,
        year=year,
        up_to_quarter=up_to_quarter,
        opd_ids=approved_opd_ids(pemda.pk, year),
        verified_only=True,
    )
    units = _opd_names(pemda.pk, {f.measure.opd_id for f in data.figures if f.measure.opd_id})
    indicators = []
    for f in data.figures:
        m = f.measure
        unit = units.get(m.opd_id)
        quarters = []
        for q in m.quarters:
            if q > up_to_quarter:
                continue
            target = m.quarter_target(q)
            if target is None:
                target = m.target_text or target_display(m.target, m.target_max, "")
            elif isinstance(target, Decimal):
                target = format(target.normalize(), "f")
            value = f.quarters.get(q)
            quarters.append(
                {
                    "quarter": q,
                    "target": str(target),
                    "realisation": _realisation_text(m.realisations.get(q)),
                    "capaian": _dec(value),
                    **_band(value),
                }
            )
        result = f.result
        indicators.append(
            {
                "code": m.code,
                "opd_code": str(unit.code) if unit else "",
                "opd": unit.name if unit else pemda.name,
                "statement": m.node.statement,
                "indicator": m.indicator.name,
                "unit": m.indicator.unit,
                "iku": m.indicator.is_iku,
                "target": m.target_text or target_display(m.target, m.target_max, ""),
                "realisation": result.realisation_text or _dec(result.realisation) or "",
                "capaian": _dec(result.capaian),
                **_band(result.capaian),
                "quarters": quarters,
            }
        )
    opd_trees = {
        str(u.code): {"name": u.name, "tree": dashboards.tree_dict(data, opd_id=u.pk)}
        for u in sorted(units.values(), key=lambda u: u.name)
    }
    return indicators, dashboards.tree_dict(data), opd_trees


def publish_indicators(actor, pemda: OrgUnit, year: int, up_to_quarter: int) -> Publication:
    """Open data: every measured indicator with its targets and VERIFIED realisations per quarter
    and capaian, and the pohon kinerja coloured by capaian (verified values only)."""
    _require_planner(actor, pemda.pk)
    try:
        up_to_quarter = int(up_to_quarter)
    except (TypeError, ValueError) as exc:
        raise ValidationError({"quarter": _("Choose a quarter from 1 to 4.")}) from exc
    if up_to_quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("Choose a quarter from 1 to 4.")})
    indicators, tree, opd_trees = indicator_rows(pemda, year, up_to_quarter)
    return _store(
        actor=actor,
        pemda_id=pemda.pk,
        kind=PublicationKind.INDICATORS,
        year=year,
        title=f"Capaian indikator kinerja {pemda.name} {year} s.d. TW {up_to_quarter}",
        snapshot={
            "unit": {"name": pemda.name},
            "up_to_quarter": up_to_quarter,
            "indicators": indicators,
            "tree": tree,
            "opd_trees": opd_trees,
        },
    )


# --- LKjIP -----------------------------------------------------------------------------------


def publish_lkjip(report: Report) -> Publication:
    """Called by the issue task once the published report's PDF is stored: the report's title,
    year, unit and summary from its snapshot, and the issued PDF by reference with its SHA-256."""
    if report.status != ReportStatus.PUBLISHED or not report.pdf or not report.pdf_sha256:
        raise ValidationError(_("Only a published LKjIP with its issued PDF can be published."))
    current = Publication.objects.filter(
        pemda_id=report.pemda_id,
        kind=PublicationKind.LKJIP,
        object_code=report.code,
        withdrawn_at__isnull=True,
        sha256=report.pdf_sha256,
    ).first()
    if current is not None:
        return current  # the issue task ran again: the same file is already on the portal
    snapshot = report.snapshot or {}
    if report.opd_id:
        unit = {"code": str(report.opd.code), "name": report.opd.name}
    else:
        unit = {"name": report.pemda.name}
    summary_keys = ("summary", "up_to_quarter", "head", "pemda")
    sasaran = [
        {
            "statement": s.get("statement", ""),
            "capaian": s.get("capaian"),
            "predicate": s.get("predicate"),
        }
        for s in snapshot.get("sasaran", [])
    ]
    return _store(
        actor=report.published_by,
        pemda_id=report.pemda_id,
        kind=PublicationKind.LKJIP,
        year=report.year,
        opd_id=report.opd_id,
        title=f"LKjIP {unit['name']} {report.year}",
        object_code=report.code,
        file_name=report.pdf.name,
        sha256=report.pdf_sha256,
        snapshot={
            "unit": unit,
            "report_kind": report.kind,
            **{k: snapshot[k] for k in summary_keys if k in snapshot},
            "sasaran": sasaran,
        },
    )


# --- withdrawing -----------------------------------------------------------------------------


def withdraw(actor, publication: Publication, reason: str) -> Publication:
    """Hide a publication from the portal (nothing is deleted); the reason is logged."""
    _require_planner(actor, publication.pemda_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the publication is withdrawn.")})
    with transaction.atomic():
        locked = Publication.objects.select_for_update().get(pk=publication.pk)
        if locked.withdrawn_at is not None:
            raise ValidationError(_("This publication was already withdrawn."))
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["withdrawn_at", "updated_at"])
        log_action(
            action="sakip.publication.withdrawn",
            actor=actor,
            obj=locked,
            pemda_id=locked.pemda_id,
            unit_id=locked.opd_id,
            data={"reason": reason},
        )
    return locked
