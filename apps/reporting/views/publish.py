"""Publication management under /reports/publications/ (planners only: admin and bappeda): what
the Pemda has published to the portal, publishing a plan, the IKU, the signed PKs or the
verified indicators, and withdrawing a publication with a reason. Views parse, look up within
the user's Pemda, call one service (apps.reporting.publications), redirect."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.organisations.access import get_scope
from apps.planning.models import DocumentStatus, Renja, Renstra, Rpjmd
from apps.reporting import publications
from apps.reporting.models import Publication, PublicationKind
from apps.reporting.views.portal import PERIOD_KINDS, PERIOD_YEARS

# The kinds published from this page (the LKjIP is published by its own workflow, the
# evaluation results by the evaluation module).
OBJECT_KINDS = {
    PublicationKind.RPJMD: Rpjmd,
    PublicationKind.RENSTRA: Renstra,
    PublicationKind.RENJA: Renja,
}
YEAR_KINDS = (PublicationKind.IKU, PublicationKind.PK, PublicationKind.INDICATORS)


def _pemda_id(request: HttpRequest) -> int:
    """The planner's Pemda (403 for everyone else)."""
    scope = get_scope(request.user)
    if not publications.may_publish(request.user) or scope.pemda_id is None:
        raise PermissionDenied
    return scope.pemda_id


def _year(value) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _list_url(year: int) -> str:
    return f"{reverse('reporting:publication_list')}?year={year}"


@login_required
def publication_list(request: HttpRequest) -> HttpResponse:
    pemda_id = _pemda_id(request)
    year = _year(request.GET.get("year"))
    rows = list(
        Publication.objects.filter(pemda_id=pemda_id)
        .filter(
            Q(year=year) | Q(kind__in=PERIOD_KINDS, year__lte=year, year__gt=year - PERIOD_YEARS)
        )
        .defer("snapshot")
        .select_related("opd", "published_by")
        .order_by("kind", "opd__lft", "-published_at")
    )
    in_period = Q(period__start_year__lte=year, period__end_year__gte=year)
    rpjmds = list(Rpjmd.objects.filter(in_period, pemda_id=pemda_id).select_related("period"))
    renstras = list(
        Renstra.objects.filter(in_period, pemda_id=pemda_id, status=DocumentStatus.APPROVED)
        .select_related("opd", "period")
        .order_by("opd__lft")
    )
    renjas = list(
        Renja.objects.filter(
            pemda_id=pemda_id,
            year=year,
            is_current=True,
            renstra__status=DocumentStatus.APPROVED,
        )
        .select_related("renstra__opd")
        .order_by("renstra__opd__lft")
    )
    return render(
        request,
        "reporting/publish/publication_list.html",
        {
            "year": year,
            "rows": rows,
            "rpjmds": rpjmds,
            "renstras": renstras,
            "renjas": renjas,
            "quarters": (1, 2, 3, 4),
            "portal_pemda": request.user.pemda.code if request.user.pemda_id else None,
        },
    )


@login_required
@require_POST
def publish(request: HttpRequest) -> HttpResponse:
    pemda_id = _pemda_id(request)
    kind = request.POST.get("kind", "")
    year = _year(request.POST.get("year"))
    try:
        if kind in OBJECT_KINDS:
            model = OBJECT_KINDS[kind]
            obj = model.objects.filter(
                pemda_id=pemda_id, code=_uuid(request.POST.get("object"))
            ).first()
            if obj is None:
                raise ValidationError(_("Choose what to publish."))
            service = {
                PublicationKind.RPJMD: publications.publish_rpjmd,
                PublicationKind.RENSTRA: publications.publish_renstra,
                PublicationKind.RENJA: publications.publish_renja,
            }[kind]
            row = service(request.user, obj)
        elif kind in YEAR_KINDS:
            pemda = request.user.pemda
            if kind == PublicationKind.IKU:
                row = publications.publish_iku(request.user, pemda, year)
            elif kind == PublicationKind.PK:
                row = publications.publish_pks(request.user, pemda, year)
            else:
                row = publications.publish_indicators(
                    request.user, pemda, year, request.POST.get("quarter")
                )
        else:
            raise ValidationError(_("Choose what to publish."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_list_url(year))
    messages.success(request, _("Published to the portal: %(title)s.") % {"title": row.title})
    return redirect(_list_url(year))


@login_required
@require_POST
def withdraw(request: HttpRequest, code) -> HttpResponse:
    pemda_id = _pemda_id(request)
    publication = Publication.objects.filter(pemda_id=pemda_id, code=code).first()
    if publication is None:
        raise Http404
    try:
        publications.withdraw(request.user, publication, request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Withdrawn from the portal: %(title)s.") % {"title": publication.title}
        )
    return redirect(_list_url(publication.year))
