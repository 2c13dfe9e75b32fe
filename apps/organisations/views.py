"""Pages of the organisation: the unit tree, positions and who holds them, people, users and
their roles, plan periods and quarter windows, and the Excel export.

Each view parses a form, looks its object up through a scoped selector (404 outside the scope,
403 for a write without the role) and calls one service. Pemda admins (PEMDA_MANAGERS) write
the organisation; the planning calendar (periods, quarter windows) is also Bappeda's (PLANNERS);
everyone with a grant reads the units, positions and periods in their scope; people and users are
managed by admins only.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.forms import VersionedForm, bound_data, save_form, save_versioned_form
from apps.core.jobs import job_start
from apps.organisations import forms, selectors, services
from apps.organisations.access import PEMDA_MANAGERS, PLANNERS, get_scope, require_role
from apps.organisations.models import ALLOWED_CHILDREN, OrgUnit
from apps.organisations.tasks import export_organisation

PAGE_SIZE = 50


def _page(request: HttpRequest, queryset: QuerySet) -> Page:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _saved(request: HttpRequest) -> None:
    messages.success(request, _("Saved."))


# --- choices limited to the user's reach --------------------------------------------------------


def _managed_units(user) -> QuerySet[OrgUnit]:
    """Active units the user administers: where new units, positions, people and roles go."""
    return get_scope(user).filter(
        selectors.unit_list(user=user).filter(is_active=True), path="", roles=PEMDA_MANAGERS
    )


def _positions(user, *, exclude=None) -> QuerySet:
    qs = selectors.position_list(user=user).filter(is_active=True).prefetch_related(None)
    return qs.exclude(pk=exclude.pk) if exclude is not None else qs


def _people(user) -> QuerySet:
    return selectors.person_list(user=user).filter(is_active=True)


def _is_manager_of(user, unit: OrgUnit | None) -> bool:
    return get_scope(user).covers(unit, PEMDA_MANAGERS)


def _require_admin(user) -> None:
    """People and users are managed by Pemda admins only (403 for every other role)."""
    require_role(user, PEMDA_MANAGERS)


def _require_pemda_wide(user, roles) -> None:
    """Pemda-wide things (plan periods, the export of the whole organisation) are for holders of
    `roles` on the Pemda itself, not on one OPD."""
    if not get_scope(user).pemda_wide(roles):
        raise PermissionDenied


def _preselect(choices: QuerySet, code: str | None):
    """The choice named by a link such as `?parent=<code>`, if it is one of `choices`."""
    if not code:
        return None
    try:
        uuid.UUID(code)
    except ValueError:
        return None
    return choices.filter(code=code).first()


# --- units ------------------------------------------------------------------------------------


def _unit_forest(units: list[OrgUnit], scope) -> list[dict[str, Any]]:
    """Nest units (in tree order) under their parents. A unit whose parent is not in the list
    (the top of one of the user's grants) becomes a root."""
    nodes: dict[int, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for unit in units:
        node = {
            "unit": unit,
            "children": [],
            "can_manage": scope.covers(unit, PEMDA_MANAGERS),
            "takes_children": bool(ALLOWED_CHILDREN.get(unit.unit_type)),
        }
        nodes[unit.pk] = node
        parent = nodes.get(unit.parent_id)
        (parent["children"] if parent else roots).append(node)
    return roots


@login_required
def unit_tree(request: HttpRequest) -> HttpResponse:
    scope = get_scope(request.user)
    units = selectors.unit_list(user=request.user).annotate(
        position_count=Count("positions", filter=Q(positions__is_active=True)),
    )
    return render(
        request,
        "organisations/unit_tree.html",
        {
            "forest": _unit_forest(list(units), scope),
            "can_manage": scope.has_role(*PEMDA_MANAGERS),
            "can_export": scope.pemda_wide(PEMDA_MANAGERS),
        },
    )


@login_required
def unit_create(request: HttpRequest) -> HttpResponse:
    require_role(request.user, PEMDA_MANAGERS)
    parents = _managed_units(request.user)
    initial = {"parent": _preselect(parents, request.GET.get("parent"))}
    form = forms.UnitCreateForm(bound_data(request), initial=initial, parents=parents)
    if request.method == "POST":
        unit = save_form(form, lambda data: services.unit_create(actor=request.user, **data))
        if unit is not None:
            messages.success(request, _("The unit was created."))
            return redirect("organisations:unit_detail", code=unit.code)
    return render(request, "organisations/unit_form.html", {"form": form, "creating": True})


@login_required
def unit_detail(request: HttpRequest, code) -> HttpResponse:
    unit = selectors.get_unit_for_user(request.user, code)
    in_scope = selectors.unit_list(user=request.user)
    return render(
        request,
        "organisations/unit_detail.html",
        {
            "unit": unit,
            "ancestors": in_scope.filter(
                tree_id=unit.tree_id, lft__lt=unit.lft, rght__gt=unit.rght
            ),
            "children": in_scope.filter(parent=unit),
            "positions": selectors.position_list(user=request.user).filter(unit=unit),
            "can_manage": _is_manager_of(request.user, unit),
        },
    )


@login_required
def unit_edit(request: HttpRequest, code) -> HttpResponse:
    unit = selectors.get_rw_unit_for_user(request.user, code)
    form = forms.UnitEditForm(bound_data(request), initial=forms.UnitEditForm.initial_for(unit))
    if request.method == "POST" and save_versioned_form(
        form,
        lambda data, version: services.unit_update(
            actor=request.user, unit=unit, data=data, expected_version=version
        ),
        obj=unit,
    ):
        _saved(request)
        return redirect("organisations:unit_detail", code=unit.code)
    return render(request, "organisations/unit_form.html", {"form": form, "unit": unit})


@login_required
def unit_move(request: HttpRequest, code) -> HttpResponse:
    unit = selectors.get_rw_unit_for_user(request.user, code)
    # Not under itself or its own sub-units (the service refuses that too, with a message).
    parents = _managed_units(request.user).exclude(
        tree_id=unit.tree_id, lft__gte=unit.lft, lft__lte=unit.rght
    )
    form = forms.UnitMoveForm(bound_data(request), initial={"parent": unit.parent}, parents=parents)
    if request.method == "POST" and save_form(
        form,
        lambda data: services.unit_move(actor=request.user, unit=unit, new_parent=data["parent"]),
    ):
        messages.success(request, _("The unit was moved."))
        return redirect("organisations:unit_detail", code=unit.code)
    return render(request, "organisations/unit_move.html", {"form": form, "unit": unit})


@login_required
@require_POST
def unit_deactivate(request: HttpRequest, code) -> HttpResponse:
    unit = selectors.get_rw_unit_for_user(request.user, code)
    form = VersionedForm(request.POST)
    if save_versioned_form(
        form,
        lambda data, version: services.unit_deactivate(
            actor=request.user, unit=unit, expected_version=version
        ),
        obj=unit,
    ):
        messages.success(request, _("The unit was deactivated."))
    else:
        for error in form.non_field_errors() or [_("The page was out of date; try again.")]:
            messages.error(request, error)
    return redirect("organisations:unit_detail", code=unit.code)


# --- positions and assignments ------------------------------------------------------------------


@login_required
def position_list(request: HttpRequest) -> HttpResponse:
    scope = get_scope(request.user)
    positions = selectors.position_list(user=request.user)
    filter_form = forms.PositionFilterForm(request.GET, opds=selectors.opd_list(user=request.user))
    if filter_form.is_valid() and filter_form.cleaned_data["opd"]:
        positions = positions.filter(opd=filter_form.cleaned_data["opd"])
    return render(
        request,
        "organisations/position_list.html",
        {
            "page": _page(request, positions),
            "filter_form": filter_form,
            "can_manage": scope.has_role(*PEMDA_MANAGERS),
        },
    )


@login_required
def position_create(request: HttpRequest) -> HttpResponse:
    require_role(request.user, PEMDA_MANAGERS)
    units = _managed_units(request.user)
    initial = {"unit": _preselect(units, request.GET.get("unit"))}
    form = forms.PositionForm(
        bound_data(request),
        initial=initial,
        units=units,
        superiors=_positions(request.user),
    )
    if request.method == "POST":
        position = save_form(
            form, lambda data: services.position_create(actor=request.user, **data)
        )
        if position is not None:
            messages.success(request, _("The position was created."))
            return redirect("organisations:position_edit", code=position.code)
    return render(request, "organisations/position_form.html", {"form": form, "creating": True})


@login_required
def position_edit(request: HttpRequest, code) -> HttpResponse:
    """The position's page: its holders for everyone in scope, the edit form for its admins."""
    if request.method == "POST":
        position = selectors.get_rw_position_for_user(request.user, code)
    else:
        position = selectors.get_position_for_user(request.user, code)
    can_manage = _is_manager_of(request.user, position.unit)
    form = None
    if can_manage:
        form = forms.PositionEditForm(
            bound_data(request),
            initial=forms.PositionEditForm.initial_for(position),
            units=_managed_units(request.user),
            superiors=_positions(request.user, exclude=position),
        )
        if request.method == "POST" and save_versioned_form(
            form,
            lambda data, version: services.position_update(
                actor=request.user, position=position, data=data, expected_version=version
            ),
            obj=position,
        ):
            _saved(request)
            return redirect("organisations:position_edit", code=position.code)
    assignments = (
        selectors.assignment_list(user=request.user)
        .filter(position=position)
        .order_by("-start_date", "-pk")
    )
    return render(
        request,
        "organisations/position_detail.html",
        {
            "position": position,
            "form": form,
            "assignments": assignments,
            "holder": selectors.current_holder(position),
            "can_manage": can_manage,
        },
    )


@login_required
def assignment_create(request: HttpRequest, code) -> HttpResponse:
    position = selectors.get_rw_position_for_user(request.user, code)
    form = forms.AssignmentForm(bound_data(request), people=_people(request.user))
    if request.method == "POST" and save_form(
        form,
        lambda data: services.assignment_create(actor=request.user, position=position, **data),
    ):
        messages.success(request, _("The holder was assigned."))
        return redirect("organisations:position_edit", code=position.code)
    return render(
        request, "organisations/assignment_form.html", {"form": form, "position": position}
    )


@login_required
def assignment_end(request: HttpRequest, code) -> HttpResponse:
    assignment = selectors.get_rw_assignment_for_user(request.user, code)
    initial = forms.AssignmentEndForm.initial_for(assignment)
    form = forms.AssignmentEndForm(bound_data(request), initial=initial)
    if request.method == "POST" and save_versioned_form(
        form,
        lambda data, version: services.assignment_end(
            actor=request.user, assignment=assignment, expected_version=version, **data
        ),
        obj=assignment,
    ):
        messages.success(request, _("The assignment was ended."))
        return redirect("organisations:position_edit", code=assignment.position.code)
    return render(
        request, "organisations/assignment_end.html", {"form": form, "assignment": assignment}
    )


# --- people -----------------------------------------------------------------------------------


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request.user)
    people = selectors.person_list(user=request.user)
    search = forms.SearchForm(request.GET)
    if search.is_valid() and (q := search.cleaned_data["q"]):
        people = people.filter(Q(name__icontains=q) | Q(nip__startswith=q))
    return render(
        request,
        "organisations/person_list.html",
        {"page": _page(request, people), "search": search},
    )


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    _require_admin(request.user)
    form = forms.PersonForm(bound_data(request), units=_managed_units(request.user))
    if request.method == "POST" and save_form(
        form, lambda data: services.person_create(actor=request.user, **data)
    ):
        messages.success(request, _("The person was added."))
        return redirect("organisations:person_list")
    return render(request, "organisations/person_form.html", {"form": form, "creating": True})


@login_required
def person_edit(request: HttpRequest, code) -> HttpResponse:
    person = selectors.get_rw_person_for_user(request.user, code)
    form = forms.PersonEditForm(
        bound_data(request),
        initial=forms.PersonEditForm.initial_for(person),
        units=_managed_units(request.user),
    )
    if request.method == "POST" and save_versioned_form(
        form,
        lambda data, version: services.person_update(
            actor=request.user, person=person, data=data, expected_version=version
        ),
        obj=person,
    ):
        _saved(request)
        return redirect("organisations:person_list")
    return render(request, "organisations/person_form.html", {"form": form, "person": person})


# --- users and memberships --------------------------------------------------------------------


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request.user)
    users = selectors.user_list(user=request.user)
    search = forms.SearchForm(request.GET)
    if search.is_valid() and (q := search.cleaned_data["q"]):
        users = users.filter(
            Q(username__icontains=q) | Q(first_name__icontains=q) | Q(last_name__icontains=q)
        )
    return render(
        request, "organisations/user_list.html", {"page": _page(request, users), "search": search}
    )


@login_required
def user_create(request: HttpRequest) -> HttpResponse:
    _require_admin(request.user)
    form = forms.UserCreateForm(bound_data(request), people=_people(request.user))

    def create(data: dict) -> Any:
        data.pop("password2")
        return services.user_create(
            actor=request.user, pemda=request.user.pemda, password=data.pop("password1"), **data
        )

    if request.method == "POST":
        # Password rules (validate_password) come back without a field: they are the password's.
        user = save_form(form, create, default_field="password1")
        if user is not None:
            messages.success(request, _("The user was created. Now give them a role."))
            return redirect("organisations:user_edit", code=user.code)
    return render(request, "organisations/user_create.html", {"form": form})


def _user_page(request: HttpRequest, target, *, form=None, membership_form=None) -> HttpResponse:
    people = _people(request.user)
    if form is None:
        form = forms.UserEditForm(initial=forms.UserEditForm.initial_for(target), people=people)
    if membership_form is None:
        membership_form = forms.MembershipForm(units=_managed_units(request.user))
    memberships = selectors.membership_list(user=request.user).filter(user=target)
    return render(
        request,
        "organisations/user_edit.html",
        {
            "target": target,
            "form": form,
            "membership_form": membership_form,
            "memberships": memberships.order_by("unit__tree_id", "unit__lft", "role"),
        },
    )


@login_required
def user_edit(request: HttpRequest, code) -> HttpResponse:
    target = selectors.get_user_for_user(request.user, code)
    form = forms.UserEditForm(
        bound_data(request),
        initial=forms.UserEditForm.initial_for(target),
        people=_people(request.user),
    )
    if request.method == "POST" and save_versioned_form(
        form,
        lambda data, version: services.user_update(
            actor=request.user, user=target, data=data, expected_version=version
        ),
        obj=target,
    ):
        _saved(request)
        return redirect("organisations:user_edit", code=target.code)
    return _user_page(request, target, form=form)


@login_required
def membership_create(request: HttpRequest, code) -> HttpResponse:
    target = selectors.get_user_for_user(request.user, code)
    form = forms.MembershipForm(bound_data(request), units=_managed_units(request.user))
    if request.method == "POST" and save_form(
        form,
        lambda data: services.membership_grant(actor=request.user, user=target, **data),
    ):
        messages.success(request, _("The role was granted."))
        return redirect("organisations:user_edit", code=target.code)
    return _user_page(request, target, membership_form=form)


@login_required
@require_POST
def membership_revoke(request: HttpRequest, code) -> HttpResponse:
    membership = selectors.get_rw_membership_for_user(request.user, code)
    target_code = membership.user.code
    services.membership_revoke(actor=request.user, membership=membership)
    messages.success(request, _("The role was revoked."))
    return redirect("organisations:user_edit", code=target_code)


# --- plan periods and quarter windows ---------------------------------------------------------


@login_required
def period_list(request: HttpRequest) -> HttpResponse:
    scope = get_scope(request.user)
    return render(
        request,
        "organisations/period_list.html",
        {
            "page": _page(request, selectors.period_list(user=request.user)),
            "can_manage": scope.pemda_wide(PLANNERS),
        },
    )


@login_required
def period_create(request: HttpRequest) -> HttpResponse:
    _require_pemda_wide(request.user, PLANNERS)
    form = forms.PeriodForm(bound_data(request))
    if request.method == "POST":
        period = save_form(
            form,
            lambda data: services.period_create(
                actor=request.user, pemda=request.user.pemda, **data
            ),
        )
        if period is not None:
            messages.success(request, _("The plan period was created with its years."))
            return redirect("organisations:period_detail", code=period.code)
    return render(request, "organisations/period_form.html", {"form": form})


@login_required
def period_detail(request: HttpRequest, code) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, code)
    years: dict[int, dict[str, Any]] = {}
    for window in selectors.window_list(user=request.user, period=period):
        entry = years.setdefault(window.plan_year_id, {"year": window.plan_year, "windows": []})
        entry["windows"].append(window)
    return render(
        request,
        "organisations/period_detail.html",
        {
            "period": period,
            "years": list(years.values()),
            "can_manage": get_scope(request.user).pemda_wide(PLANNERS),
        },
    )


@login_required
def window_edit(request: HttpRequest, code) -> HttpResponse:
    window = selectors.get_rw_window_for_user(request.user, code)
    form = forms.WindowForm(bound_data(request), initial=forms.WindowForm.initial_for(window))
    if request.method == "POST" and save_versioned_form(
        form,
        lambda data, version: services.window_update(
            actor=request.user, window=window, expected_version=version, **data
        ),
        obj=window,
    ):
        _saved(request)
        return redirect("organisations:period_detail", code=window.plan_year.period.code)
    return render(request, "organisations/window_form.html", {"form": form, "window": window})


# --- export -----------------------------------------------------------------------------------


@login_required
@require_POST
def export_start(request: HttpRequest) -> HttpResponse:
    """Start the Excel export of the whole organisation (a Pemda admin's job)."""
    _require_pemda_wide(request.user, PEMDA_MANAGERS)
    job = job_start(
        kind="organisation_export",
        owner=request.user,
        pemda_id=request.user.pemda_id,
        task=export_organisation,
    )
    return redirect("core:job_detail", code=job.code)
