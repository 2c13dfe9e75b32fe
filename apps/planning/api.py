"""REST API of the planning documents: the Kemendagri nomenclature (read-only reference data),
the RPJMD, each OPD's Renstra with its review workflow, and the yearly Renja with its lines
(pagu) and targets.

Reads go through apps.planning.selectors (scoped: another OPD's or Pemda's document is a 404),
writes through apps.performance.services (one call per request; they lock the anchor of the
tree). The workflow steps are POST actions; a step the document's state does not allow is a 409.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from apps.core.api import (
    CodeRelatedField,
    CreateMixin,
    InputSerializer,
    ListMixin,
    PartialUpdateMixin,
    RetrieveMixin,
    ScopedViewSet,
    UpdateInputSerializer,
    document_viewset,
)
from apps.core.workflow import WorkflowError
from apps.organisations import selectors as org_selectors
from apps.organisations.access import OPD_WRITERS, PLANNERS, Scope
from apps.performance import selectors as perf_selectors
from apps.performance import services
from apps.performance.models import RenjaLine, RenjaTarget
from apps.planning import selectors
from apps.planning.models import (
    DocumentStatus,
    NomenclatureDecree,
    NomenclatureItem,
    NomenclatureLevel,
    Renja,
    Renstra,
    Rpjmd,
)

# ---------------------------------------------------------------------------------------------
# Helpers shared with apps.performance.api


class Conflict(exceptions.APIException):
    """A workflow step the object's current state does not allow (e.g. approving a draft)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = _("This action is not possible in the current state.")
    default_code = "conflict"


def workflow_step(call: Callable[[], Any]) -> Any:
    """Run a workflow service; its WorkflowError (wrong state) becomes a 409."""
    try:
        return call()
    except WorkflowError as exc:
        raise Conflict(str(exc)) from exc


def query_object(request: Request, name: str, lookup: Callable[[Any, Any], Any]) -> Any:
    """The object named by the query parameter `name` (a code), through a scoped selector
    helper: None when the parameter is absent, 404 when it names nothing the caller may see."""
    raw = request.query_params.get(name)
    if not raw:
        return None
    try:
        code = uuid.UUID(raw)
    except ValueError as exc:
        raise Http404 from exc
    return lookup(request.user, code)


def required_query_object(request: Request, name: str, lookup: Callable[[Any, Any], Any]) -> Any:
    obj = query_object(request, name, lookup)
    if obj is None:
        raise serializers.ValidationError({name: [_("This query parameter is required.")]})
    return obj


def code_param(name: str, description: str, *, required: bool = False) -> OpenApiParameter:
    return OpenApiParameter(
        name, OpenApiTypes.UUID, OpenApiParameter.QUERY, required=required, description=description
    )


ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="Per-field messages."),
    403: OpenApiResponse(OpenApiTypes.OBJECT, description="Not allowed to do this here."),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description="Not found in your scope."),
}
CONFLICT = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="Not possible in the current state, or somebody else saved first.",
)


def _code_field(**kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="code", read_only=True, **kwargs)


class SignedInViewSet(ScopedViewSet):
    """Reference data readable by everybody signed in."""

    def may_read(self, scope: Scope) -> bool:
        return True

    def may_write(self, scope: Scope) -> bool:
        return False


# ---------------------------------------------------------------------------------------------
# Nomenclature


class DecreeSerializer(serializers.ModelSerializer):
    class Meta:
        model = NomenclatureDecree
        fields = ["code", "name", "issued_on", "imported_at", "is_current"]
        read_only_fields = fields


@document_viewset("nomenclature decrees", None, None, DecreeSerializer)
class DecreeViewSet(ListMixin, RetrieveMixin, SignedInViewSet):
    """Published versions of the Kemendagri nomenclature, newest first."""

    queryset = NomenclatureDecree.objects.none()
    serializer_class = DecreeSerializer

    def scoped_queryset(self) -> QuerySet[NomenclatureDecree]:
        return selectors.decree_list()


class NomenclatureItemSerializer(serializers.ModelSerializer):
    decree = _code_field()
    parent = serializers.CharField(source="parent.code", read_only=True, allow_null=True)
    # Plain text in the schema: "level" enums of several models would collide by name.
    level = serializers.CharField(
        read_only=True, help_text="urusan, bidang, program, kegiatan or subkegiatan"
    )

    class Meta:
        model = NomenclatureItem
        fields = ["code", "name", "level", "parent", "decree"]
        read_only_fields = fields


_NOMENCLATURE_PARAMS = [
    OpenApiParameter("level", OpenApiTypes.STR, enum=NomenclatureLevel.values),
    OpenApiParameter("prefix", OpenApiTypes.STR, description="Codes under this code."),
    OpenApiParameter("search", OpenApiTypes.STR, description="Code start or words of the name."),
    code_param("decree", "A decree (the current one when left out)."),
]


@extend_schema(parameters=_NOMENCLATURE_PARAMS)
class NomenclatureItemViewSet(ListMixin, RetrieveMixin, SignedInViewSet):
    """Urusan, bidang, program, kegiatan and sub kegiatan of a decree; one item is addressed by
    its nomenclature code (e.g. 1.02.02.2.01) in the current decree."""

    queryset = NomenclatureItem.objects.none()
    serializer_class = NomenclatureItemSerializer
    lookup_value_regex = r"[0-9A-Za-z.]+"

    def _decree(self) -> NomenclatureDecree | None:
        raw = self.request.query_params.get("decree")
        if not raw:
            return None
        try:
            return selectors.decree_list().get(code=uuid.UUID(raw))
        except (ValueError, NomenclatureDecree.DoesNotExist) as exc:
            raise Http404 from exc

    def scoped_queryset(self) -> QuerySet[NomenclatureItem]:
        params = self.request.query_params
        level = params.get("level") or None
        if level and level not in NomenclatureLevel.values:
            raise serializers.ValidationError({"level": [_("Choose a nomenclature level.")]})
        qs = selectors.nomenclature_list(
            level=level, search=params.get("search", ""), decree=self._decree()
        )
        prefix = (params.get("prefix") or "").strip()
        if prefix:
            qs = qs.under(prefix)
        return qs.select_related("decree")

    @extend_schema(summary="List nomenclature items")
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="One nomenclature item by its code",
        parameters=[OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH)],
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)

    def get_object(self) -> NomenclatureItem:
        try:
            return self.get_queryset().get(code=self.kwargs["code"])
        except NomenclatureItem.DoesNotExist as exc:
            raise Http404 from exc


# ---------------------------------------------------------------------------------------------
# RPJMD


class RpjmdSerializer(serializers.ModelSerializer):
    period = _code_field()
    start_year = serializers.IntegerField(source="period.start_year", read_only=True)
    end_year = serializers.IntegerField(source="period.end_year", read_only=True)

    class Meta:
        model = Rpjmd
        fields = [
            "code",
            "period",
            "start_year",
            "end_year",
            "visi",
            "regulation",
            "status",
            "version",
        ]
        read_only_fields = fields


class RpjmdCreateSerializer(InputSerializer):
    period = CodeRelatedField(lookup=org_selectors.get_period_for_user)
    visi = serializers.CharField()
    regulation = serializers.CharField(required=False, allow_blank=True)


class RpjmdUpdateSerializer(UpdateInputSerializer):
    visi = serializers.CharField(required=False)
    regulation = serializers.CharField(required=False, allow_blank=True)


@document_viewset("RPJMD", RpjmdCreateSerializer, RpjmdUpdateSerializer, RpjmdSerializer)
class RpjmdViewSet(ListMixin, RetrieveMixin, CreateMixin, PartialUpdateMixin, ScopedViewSet):
    """The Pemda's RPJMD per plan period: every member reads it, Bappeda writes it."""

    queryset = Rpjmd.objects.none()
    serializer_class = RpjmdSerializer
    create_serializer_class = RpjmdCreateSerializer
    update_serializer_class = RpjmdUpdateSerializer
    write_roles = PLANNERS

    def may_write(self, scope: Scope) -> bool:
        return scope.pemda_wide(PLANNERS)

    def scoped_queryset(self) -> QuerySet[Rpjmd]:
        return selectors.rpjmd_list(user=self.request.user)

    def get_write_object(self, code: uuid.UUID) -> Rpjmd:
        return selectors.get_rw_rpjmd_for_user(self.request.user, code)

    def perform_create(self, data: dict[str, Any]) -> Rpjmd:
        return services.rpjmd_create(actor=self.request.user, **data)

    def perform_update(self, obj: Rpjmd, data: dict[str, Any], *, expected_version: int) -> Rpjmd:
        return services.rpjmd_update(
            actor=self.request.user, rpjmd=obj, data=data, expected_version=expected_version
        )


# ---------------------------------------------------------------------------------------------
# Renstra


class RenstraSerializer(serializers.ModelSerializer):
    period = _code_field()
    start_year = serializers.IntegerField(source="period.start_year", read_only=True)
    end_year = serializers.IntegerField(source="period.end_year", read_only=True)
    opd = _code_field()
    opd_name = serializers.CharField(source="opd.name", read_only=True)
    is_locked = serializers.BooleanField(read_only=True)

    class Meta:
        model = Renstra
        fields = [
            "code",
            "period",
            "start_year",
            "end_year",
            "opd",
            "opd_name",
            "status",
            "is_locked",
            "revision",
            "approved_at",
            "version",
        ]
        read_only_fields = fields


class RenstraCreateSerializer(InputSerializer):
    period = CodeRelatedField(lookup=org_selectors.get_period_for_user)
    opd = CodeRelatedField(lookup=org_selectors.get_unit_for_user)


class StepSerializer(InputSerializer):
    """A workflow step; `version` (optional) refuses the step if the Renstra moved on."""

    version = serializers.IntegerField(min_value=1, required=False)
    note = serializers.CharField(required=False, allow_blank=True)


class NoteStepSerializer(StepSerializer):
    note = serializers.CharField(help_text=_("Required: what to fix."))


class ReasonStepSerializer(InputSerializer):
    version = serializers.IntegerField(min_value=1, required=False)
    reason = serializers.CharField(help_text=_("Required: why the approved Renstra changes."))


def _step_schema(summary: str, request: type) -> Any:
    return extend_schema(
        summary=summary,
        request=request,
        responses={200: RenstraSerializer, **ERRORS, 409: CONFLICT},
    )


@extend_schema(
    parameters=[
        code_param("period", "Only this plan period."),
        OpenApiParameter("status", OpenApiTypes.STR, enum=DocumentStatus.values),
    ]
)
@document_viewset("Renstra", RenstraCreateSerializer, None, RenstraSerializer)
class RenstraViewSet(ListMixin, RetrieveMixin, CreateMixin, ScopedViewSet):
    """Each OPD's Renstra: created by the OPD's operators, reviewed by Bappeda through the
    submit / return / approve / revise steps."""

    queryset = Renstra.objects.none()
    serializer_class = RenstraSerializer
    create_serializer_class = RenstraCreateSerializer
    write_roles = OPD_WRITERS

    def scoped_queryset(self) -> QuerySet[Renstra]:
        period = None
        if self.action == "list":
            period = query_object(self.request, "period", org_selectors.get_period_for_user)
        qs = selectors.renstra_list(user=self.request.user, period=period)
        wanted = self.request.query_params.get("status") if self.action == "list" else None
        if wanted:
            qs = qs.with_status(wanted)
        return qs

    def perform_create(self, data: dict[str, Any]) -> Renstra:
        self.require_write(data["opd"])
        return services.renstra_create(actor=self.request.user, **data)

    def _step(self, lookup: Callable, service: Callable, serializer_class: type) -> Response:
        renstra = lookup(self.request.user, _code(self.kwargs["code"]))
        serializer = self.get_input_serializer(serializer_class, self.request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        kwargs = {k: v for k, v in data.items() if k != "version"}
        workflow_step(
            lambda: service(
                actor=self.request.user,
                renstra=renstra,
                expected_version=data.get("version"),
                **kwargs,
            )
        )
        return Response(self.get_serializer(self.reread(renstra)).data)

    @_step_schema("Submit the Renstra to Bappeda", StepSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, code: str) -> Response:
        return self._step(
            selectors.get_rw_renstra_for_user, services.renstra_submit, StepSerializer
        )

    @_step_schema("Return the Renstra to the OPD with a note", NoteStepSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request: Request, code: str) -> Response:
        return self._step(
            selectors.get_review_renstra_for_user, services.renstra_return, NoteStepSerializer
        )

    @_step_schema("Approve the Renstra", StepSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, code: str) -> Response:
        return self._step(
            selectors.get_review_renstra_for_user, services.renstra_approve, StepSerializer
        )

    @_step_schema("Start a revision of the approved Renstra", ReasonStepSerializer)
    @action(detail=True, methods=["post"])
    def revise(self, request: Request, code: str) -> Response:
        return self._step(
            selectors.get_rw_renstra_for_user, services.renstra_revise, ReasonStepSerializer
        )


def _code(value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise Http404 from exc


# ---------------------------------------------------------------------------------------------
# Renja


class RenjaSerializer(serializers.ModelSerializer):
    renstra = _code_field()
    opd = serializers.UUIDField(source="renstra.opd.code", read_only=True)
    opd_name = serializers.CharField(source="renstra.opd.name", read_only=True)

    class Meta:
        model = Renja
        fields = [
            "code",
            "renstra",
            "opd",
            "opd_name",
            "year",
            "revision",
            "is_current",
            "note",
            "dpa_number",
            "version",
        ]
        read_only_fields = fields


class RenjaCreateSerializer(InputSerializer):
    renstra = CodeRelatedField(lookup=selectors.get_renstra_for_user)
    year = serializers.IntegerField()
    dpa_number = serializers.CharField(required=False, allow_blank=True)


class RenjaUpdateSerializer(UpdateInputSerializer):
    dpa_number = serializers.CharField(allow_blank=True)


class RenjaReviseSerializer(InputSerializer):
    note = serializers.CharField(help_text=_("The reason for the revision (e.g. APBD-P)."))
    dpa_number = serializers.CharField(required=False, allow_blank=True)


@extend_schema(
    parameters=[
        code_param("renstra", "Only the Renja of this Renstra."),
        OpenApiParameter("year", OpenApiTypes.INT),
        OpenApiParameter("current", OpenApiTypes.BOOL, description="Only current versions."),
    ]
)
@document_viewset("Renja", RenjaCreateSerializer, RenjaUpdateSerializer, RenjaSerializer)
class RenjaViewSet(ListMixin, RetrieveMixin, CreateMixin, PartialUpdateMixin, ScopedViewSet):
    """Each OPD's plan for one year, built from its Renstra; a budget revision (APBD-P) is a
    new version made by the `revise` action."""

    queryset = Renja.objects.none()
    serializer_class = RenjaSerializer
    create_serializer_class = RenjaCreateSerializer
    update_serializer_class = RenjaUpdateSerializer
    write_roles = OPD_WRITERS

    def scoped_queryset(self) -> QuerySet[Renja]:
        if self.action != "list":
            return selectors.renja_list(user=self.request.user)
        params = self.request.query_params
        year = params.get("year")
        if year is not None and not year.isdigit():
            raise serializers.ValidationError({"year": [_("Enter a year.")]})
        return selectors.renja_list(
            user=self.request.user,
            renstra=query_object(self.request, "renstra", selectors.get_renstra_for_user),
            year=int(year) if year else None,
            current_only=params.get("current", "").lower() in {"1", "true", "yes"},
        )

    def get_write_object(self, code: uuid.UUID) -> Renja:
        return selectors.get_rw_renja_for_user(self.request.user, code)

    def perform_create(self, data: dict[str, Any]) -> Renja:
        self.require_write(data["renstra"].opd)
        return services.renja_create(actor=self.request.user, **data)

    def perform_update(self, obj: Renja, data: dict[str, Any], *, expected_version: int) -> Renja:
        return services.renja_update(
            actor=self.request.user, renja=obj, data=data, expected_version=expected_version
        )

    @extend_schema(
        summary="Revise the Renja (APBD-P): a new current version",
        request=RenjaReviseSerializer,
        responses={201: RenjaSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def revise(self, request: Request, code: str) -> Response:
        renja = self.get_object_for_write()
        serializer = self.get_input_serializer(RenjaReviseSerializer, request.data)
        serializer.is_valid(raise_exception=True)
        new = services.renja_revise(actor=request.user, renja=renja, **serializer.validated_data)
        return Response(self.get_serializer(self.reread(new)).data, status=status.HTTP_201_CREATED)


class RenjaLineSerializer(serializers.ModelSerializer):
    renja = _code_field()
    node = _code_field()
    node_level = serializers.CharField(source="node.node_level", read_only=True)
    statement = serializers.CharField(source="node.statement", read_only=True)
    nomenclature = serializers.CharField(
        source="node.nomenclature.code", read_only=True, allow_null=True
    )

    class Meta:
        model = RenjaLine
        fields = [
            "code",
            "renja",
            "node",
            "node_level",
            "statement",
            "nomenclature",
            "pagu",
            "version",
        ]
        read_only_fields = fields


class PaguUpdateSerializer(UpdateInputSerializer):
    pagu = serializers.CharField(
        allow_blank=True, allow_null=True, help_text=_("Rupiah; empty clears it.")
    )


@extend_schema(parameters=[code_param("renja", "The Renja whose lines to list.", required=True)])
@document_viewset("Renja lines", None, PaguUpdateSerializer, RenjaLineSerializer)
class RenjaLineViewSet(ListMixin, RetrieveMixin, PartialUpdateMixin, ScopedViewSet):
    """The statements active in a Renja with their pagu (DPA); PATCH a line's pagu."""

    queryset = RenjaLine.objects.none()
    serializer_class = RenjaLineSerializer
    update_serializer_class = PaguUpdateSerializer
    write_roles = OPD_WRITERS

    def scoped_queryset(self) -> QuerySet[RenjaLine]:
        renja = required_query_object(self.request, "renja", selectors.get_renja_for_user)
        return perf_selectors.renja_lines(user=self.request.user, renja=renja).select_related(
            "renja"
        )

    def get_object(self) -> RenjaLine:
        return perf_selectors.get_renja_line_for_user(self.request.user, _code(self.kwargs["code"]))

    def reread(self, obj: RenjaLine) -> RenjaLine:
        return perf_selectors.get_renja_line_for_user(self.request.user, obj.code)

    def get_write_object(self, code: uuid.UUID) -> RenjaLine:
        return perf_selectors.get_rw_renja_line_for_user(self.request.user, code)

    def perform_update(
        self, obj: RenjaLine, data: dict[str, Any], *, expected_version: int
    ) -> RenjaLine:
        return services.renja_set_pagu(
            actor=self.request.user, line=obj, pagu=data["pagu"], expected_version=expected_version
        )


class RenjaTargetSerializer(serializers.ModelSerializer):
    renja = _code_field()
    indicator = _code_field()
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)
    node = serializers.UUIDField(source="indicator.node.code", read_only=True)

    class Meta:
        model = RenjaTarget
        fields = [
            "code",
            "renja",
            "indicator",
            "indicator_name",
            "node",
            "value",
            "value_max",
            "text_value",
            "version",
        ]
        read_only_fields = fields


class RenjaTargetUpdateSerializer(UpdateInputSerializer):
    value = serializers.CharField(
        allow_blank=True,
        allow_null=True,
        help_text=_("The year's target (a level label for a scale indicator); empty clears it."),
    )
    value_max = serializers.CharField(required=False, allow_blank=True, allow_null=True)


@extend_schema(parameters=[code_param("renja", "The Renja whose targets to list.", required=True)])
@document_viewset("Renja targets", None, RenjaTargetUpdateSerializer, RenjaTargetSerializer)
class RenjaTargetViewSet(ListMixin, RetrieveMixin, PartialUpdateMixin, ScopedViewSet):
    """The year's target of each indicator in a Renja (copied from the Renstra); PATCH adjusts
    one."""

    queryset = RenjaTarget.objects.none()
    serializer_class = RenjaTargetSerializer
    update_serializer_class = RenjaTargetUpdateSerializer
    write_roles = OPD_WRITERS

    def scoped_queryset(self) -> QuerySet[RenjaTarget]:
        renja = required_query_object(self.request, "renja", selectors.get_renja_for_user)
        return perf_selectors.renja_targets(user=self.request.user, renja=renja).select_related(
            "renja"
        )

    def get_object(self) -> RenjaTarget:
        return self.reread(
            perf_selectors.get_renja_target_for_user(self.request.user, _code(self.kwargs["code"]))
        )

    def reread(self, obj: RenjaTarget) -> RenjaTarget:
        target = perf_selectors.get_renja_target_for_user(self.request.user, obj.code)
        # The output names the indicator's statement; the helper joins the renja and the scale.
        return (
            perf_selectors.renja_targets(user=self.request.user, renja=target.renja)
            .select_related("renja")
            .get(pk=target.pk)
        )

    def get_write_object(self, code: uuid.UUID) -> RenjaTarget:
        return perf_selectors.get_rw_renja_target_for_user(self.request.user, code)

    def perform_update(
        self, obj: RenjaTarget, data: dict[str, Any], *, expected_version: int
    ) -> RenjaTarget:
        return services.renja_set_target(
            actor=self.request.user,
            renja_target=obj,
            value=data["value"],
            value_max=data.get("value_max"),
            expected_version=expected_version,
        )


def register(router: BaseRouter) -> None:
    router.register("nomenclature-decrees", DecreeViewSet, basename="nomenclature-decree")
    router.register("nomenclature", NomenclatureItemViewSet, basename="nomenclature-item")
    router.register("rpjmd", RpjmdViewSet, basename="rpjmd")
    router.register("renstra", RenstraViewSet, basename="renstra")
    router.register("renja", RenjaViewSet, basename="renja")
    router.register("renja-lines", RenjaLineViewSet, basename="renja-line")
    router.register("renja-targets", RenjaTargetViewSet, basename="renja-target")
