"""REST API of the measurement app: realisations (read, create-or-update, the verification
workflow, a quarter's grid at once), their evidence files, budget realisation per sub kegiatan,
and the measured indicators of an OPD with their capaian.

Lookups go through apps.measurement.selectors (and the performance selectors for an indicator or
a sub kegiatan named in a payload); every write is one service call. Errors follow
apps.core.api: a service's ValidationError is 400, a stale `version` 409 with the row as saved,
a role that may not act 403, an object outside the caller's scope 404. A grid refused as a whole
(BulkError) is 400 with the errors of every bad row.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from apps.core.api import (
    CodeRelatedField,
    InputSerializer,
    ListMixin,
    RetrieveMixin,
    ScopedViewSet,
)
from apps.core.workflow import WorkflowError
from apps.measurement import selectors, services
from apps.measurement.models import (
    QUARTERS,
    BudgetRealisation,
    Evidence,
    Realisation,
    RealisationStatus,
)
from apps.organisations.access import OPD_WRITERS, PLANNERS, get_scope
from apps.performance import selectors as performance_selectors

WRITE_ROLES = OPD_WRITERS | PLANNERS


def _opd_lookup(user, code):
    return selectors.get_opd_for_user(user, code)


def _indicator_lookup(user, code):
    return performance_selectors.get_indicator_for_user(user, code)


def _node_lookup(user, code):
    return performance_selectors.get_node_for_user(user, code)


def _realisation_lookup(user, code):
    return selectors.get_realisation_for_user(user, code)


def _bad_request(exc: Exception) -> DjangoValidationError:
    """A workflow refusal (wrong state, missing note) reported like a validation error."""
    return DjangoValidationError(str(exc))


# ---------------------------------------------------------------------------------------------
# Output serializers


def evidence_download_url(evidence: Evidence) -> str | None:
    """The page that serves the file (owned by the entry pages), when that URL exists."""
    try:
        return reverse("measurement:evidence_download", args=[evidence.code])
    except NoReverseMatch:
        return None


class EvidenceSerializer(serializers.ModelSerializer):
    realisation = serializers.UUIDField(source="realisation.code", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "code",
            "realisation",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "created_at",
            "download_url",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_download_url(self, obj: Evidence) -> str | None:
        return evidence_download_url(obj)


class RealisationSerializer(serializers.ModelSerializer):
    indicator = serializers.UUIDField(source="indicator.code", read_only=True)
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)
    unit = serializers.CharField(source="indicator.unit", read_only=True)
    opd = serializers.UUIDField(source="opd.code", read_only=True, allow_null=True)
    opd_name = serializers.CharField(source="opd.name", read_only=True, allow_null=True)

    class Meta:
        model = Realisation
        fields = [
            "code",
            "version",
            "indicator",
            "indicator_name",
            "unit",
            "opd",
            "opd_name",
            "year",
            "quarter",
            "value",
            "text_value",
            "obstacle",
            "solution",
            "status",
            "return_note",
            "submitted_at",
            "verified_at",
        ]


class RealisationDetailSerializer(RealisationSerializer):
    """One realisation with its evidence and the capaian of its quarter (against the quarter's
    Rencana Aksi target, else the annual target)."""

    evidence = serializers.SerializerMethodField()
    capaian = serializers.SerializerMethodField()

    class Meta(RealisationSerializer.Meta):
        fields = [*RealisationSerializer.Meta.fields, "evidence", "capaian"]

    @extend_schema_field(EvidenceSerializer(many=True))
    def get_evidence(self, obj: Realisation) -> list[dict]:
        rows = [e for e in obj.evidence.all() if e.deleted_at is None]
        return EvidenceSerializer(rows, many=True).data

    @extend_schema_field(serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True))
    def get_capaian(self, obj: Realisation) -> str | None:
        at_root = obj.indicator.node.opd_id is None
        found = selectors.measures(
            pemda_id=obj.pemda_id,
            year=obj.year,
            opd_ids=[] if at_root else [obj.indicator.node.opd_id],
            pemda_level=at_root,
            indicator_ids=[obj.indicator_id],
        )
        if not found:
            return None
        value = found[0].capaian_of_quarter(obj.quarter, selectors.rules_for(obj.pemda_id))
        return None if value is None else f"{value:.2f}"


class BudgetRealisationSerializer(serializers.ModelSerializer):
    node = serializers.UUIDField(source="node.code", read_only=True)
    node_name = serializers.CharField(source="node.statement", read_only=True)
    opd = serializers.UUIDField(source="opd.code", read_only=True, allow_null=True)

    class Meta:
        model = BudgetRealisation
        fields = ["code", "version", "node", "node_name", "opd", "year", "quarter", "amount"]


class MeasureRealisationSerializer(serializers.Serializer):
    quarter = serializers.IntegerField()
    code = serializers.UUIDField()
    value = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    text_value = serializers.CharField()
    status = serializers.CharField()
    version = serializers.IntegerField()
    capaian = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)


class QuarterTargetSerializer(serializers.Serializer):
    quarter = serializers.IntegerField()
    target = serializers.CharField()


class ResultSerializer(serializers.Serializer):
    up_to_quarter = serializers.IntegerField()
    realisation = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    realisation_text = serializers.CharField()
    target = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    capaian = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    predicate = serializers.CharField(allow_null=True)
    colour = serializers.CharField()


class MeasureSerializer(serializers.Serializer):
    """A measured indicator (selectors.Measure) with its result up to the asked quarter."""

    indicator = serializers.UUIDField(source="indicator.code")
    indicator_name = serializers.CharField(source="indicator.name")
    unit = serializers.CharField(source="indicator.unit")
    polarity = serializers.CharField(source="indicator.polarity")
    aggregation = serializers.CharField(source="indicator.aggregation")
    node = serializers.UUIDField(source="node.code")
    statement = serializers.CharField(source="node.statement")
    opd = serializers.SerializerMethodField()
    source = serializers.CharField()
    quarterly = serializers.BooleanField()
    target = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    target_max = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    target_text = serializers.CharField()
    quarter_targets = serializers.SerializerMethodField()
    realisations = serializers.SerializerMethodField()
    result = serializers.SerializerMethodField()

    @extend_schema_field(serializers.UUIDField(allow_null=True))
    def get_opd(self, m: selectors.Measure) -> str | None:
        code = self.context.get("opd_codes", {}).get(m.opd_id)
        return str(code) if code else None

    @extend_schema_field(QuarterTargetSerializer(many=True))
    def get_quarter_targets(self, m: selectors.Measure) -> list[dict]:
        return [{"quarter": q, "target": str(v)} for q, v in sorted(m.quarter_targets.items())]

    @extend_schema_field(MeasureRealisationSerializer(many=True))
    def get_realisations(self, m: selectors.Measure) -> list[dict]:
        rules = self.context["rules"]
        up_to = self.context["up_to_quarter"]
        rows = []
        for q, row in sorted(m.realisations.items()):
            if q > up_to:
                continue
            value = m.capaian_of_quarter(q, rules)
            rows.append(
                {
                    "quarter": q,
                    "code": row.code,
                    "value": row.value,
                    "text_value": row.text_value,
                    "status": row.status,
                    "version": row.version,
                    "capaian": value,
                }
            )
        return MeasureRealisationSerializer(rows, many=True).data

    @extend_schema_field(ResultSerializer)
    def get_result(self, m: selectors.Measure) -> dict:
        up_to = self.context["up_to_quarter"]
        result = m.result(up_to, self.context["rules"])
        band = result.predicate
        return ResultSerializer(
            {
                "up_to_quarter": up_to,
                "realisation": result.realisation,
                "realisation_text": result.realisation_text,
                "target": result.target,
                "capaian": result.capaian,
                "predicate": str(band[1]) if band else None,
                "colour": result.colour,
            }
        ).data


# ---------------------------------------------------------------------------------------------
# Input serializers


class RealisationFilterSerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    quarter = serializers.ChoiceField(choices=QUARTERS, required=False)
    opd = serializers.UUIDField(required=False, help_text=_("The OPD's code."))
    status = serializers.ChoiceField(choices=RealisationStatus.choices, required=False)
    indicator = serializers.UUIDField(required=False, help_text=_("The indicator's code."))


class BudgetFilterSerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    quarter = serializers.ChoiceField(choices=QUARTERS, required=False)
    opd = serializers.UUIDField(required=False, help_text=_("The OPD's code."))
    node = serializers.UUIDField(required=False, help_text=_("The sub kegiatan's code."))


class MeasureFilterSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    opd = serializers.UUIDField(
        required=False, help_text=_("The OPD's code; empty: every OPD you may read.")
    )
    up_to_quarter = serializers.ChoiceField(choices=QUARTERS, required=False, default=4)


class RealisationInputSerializer(InputSerializer):
    """Create or change the realisation of an indicator in a quarter. `value` is a number for a
    numeric indicator (75 or "75,5") or one of the scale's levels for a scale indicator."""

    indicator = CodeRelatedField(lookup=_indicator_lookup)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    quarter = serializers.IntegerField()
    value = serializers.CharField(allow_blank=True, allow_null=True, required=False)
    obstacle = serializers.CharField(allow_blank=True, required=False, default="")
    solution = serializers.CharField(allow_blank=True, required=False, default="")
    version = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        help_text=_("The version you read; leave empty for a new realisation."),
    )


class TransitionInputSerializer(InputSerializer):
    version = serializers.IntegerField(min_value=1)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class BulkRowSerializer(serializers.Serializer):
    indicator = serializers.CharField(help_text=_("The indicator's code."))
    value = serializers.CharField(allow_blank=True, allow_null=True, required=False)
    obstacle = serializers.CharField(allow_blank=True, required=False, default="")
    solution = serializers.CharField(allow_blank=True, required=False, default="")
    version = serializers.IntegerField(required=False, allow_null=True, min_value=0)


class BulkInputSerializer(InputSerializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    quarter = serializers.IntegerField()
    opd = CodeRelatedField(
        lookup=_opd_lookup, required=False, help_text=_("The OPD whose grid this is.")
    )
    rows = BulkRowSerializer(many=True, allow_empty=False)


class EvidenceInputSerializer(InputSerializer):
    file = serializers.FileField()


class BudgetInputSerializer(InputSerializer):
    node = CodeRelatedField(lookup=_node_lookup, help_text=_("The sub kegiatan's code."))
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    quarter = serializers.IntegerField()
    amount = serializers.CharField(help_text=_("Rupiah, e.g. 1500000 or 1.500.000"))
    version = serializers.IntegerField(required=False, allow_null=True, min_value=0)


def _filters(serializer_class, request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="Per-field messages."),
    403: OpenApiResponse(OpenApiTypes.OBJECT, description="Your role may not do this."),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description="Not found in your scope."),
}
CONFLICT = OpenApiResponse(
    inline_serializer(
        "RealisationConflict",
        {"detail": serializers.CharField(), "current": RealisationSerializer()},
    ),
    description="Somebody else saved first; `current` holds their values.",
)
BULK_ERRORS = OpenApiResponse(
    inline_serializer(
        "BulkErrors",
        {
            "detail": serializers.CharField(),
            "errors": inline_serializer(
                "BulkRowError",
                {
                    "row": serializers.IntegerField(),
                    "field": serializers.CharField(),
                    "message": serializers.CharField(),
                },
                many=True,
            ),
        },
    ),
    description="Nothing was saved; every bad row with its message.",
)


# ---------------------------------------------------------------------------------------------
# Viewsets


@extend_schema_view(
    list=extend_schema(
        summary="List realisations in your scope", parameters=[RealisationFilterSerializer]
    ),
    retrieve=extend_schema(
        summary="One realisation with its evidence and the capaian of its quarter",
        responses={200: RealisationDetailSerializer},
    ),
    create=extend_schema(
        summary="Enter or change the realisation of an indicator in a quarter",
        request=RealisationInputSerializer,
        responses={200: RealisationSerializer, 201: RealisationSerializer, **ERRORS, 409: CONFLICT},
    ),
)
class RealisationViewSet(ListMixin, RetrieveMixin, ScopedViewSet):
    queryset = Realisation.objects.none()
    serializer_class = RealisationSerializer
    write_roles = WRITE_ROLES

    def get_serializer_class(self):
        if self.action == "retrieve":
            return RealisationDetailSerializer
        return RealisationSerializer

    def scoped_queryset(self) -> QuerySet[Realisation]:
        qs = selectors.realisation_list(user=self.request.user)
        if self.action == "retrieve":
            qs = qs.prefetch_related("evidence")
        if self.action != "list":
            return qs
        f = _filters(RealisationFilterSerializer, self.request)
        if "year" in f:
            qs = qs.filter(year=f["year"])
        if "quarter" in f:
            qs = qs.filter(quarter=f["quarter"])
        if "opd" in f:
            qs = qs.filter(opd__code=f["opd"])
        if "status" in f:
            qs = qs.filter(status=f["status"])
        if "indicator" in f:
            qs = qs.filter(indicator__code=f["indicator"])
        return qs.order_by("year", "quarter", "opd__lft", "indicator__sort_order", "id")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_input_serializer(RealisationInputSerializer, request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        indicator = data["indicator"]
        if not selectors.may_enter(request.user, indicator):
            raise PermissionDenied
        existed = Realisation.objects.filter(
            pemda_id=indicator.pemda_id,
            indicator=indicator,
            year=data["year"],
            quarter=data["quarter"],
        ).exists()
        row = services.realisation_save(
            actor=request.user,
            indicator=indicator,
            year=data["year"],
            quarter=data["quarter"],
            value=data.get("value"),
            obstacle=data["obstacle"],
            solution=data["solution"],
            expected_version=data.get("version"),
        )
        return Response(
            RealisationSerializer(self.reread(row)).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )

    def _step(self, request: Request, name: str) -> Response:
        row = self.get_object()
        allowed = (
            selectors.may_enter(request.user, row.indicator)
            if name == "submit"
            else selectors.may_verify(request.user, row.indicator)
        )
        if not allowed:
            raise PermissionDenied
        serializer = self.get_input_serializer(TransitionInputSerializer, request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            services.realisation_transition(
                actor=request.user,
                realisation=row,
                action=name,
                note=data["note"],
                expected_version=data["version"],
            )
        except WorkflowError as exc:
            raise _bad_request(exc) from exc
        return Response(RealisationSerializer(self.reread(row)).data)

    @extend_schema(
        summary="Submit for verification",
        request=TransitionInputSerializer,
        responses={200: RealisationSerializer, **ERRORS, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, code: Any = None) -> Response:
        return self._step(request, "submit")

    @extend_schema(
        summary="Verify (locks the value)",
        request=TransitionInputSerializer,
        responses={200: RealisationSerializer, **ERRORS, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, code: Any = None) -> Response:
        return self._step(request, "verify")

    @extend_schema(
        summary="Return to the operator with a note",
        request=TransitionInputSerializer,
        responses={200: RealisationSerializer, **ERRORS, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request: Request, code: Any = None) -> Response:
        return self._step(request, "return")

    @extend_schema(
        summary="Unlock a verified value for correction, with a note",
        request=TransitionInputSerializer,
        responses={200: RealisationSerializer, **ERRORS, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, code: Any = None) -> Response:
        return self._step(request, "reopen")

    @extend_schema(
        summary="Enter a quarter's rows at once (all or nothing)",
        request=BulkInputSerializer,
        responses={200: RealisationSerializer(many=True), 400: BULK_ERRORS, 403: ERRORS[403]},
    )
    @action(detail=False, methods=["post"])
    def bulk(self, request: Request) -> Response:
        serializer = self.get_input_serializer(BulkInputSerializer, request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        rows = [
            services.GridRow(
                row=number,
                indicator=row["indicator"],
                value=row.get("value"),
                obstacle=row["obstacle"],
                solution=row["solution"],
                version=row.get("version"),
            )
            for number, row in enumerate(data["rows"], start=1)
        ]
        try:
            saved = services.realisations_save(
                actor=request.user,
                pemda_id=get_scope(request.user).pemda_id,
                year=data["year"],
                quarter=data["quarter"],
                rows=rows,
                opd=data.get("opd"),
            )
        except services.BulkError as exc:
            return Response(
                {
                    "detail": str(exc),
                    "errors": [
                        {"row": row, "field": field, "message": str(message)}
                        for row, field, message in exc.errors
                    ],
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        fresh = self.get_queryset().filter(pk__in=[r.pk for r in saved])
        return Response(RealisationSerializer(fresh, many=True).data)

    @extend_schema(
        summary="Upload an evidence file (multipart, field `file`)",
        request={"multipart/form-data": EvidenceInputSerializer},
        responses={201: EvidenceSerializer, **ERRORS},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="evidence",
        url_name="evidence",
        parser_classes=[MultiPartParser, FormParser, JSONParser],
    )
    def upload_evidence(self, request: Request, code: Any = None) -> Response:
        row = self.get_object()
        if not selectors.may_enter(request.user, row.indicator):
            raise PermissionDenied
        serializer = self.get_input_serializer(EvidenceInputSerializer, request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        evidence = services.evidence_add(
            actor=request.user, realisation=row, name=upload.name, content=upload.read()
        )
        return Response(EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)


class EvidenceFilterSerializer(serializers.Serializer):
    realisation = serializers.UUIDField(required=False, help_text=_("The realisation's code."))


@extend_schema_view(
    list=extend_schema(
        summary="List evidence files in your scope", parameters=[EvidenceFilterSerializer]
    ),
    retrieve=extend_schema(summary="One evidence file's metadata"),
    destroy=extend_schema(
        summary="Remove an evidence file (hidden, never erased)",
        responses={204: None, 403: ERRORS[403], 400: ERRORS[400]},
    ),
)
class EvidenceViewSet(ListMixin, RetrieveMixin, ScopedViewSet):
    queryset = Evidence.objects.none()
    serializer_class = EvidenceSerializer
    write_roles = WRITE_ROLES

    def scoped_queryset(self) -> QuerySet[Evidence]:
        qs = selectors.evidence_list(user=self.request.user).filter(deleted_at__isnull=True)
        if self.action == "list":
            f = _filters(EvidenceFilterSerializer, self.request)
            if "realisation" in f:
                qs = qs.filter(realisation__code=f["realisation"])
        return qs.order_by("created_at", "id")

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        evidence = self.get_object()
        if not selectors.may_enter(request.user, evidence.realisation.indicator):
            raise PermissionDenied
        services.evidence_remove(actor=request.user, evidence=evidence)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        summary="List budget realisations in your scope", parameters=[BudgetFilterSerializer]
    ),
    retrieve=extend_schema(summary="One budget realisation"),
    create=extend_schema(
        summary="Set the budget spent on a sub kegiatan in a quarter",
        request=BudgetInputSerializer,
        responses={
            200: BudgetRealisationSerializer,
            201: BudgetRealisationSerializer,
            **ERRORS,
            409: OpenApiResponse(
                inline_serializer(
                    "BudgetRealisationConflict",
                    {
                        "detail": serializers.CharField(),
                        "current": BudgetRealisationSerializer(),
                    },
                ),
                description="Somebody else saved first; `current` holds their values.",
            ),
        },
    ),
)
class BudgetRealisationViewSet(ListMixin, RetrieveMixin, ScopedViewSet):
    queryset = BudgetRealisation.objects.none()
    serializer_class = BudgetRealisationSerializer
    write_roles = OPD_WRITERS

    def scoped_queryset(self) -> QuerySet[BudgetRealisation]:
        qs = selectors.budget_realisation_list(user=self.request.user)
        if self.action == "list":
            f = _filters(BudgetFilterSerializer, self.request)
            if "year" in f:
                qs = qs.filter(year=f["year"])
            if "quarter" in f:
                qs = qs.filter(quarter=f["quarter"])
            if "opd" in f:
                qs = qs.filter(opd__code=f["opd"])
            if "node" in f:
                qs = qs.filter(node__code=f["node"])
        return qs.order_by("year", "quarter", "node__tree_id", "node__lft", "id")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_input_serializer(BudgetInputSerializer, request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        node = data["node"]
        existed = BudgetRealisation.objects.filter(
            pemda_id=node.pemda_id, node=node, year=data["year"], quarter=data["quarter"]
        ).exists()
        row = services.budget_save(
            actor=request.user,
            node=node,
            year=data["year"],
            quarter=data["quarter"],
            amount=data["amount"],
            expected_version=data.get("version"),
        )
        if row is None:  # pragma: no cover - `amount` is required and never blank here
            raise DjangoValidationError({"amount": _("Enter an amount.")})
        return Response(
            self.get_serializer(self.reread(row)).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )


class MeasureViewSet(ScopedViewSet):
    """The measured indicators of an OPD (or of every OPD the caller reads) in a year."""

    queryset = Realisation.objects.none()
    serializer_class = MeasureSerializer

    @extend_schema(
        summary="Measured indicators with targets, realisations and capaian",
        parameters=[MeasureFilterSerializer],
        responses={200: MeasureSerializer(many=True), 400: ERRORS[400], 404: ERRORS[404]},
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        f = _filters(MeasureFilterSerializer, request)
        user = request.user
        scope = get_scope(user)
        opds = {o.pk: o.code for o in selectors.readable_opds(user=user).only("pk", "code")}
        if "opd" in f:
            opd = selectors.get_opd_for_user(user, f["opd"])
            opd_ids, pemda_level = [opd.pk], False
        else:
            opd_ids, pemda_level = list(opds), scope.pemda_wide()
        found = selectors.measures(
            pemda_id=scope.pemda_id, year=f["year"], opd_ids=opd_ids, pemda_level=pemda_level
        )
        context = {
            **self.get_serializer_context(),
            "rules": selectors.rules_for(scope.pemda_id),
            "up_to_quarter": int(f["up_to_quarter"]),
            "opd_codes": opds,
        }
        page = self.paginate_queryset(found)
        if page is not None:
            data = MeasureSerializer(page, many=True, context=context).data
            return self.get_paginated_response(data)
        return Response(MeasureSerializer(found, many=True, context=context).data)


def register(router: BaseRouter) -> None:
    """Add the measurement viewsets to the v1 router."""
    router.register("realisations", RealisationViewSet, basename="realisation")
    router.register("evidence", EvidenceViewSet, basename="evidence")
    router.register("budget-realisations", BudgetRealisationViewSet, basename="budget-realisation")
    router.register("measures", MeasureViewSet, basename="measure")
