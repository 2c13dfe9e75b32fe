"""The readiness panel (before a round starts) and the page that fills a round's answers with
the proposals of the data checks. Views parse, look up through the scoped helpers, call one
function, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.evaluation import prefill
from apps.evaluation.access import get_round_for_user, may_manage_rounds
from apps.evaluation.models import Answer
from apps.evaluation.readiness import may_see_readiness
from apps.evaluation.readiness import readiness as readiness_rows


def year_param(request: HttpRequest, default: int | None = None) -> int:
    fallback = default if default is not None else timezone.localdate().year
    try:
        year = int(request.GET.get("year") or fallback)
    except ValueError:
        return fallback
    return year if 2000 <= year <= 2100 else fallback


@login_required
def readiness(request: HttpRequest) -> HttpResponse:
    if not may_see_readiness(request.user):
        raise PermissionDenied
    year = year_param(request)
    rows = readiness_rows(user=request.user, year=year)
    return render(request, "evaluation/readiness/readiness.html", {"year": year, "rows": rows})


@login_required
def propose(request: HttpRequest, code) -> HttpResponse:
    """GET: how many answers of the round the data checks fill; POST: fill them."""
    round_ = get_round_for_user(request.user, code)
    if not may_manage_rounds(request.user):
        raise PermissionDenied
    if request.method == "POST":
        result = prefill.propose_answers(actor=request.user, round_=round_)
        messages.success(
            request,
            _("%(answers)s answers of %(evaluations)s evaluations were proposed from the data.")
            % {"answers": result.answers, "evaluations": result.evaluations},
        )
        return redirect(reverse("evaluation:propose", args=[round_.code]))
    counts = Answer.objects.filter(evaluation__round=round_).aggregate(
        checked=Count("id", filter=~Q(criterion__autofill="")),
        proposed=Count("id", filter=Q(proposed_at__isnull=False)),
    )
    return render(
        request,
        "evaluation/readiness/propose.html",
        {"round": round_, "checked": counts["checked"], "proposed": counts["proposed"]},
    )
