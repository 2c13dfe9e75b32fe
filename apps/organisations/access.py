"""Tenancy and access: the one place where a user's reach is computed.

A membership gives a role on a unit and covers that unit's descendants (a contiguous lft..rght
range of its tree). Every query that serves a user filters through a `Scope`:

* an object outside the scope does not exist for the user (404), whatever Pemda it belongs to;
* an object inside the scope but written by a user without a write role is refused (403).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from apps.organisations.models import Membership, OrgUnit, Role

# Roles that may change data somewhere (each feature names which of them may write what).
READ_ONLY_ROLES = frozenset({Role.VIEWER})
PEMDA_MANAGERS = frozenset({Role.ADMIN})
PLANNERS = frozenset({Role.ADMIN, Role.BAPPEDA})
OPD_WRITERS = frozenset({Role.OPD_OPERATOR, Role.OPD_VERIFIER})
EVALUATORS = frozenset({Role.EVALUATOR, Role.EVALUATOR_LEAD})


@dataclass(frozen=True)
class Grant:
    role: str
    unit_id: int
    tree_id: int
    lft: int
    rght: int

    def covers(self, unit: OrgUnit) -> bool:
        return unit.tree_id == self.tree_id and self.lft <= unit.lft <= self.rght


@dataclass(frozen=True)
class Scope:
    """What one user may reach. Built once per request from one query."""

    user_id: int | None
    pemda_id: int | None
    grants: tuple[Grant, ...] = field(default_factory=tuple)
    # The Pemda's name, read with the grants (every page's header shows it); "" without a grant.
    pemda_name: str = field(default="", compare=False)

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(g.role for g in self.grants)

    def has_role(self, *roles: str) -> bool:
        return any(g.role in roles for g in self.grants)

    def _grants(self, roles: Iterable[str] | None) -> list[Grant]:
        if roles is None:
            return list(self.grants)
        wanted = set(roles)
        return [g for g in self.grants if g.role in wanted]

    def covers(self, unit: OrgUnit | None, roles: Iterable[str] | None = None) -> bool:
        """True when a grant (of one of `roles`, or any) covers `unit`. A Pemda-level object
        (`unit` None) is covered only by a grant on the Pemda root."""
        if unit is None:
            return any(g.unit_id == self.pemda_id for g in self._grants(roles))
        if unit.pemda_id != self.pemda_id:
            return False
        return any(g.covers(unit) for g in self._grants(roles))

    def units_q(self, path: str = "unit", roles: Iterable[str] | None = None) -> Q:
        """A filter matching rows whose unit (reached by `path`; "" for OrgUnit itself) lies under
        one of the grants. Matches nothing when there is no grant."""
        prefix = f"{path}__" if path else ""
        q = Q(pk__in=[])
        for g in self._grants(roles):
            q |= Q(
                **{
                    f"{prefix}tree_id": g.tree_id,
                    f"{prefix}lft__gte": g.lft,
                    f"{prefix}lft__lte": g.rght,
                }
            )
        return q

    def pemda_wide(self, roles: Iterable[str] | None = None) -> bool:
        """True when a grant (of `roles`) sits on the Pemda root, so it covers the whole Pemda."""
        return any(g.unit_id == self.pemda_id for g in self._grants(roles))

    def filter(
        self, queryset: QuerySet, path: str = "unit", roles: Iterable[str] | None = None
    ) -> QuerySet:
        """Restrict `queryset` to this user's Pemda and covered units."""
        if self.pemda_id is None:
            return queryset.none()
        return queryset.filter(pemda_id=self.pemda_id).filter(self.units_q(path, roles))


_ANONYMOUS = Scope(user_id=None, pemda_id=None)


def get_scope(user) -> Scope:
    """The user's scope, cached on the user object for the request (request.user is loaded
    afresh for every request, so the scope never outlives it)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return _ANONYMOUS
    cached = getattr(user, "_sakip_scope", None)
    if cached is not None:
        return cached
    rows = list(
        Membership.objects.filter(user_id=user.pk, pemda_id=user.pemda_id)
        .values_list("role", "unit_id", "unit__tree_id", "unit__lft", "unit__rght", "pemda__name")
        .order_by("role", "unit__lft")
    )
    scope = Scope(
        user_id=user.pk,
        pemda_id=user.pemda_id,
        grants=tuple(Grant(*row[:5]) for row in rows),
        pemda_name=rows[0][5] if rows else "",
    )
    user._sakip_scope = scope
    return scope


def forget_scope(user) -> None:
    """Drop the cached scope (after memberships change in the same request)."""
    if hasattr(user, "_sakip_scope"):
        del user._sakip_scope


def get_scoped_object(
    queryset: QuerySet,
    user,
    *,
    code,
    path: str = "unit",
    write_roles: Iterable[str] | None = None,
    read_roles: Iterable[str] | None = None,
) -> Model:
    """The object with `code` if the user may see it (else 404). With `write_roles`, the user must
    also hold one of them on the object's unit (else 403: the object is visible, the act is not)."""
    scope = get_scope(user)
    try:
        obj = scope.filter(queryset, path, read_roles).get(code=code)
    except (queryset.model.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc
    if write_roles is not None:
        unit = _unit_of(obj, path)
        if not scope.covers(unit, write_roles):
            raise PermissionDenied
    return obj


def require_role(user, roles: Iterable[str], unit: OrgUnit | None = None) -> Scope:
    """Refuse (403) unless the user holds one of `roles` on `unit` (or anywhere, when None)."""
    scope = get_scope(user)
    roles = set(roles)
    if unit is None:
        if not scope.has_role(*roles):
            raise PermissionDenied
    elif not scope.covers(unit, roles):
        raise PermissionDenied
    return scope


def _unit_of(obj: Model, path: str) -> OrgUnit | None:
    if not path:
        return obj  # type: ignore[return-value]
    target = obj
    for part in path.split("__"):
        target = getattr(target, part)
        if target is None:
            return None
    return target
