"""The Laporan Hasil Evaluasi (LHE) of one final evaluation as a PDF (issue 7, point 7), rendered by
a background job with WeasyPrint through apps.core.pdf (local files only, Noto Sans embedded):
cover, score and grade (predikat), the per-component and sub-component scores with the
evaluator's notes, the lead's summary, the recommendations, the comparison with last year's
evaluation of the same OPD, and the team lead's signature block; A4 portrait, page numbers in the
@page margin boxes of static/evaluation/lhe.css.

**The issued LHE.** The first LHE rendered after the evaluation was finalised is kept as
`Evaluation.lhe_pdf` with its SHA-256 and never changes: a later render returns that file. The
file's name carries the finalisation time (`…-f<finalised_at>.pdf`), so an LHE belongs to one
finalisation: after a reopen and a new finalisation, the next render issues a new LHE (the earlier
file stays in storage and in the row history). Only a final evaluation has an LHE.

The job re-reads the evaluation as its owner (`access.get_evaluation_for_user`), so a job never
prints an evaluation its owner may not read. Document text is Indonesian.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from apps.core.activity import log_action, register_actions
from apps.core.jobs import JobResult, job_run
from apps.core.pdf import STATIC_SCHEME, font_face_css, make_url_fetcher, render_document
from apps.core.templatetags.sakip import JOB_KIND_LABELS
from apps.evaluation import access, results, scoring
from apps.evaluation.models import (
    Answer,
    Evaluation,
    EvaluationStatus,
    Recommendation,
    TeamMember,
)
from apps.organisations.models import OrgUnit, User

KIND = "evaluation_lhe"
JOB_KIND_LABELS.setdefault(KIND, gettext_lazy("Laporan Hasil Evaluasi (PDF)"))
register_actions({"sakip.evaluation.lhe_issued": gettext_lazy("issued the LHE")})

# Local static files only (the LHE shows no uploads); anything else is refused.
url_fetcher = make_url_fetcher(STATIC_SCHEME, None)
STYLESHEET = "evaluation/lhe.css"
FONT_FAMILY = "SAKIP Sans"  # the family static/evaluation/lhe.css uses
DOCUMENT_LANGUAGE = "id"


# --- the issued file ----------------------------------------------------------------------------


def _stamp(evaluation: Evaluation) -> str:
    return evaluation.finalised_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S%f")


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")[:40] or "pemda"


def download_name(evaluation: Evaluation) -> str:
    subject = evaluation.opd.short_name or evaluation.opd.name if evaluation.opd_id else "Pemda"
    return f"LHE-{evaluation.round.year}-{_slug(subject)}.pdf"


def issued(evaluation: Evaluation) -> bool:
    """True when the evaluation is final and its LHE was issued for this finalisation."""
    return bool(
        evaluation.status == EvaluationStatus.FINAL
        and evaluation.finalised_at
        and evaluation.lhe_pdf
        and f"-f{_stamp(evaluation)}" in evaluation.lhe_pdf.name
    )


def _read(evaluation: Evaluation) -> bytes:
    with evaluation.lhe_pdf.open("rb") as fh:
        return fh.read()


# --- the document -------------------------------------------------------------------------------


def lhe_context(evaluation: Evaluation) -> dict:
    """Everything the LHE prints (a constant number of queries)."""
    comparison = results.comparison(evaluation)
    result = comparison.result
    notes: dict[tuple[int, str], list] = defaultdict(list)
    prefix = "criterion__sub_component__"
    for a in (
        Answer.objects.filter(evaluation=evaluation)
        .exclude(note="")
        .select_related(f"{prefix}component")
        .order_by(
            f"{prefix}component__number", f"{prefix}order", f"{prefix}ref", "criterion__order"
        )
    ):
        sub = a.criterion.sub_component
        notes[(sub.component.number, sub.ref)].append(
            {"number": f"{sub.component.number}{sub.ref}.{a.criterion.number}", "answer": a}
        )
    components = [
        {
            "c": c,
            "subs": [{"s": s, "notes": notes.get((c.number, s.ref), [])} for s in c.subs],
        }
        for c in result.components
    ]
    lead = (
        TeamMember.objects.filter(evaluation=evaluation, role=TeamMember.Role.LEAD)
        .select_related("user", "user__person")
        .order_by("id")
        .first()
    )
    signer = lead.user if lead else evaluation.finalised_by
    return {
        "evaluation": evaluation,
        "round": evaluation.round,
        "pemda": OrgUnit.objects.get(pk=evaluation.pemda_id),
        "result": result,
        "grade": result.grade,
        "components": components,
        "changes": comparison.changes,
        "same_template": comparison.same_template,
        "recommendations": list(
            Recommendation.objects.filter(evaluation=evaluation)
            .select_related("component", "owner_unit")
            .order_by("number")
        ),
        "grades": scoring.GRADES,
        "signer": signer,
        "signer_name": _signer_name(signer),
        "signer_nip": _signer_nip(signer),
        "printed_at": timezone.localtime(),
    }


def _signer_name(user: User | None) -> str:
    if user is None:
        return ""
    person = getattr(user, "person", None)
    return person.name if person else (user.get_full_name() or user.username)


def _signer_nip(user: User | None) -> str:
    person = getattr(user, "person", None) if user is not None else None
    return person.nip if person else ""


def render_lhe(evaluation: Evaluation) -> bytes:
    """The LHE as PDF bytes (not kept: `issue_lhe` keeps the first one)."""
    if evaluation.status != EvaluationStatus.FINAL:
        raise ValidationError(_("The LHE is issued only for a final evaluation."))
    with translation.override(DOCUMENT_LANGUAGE):
        html = render_to_string("evaluation/lhe/lhe.html", lhe_context(evaluation))
    document = render_document(
        html,
        fetcher=url_fetcher,
        css_strings=[font_face_css(FONT_FAMILY, STATIC_SCHEME)],
        css_urls=[f"{STATIC_SCHEME}:/{STYLESHEET}"],
    )
    return document.write_pdf()


def issue_lhe(evaluation: Evaluation, *, actor=None) -> bytes:
    """The evaluation's LHE: the issued file when there is one for this finalisation, otherwise
    rendered now and kept with its SHA-256 (see the module docstring)."""
    if evaluation.status != EvaluationStatus.FINAL:
        raise ValidationError(_("The LHE is issued only for a final evaluation."))
    if issued(evaluation):
        return _read(evaluation)
    content = render_lhe(evaluation)
    with transaction.atomic():
        locked = (
            Evaluation.objects.select_for_update().select_related("round").get(pk=evaluation.pk)
        )
        if issued(locked):  # another job issued it meanwhile: that one stands
            return _read(locked)
        if (
            locked.status != EvaluationStatus.FINAL
            or locked.finalised_at != evaluation.finalised_at
        ):
            raise ValidationError(
                _("The evaluation changed while its LHE was rendered; try again.")
            )
        base = download_name(locked).removesuffix(".pdf")
        locked.lhe_pdf.save(f"{base}-f{_stamp(locked)}.pdf", ContentFile(content), save=False)
        locked.lhe_sha256 = hashlib.sha256(content).hexdigest()
        locked._history_user = actor
        locked.save(update_fields=["lhe_pdf", "lhe_sha256", "updated_at"])
        log_action(
            action="sakip.evaluation.lhe_issued",
            actor=actor,
            obj=locked,
            pemda_id=locked.pemda_id,
            unit_id=locked.opd_id,
            data={"sha256": locked.lhe_sha256, "file": locked.lhe_pdf.name},
        )
    evaluation.lhe_pdf, evaluation.lhe_sha256 = locked.lhe_pdf, locked.lhe_sha256
    return content


# --- the job ------------------------------------------------------------------------------------


def work(job, progress) -> JobResult:
    """Issue (or fetch) the LHE as the job's owner."""
    user = User.objects.get(pk=job.owner_id)
    evaluation = access.get_evaluation_for_user(user, job.params["evaluation"])
    progress(10, "")
    content = issue_lhe(evaluation, actor=user)
    return JobResult(filename=download_name(evaluation), content=content)


@task()
def render_lhe_task(job_id: int) -> None:
    job_run(job_id, work)
