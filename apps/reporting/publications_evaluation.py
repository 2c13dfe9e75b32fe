"""Publishing an evaluation round's results to the public portal (issue 7, point 7).

Called by `apps.evaluation.results.round_publish` once the round is published (every evaluation
final): it freezes, per evaluated OPD and for the Pemda's own evaluation, the score, grade and
predikat, the per-component scores, last year's score and grade, and the issued LHE's file
reference with its SHA-256 (empty when no LHE was issued yet), as one Publication of kind
"evaluation". The portal reads this snapshot only (templates/reporting/portal/_evaluation.html).

The row is written with the shared helpers of `apps.reporting.publications` (`_store`: the
previous publication of the same round is withdrawn, the history kept; `_dec`: Decimals as
strings). Unlike the planning documents, the round managers (the lead evaluator and the
administrator) publish evaluation results, not the planners.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from apps.evaluation import lhe, results, scoring
from apps.evaluation.models import EvaluationRound, RoundStatus
from apps.organisations.models import OrgUnit
from apps.reporting.models import Publication, PublicationKind
from apps.reporting.publications import _dec, _store


def _row(result: results.EvaluationResult) -> dict:
    e = result.evaluation
    grade = result.grade
    issued = lhe.issued(e)
    return {
        "code": str(e.code),
        "opd_code": str(e.opd.code) if e.opd_id else "",
        "opd": result.subject,
        "rank": result.rank,
        "score": _dec(e.score),
        "grade": e.grade,
        "predikat": grade.predikat if grade else "",
        "components": [
            {
                "number": c.number,
                "name": c.name,
                "weight": _dec(c.weight),
                "score": _dec(scoring.round2(c.score)),
                "previous": _dec(scoring.round2(c.previous)) if c.previous is not None else None,
            }
            for c in result.components
        ],
        "previous": {
            "score": _dec(result.previous.score),
            "grade": result.previous.evaluation.grade,
        }
        if result.previous
        else None,
        "delta": _dec(result.delta),
        "lhe": {"file": e.lhe_pdf.name, "sha256": e.lhe_sha256} if issued else None,
    }


def publish_evaluation_round(actor, round_: EvaluationRound) -> Publication:
    """One Publication of kind "evaluation" for a published round (see the module docstring)."""
    if actor is None or not results.may_publish(actor, round_):
        raise PermissionDenied
    if round_.status != RoundStatus.PUBLISHED:
        raise ValidationError(_("Only a published evaluation round reaches the portal."))
    data = results.round_results(user=actor, round_=round_)
    pemda = OrgUnit.objects.get(pk=round_.pemda_id)
    return _store(
        actor=actor,
        pemda_id=round_.pemda_id,
        kind=PublicationKind.EVALUATION,
        year=round_.year,
        title=f"Hasil Evaluasi AKIP {pemda.name} {round_.year}",
        object_code=round_.code,
        snapshot={
            "unit": {"name": pemda.name},
            "round": {
                "name": round_.name,
                "kind": round_.kind,
                "template": round_.template.name,
                "year": round_.year,
            },
            "components": [{"number": n, "name": name} for n, name in data.components],
            "opds": [_row(r) for r in data.ranking],
            "pemda": _row(data.pemda) if data.pemda else None,
        },
    )
