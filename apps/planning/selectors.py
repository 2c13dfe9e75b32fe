"""Reads of the planning documents and the nomenclature, through the user's scope.

Who sees and writes what (DESIGN.md "Tenancy and access"):

* the RPJMD belongs to the whole Pemda: every member of the Pemda reads it; Bappeda and the
  Pemda admins (PLANNERS, on the Pemda root) write it;
* a Renstra and its Renja belong to their OPD: visible to whoever holds a grant covering the OPD
  (its own users, and the Pemda-wide roles: Bappeda, admin, viewer, evaluators); written by the
  OPD's operators and verifiers (OPD_WRITERS); reviewed (returned, approved, commented) by
  PLANNERS;
* the nomenclature is national reference data: readable by every signed-in user.

Outside the scope an object is a 404; inside it, a write without the role is a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404

from apps.organisations.access import OPD_WRITERS, PLANNERS, get_scope, get_scoped_object
from apps.organisations.models import PlanPeriod
from apps.planning.models import (
    NomenclatureDecree,
    NomenclatureItem,
    Renja,
    Renstra,
    RenstraVersion,
    Rpjmd,
)

RENSTRA_WRITERS = OPD_WRITERS
REVIEWERS = PLANNERS
RPJMD_WRITERS = PLANNERS


# --- RPJMD: a Pemda-level document ------------------------------------------------------------


def _rpjmd_queryset() -> QuerySet[Rpjmd]:
    return Rpjmd.objects.select_related("period")


def rpjmd_list(*, user) -> QuerySet[Rpjmd]:
    scope = get_scope(user)
    if scope.pemda_id is None or not scope.grants:
        return Rpjmd.objects.none()
    return _rpjmd_queryset().filter(pemda_id=scope.pemda_id).order_by("-period__start_year")


def rpjmd_for_period(*, user, period: PlanPeriod) -> Rpjmd | None:
    return rpjmd_list(user=user).filter(period=period).first()


def get_rpjmd_for_user(user, code) -> Rpjmd:
    try:
        return rpjmd_list(user=user).get(code=code)
    except (Rpjmd.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def get_rw_rpjmd_for_user(user, code) -> Rpjmd:
    rpjmd = get_rpjmd_for_user(user, code)
    if not get_scope(user).pemda_wide(RPJMD_WRITERS):
        raise PermissionDenied
    return rpjmd


def may_write_rpjmd(user) -> bool:
    return get_scope(user).pemda_wide(RPJMD_WRITERS)


# --- Renstra ---------------------------------------------------------------------------------


def _renstra_queryset() -> QuerySet[Renstra]:
    return Renstra.objects.select_related("opd", "period")


def renstra_list(*, user, period: PlanPeriod | None = None) -> QuerySet[Renstra]:
    """The Renstra of the OPDs in the user's scope, in organisation order."""
    qs = get_scope(user).filter(_renstra_queryset(), path="opd")
    if period is not None:
        qs = qs.filter(period=period)
    return qs.order_by("period__start_year", "opd__lft")


def get_renstra_for_user(user, code) -> Renstra:
    return get_scoped_object(_renstra_queryset(), user, code=code, path="opd")


def get_rw_renstra_for_user(user, code) -> Renstra:
    """For the OPD's own writes (tree, indicators, targets, budgets, Renja, submit, revise)."""
    return get_scoped_object(
        _renstra_queryset(), user, code=code, path="opd", write_roles=RENSTRA_WRITERS
    )


def get_review_renstra_for_user(user, code) -> Renstra:
    """For Bappeda's review acts (return, approve, comment, dismiss a finding)."""
    return get_scoped_object(
        _renstra_queryset(), user, code=code, path="opd", write_roles=REVIEWERS
    )


def may_write_renstra(user, renstra: Renstra) -> bool:
    return get_scope(user).covers(renstra.opd, RENSTRA_WRITERS)


def may_review_renstra(user, renstra: Renstra) -> bool:
    return get_scope(user).covers(renstra.opd, REVIEWERS)


def renstra_versions(*, user, renstra: Renstra) -> QuerySet[RenstraVersion]:
    """The approved versions kept by revisions (newest first); the snapshot column is deferred
    for lists."""
    get_renstra_for_user(user, renstra.code)
    return (
        RenstraVersion.objects.filter(renstra=renstra)
        .select_related("created_by")
        .defer("snapshot")
    )


def get_renstra_version_for_user(user, renstra: Renstra, revision: int) -> RenstraVersion:
    get_renstra_for_user(user, renstra.code)
    try:
        return RenstraVersion.objects.get(renstra=renstra, revision=revision)
    except RenstraVersion.DoesNotExist as exc:
        raise Http404 from exc


# --- Renja -----------------------------------------------------------------------------------


def _renja_queryset() -> QuerySet[Renja]:
    return Renja.objects.select_related("renstra__opd", "renstra__period")


def renja_list(
    *, user, renstra: Renstra | None = None, year: int | None = None, current_only: bool = False
) -> QuerySet[Renja]:
    qs = get_scope(user).filter(_renja_queryset(), path="renstra__opd")
    if renstra is not None:
        qs = qs.filter(renstra=renstra)
    if year is not None:
        qs = qs.filter(year=year)
    if current_only:
        qs = qs.current()
    return qs.order_by("renstra__opd__lft", "year", "revision")


def get_renja_for_user(user, code) -> Renja:
    return get_scoped_object(_renja_queryset(), user, code=code, path="renstra__opd")


def get_rw_renja_for_user(user, code) -> Renja:
    return get_scoped_object(
        _renja_queryset(), user, code=code, path="renstra__opd", write_roles=RENSTRA_WRITERS
    )


# --- Nomenclature (national reference data) --------------------------------------------------


def decree_list() -> QuerySet[NomenclatureDecree]:
    return NomenclatureDecree.objects.all()


def current_decree() -> NomenclatureDecree | None:
    return NomenclatureDecree.objects.filter(is_current=True).first()


def nomenclature_list(
    *,
    level: str | None = None,
    parent_code: str | None = None,
    search: str = "",
    decree: NomenclatureDecree | None = None,
) -> QuerySet[NomenclatureItem]:
    """Items of a decree (the current one by default), for pickers: a level, the children of a
    code, a search on code or name."""
    qs = NomenclatureItem.objects.select_related("parent")
    qs = qs.filter(decree=decree) if decree is not None else qs.current()
    if level:
        qs = qs.of_level(level)
    if parent_code:
        qs = qs.filter(parent__code=parent_code)
    if search:
        from django.db.models import Q

        qs = qs.filter(Q(code__startswith=search.strip()) | Q(name__icontains=search.strip()))
    return qs.order_by("code")


def nomenclature_item_by_code(code: str) -> NomenclatureItem | None:
    """The item of the current decree with this code, or None."""
    return NomenclatureItem.objects.current().filter(code=(code or "").strip()).first()
