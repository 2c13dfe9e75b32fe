"""REST API of the organisation: units, positions, people, assignments, memberships and users.

Every list and lookup goes through apps.organisations.selectors (scoped to the caller), every
write is one call of apps.organisations.services. Related objects are given by their code and
resolved through the same scoped helpers, so a code of another OPD or Pemda is "not found".
Writes belong to the Pemda administrators (PEMDA_MANAGERS), as on the pages.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.routers import BaseRouter

from apps.core.api import (
    CodeRelatedField,
    CreateMixin,
    DestroyMixin,
    InputSerializer,
    ListMixin,
    PartialUpdateMixin,
    RetrieveMixin,
    ScopedViewSet,
    UpdateInputSerializer,
    document_viewset,
    validation_error_detail,
)
from apps.organisations import selectors, services
from apps.organisations.access import PEMDA_MANAGERS, Scope
from apps.organisations.models import (
    Assignment,
    AssignmentKind,
    Membership,
    OrgUnit,
    Pangkat,
    Person,
    Position,
    PositionLevel,
    Role,
    UnitType,
    User,
)


def _code_field(**kwargs: Any) -> serializers.SlugRelatedField:
    """An output field showing a related object by its code."""
    return serializers.SlugRelatedField(slug_field="code", read_only=True, **kwargs)


# ---------------------------------------------------------------------------------------------
# Units


class UnitSerializer(serializers.ModelSerializer):
    parent = _code_field()
    opd = _code_field(help_text=_("The OPD the unit belongs to (itself for an OPD)."))
    level = serializers.IntegerField(
        read_only=True, help_text=_("Depth in the tree: 0 is the Pemda, 1 an OPD.")
    )

    class Meta:
        model = OrgUnit
        fields = [
            "code",
            "name",
            "short_name",
            "unit_type",
            "opd_code",
            "parent",
            "opd",
            "level",
            "sort_order",
            "is_active",
            "version",
        ]
        read_only_fields = fields


class UnitCreateSerializer(InputSerializer):
    parent = CodeRelatedField(lookup=selectors.get_unit_for_user)
    name = serializers.CharField()
    unit_type = serializers.ChoiceField(choices=UnitType.choices)
    short_name = serializers.CharField(required=False, allow_blank=True)
    opd_code = serializers.CharField(required=False, allow_blank=True)
    sort_order = serializers.IntegerField(required=False, min_value=0)


class UnitUpdateSerializer(UpdateInputSerializer):
    name = serializers.CharField(required=False)
    short_name = serializers.CharField(required=False, allow_blank=True)
    opd_code = serializers.CharField(required=False, allow_blank=True)
    sort_order = serializers.IntegerField(required=False, min_value=0)


@document_viewset("units", UnitCreateSerializer, UnitUpdateSerializer, UnitSerializer)
class UnitViewSet(ListMixin, RetrieveMixin, CreateMixin, PartialUpdateMixin, ScopedViewSet):
    """Organisation units (the Pemda, its OPDs and their sub-units)."""

    queryset = OrgUnit.objects.none()  # for schema introspection; reads use scoped_queryset()
    serializer_class = UnitSerializer
    create_serializer_class = UnitCreateSerializer
    update_serializer_class = UnitUpdateSerializer
    write_roles = PEMDA_MANAGERS

    def scoped_queryset(self) -> QuerySet[OrgUnit]:
        return selectors.unit_list(user=self.request.user).select_related("parent", "opd")

    def get_write_object(self, code: uuid.UUID) -> OrgUnit:
        return selectors.get_rw_unit_for_user(self.request.user, code)

    def perform_create(self, data: dict[str, Any]) -> OrgUnit:
        self.require_write(data["parent"])
        return services.unit_create(actor=self.request.user, **data)

    def perform_update(
        self, obj: OrgUnit, data: dict[str, Any], *, expected_version: int
    ) -> OrgUnit:
        return services.unit_update(
            actor=self.request.user, unit=obj, data=data, expected_version=expected_version
        )


# ---------------------------------------------------------------------------------------------
# Positions


class HolderSerializer(serializers.ModelSerializer):
    """A current holder of a position (an assignment running today)."""

    person = _code_field()
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = Assignment
        fields = ["code", "person", "person_name", "kind", "start_date", "end_date"]
        read_only_fields = fields


class PositionSerializer(serializers.ModelSerializer):
    unit = _code_field()
    opd = _code_field()
    superior = _code_field()
    current_holders = HolderSerializer(many=True, read_only=True)

    class Meta:
        model = Position
        fields = [
            "code",
            "title",
            "unit",
            "opd",
            "level",
            "is_head",
            "superior",
            "is_active",
            "current_holders",
            "version",
        ]
        read_only_fields = fields


class PositionCreateSerializer(InputSerializer):
    unit = CodeRelatedField(lookup=selectors.get_unit_for_user)
    title = serializers.CharField()
    level = serializers.ChoiceField(choices=PositionLevel.choices)
    is_head = serializers.BooleanField(required=False)
    superior = CodeRelatedField(
        lookup=selectors.get_position_for_user, required=False, allow_null=True
    )


class PositionUpdateSerializer(UpdateInputSerializer):
    unit = CodeRelatedField(lookup=selectors.get_unit_for_user, required=False)
    title = serializers.CharField(required=False)
    level = serializers.ChoiceField(choices=PositionLevel.choices, required=False)
    is_head = serializers.BooleanField(required=False)
    superior = CodeRelatedField(
        lookup=selectors.get_position_for_user, required=False, allow_null=True
    )
    is_active = serializers.BooleanField(required=False)


@document_viewset(
    "positions", PositionCreateSerializer, PositionUpdateSerializer, PositionSerializer
)
class PositionViewSet(ListMixin, RetrieveMixin, CreateMixin, PartialUpdateMixin, ScopedViewSet):
    """Positions (jabatan) with their current holders."""

    queryset = Position.objects.none()
    serializer_class = PositionSerializer
    create_serializer_class = PositionCreateSerializer
    update_serializer_class = PositionUpdateSerializer
    write_roles = PEMDA_MANAGERS

    def scoped_queryset(self) -> QuerySet[Position]:
        return selectors.position_list(user=self.request.user).select_related("opd")

    def get_write_object(self, code: uuid.UUID) -> Position:
        return selectors.get_rw_position_for_user(self.request.user, code)

    def perform_create(self, data: dict[str, Any]) -> Position:
        self.require_write(data["unit"])
        return services.position_create(actor=self.request.user, **data)

    def perform_update(
        self, obj: Position, data: dict[str, Any], *, expected_version: int
    ) -> Position:
        if "unit" in data:
            self.require_write(data["unit"])
        return services.position_update(
            actor=self.request.user, position=obj, data=data, expected_version=expected_version
        )


# ---------------------------------------------------------------------------------------------
# People


class PersonSerializer(serializers.ModelSerializer):
    unit = _code_field()

    class Meta:
        model = Person
        fields = ["code", "name", "nip", "pangkat", "unit", "email", "is_active", "version"]
        read_only_fields = fields


class PersonCreateSerializer(InputSerializer):
    unit = CodeRelatedField(lookup=selectors.get_unit_for_user)
    name = serializers.CharField()
    nip = serializers.CharField(required=False, allow_blank=True, help_text=_("18 digits."))
    pangkat = serializers.ChoiceField(choices=Pangkat.choices, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)


class PersonUpdateSerializer(UpdateInputSerializer):
    unit = CodeRelatedField(lookup=selectors.get_unit_for_user, required=False)
    name = serializers.CharField(required=False)
    nip = serializers.CharField(required=False, allow_blank=True, help_text=_("18 digits."))
    pangkat = serializers.ChoiceField(choices=Pangkat.choices, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False)


@document_viewset("people", PersonCreateSerializer, PersonUpdateSerializer, PersonSerializer)
class PersonViewSet(ListMixin, RetrieveMixin, CreateMixin, PartialUpdateMixin, ScopedViewSet):
    """People who can hold positions."""

    queryset = Person.objects.none()
    serializer_class = PersonSerializer
    create_serializer_class = PersonCreateSerializer
    update_serializer_class = PersonUpdateSerializer
    write_roles = PEMDA_MANAGERS

    def scoped_queryset(self) -> QuerySet[Person]:
        return selectors.person_list(user=self.request.user)

    def get_write_object(self, code: uuid.UUID) -> Person:
        return selectors.get_rw_person_for_user(self.request.user, code)

    def perform_create(self, data: dict[str, Any]) -> Person:
        self.require_write(data["unit"])
        return services.person_create(actor=self.request.user, **data)

    def perform_update(self, obj: Person, data: dict[str, Any], *, expected_version: int) -> Person:
        if "unit" in data:
            self.require_write(data["unit"])
        return services.person_update(
            actor=self.request.user, person=obj, data=data, expected_version=expected_version
        )


# ---------------------------------------------------------------------------------------------
# Assignments


class AssignmentSerializer(serializers.ModelSerializer):
    position = _code_field()
    person = _code_field()

    class Meta:
        model = Assignment
        fields = [
            "code",
            "position",
            "person",
            "kind",
            "start_date",
            "end_date",
            "decree",
            "version",
        ]
        read_only_fields = fields


class AssignmentCreateSerializer(InputSerializer):
    position = CodeRelatedField(lookup=selectors.get_position_for_user)
    person = CodeRelatedField(lookup=selectors.get_person_for_user)
    kind = serializers.ChoiceField(choices=AssignmentKind.choices, required=False)
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True)
    decree = serializers.CharField(required=False, allow_blank=True)


class AssignmentEndSerializer(UpdateInputSerializer):
    """An assignment changes only by ending: PATCH its end date."""

    end_date = serializers.DateField()


@document_viewset(
    "assignments", AssignmentCreateSerializer, AssignmentEndSerializer, AssignmentSerializer
)
class AssignmentViewSet(ListMixin, RetrieveMixin, CreateMixin, PartialUpdateMixin, ScopedViewSet):
    """Who holds which position from when to when; ended by PATCHing `end_date`."""

    queryset = Assignment.objects.none()
    serializer_class = AssignmentSerializer
    create_serializer_class = AssignmentCreateSerializer
    update_serializer_class = AssignmentEndSerializer
    write_roles = PEMDA_MANAGERS

    def scoped_queryset(self) -> QuerySet[Assignment]:
        return selectors.assignment_list(user=self.request.user)

    def get_write_object(self, code: uuid.UUID) -> Assignment:
        return selectors.get_rw_assignment_for_user(self.request.user, code)

    def perform_create(self, data: dict[str, Any]) -> Assignment:
        self.require_write(data["position"].unit)
        return services.assignment_create(actor=self.request.user, **data)

    def perform_update(
        self, obj: Assignment, data: dict[str, Any], *, expected_version: int
    ) -> Assignment:
        return services.assignment_end(
            actor=self.request.user,
            assignment=obj,
            end_date=data["end_date"],
            expected_version=expected_version,
        )


# ---------------------------------------------------------------------------------------------
# Memberships


class MembershipSerializer(serializers.ModelSerializer):
    user = _code_field()
    username = serializers.CharField(source="user.username", read_only=True)
    unit = _code_field()

    class Meta:
        model = Membership
        fields = ["code", "user", "username", "unit", "role"]
        read_only_fields = fields


class MembershipCreateSerializer(InputSerializer):
    user = CodeRelatedField(lookup=selectors.get_user_for_user)
    unit = CodeRelatedField(lookup=selectors.get_unit_for_user)
    role = serializers.ChoiceField(choices=Role.choices)


@document_viewset(
    "memberships", MembershipCreateSerializer, None, MembershipSerializer, destroy=True
)
class MembershipViewSet(ListMixin, RetrieveMixin, CreateMixin, DestroyMixin, ScopedViewSet):
    """Roles of users on units. Granted by POST, revoked by DELETE; Pemda administrators only."""

    queryset = Membership.objects.none()
    serializer_class = MembershipSerializer
    create_serializer_class = MembershipCreateSerializer
    write_roles = PEMDA_MANAGERS

    def scoped_queryset(self) -> QuerySet[Membership]:
        return selectors.membership_list(user=self.request.user).order_by(
            "unit__tree_id", "unit__lft", "user__username", "role"
        )

    def get_write_object(self, code: uuid.UUID) -> Membership:
        return selectors.get_rw_membership_for_user(self.request.user, code)

    def perform_create(self, data: dict[str, Any]) -> Membership:
        self.require_write(data["unit"])
        return services.membership_grant(actor=self.request.user, **data)

    def perform_destroy(self, obj: Membership) -> None:
        services.membership_revoke(actor=self.request.user, membership=obj)


# ---------------------------------------------------------------------------------------------
# Users


class UserMembershipSerializer(serializers.ModelSerializer):
    unit = _code_field()
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Membership
        fields = ["code", "unit", "unit_name", "role"]
        read_only_fields = fields


class UserSerializer(serializers.ModelSerializer):
    person = _code_field()
    memberships = UserMembershipSerializer(many=True, read_only=True)

    class Meta:
        model = User
        fields = [
            "code",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_active",
            "person",
            "last_login",
            "memberships",
            "version",
        ]
        read_only_fields = fields


class UserCreateSerializer(InputSerializer):
    username = serializers.CharField()
    password = serializers.CharField(
        write_only=True,
        required=False,
        trim_whitespace=False,
        style={"input_type": "password"},
        help_text=_("Leave out for a user who cannot sign in with a password yet."),
    )
    first_name = serializers.CharField(required=False, allow_blank=True)
    last_name = serializers.CharField(required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    person = CodeRelatedField(lookup=selectors.get_person_for_user, required=False, allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        password = attrs.get("password")
        if password:
            # Django's password validators, against the new user's own attributes (similarity);
            # the instance is never saved here.
            candidate = User(
                username=attrs["username"],
                first_name=attrs.get("first_name", ""),
                last_name=attrs.get("last_name", ""),
                email=attrs.get("email", ""),
            )
            try:
                validate_password(password, candidate)
            except DjangoValidationError as exc:
                raise serializers.ValidationError(
                    {"password": validation_error_detail(exc)["non_field_errors"]}
                ) from exc
        return attrs


class UserUpdateSerializer(UpdateInputSerializer):
    first_name = serializers.CharField(required=False, allow_blank=True)
    last_name = serializers.CharField(required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False)
    person = CodeRelatedField(lookup=selectors.get_person_for_user, required=False, allow_null=True)


@document_viewset("users", UserCreateSerializer, UserUpdateSerializer, UserSerializer)
class UserViewSet(ListMixin, RetrieveMixin, CreateMixin, PartialUpdateMixin, ScopedViewSet):
    """Sign-ins of the Pemda. Pemda administrators only, for reading as well."""

    queryset = User.objects.none()
    serializer_class = UserSerializer
    create_serializer_class = UserCreateSerializer
    update_serializer_class = UserUpdateSerializer
    write_roles = PEMDA_MANAGERS

    def may_read(self, scope: Scope) -> bool:
        # The list is for admins; a single user is judged by get_user_for_user, so that a user of
        # another Pemda is a 404 (not there) rather than a 403.
        return bool(scope.grants) if self.detail else scope.pemda_wide(PEMDA_MANAGERS)

    def may_write(self, scope: Scope) -> bool:
        return scope.pemda_wide(PEMDA_MANAGERS)

    def scoped_queryset(self) -> QuerySet[User]:
        return selectors.user_list(user=self.request.user)

    def get_object(self) -> User:
        return self.reread(self.get_object_for_write())

    def get_write_object(self, code: uuid.UUID) -> User:
        return selectors.get_user_for_user(self.request.user, code)

    def perform_create(self, data: dict[str, Any]) -> User:
        # The new user joins the administrator's own Pemda (reached through the scoped helper).
        actor = self.request.user
        pemda = selectors.get_unit_for_user(actor, actor.pemda.code)
        return services.user_create(
            actor=actor, pemda=pemda, password=data.pop("password", None), **data
        )

    def perform_update(self, obj: User, data: dict[str, Any], *, expected_version: int) -> User:
        return services.user_update(
            actor=self.request.user, user=obj, data=data, expected_version=expected_version
        )


def register(router: BaseRouter) -> None:
    router.register("units", UnitViewSet, basename="unit")
    router.register("positions", PositionViewSet, basename="position")
    router.register("people", PersonViewSet, basename="person")
    router.register("assignments", AssignmentViewSet, basename="assignment")
    router.register("memberships", MembershipViewSet, basename="membership")
    router.register("users", UserViewSet, basename="user")
