"""Shared REST API machinery (Django REST framework): the exception handler, the scoped viewset
every app's api.py builds on, input-serializer helpers and the token endpoint.

The API keeps the rules of the pages:

* reads go through the app's selectors, so an object outside the caller's scope is a 404 (other
  OPD, other Pemda), and a code given in a payload that the caller cannot see is reported exactly
  like a code that does not exist;
* serializers only validate input; every write is one call of a service;
* a read-only role writing gets 403; anonymous callers get 403 as well (session authentication
  comes first in REST_FRAMEWORK, and it sends no WWW-Authenticate challenge, so DRF answers 403
  rather than 401; this holds for a missing and for a wrong token alike);
* a service's ValidationError becomes 400 with per-field messages, a stale version 409 with the
  values somebody else saved.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from apps.core.concurrency import StaleVersionError
from apps.organisations.access import Scope, get_scope, require_role

# ---------------------------------------------------------------------------------------------
# Errors


def validation_error_detail(exc: DjangoValidationError) -> dict[str, list[str]]:
    """A service's ValidationError as DRF shapes serializer errors: {"field": ["message"]}, with
    errors that belong to no field under "non_field_errors". Messages are rendered now, inside
    the request, so lazy ones come out in the request's language (LocaleMiddleware)."""
    non_field_key = api_settings.NON_FIELD_ERRORS_KEY
    if hasattr(exc, "error_dict"):
        detail: dict[str, list[str]] = {}
        for field, messages in exc.message_dict.items():
            key = non_field_key if field == NON_FIELD_ERRORS else field
            detail.setdefault(key, []).extend(str(m) for m in messages)
        return detail
    return {non_field_key: [str(m) for m in exc.messages]}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: DRF's handler plus our two domain exceptions."""
    if isinstance(exc, DjangoValidationError):
        set_rollback()
        return Response(validation_error_detail(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, StaleVersionError):
        set_rollback()
        view = context.get("view")
        serialize = getattr(view, "serialize_current", None)
        current = serialize(exc.current) if serialize is not None else None
        return Response({"detail": str(exc), "current": current}, status=status.HTTP_409_CONFLICT)
    # Http404 and PermissionDenied (raised by the scoped selectors) are mapped by DRF itself.
    return drf_exception_handler(exc, context)


# ---------------------------------------------------------------------------------------------
# Input serializers


class InputSerializer(serializers.Serializer):
    """Validates a request body; never saves. Keys it does not know are refused (400) instead of
    being silently dropped, so a client that tries to change a read-only field learns it did not
    happen."""

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        unknown: list[str] = []
        if isinstance(data, Mapping):
            unknown = sorted(str(k) for k in data if k not in self.fields)
        errors: dict[str, Any] = {}
        value: dict[str, Any] = {}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not isinstance(exc.detail, dict):
                raise
            errors.update(exc.detail)
        for name in unknown:
            errors[name] = [_("This field cannot be set here.")]
        if errors:
            raise serializers.ValidationError(errors)
        return value

    def create(self, validated_data: Any) -> Any:  # pragma: no cover - guard
        raise NotImplementedError("Input serializers validate only; services write.")

    def update(self, instance: Any, validated_data: Any) -> Any:  # pragma: no cover - guard
        raise NotImplementedError("Input serializers validate only; services write.")


class UpdateInputSerializer(InputSerializer):
    """A PATCH body: any subset of the fields plus the `version` the client read (optimistic
    concurrency: the service refuses the save with 409 if the row moved on)."""

    version = serializers.IntegerField(
        min_value=1, help_text=_("The version of the record as you read it.")
    )

    # A PATCH body is validated whole: its fields are optional by declaration and `version` is
    # always required. So the serializer is never "partial" (DRF's partial would drop the
    # requirement on `version`, and drf-spectacular would document it as optional).
    @property
    def partial(self) -> bool:
        return False

    @partial.setter
    def partial(self, value: bool) -> None:
        pass

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if set(attrs) == {"version"}:
            raise serializers.ValidationError(_("Nothing to change."))
        return attrs


@extend_schema_field(OpenApiTypes.UUID)
class CodeRelatedField(serializers.Field):
    """A related object given by its code (UUID), resolved through a scoped selector helper
    `lookup(user, code)`. A code the caller may not see gets the same "not found" message as a
    code that does not exist, so another OPD's or Pemda's objects are never revealed."""

    # DRF's own wording, so the messages come translated with DRF's catalogues.
    default_error_messages = {
        "invalid": _("Must be a valid UUID."),
        "not_found": _("Not found."),
    }

    def __init__(self, *, lookup: Callable[[Any, uuid.UUID], models.Model], **kwargs: Any):
        self.lookup = lookup
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> models.Model:
        try:
            code = uuid.UUID(str(data))
        except (TypeError, ValueError, AttributeError):
            self.fail("invalid")
        try:
            return self.lookup(self.context["request"].user, code)
        except Http404:
            self.fail("not_found")

    def to_representation(self, value: models.Model) -> str:
        return str(value.code)


# ---------------------------------------------------------------------------------------------
# Permissions and the scoped viewset


class ScopedPermission(BasePermission):
    """Coarse gate before any lookup: the caller is signed in and holds a grant that lets them
    read this resource at all; a create (no object yet) needs one of the view's write roles
    somewhere. Writes to an existing object are decided by the scoped selector helper instead,
    so that an object outside the scope is a 404 before it is ever a 403."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if user is None or not user.is_authenticated:
            return False
        scope = get_scope(user)
        if not view.may_read(scope):
            return False
        return request.method in SAFE_METHODS or view.detail or view.may_write(scope)


class ScopedViewSet(viewsets.GenericViewSet):
    """Base of every resource of the API.

    Subclasses name:

    * `serializer_class`: the output serializer (read-only fields);
    * `create_serializer_class` / `update_serializer_class`: input serializers;
    * `write_roles`: the roles that may write this resource (e.g. PEMDA_MANAGERS);
    * `scoped_queryset()`: the selector's scoped list (with what the output needs joined);
    * `get_write_object(code)`: the selector's `get_rw_<obj>_for_user` helper;
    * `perform_create(data)`, `perform_update(obj, data, expected_version)`,
      `perform_destroy(obj)`: one service call each.

    Actions are added with the mixins below; the router exposes only those present (no PUT:
    updates are partial and carry `version`).
    """

    lookup_field = "code"
    permission_classes = [ScopedPermission]
    write_roles: Iterable[str] = frozenset()
    create_serializer_class: type[serializers.Serializer] | None = None
    update_serializer_class: type[serializers.Serializer] | None = None

    # --- permission hooks (see ScopedPermission) ---

    def may_read(self, scope: Scope) -> bool:
        return bool(scope.grants)

    def may_write(self, scope: Scope) -> bool:
        return scope.has_role(*self.write_roles)

    def require_write(self, unit: models.Model | None) -> None:
        """403 unless the caller holds a write role on `unit` (the unit a new or moved object
        lands in). Call it before the service."""
        require_role(self.request.user, self.write_roles, unit)

    # --- lookups ---

    def scoped_queryset(self) -> models.QuerySet:
        raise NotImplementedError

    def get_queryset(self) -> models.QuerySet:
        return self.scoped_queryset()

    def get_object(self) -> models.Model:
        """The object named in the URL, read through the scoped list: 404 outside scope."""
        code = _parse_code(self.kwargs[self.lookup_field])
        queryset = self.get_queryset()
        try:
            obj = queryset.get(code=code)
        except queryset.model.DoesNotExist as exc:
            raise Http404 from exc
        self.check_object_permissions(self.request, obj)
        return obj

    def get_write_object(self, code: uuid.UUID) -> models.Model:
        raise NotImplementedError

    def get_object_for_write(self) -> models.Model:
        """The object named in the URL for a write: 404 outside scope, 403 without a write role
        on it (through the selector's rw helper)."""
        obj = self.get_write_object(_parse_code(self.kwargs[self.lookup_field]))
        self.check_object_permissions(self.request, obj)
        return obj

    def reread(self, obj: models.Model) -> models.Model:
        """`obj` as the scoped list shows it (related objects joined), for the response."""
        return self.get_queryset().filter(pk=obj.pk).first() or obj

    def serialize_current(self, obj: models.Model) -> dict[str, Any]:
        """Used by exception_handler for a 409: the row as somebody else saved it."""
        return self.get_serializer(self.reread(obj)).data

    # --- service hooks ---

    def perform_create(self, data: dict[str, Any]) -> models.Model:
        raise NotImplementedError

    def perform_update(
        self, obj: models.Model, data: dict[str, Any], *, expected_version: int
    ) -> models.Model:
        raise NotImplementedError

    def perform_destroy(self, obj: models.Model) -> None:
        raise NotImplementedError

    def get_input_serializer(
        self, serializer_class: type[serializers.Serializer] | None, data: Any
    ) -> serializers.Serializer:
        assert serializer_class is not None, f"{type(self).__name__} names no input serializer"
        return serializer_class(data=data, context=self.get_serializer_context())


def _parse_code(value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise Http404 from exc


class ListMixin:
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        if page is not None:
            return self.get_paginated_response(self.get_serializer(page, many=True).data)
        return Response(self.get_serializer(queryset, many=True).data)


class RetrieveMixin:
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.get_serializer(self.get_object()).data)


class CreateMixin:
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_input_serializer(self.create_serializer_class, request.data)
        serializer.is_valid(raise_exception=True)
        obj = self.perform_create(dict(serializer.validated_data))
        data = self.get_serializer(self.reread(obj)).data
        return Response(data, status=status.HTTP_201_CREATED)


class PartialUpdateMixin:
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object_for_write()
        serializer = self.get_input_serializer(self.update_serializer_class, request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        expected_version = data.pop("version")
        obj = self.perform_update(obj, data, expected_version=expected_version)
        return Response(self.get_serializer(self.reread(obj)).data)


class DestroyMixin:
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.perform_destroy(self.get_object_for_write())
        return Response(status=status.HTTP_204_NO_CONTENT)


def document_viewset(
    name: str, create: type | None, update: type | None, output: type, *, destroy: bool = False
) -> Any:
    """drf-spectacular annotations for a ScopedViewSet: input serializers for the writes, the
    output serializer for every answer, and the error shapes of exception_handler. `name` is
    the resource in plural ("units")."""
    errors = {
        400: OpenApiResponse(OpenApiTypes.OBJECT, description="Per-field messages."),
        403: OpenApiResponse(OpenApiTypes.OBJECT, description="Not allowed to write here."),
        404: OpenApiResponse(OpenApiTypes.OBJECT, description="Not found in your scope."),
    }
    conflict = OpenApiResponse(
        inline_serializer(
            f"{output.__name__.removesuffix('Serializer')}Conflict",
            {"detail": serializers.CharField(), "current": output()},
        ),
        description="Somebody else saved first; `current` holds their values.",
    )
    views: dict[str, Any] = {
        "list": extend_schema(summary=f"List {name} in your scope"),
        "retrieve": extend_schema(summary=f"One of the {name}"),
    }
    if create is not None:
        views["create"] = extend_schema(
            summary=f"Create one of the {name}", request=create, responses={201: output, **errors}
        )
    if update is not None:
        views["partial_update"] = extend_schema(
            summary=f"Change one of the {name}",
            request=update,
            responses={200: output, **errors, 409: conflict},
        )
    if destroy:
        views["destroy"] = extend_schema(
            summary=f"Remove one of the {name}", responses={204: None, 403: errors[403]}
        )
    return extend_schema_view(**views)


# ---------------------------------------------------------------------------------------------
# Token endpoint


class ObtainTokenView(ObtainAuthToken):
    """POST username and password, get the caller's API token (`Authorization: Token <key>`).

    DRF's own view passes its Request wrapper to authenticate(); django-axes then flags a lockout
    on the wrapper, where AxesMiddleware never sees it. Passing the underlying HttpRequest keeps
    the login throttling of the pages (AXES_FAILURE_LIMIT) for the API, and a locked-out caller
    gets 429 even with the right password."""

    class InputSerializer(serializers.Serializer):
        username = serializers.CharField(write_only=True)
        password = serializers.CharField(
            write_only=True, trim_whitespace=False, style={"input_type": "password"}
        )

    serializer_class = InputSerializer

    @extend_schema(
        request=InputSerializer,
        responses={
            200: inline_serializer("TokenResponse", {"token": serializers.CharField()}),
            400: OpenApiTypes.OBJECT,
            429: OpenApiTypes.OBJECT,
        },
        auth=[],
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        django_request = request._request
        user = authenticate(
            request=django_request,
            username=serializer.validated_data["username"],
            password=serializer.validated_data["password"],
        )
        if getattr(django_request, "axes_locked_out", False):
            # Answer in JSON here; left set, AxesMiddleware would swap in the HTML lockout page.
            django_request.axes_locked_out = False
            raise LockedOut
        if user is None:
            raise exceptions.ValidationError(
                {
                    api_settings.NON_FIELD_ERRORS_KEY: [
                        _("Unable to log in with provided credentials.")
                    ]
                }
            )
        # Obtaining a token is a sign-in: last_login is set and axes clears the failure count.
        user_logged_in.send(sender=type(user), request=django_request, user=user)
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class LockedOut(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = _("Too many failed sign-in attempts. Try again later.")
    default_code = "locked_out"


obtain_token = ObtainTokenView.as_view()


# ---------------------------------------------------------------------------------------------
# Documentation page


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI under the strict Content Security Policy: the split view loads its start-up
    script from this same URL (no inline <script>), our template drops the inline <style>, and
    the UI itself comes from drf-spectacular-sidecar's static files (no CDN)."""

    template_name = "api/swagger_ui.html"
