"""REST API of the evaluation app (issue 7): rounds and evaluations (read), the answers of an
evaluation with the criterion's scale (read; the OPD's self-assessment and the evaluator's score
as actions), and the recommendations (read; the OPD's follow-up as an action).

Lookups go through apps.evaluation.access (and the helpers built on it: rounds.get_answer_for_user,
followup.get_recommendation_for_user), so an evaluation outside the caller's scope — another
OPD's, or one an evaluator is not assigned to — is 404. Every write is one service call
(rounds.answer_self_assess, worksheet.answer_score, followup.followup_add), which decides who may
act: a reader who may not is 403, a value outside the criterion's scale or a change of a final
evaluation is 400 with the reason, a stale `version` is 409 with the answer as saved
(apps.core.api.exception_handler).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
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

from apps.core.api import InputSerializer, ListMixin, RetrieveMixin, ScopedViewSet
from apps.evaluation import access, followup, rounds, worksheet
from apps.evaluation.models import (
    Answer,
    AnswerOption,
    Evaluation,
    EvaluationRound,
    EvaluationStatus,
    FollowUp,
    Recommendation,
    RecommendationStatus,
)

ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="Per-field messages."),
    403: OpenApiResponse(OpenApiTypes.OBJECT, description="Not allowed to do this."),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description="Not found in your scope."),
}


def _filters(serializer_class: type[serializers.Serializer], request: Request) -> dict:
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# ---------------------------------------------------------------------------------------------
# Output serializers


class EvaluationRoundSerializer(serializers.ModelSerializer):
    template = serializers.UUIDField(source="template.code", read_only=True)
    template_name = serializers.CharField(source="template.name", read_only=True)

    class Meta:
        model = EvaluationRound
        fields = [
            "code",
            "version",
            "name",
            "year",
            "kind",
            "status",
            "template",
            "template_name",
            "pre_evaluation_from",
            "pre_evaluation_to",
            "evaluation_from",
            "evaluation_to",
            "panel_on",
            "handover_on",
            "published_at",
        ]


class CompletenessSerializer(serializers.Serializer):
    answered = serializers.IntegerField()
    total = serializers.IntegerField()
    percent = serializers.DecimalField(max_digits=5, decimal_places=2)


class EvaluationSerializer(serializers.ModelSerializer):
    """`completeness`: how many criteria the OPD's self-assessment answered (read from the
    context's map when listing, so a page costs one query for all of them)."""

    round = serializers.UUIDField(source="round.code", read_only=True)
    round_name = serializers.CharField(source="round.name", read_only=True)
    year = serializers.IntegerField(source="round.year", read_only=True)
    opd = serializers.UUIDField(source="opd.code", default=None, read_only=True)
    opd_name = serializers.CharField(source="opd.name", default=None, read_only=True)
    completeness = serializers.SerializerMethodField()

    class Meta:
        model = Evaluation
        fields = [
            "code",
            "version",
            "round",
            "round_name",
            "year",
            "opd",
            "opd_name",
            "status",
            "score",
            "grade",
            "summary",
            "finalised_at",
            "completeness",
        ]

    @extend_schema_field(CompletenessSerializer)
    def get_completeness(self, obj: Evaluation) -> dict:
        known = self.context.get("completeness")
        done = known.get(obj.pk) if known is not None else rounds.completeness_of(obj)
        if done is None:
            done = rounds.completeness_of(obj)
        return CompletenessSerializer(done).data


class ScaleOptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = AnswerOption
        fields = ["label", "value"]


class AnswerSerializer(serializers.ModelSerializer):
    """One criterion of an evaluation: the criterion (number "1a.3", text, the answers its scale
    allows), the OPD's self-assessment, the proposal from the data and the evaluator's value."""

    evaluation = serializers.UUIDField(source="evaluation.code", read_only=True)
    criterion = serializers.UUIDField(source="criterion.code", read_only=True)
    number = serializers.SerializerMethodField()
    component = serializers.CharField(
        source="criterion.sub_component.component.name", read_only=True
    )
    sub_component = serializers.CharField(source="criterion.sub_component.name", read_only=True)
    text = serializers.CharField(source="criterion.text", read_only=True)
    options = serializers.SerializerMethodField()

    class Meta:
        model = Answer
        fields = [
            "code",
            "version",
            "evaluation",
            "criterion",
            "number",
            "component",
            "sub_component",
            "text",
            "options",
            "self_label",
            "self_value",
            "self_note",
            "self_at",
            "proposed_label",
            "proposed_value",
            "proposed_note",
            "proposed_link",
            "label",
            "value",
            "note",
            "scored_at",
        ]

    def get_number(self, obj: Answer) -> str:
        sub = obj.criterion.sub_component
        return f"{sub.component.number}{sub.ref}.{obj.criterion.number}"

    @extend_schema_field(ScaleOptionSerializer(many=True))
    def get_options(self, obj: Answer) -> list[dict]:
        by_scale = self.context.get("options")
        if by_scale is None or obj.criterion.scale_id not in by_scale:
            by_scale = _options([obj.criterion.scale_id])
        return ScaleOptionSerializer(by_scale.get(obj.criterion.scale_id, []), many=True).data


def _options(scale_ids) -> dict[int, list[AnswerOption]]:
    """The options of these scales in their order (one query)."""
    out: dict[int, list[AnswerOption]] = {}
    for option in AnswerOption.objects.filter(scale_id__in=set(scale_ids)).order_by("order", "id"):
        out.setdefault(option.scale_id, []).append(option)
    return out


def followup_file_url(item: FollowUp) -> str | None:
    if not item.file:
        return None
    try:
        return reverse("evaluation:followup_file", args=[item.code])
    except NoReverseMatch:  # pragma: no cover - the follow-up pages own this URL
        return None


class FollowUpSerializer(serializers.ModelSerializer):
    added_by = serializers.CharField(source="added_by.username", default=None, read_only=True)
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = FollowUp
        fields = ["code", "text", "done_on", "original_name", "sha256", "added_by", "file_url"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_file_url(self, obj: FollowUp) -> str | None:
        return followup_file_url(obj)


class RecommendationSerializer(serializers.ModelSerializer):
    evaluation = serializers.UUIDField(source="evaluation.code", read_only=True)
    year = serializers.IntegerField(source="evaluation.round.year", read_only=True)
    opd_name = serializers.CharField(source="evaluation.opd.name", default=None, read_only=True)
    component = serializers.IntegerField(source="component.number", default=None, read_only=True)
    owner_unit = serializers.UUIDField(source="owner_unit.code", default=None, read_only=True)
    owner_name = serializers.CharField(source="owner_unit.name", default=None, read_only=True)
    follow_ups = FollowUpSerializer(many=True, read_only=True)

    class Meta:
        model = Recommendation
        fields = [
            "code",
            "version",
            "evaluation",
            "year",
            "opd_name",
            "number",
            "text",
            "component",
            "owner_unit",
            "owner_name",
            "due_date",
            "status",
            "follow_ups",
        ]


# ---------------------------------------------------------------------------------------------
# Input serializers


class RoundFilterSerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


class EvaluationFilterSerializer(serializers.Serializer):
    round = serializers.UUIDField(required=False, help_text=_("The round's code."))
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    status = serializers.ChoiceField(choices=EvaluationStatus.choices, required=False)
    opd = serializers.UUIDField(required=False, help_text=_("The evaluated OPD's code."))


class AnswerFilterSerializer(serializers.Serializer):
    evaluation = serializers.UUIDField(help_text=_("The evaluation's code."))


class RecommendationFilterSerializer(serializers.Serializer):
    evaluation = serializers.UUIDField(required=False, help_text=_("The evaluation's code."))
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    status = serializers.ChoiceField(choices=RecommendationStatus.choices, required=False)


class AnswerInputSerializer(InputSerializer):
    label = serializers.CharField(
        allow_blank=True,
        max_length=10,
        help_text=_("An answer of the criterion's scale (see `options`)."),
    )
    note = serializers.CharField(allow_blank=True, required=False, default="")
    version = serializers.IntegerField(
        min_value=1, help_text=_("The version of the record as you read it.")
    )


class FollowUpInputSerializer(InputSerializer):
    text = serializers.CharField(help_text=_("The action taken."))
    done_on = serializers.DateField(required=False, allow_null=True, default=None)
    file = serializers.FileField(required=False, help_text=_("Evidence (PDF, image, XLSX, DOCX)."))


# ---------------------------------------------------------------------------------------------
# Viewsets


@extend_schema_view(
    list=extend_schema(summary="List evaluation rounds", parameters=[RoundFilterSerializer]),
    retrieve=extend_schema(summary="One evaluation round with its calendar"),
)
class EvaluationRoundViewSet(ListMixin, RetrieveMixin, ScopedViewSet):
    queryset = EvaluationRound.objects.none()
    serializer_class = EvaluationRoundSerializer

    def scoped_queryset(self) -> QuerySet[EvaluationRound]:
        qs = access.round_list(user=self.request.user)
        if self.action == "list":
            f = _filters(RoundFilterSerializer, self.request)
            if "year" in f:
                qs = qs.filter(year=f["year"])
        return qs.order_by("-year", "kind", "id")


@extend_schema_view(
    list=extend_schema(
        summary="List the evaluations you may read (an evaluator: those assigned)",
        parameters=[EvaluationFilterSerializer],
    ),
    retrieve=extend_schema(summary="One evaluation: status, score, grade, completeness"),
)
class EvaluationViewSet(RetrieveMixin, ScopedViewSet):
    queryset = Evaluation.objects.none()
    serializer_class = EvaluationSerializer

    def scoped_queryset(self) -> QuerySet[Evaluation]:
        qs = access.evaluation_list(user=self.request.user)
        if self.action == "list":
            f = _filters(EvaluationFilterSerializer, self.request)
            if "round" in f:
                qs = qs.filter(round__code=f["round"])
            if "year" in f:
                qs = qs.filter(round__year=f["year"])
            if "status" in f:
                qs = qs.filter(status=f["status"])
            if "opd" in f:
                qs = qs.filter(opd__code=f["opd"])
        return qs.order_by("-round__year", "round__kind", "opd__sort_order", "id")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.get_queryset()
        page = self.paginate_queryset(queryset)
        rows = list(page if page is not None else queryset)
        context = {
            **self.get_serializer_context(),
            "completeness": rounds.completeness_by_evaluation([e.pk for e in rows]),
        }
        data = EvaluationSerializer(rows, many=True, context=context).data
        return self.get_paginated_response(data) if page is not None else Response(data)


CONFLICT = OpenApiResponse(
    inline_serializer(
        "AnswerConflict", {"detail": serializers.CharField(), "current": AnswerSerializer()}
    ),
    description="Somebody else saved first; `current` holds their values.",
)


@extend_schema_view(
    list=extend_schema(
        summary="The answers of one evaluation, criterion by criterion",
        parameters=[AnswerFilterSerializer],
        responses={200: AnswerSerializer(many=True), 400: ERRORS[400], 404: ERRORS[404]},
    ),
    retrieve=extend_schema(summary="One answer with its criterion and scale"),
)
class AnswerViewSet(RetrieveMixin, ScopedViewSet):
    queryset = Answer.objects.none()
    serializer_class = AnswerSerializer

    def scoped_queryset(self) -> QuerySet[Answer]:
        return (
            Answer.objects.filter(evaluation__in=access.evaluation_list(user=self.request.user))
            .select_related("evaluation", "criterion__sub_component__component")
            .order_by(
                "criterion__sub_component__component__number",
                "criterion__sub_component__order",
                "criterion__sub_component__ref",
                "criterion__order",
                "criterion__number",
            )
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        f = _filters(AnswerFilterSerializer, request)
        evaluation = access.get_evaluation_for_user(request.user, f["evaluation"])
        queryset = self.get_queryset().filter(evaluation=evaluation)
        page = self.paginate_queryset(queryset)
        rows = list(page if page is not None else queryset)
        context = {
            **self.get_serializer_context(),
            "options": _options(a.criterion.scale_id for a in rows),
        }
        data = AnswerSerializer(rows, many=True, context=context).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def _write(self, request: Request, service) -> Response:
        answer = rounds.get_answer_for_user(request.user, self.kwargs["code"])
        serializer = self.get_input_serializer(AnswerInputSerializer, request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        service(
            actor=request.user,
            answer=answer,
            label=data["label"],
            note=data["note"],
            expected_version=data["version"],
        )
        return Response(self.get_serializer(self.reread(answer)).data)

    @extend_schema(
        summary="The OPD's self-assessment of this criterion (an empty label clears it)",
        request=AnswerInputSerializer,
        responses={200: AnswerSerializer, **ERRORS, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], url_path="self-assess", url_name="self-assess")
    def self_assess(self, request: Request, code: Any = None) -> Response:
        return self._write(request, rounds.answer_self_assess)

    @extend_schema(
        summary="The evaluator's value of this criterion (a note when it differs)",
        request=AnswerInputSerializer,
        responses={200: AnswerSerializer, **ERRORS, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def score(self, request: Request, code: Any = None) -> Response:
        return self._write(request, worksheet.answer_score)


@extend_schema_view(
    list=extend_schema(
        summary="List recommendations in your scope", parameters=[RecommendationFilterSerializer]
    ),
    retrieve=extend_schema(summary="One recommendation with its follow-up"),
)
class RecommendationViewSet(ListMixin, RetrieveMixin, ScopedViewSet):
    queryset = Recommendation.objects.none()
    serializer_class = RecommendationSerializer

    def scoped_queryset(self) -> QuerySet[Recommendation]:
        qs = followup.recommendation_list(user=self.request.user).prefetch_related(
            Prefetch(
                "follow_ups",
                queryset=FollowUp.objects.select_related("added_by").order_by("created_at", "id"),
            )
        )
        if self.action == "list":
            f = _filters(RecommendationFilterSerializer, self.request)
            if "evaluation" in f:
                qs = qs.filter(evaluation__code=f["evaluation"])
            if "year" in f:
                qs = qs.filter(evaluation__round__year=f["year"])
            if "status" in f:
                qs = qs.filter(status=f["status"])
        return qs.order_by("-evaluation__round__year", "evaluation__opd__sort_order", "number")

    @extend_schema(
        summary="Record a follow-up action (JSON, or multipart with an evidence `file`)",
        request={
            "application/json": FollowUpInputSerializer,
            "multipart/form-data": FollowUpInputSerializer,
        },
        responses={201: FollowUpSerializer, **ERRORS},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="follow-up",
        url_name="follow-up",
        parser_classes=[JSONParser, MultiPartParser, FormParser],
    )
    def follow_up(self, request: Request, code: Any = None) -> Response:
        recommendation = followup.get_recommendation_for_user(request.user, code)
        serializer = self.get_input_serializer(FollowUpInputSerializer, request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        upload = data.get("file")
        item = followup.followup_add(
            actor=request.user,
            recommendation=recommendation,
            text=data["text"],
            done_on=data.get("done_on"),
            name=upload.name if upload else "",
            content=upload.read() if upload else b"",
        )
        return Response(FollowUpSerializer(item).data, status=status.HTTP_201_CREATED)


def register(router: BaseRouter) -> None:
    """Add the evaluation viewsets to the v1 router."""
    router.register("evaluation-rounds", EvaluationRoundViewSet, basename="evaluation-round")
    router.register("evaluations", EvaluationViewSet, basename="evaluation")
    router.register("answers", AnswerViewSet, basename="answer")
    router.register("recommendations", RecommendationViewSet, basename="recommendation")
