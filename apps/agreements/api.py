"""REST API of the agreements app: PKs (read, with lines, budget lines and Rencana Aksi), their
workflow actions (submit, approve, return, sign, revise) and the Rencana Aksi of a line (write,
with the line's version). Lookups go through apps.agreements.selectors; writes are one service
call each."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from apps.agreements import selectors, services
from apps.agreements.models import (
    ActionPlanQuarter,
    PerjanjianKinerja,
    PkBudgetLine,
    PkLine,
    RevisionReason,
)
from apps.core.api import InputSerializer, ListMixin, RetrieveMixin, ScopedViewSet, _parse_code


class QuarterSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActionPlanQuarter
        fields = ["quarter", "target", "target_text", "actions"]


class LineSerializer(serializers.ModelSerializer):
    quarters = QuarterSerializer(many=True, read_only=True)

    class Meta:
        model = PkLine
        fields = [
            "code",
            "version",
            "number",
            "statement",
            "indicator_name",
            "unit",
            "target",
            "target_max",
            "target_text",
            "plan_target",
            "plan_target_text",
            "target_reason",
            "is_iku",
            "polarity",
            "aggregation",
            "quarters",
        ]


class BudgetLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = PkBudgetLine
        fields = ["number", "level", "item_code", "name", "amount"]


class PkSerializer(serializers.ModelSerializer):
    position = serializers.CharField(source="position.title", read_only=True)
    unit = serializers.CharField(source="unit.name", read_only=True)
    lines = LineSerializer(many=True, read_only=True)
    budget_lines = BudgetLineSerializer(many=True, read_only=True)

    class Meta:
        model = PerjanjianKinerja
        fields = [
            "code",
            "version",
            "year",
            "position",
            "unit",
            "status",
            "version_number",
            "revision_reason",
            "revision_note",
            "first_party_name",
            "first_party_title",
            "first_party_nip",
            "first_party_acting",
            "second_party_name",
            "second_party_title",
            "second_party_nip",
            "second_party_acting",
            "signed_place",
            "signed_on",
            "verification_code",
            "pdf_sha256",
            "lines",
            "budget_lines",
        ]


class TransitionSerializer(InputSerializer):
    version = serializers.IntegerField(min_value=1)
    note = serializers.CharField(required=False, allow_blank=True)
    place = serializers.CharField(required=False, allow_blank=True)


class ReviseSerializer(InputSerializer):
    # Named like the PK's own field, so the schema has one enum for the reasons.
    revision_reason = serializers.ChoiceField(choices=RevisionReason.choices)
    note = serializers.CharField()


class QuarterInputSerializer(serializers.Serializer):
    target = serializers.DecimalField(
        max_digits=20, decimal_places=4, required=False, allow_null=True
    )
    target_text = serializers.CharField(required=False, allow_blank=True, max_length=50)
    actions = serializers.CharField(required=False, allow_blank=True)


class ActionPlanSerializer(InputSerializer):
    version = serializers.IntegerField(min_value=1)
    quarters = QuarterInputSerializer(many=True)


@extend_schema_view(
    list=extend_schema(summary="List Perjanjian Kinerja in your scope"),
    retrieve=extend_schema(summary="One PK with its lines, budget lines and Rencana Aksi"),
)
class PkViewSet(ListMixin, RetrieveMixin, ScopedViewSet):
    queryset = PerjanjianKinerja.objects.none()
    serializer_class = PkSerializer

    def scoped_queryset(self):
        year = self.request.query_params.get("year")
        return selectors.pk_list(
            user=self.request.user, year=int(year) if year and year.isdigit() else None
        ).prefetch_related("lines__quarters", "budget_lines")

    def _step(self, request: Request, name: str) -> Response:
        pk = self.get_object()
        serializer = self.get_input_serializer(TransitionSerializer, request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.transition(
            actor=request.user,
            pk=pk,
            name=name,
            note=data.get("note", ""),
            place=data.get("place", ""),
            expected_version=data["version"],
        )
        return Response(self.get_serializer(self.reread(pk)).data)

    @extend_schema(request=TransitionSerializer, responses={200: PkSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, code: Any = None) -> Response:
        return self._step(request, "submit")

    @extend_schema(request=TransitionSerializer, responses={200: PkSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, code: Any = None) -> Response:
        return self._step(request, "approve")

    @extend_schema(request=TransitionSerializer, responses={200: PkSerializer})
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request: Request, code: Any = None) -> Response:
        return self._step(request, "return")

    @extend_schema(request=TransitionSerializer, responses={200: PkSerializer})
    @action(detail=True, methods=["post"])
    def sign(self, request: Request, code: Any = None) -> Response:
        return self._step(request, "sign")

    @extend_schema(request=ReviseSerializer, responses={201: PkSerializer})
    @action(detail=True, methods=["post"])
    def revise(self, request: Request, code: Any = None) -> Response:
        pk = selectors.get_rw_pk_for_user(request.user, _parse_code(code))
        serializer = self.get_input_serializer(ReviseSerializer, request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        new = services.revise(
            actor=request.user, pk=pk, reason=data["revision_reason"], note=data["note"]
        )
        return Response(self.get_serializer(self.reread(new)).data, status=status.HTTP_201_CREATED)


class PkLineViewSet(ScopedViewSet):
    """The Rencana Aksi of one PK line: PUT the four quarters with the line's version."""

    queryset = PkLine.objects.none()
    serializer_class = LineSerializer

    def scoped_queryset(self):
        from apps.organisations.access import get_scope

        return (
            get_scope(self.request.user)
            .filter(PkLine.objects.all(), path="pk_doc__unit")
            .prefetch_related("quarters")
        )

    @extend_schema(request=ActionPlanSerializer, responses={200: LineSerializer})
    @action(detail=True, methods=["put"], url_path="rencana-aksi")
    def rencana_aksi(self, request: Request, code: Any = None) -> Response:
        line = selectors.get_rw_line_for_user(request.user, _parse_code(code))
        serializer = self.get_input_serializer(ActionPlanSerializer, request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.action_plan_save(
            actor=request.user,
            line=line,
            quarters=[dict(q) for q in data["quarters"]],
            expected_version=data["version"],
        )
        return Response(self.get_serializer(self.reread(line)).data)


def register(router: BaseRouter) -> None:
    router.register("pk", PkViewSet, basename="pk")
    router.register("pk-lines", PkLineViewSet, basename="pk-line")
