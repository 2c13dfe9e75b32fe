"""REST API of the performance tree: statements (nodes) with their move and cascade actions,
indicators with their targets per year, strategi and arah kebijakan, indicative budgets,
crosscutting links, Bappeda's review comments and the quality findings with their dismissals.

Reads go through apps.performance.selectors (an OPD's statements are visible to the OPD and the
Pemda-wide roles, and read-only to an OPD linked by crosscutting; anything else is a 404), every
write is one call of apps.performance.services. A statement is written by its OPD's operators
and verifiers (an RPJMD statement by Bappeda); Bappeda writing an OPD's tree gets 403.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
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
from apps.organisations import selectors as org_selectors
from apps.organisations.access import OPD_WRITERS, PLANNERS
from apps.performance import selectors, services
from apps.performance.models import (
    Aggregation,
    Crosscut,
    FindingDismissal,
    Indicator,
    Node,
    NodeBudget,
    NodeLevel,
    Polarity,
    ResultLevel,
    ReviewComment,
    Strategy,
    Target,
    ValueType,
)
from apps.planning import selectors as planning_selectors
from apps.planning.api import CONFLICT, ERRORS, code_param, query_object, required_query_object


def _code_field(**kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="code", read_only=True, **kwargs)


def _parse_code(value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise Http404 from exc


def _number(value: Decimal | None) -> str | None:
    """A stored decimal as people write it: 40, 71.3 (no trailing zeros)."""
    if value is None:
        return None
    return format(value.normalize(), "f")


def _require_node_write(user, node: Node) -> None:
    """403 for a statement the caller sees but may not change (e.g. Bappeda and an OPD's tree,
    an OPD and a statement it only sees through crosscutting)."""
    if not selectors.may_write_node(user, node):
        raise PermissionDenied


TREE_WRITERS = OPD_WRITERS | PLANNERS

# ---------------------------------------------------------------------------------------------
# Statements (nodes)


class NodeSerializer(serializers.ModelSerializer):
    renstra = _code_field()
    rpjmd = _code_field()
    parent = _code_field()
    opd = _code_field()
    owner_position = _code_field()
    owner_position_title = serializers.CharField(
        source="owner_position.title", read_only=True, allow_null=True
    )
    nomenclature = serializers.CharField(
        source="nomenclature.code", read_only=True, allow_null=True
    )
    pemda_sasaran = _code_field(many=True)
    depth = serializers.IntegerField(source="level", read_only=True)

    class Meta:
        model = Node
        fields = [
            "code",
            "renstra",
            "rpjmd",
            "parent",
            "depth",
            "node_level",
            "result_level",
            "number",
            "statement",
            "opd",
            "owner_position",
            "owner_position_title",
            "nomenclature",
            "pemda_sasaran",
            "weight",
            "sort_order",
            "version",
        ]
        read_only_fields = fields


class NodeCreateSerializer(InputSerializer):
    parent = CodeRelatedField(lookup=selectors.get_node_for_user)
    node_level = serializers.ChoiceField(choices=NodeLevel.choices)
    statement = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=_("A program, kegiatan or sub kegiatan without one takes its nomenclature name."),
    )
    number = serializers.CharField(required=False, allow_blank=True)
    result_level = serializers.ChoiceField(
        choices=ResultLevel.choices, required=False, allow_blank=True
    )
    owner_position = CodeRelatedField(
        lookup=org_selectors.get_position_for_user, required=False, allow_null=True
    )
    nomenclature = serializers.CharField(
        required=False, allow_blank=True, help_text=_("A nomenclature code, e.g. 1.02.02.2.01.")
    )
    opd = CodeRelatedField(
        lookup=org_selectors.get_unit_for_user,
        required=False,
        allow_null=True,
        help_text=_("The OPD carrying out an RPJMD program."),
    )
    pemda_sasaran = serializers.ListField(
        child=CodeRelatedField(lookup=selectors.get_node_for_user),
        required=False,
        help_text=_("RPJMD sasaran an OPD tujuan or sasaran cascades from."),
    )
    weight = serializers.DecimalField(max_digits=7, decimal_places=3, required=False)
    sort_order = serializers.IntegerField(required=False, min_value=0)


class NodeUpdateSerializer(UpdateInputSerializer):
    statement = serializers.CharField(required=False)
    number = serializers.CharField(required=False, allow_blank=True)
    result_level = serializers.ChoiceField(
        choices=ResultLevel.choices, required=False, allow_blank=True
    )
    owner_position = CodeRelatedField(
        lookup=org_selectors.get_position_for_user, required=False, allow_null=True
    )
    nomenclature = serializers.CharField(required=False, allow_blank=True)
    opd = CodeRelatedField(lookup=org_selectors.get_unit_for_user, required=False, allow_null=True)
    weight = serializers.DecimalField(max_digits=7, decimal_places=3, required=False)


class NodeMoveSerializer(InputSerializer):
    parent = CodeRelatedField(lookup=selectors.get_node_for_user)
    sort_order = serializers.IntegerField(required=False, min_value=0)


class NodeCascadeSerializer(InputSerializer):
    pemda_sasaran = serializers.ListField(
        child=CodeRelatedField(lookup=selectors.get_node_for_user), allow_empty=True
    )


@extend_schema(
    parameters=[
        code_param("renstra", "Only the statements of this Renstra."),
        code_param("rpjmd", "Only the statements of this RPJMD."),
        OpenApiParameter("level", OpenApiTypes.STR, enum=NodeLevel.values),
    ]
)
@document_viewset(
    "statements", NodeCreateSerializer, NodeUpdateSerializer, NodeSerializer, destroy=True
)
class NodeViewSet(
    ListMixin, RetrieveMixin, CreateMixin, PartialUpdateMixin, DestroyMixin, ScopedViewSet
):
    """Statements of the performance trees (RPJMD and each OPD's Renstra), in tree order."""

    queryset = Node.objects.none()
    serializer_class = NodeSerializer
    create_serializer_class = NodeCreateSerializer
    update_serializer_class = NodeUpdateSerializer
    write_roles = TREE_WRITERS

    def scoped_queryset(self) -> QuerySet[Node]:
        qs = selectors.node_list(user=self.request.user)
        if self.action == "list":
            renstra = query_object(self.request, "renstra", planning_selectors.get_renstra_for_user)
            rpjmd = query_object(self.request, "rpjmd", planning_selectors.get_rpjmd_for_user)
            if renstra is not None:
                qs = qs.filter(renstra=renstra)
            if rpjmd is not None:
                qs = qs.filter(rpjmd=rpjmd)
            level = self.request.query_params.get("level")
            if level:
                if level not in NodeLevel.values:
                    raise serializers.ValidationError({"level": [_("Choose a level.")]})
                qs = qs.filter(node_level=level)
        return (
            qs.select_related("renstra", "rpjmd", "parent", "opd", "owner_position", "nomenclature")
            .prefetch_related(Prefetch("pemda_sasaran", queryset=Node.objects.only("id", "code")))
            .order_by("tree_id", "lft")
        )

    def get_write_object(self, code: uuid.UUID) -> Node:
        return selectors.get_rw_node_for_user(self.request.user, code)

    def perform_create(self, data: dict[str, Any]) -> Node:
        _require_node_write(self.request.user, data["parent"])
        return services.node_create(actor=self.request.user, **data)

    def perform_update(self, obj: Node, data: dict[str, Any], *, expected_version: int) -> Node:
        return services.node_update(
            actor=self.request.user, node=obj, data=data, expected_version=expected_version
        )

    def perform_destroy(self, obj: Node) -> None:
        services.node_delete(actor=self.request.user, node=obj)

    @extend_schema(
        summary="Move a statement under another parent of the same tree",
        request=NodeMoveSerializer,
        responses={200: NodeSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def move(self, request: Request, code: str) -> Response:
        node = self.get_object_for_write()
        serializer = self.get_input_serializer(NodeMoveSerializer, request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        moved = services.node_move(
            actor=request.user,
            node=node,
            new_parent=data["parent"],
            sort_order=data.get("sort_order"),
        )
        return Response(self.get_serializer(self.reread(moved)).data)

    @extend_schema(
        summary="Replace the RPJMD sasaran an OPD tujuan or sasaran cascades from",
        request=NodeCascadeSerializer,
        responses={200: NodeSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def cascade(self, request: Request, code: str) -> Response:
        node = self.get_object_for_write()
        serializer = self.get_input_serializer(NodeCascadeSerializer, request.data)
        serializer.is_valid(raise_exception=True)
        saved = services.node_set_cascade(
            actor=request.user, node=node, pemda_sasaran=serializer.validated_data["pemda_sasaran"]
        )
        return Response(self.get_serializer(self.reread(saved)).data)


# ---------------------------------------------------------------------------------------------
# Indicators and targets

_TARGET_MAP = serializers.DictField(
    child=serializers.CharField(allow_null=True),
    help_text=_("Target per year: {year: value} (a level label for a scale indicator)."),
)


class IndicatorSerializer(serializers.ModelSerializer):
    node = _code_field()
    scale = _code_field()
    responsible_position = _code_field()
    targets = serializers.SerializerMethodField()
    targets_max = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "code",
            "node",
            "name",
            "definition",
            "formula",
            "unit",
            "value_type",
            "scale",
            "polarity",
            "aggregation",
            "min_value",
            "max_value",
            "data_source",
            "responsible_position",
            "is_iku",
            "is_ikk",
            "baseline",
            "baseline_text",
            "national_standard",
            "sort_order",
            "targets",
            "targets_max",
            "version",
        ]
        read_only_fields = fields

    @extend_schema_field(_TARGET_MAP)
    def get_targets(self, obj: Indicator) -> dict[str, str | None]:
        # Prefetched by the viewset: .all() reads the cache (constant queries on lists).
        return {str(t.year): (t.text_value or _number(t.value)) for t in obj.targets.all()}

    @extend_schema_field(_TARGET_MAP)
    def get_targets_max(self, obj: Indicator) -> dict[str, str | None]:
        """Upper bounds of a range indicator's targets."""
        return {str(t.year): _number(t.value_max) for t in obj.targets.all() if t.value_max}


def _check_years(value: dict[str, Any]) -> dict[int, Any]:
    bad = [key for key in value if not str(key).isdigit()]
    if bad:
        raise serializers.ValidationError(
            {key: [_("Enter a year (for example 2026).")] for key in bad}
        )
    return {int(key): item for key, item in value.items()}


class TargetMapField(serializers.DictField):
    child = serializers.CharField(allow_null=True, allow_blank=True)

    def to_internal_value(self, data: Any) -> dict[int, Any]:
        return _check_years(super().to_internal_value(data))


_NUMBER_TEXT = {"required": False, "allow_null": True, "allow_blank": True}


class IndicatorFieldsSerializer(InputSerializer):
    """The indicator's own fields; numbers may be written as people type them (75,5)."""

    definition = serializers.CharField(required=False, allow_blank=True)
    formula = serializers.CharField(required=False, allow_blank=True)
    unit = serializers.CharField(required=False, allow_blank=True)
    value_type = serializers.ChoiceField(choices=ValueType.choices, required=False)
    scale = CodeRelatedField(lookup=selectors.get_scale_for_user, required=False, allow_null=True)
    polarity = serializers.ChoiceField(choices=Polarity.choices, required=False)
    aggregation = serializers.ChoiceField(choices=Aggregation.choices, required=False)
    min_value = serializers.CharField(**_NUMBER_TEXT)
    max_value = serializers.CharField(**_NUMBER_TEXT)
    data_source = serializers.CharField(required=False, allow_blank=True)
    responsible_position = CodeRelatedField(
        lookup=org_selectors.get_position_for_user, required=False, allow_null=True
    )
    is_iku = serializers.BooleanField(required=False)
    is_ikk = serializers.BooleanField(required=False)
    baseline = serializers.CharField(**_NUMBER_TEXT)
    baseline_text = serializers.CharField(required=False, allow_blank=True)
    national_standard = serializers.CharField(required=False, allow_blank=True)
    sort_order = serializers.IntegerField(required=False, min_value=0)


class IndicatorCreateSerializer(IndicatorFieldsSerializer):
    node = CodeRelatedField(lookup=selectors.get_node_for_user)
    name = serializers.CharField()
    targets = TargetMapField(required=False)
    targets_max = TargetMapField(required=False)


class IndicatorUpdateSerializer(UpdateInputSerializer, IndicatorFieldsSerializer):
    name = serializers.CharField(required=False)


class TargetsSerializer(InputSerializer):
    targets = TargetMapField(help_text=_("{year: value}; an empty value removes that year."))
    targets_max = TargetMapField(required=False)
    versions = serializers.DictField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        help_text=_("{year: version} of the targets as you read them (refused if stale)."),
    )

    def validate_versions(self, value: dict[str, int]) -> dict[int, int]:
        return _check_years(value)


def _target_errors(exc: DjangoValidationError) -> serializers.ValidationError:
    """The service's target_<year> / target_max_<year> keys as nested {targets: {year: [..]}}."""
    detail: dict[str, Any] = {}
    for key, messages in validation_error_detail(exc).items():
        for prefix, field in (("target_max_", "targets_max"), ("target_", "targets")):
            if key.startswith(prefix):
                detail.setdefault(field, {})[key.removeprefix(prefix)] = messages
                break
        else:
            detail[key] = messages
    return serializers.ValidationError(detail)


@extend_schema(
    parameters=[
        code_param("node", "Only the indicators of this statement."),
        code_param("renstra", "Only the indicators of this Renstra."),
    ]
)
@document_viewset(
    "indicators",
    IndicatorCreateSerializer,
    IndicatorUpdateSerializer,
    IndicatorSerializer,
    destroy=True,
)
class IndicatorViewSet(
    ListMixin, RetrieveMixin, CreateMixin, PartialUpdateMixin, DestroyMixin, ScopedViewSet
):
    """Indicators of the statements, with their targets per year as a {year: value} map.
    Targets are written with the indicator (create) or through the `targets` action."""

    queryset = Indicator.objects.none()
    serializer_class = IndicatorSerializer
    create_serializer_class = IndicatorCreateSerializer
    update_serializer_class = IndicatorUpdateSerializer
    write_roles = TREE_WRITERS

    def scoped_queryset(self) -> QuerySet[Indicator]:
        node = renstra = None
        if self.action == "list":
            node = query_object(self.request, "node", selectors.get_node_for_user)
            renstra = query_object(self.request, "renstra", planning_selectors.get_renstra_for_user)
        qs = selectors.indicator_list(user=self.request.user, node=node)
        if renstra is not None:
            qs = qs.filter(node__renstra=renstra)
        return qs.prefetch_related(Prefetch("targets", queryset=Target.objects.order_by("year")))

    def get_write_object(self, code: uuid.UUID) -> Indicator:
        return selectors.get_rw_indicator_for_user(self.request.user, code)

    def serialize_current(self, obj: Any) -> dict[str, Any]:
        # A stale target reports the indicator with all its targets as they are now.
        if isinstance(obj, Target):
            obj = Indicator(pk=obj.indicator_id)
        return super().serialize_current(obj)

    def perform_create(self, data: dict[str, Any]) -> Indicator:
        _require_node_write(self.request.user, data["node"])
        try:
            return services.indicator_create(actor=self.request.user, **data)
        except DjangoValidationError as exc:
            raise _target_errors(exc) from exc

    def perform_update(
        self, obj: Indicator, data: dict[str, Any], *, expected_version: int
    ) -> Indicator:
        return services.indicator_update(
            actor=self.request.user, indicator=obj, data=data, expected_version=expected_version
        )

    def perform_destroy(self, obj: Indicator) -> None:
        services.indicator_delete(actor=self.request.user, indicator=obj)

    @extend_schema(
        summary="Set the targets of several years at once (all or nothing)",
        request=TargetsSerializer,
        responses={200: IndicatorSerializer, **ERRORS, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def targets(self, request: Request, code: str) -> Response:
        indicator = self.get_object_for_write()
        serializer = self.get_input_serializer(TargetsSerializer, request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            services.targets_set(
                actor=request.user,
                indicator=indicator,
                targets=data["targets"],
                targets_max=data.get("targets_max"),
                expected_versions=data.get("versions"),
            )
        except DjangoValidationError as exc:
            raise _target_errors(exc) from exc
        return Response(self.get_serializer(self.reread(indicator)).data)


# ---------------------------------------------------------------------------------------------
# Strategi and arah kebijakan


class StrategySerializer(serializers.ModelSerializer):
    node = _code_field()

    class Meta:
        model = Strategy
        fields = ["code", "node", "kind", "text", "sort_order", "version"]
        read_only_fields = fields


class StrategyCreateSerializer(InputSerializer):
    node = CodeRelatedField(lookup=selectors.get_node_for_user)
    kind = serializers.ChoiceField(choices=Strategy.Kind.choices)
    text = serializers.CharField()
    sort_order = serializers.IntegerField(required=False, min_value=0)


class StrategyUpdateSerializer(UpdateInputSerializer):
    text = serializers.CharField(required=False)
    sort_order = serializers.IntegerField(required=False, min_value=0)


@extend_schema(parameters=[code_param("node", "Only those of this sasaran.")])
@document_viewset(
    "strategies",
    StrategyCreateSerializer,
    StrategyUpdateSerializer,
    StrategySerializer,
    destroy=True,
)
class StrategyViewSet(
    ListMixin, RetrieveMixin, CreateMixin, PartialUpdateMixin, DestroyMixin, ScopedViewSet
):
    """Strategi and arah kebijakan serving a sasaran (RPJMD or Renstra)."""

    queryset = Strategy.objects.none()
    serializer_class = StrategySerializer
    create_serializer_class = StrategyCreateSerializer
    update_serializer_class = StrategyUpdateSerializer
    write_roles = TREE_WRITERS

    def scoped_queryset(self) -> QuerySet[Strategy]:
        node = None
        if self.action == "list":
            node = query_object(self.request, "node", selectors.get_node_for_user)
        return selectors.strategy_list(user=self.request.user, node=node).order_by(
            "node__tree_id", "node__lft", "kind", "sort_order", "id"
        )

    def get_write_object(self, code: uuid.UUID) -> Strategy:
        return selectors.get_rw_strategy_for_user(self.request.user, code)

    def perform_create(self, data: dict[str, Any]) -> Strategy:
        _require_node_write(self.request.user, data["node"])
        return services.strategy_create(actor=self.request.user, **data)

    def perform_update(
        self, obj: Strategy, data: dict[str, Any], *, expected_version: int
    ) -> Strategy:
        return services.strategy_update(
            actor=self.request.user, strategy=obj, data=data, expected_version=expected_version
        )

    def perform_destroy(self, obj: Strategy) -> None:
        services.strategy_delete(actor=self.request.user, strategy=obj)


# ---------------------------------------------------------------------------------------------
# Indicative budgets


class BudgetSerializer(serializers.ModelSerializer):
    node = _code_field()

    class Meta:
        model = NodeBudget
        fields = ["code", "node", "year", "amount", "version"]
        read_only_fields = fields


class BudgetCreateSerializer(InputSerializer):
    node = CodeRelatedField(lookup=selectors.get_node_for_user)
    year = serializers.IntegerField()
    amount = serializers.CharField(help_text=_("Rupiah, e.g. 1500000000 or 1.500.000.000."))


class BudgetUpdateSerializer(UpdateInputSerializer):
    amount = serializers.CharField()


@extend_schema(
    parameters=[
        code_param("node", "Only the budgets of this statement."),
        code_param("renstra", "Only the budgets of this Renstra."),
    ]
)
@document_viewset(
    "indicative budgets",
    BudgetCreateSerializer,
    BudgetUpdateSerializer,
    BudgetSerializer,
    destroy=True,
)
class BudgetViewSet(
    ListMixin, RetrieveMixin, CreateMixin, PartialUpdateMixin, DestroyMixin, ScopedViewSet
):
    """The indicative budget of a program, kegiatan or sub kegiatan per year. POST sets a
    year's amount (creating or replacing it), PATCH changes it with its version, DELETE
    removes it."""

    queryset = NodeBudget.objects.none()
    serializer_class = BudgetSerializer
    create_serializer_class = BudgetCreateSerializer
    update_serializer_class = BudgetUpdateSerializer
    write_roles = TREE_WRITERS

    def scoped_queryset(self) -> QuerySet[NodeBudget]:
        node = renstra = None
        if self.action == "list":
            node = query_object(self.request, "node", selectors.get_node_for_user)
            renstra = query_object(self.request, "renstra", planning_selectors.get_renstra_for_user)
        qs = selectors.budget_list(user=self.request.user, node=node)
        if renstra is not None:
            qs = qs.filter(node__renstra=renstra)
        return qs

    def get_write_object(self, code: uuid.UUID) -> NodeBudget:
        try:
            budget = selectors.budget_list(user=self.request.user).get(code=code)
        except NodeBudget.DoesNotExist as exc:
            raise Http404 from exc
        _require_node_write(
            self.request.user, selectors.get_node_for_user(self.request.user, budget.node.code)
        )
        return budget

    def perform_create(self, data: dict[str, Any]) -> NodeBudget:
        _require_node_write(self.request.user, data["node"])
        budget = services.budget_set(actor=self.request.user, **data)
        if budget is None:  # pragma: no cover - an amount is required here
            raise serializers.ValidationError({"amount": [_("Enter an amount.")]})
        return budget

    def perform_update(
        self, obj: NodeBudget, data: dict[str, Any], *, expected_version: int
    ) -> NodeBudget:
        return services.budget_set(
            actor=self.request.user,
            node=obj.node,
            year=obj.year,
            amount=data["amount"],
            expected_version=expected_version,
        )

    def perform_destroy(self, obj: NodeBudget) -> None:
        services.budget_set(actor=self.request.user, node=obj.node, year=obj.year, amount=None)


# ---------------------------------------------------------------------------------------------
# Crosscutting


class CrosscutSerializer(serializers.ModelSerializer):
    source = _code_field()
    source_statement = serializers.CharField(source="source.statement", read_only=True)
    source_opd = serializers.UUIDField(source="source.renstra.opd.code", read_only=True)
    target = _code_field()
    target_statement = serializers.CharField(source="target.statement", read_only=True)
    target_opd = serializers.UUIDField(source="target.renstra.opd.code", read_only=True)

    class Meta:
        model = Crosscut
        fields = [
            "code",
            "source",
            "source_statement",
            "source_opd",
            "target",
            "target_statement",
            "target_opd",
            "note",
            "version",
        ]
        read_only_fields = fields


class CrosscutCreateSerializer(InputSerializer):
    source = CodeRelatedField(lookup=selectors.get_node_for_user)
    target = serializers.UUIDField(help_text=_("A statement of another OPD, same plan period."))
    note = serializers.CharField(required=False, allow_blank=True)


class CrosscutUpdateSerializer(UpdateInputSerializer):
    note = serializers.CharField(allow_blank=True)


@document_viewset(
    "crosscutting links",
    CrosscutCreateSerializer,
    CrosscutUpdateSerializer,
    CrosscutSerializer,
    destroy=True,
)
class CrosscutViewSet(
    ListMixin, RetrieveMixin, CreateMixin, PartialUpdateMixin, DestroyMixin, ScopedViewSet
):
    """Links by which a statement of one OPD supports a statement of another. Listed for both
    OPDs; created, changed and removed by the source OPD."""

    queryset = Crosscut.objects.none()
    serializer_class = CrosscutSerializer
    create_serializer_class = CrosscutCreateSerializer
    update_serializer_class = CrosscutUpdateSerializer
    write_roles = OPD_WRITERS

    def scoped_queryset(self) -> QuerySet[Crosscut]:
        return selectors.crosscut_list(user=self.request.user).order_by("source__tree_id", "id")

    def get_write_object(self, code: uuid.UUID) -> Crosscut:
        return selectors.get_rw_crosscut_for_user(self.request.user, code)

    def perform_create(self, data: dict[str, Any]) -> Crosscut:
        source = data["source"]
        _require_node_write(self.request.user, source)
        # The target OPD's tree is not in the caller's scope: the statements it may link to are
        # read through the selector that lists them for this source.
        target = (
            selectors.crosscut_target_choices(user=self.request.user, source=source)
            .filter(code=data["target"])
            .first()
        )
        if target is None:
            raise serializers.ValidationError({"target": [_("Not found.")]})
        return services.crosscut_create(
            actor=self.request.user, source=source, target=target, note=data.get("note", "")
        )

    def perform_update(
        self, obj: Crosscut, data: dict[str, Any], *, expected_version: int
    ) -> Crosscut:
        return services.crosscut_update(
            actor=self.request.user, crosscut=obj, data=data, expected_version=expected_version
        )

    def perform_destroy(self, obj: Crosscut) -> None:
        services.crosscut_delete(actor=self.request.user, crosscut=obj)


# ---------------------------------------------------------------------------------------------
# Review comments


class ReviewCommentSerializer(serializers.ModelSerializer):
    renstra = _code_field()
    node = _code_field()
    author = serializers.CharField(source="author.username", read_only=True)

    class Meta:
        model = ReviewComment
        fields = ["code", "renstra", "node", "author", "text", "created_at", "resolved_at"]
        read_only_fields = fields


class ReviewCommentCreateSerializer(InputSerializer):
    renstra = CodeRelatedField(lookup=planning_selectors.get_renstra_for_user)
    node = CodeRelatedField(lookup=selectors.get_node_for_user, required=False, allow_null=True)
    text = serializers.CharField()


@extend_schema(parameters=[code_param("renstra", "The Renstra reviewed.", required=True)])
@document_viewset("review comments", ReviewCommentCreateSerializer, None, ReviewCommentSerializer)
class ReviewCommentViewSet(ListMixin, RetrieveMixin, CreateMixin, ScopedViewSet):
    """Bappeda's comments on a Renstra under review; resolved by the OPD or Bappeda."""

    queryset = ReviewComment.objects.none()
    serializer_class = ReviewCommentSerializer
    create_serializer_class = ReviewCommentCreateSerializer
    write_roles = PLANNERS

    def scoped_queryset(self) -> QuerySet[ReviewComment]:
        renstra = required_query_object(
            self.request, "renstra", planning_selectors.get_renstra_for_user
        )
        return selectors.review_comments(user=self.request.user, renstra=renstra).select_related(
            "renstra"
        )

    def get_object(self) -> ReviewComment:
        return selectors.get_comment_for_user(self.request.user, _parse_code(self.kwargs["code"]))

    def reread(self, obj: ReviewComment) -> ReviewComment:
        return selectors.get_comment_for_user(self.request.user, obj.code)

    def get_write_object(self, code: uuid.UUID) -> ReviewComment:
        return selectors.get_rw_comment_for_user(self.request.user, code)

    def perform_create(self, data: dict[str, Any]) -> ReviewComment:
        return services.review_comment_add(actor=self.request.user, **data)

    @extend_schema(
        summary="Mark a comment dealt with", request=None, responses={200: ReviewCommentSerializer}
    )
    @action(detail=True, methods=["post"])
    def resolve(self, request: Request, code: str) -> Response:
        comment = self.get_object_for_write()
        saved = services.review_comment_resolve(actor=request.user, comment=comment)
        return Response(self.get_serializer(self.reread(saved)).data)


# ---------------------------------------------------------------------------------------------
# Quality findings and their dismissals


class FindingSerializer(serializers.Serializer):
    rule = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)
    severity = serializers.CharField(read_only=True)
    node = serializers.UUIDField(source="node_code", read_only=True)
    subject = serializers.CharField(read_only=True)
    message = serializers.CharField(read_only=True)
    dismissed = serializers.BooleanField(read_only=True)
    dismissal_note = serializers.CharField(read_only=True)


@extend_schema(parameters=[code_param("renstra", "The Renstra checked.", required=True)])
@extend_schema(summary="Quality findings of a Renstra, with their reasons")
class FindingViewSet(ListMixin, ScopedViewSet):
    """The quality checks of a Renstra's tree (dismissed ones included, marked)."""

    serializer_class = FindingSerializer
    pagination_class = None

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        renstra = required_query_object(request, "renstra", planning_selectors.get_renstra_for_user)
        findings = selectors.renstra_findings(user=request.user, renstra=renstra)
        return Response(self.get_serializer(findings, many=True).data)


class DismissalSerializer(serializers.ModelSerializer):
    node = _code_field()
    dismissed_by = serializers.CharField(source="dismissed_by.username", read_only=True)

    class Meta:
        model = FindingDismissal
        fields = ["code", "node", "rule", "subject", "note", "dismissed_by", "created_at"]
        read_only_fields = fields


class DismissalCreateSerializer(InputSerializer):
    node = CodeRelatedField(lookup=selectors.get_node_for_user)
    rule = serializers.CharField()
    subject = serializers.CharField(required=False, allow_blank=True)
    note = serializers.CharField()


@extend_schema(parameters=[code_param("renstra", "The Renstra checked.", required=True)])
@document_viewset(
    "finding dismissals", DismissalCreateSerializer, None, DismissalSerializer, destroy=True
)
class DismissalViewSet(ListMixin, RetrieveMixin, CreateMixin, DestroyMixin, ScopedViewSet):
    """Bappeda dismisses a quality finding with a note (POST) or restores it (DELETE)."""

    queryset = FindingDismissal.objects.none()
    serializer_class = DismissalSerializer
    create_serializer_class = DismissalCreateSerializer
    write_roles = PLANNERS

    def scoped_queryset(self) -> QuerySet[FindingDismissal]:
        renstra = required_query_object(
            self.request, "renstra", planning_selectors.get_renstra_for_user
        )
        return selectors.dismissal_list(user=self.request.user, renstra=renstra)

    def get_object(self) -> FindingDismissal:
        return selectors.get_dismissal_for_user(self.request.user, _parse_code(self.kwargs["code"]))

    def reread(self, obj: FindingDismissal) -> FindingDismissal:
        return selectors.get_dismissal_for_user(self.request.user, obj.code)

    def get_write_object(self, code: uuid.UUID) -> FindingDismissal:
        return selectors.get_rw_dismissal_for_user(self.request.user, code)

    def perform_create(self, data: dict[str, Any]) -> FindingDismissal:
        return services.finding_dismiss(actor=self.request.user, **data)

    def perform_destroy(self, obj: FindingDismissal) -> None:
        services.finding_restore(actor=self.request.user, dismissal=obj)


def register(router: BaseRouter) -> None:
    router.register("nodes", NodeViewSet, basename="node")
    router.register("indicators", IndicatorViewSet, basename="indicator")
    router.register("strategies", StrategyViewSet, basename="strategy")
    router.register("budgets", BudgetViewSet, basename="budget")
    router.register("crosscuts", CrosscutViewSet, basename="crosscut")
    router.register("review-comments", ReviewCommentViewSet, basename="review-comment")
    router.register("findings", FindingViewSet, basename="finding")
    router.register("finding-dismissals", DismissalViewSet, basename="finding-dismissal")
