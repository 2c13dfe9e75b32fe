"""REST API of the reporting app: LKjIP reports (list, detail with the narratives) and their
sections (read one, write one with the version read: 409 with the other person's text when
somebody saved first). Lookups go through apps.reporting.selectors; writes are one service call."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from apps.core.api import InputSerializer, ListMixin, RetrieveMixin, ScopedViewSet
from apps.reporting import selectors, services
from apps.reporting.models import Report, Section


class SectionSerializer(serializers.ModelSerializer):
    updated_by = serializers.CharField(source="updated_by.username", default="", read_only=True)

    class Meta:
        model = Section
        fields = ["key", "body", "version", "updated_by", "updated_at"]


class ReportSerializer(serializers.ModelSerializer):
    opd = serializers.CharField(source="opd.name", default=None, read_only=True)
    opd_code = serializers.UUIDField(source="opd.code", default=None, read_only=True)
    sections = SectionSerializer(many=True, read_only=True)

    class Meta:
        model = Report
        fields = [
            "code",
            "version",
            "kind",
            "year",
            "opd",
            "opd_code",
            "status",
            "reviu_statement",
            "reviu_at",
            "published_at",
            "pdf_sha256",
            "sections",
        ]


class SectionInputSerializer(InputSerializer):
    body = serializers.CharField(
        allow_blank=True, max_length=services.MAX_BODY, trim_whitespace=False
    )
    version = serializers.IntegerField(
        min_value=0, help_text="The section's version as you read it (0: not written yet)."
    )


@extend_schema_view(
    list=extend_schema(summary="List the LKjIP reports in your scope (?year=)"),
    retrieve=extend_schema(summary="One LKjIP report with its narrative sections"),
)
class ReportViewSet(ListMixin, RetrieveMixin, ScopedViewSet):
    queryset = Report.objects.none()
    serializer_class = ReportSerializer

    def scoped_queryset(self):
        year = self.request.query_params.get("year")
        return selectors.report_list(
            user=self.request.user, year=int(year) if year and year.isdigit() else None
        ).prefetch_related("sections__updated_by")

    def _section(self, report: Report, key: str) -> Section:
        section = Section.objects.filter(report=report, key=key).select_related("updated_by")
        found = section.first()
        if found is None:
            raise Http404
        return found

    def serialize_current(self, obj: Any) -> dict[str, Any]:
        if isinstance(obj, Section):
            return SectionSerializer(obj).data
        return super().serialize_current(obj)

    @extend_schema(
        summary="Read or write one narrative section",
        request=SectionInputSerializer,
        responses={
            200: SectionSerializer,
            400: OpenApiResponse(description="Per-field messages."),
            403: OpenApiResponse(description="Not yours to write."),
            404: OpenApiResponse(description="Not found in your scope."),
            409: OpenApiResponse(description="Somebody saved first; `current` holds their text."),
        },
    )
    @action(
        detail=True,
        methods=["get", "put"],
        url_path=r"sections/(?P<key>[a-z0-9]+(?::[0-9a-f-]{36})?)",
        url_name="section",
    )
    def section(self, request: Request, code: Any = None, key: str = "") -> Response:
        report = self.get_object()
        if request.method == "GET":
            return Response(SectionSerializer(self._section(report, key)).data)
        serializer = self.get_input_serializer(SectionInputSerializer, request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        section = services.section_save(
            actor=request.user,
            report=report,
            key=key,
            body=data["body"],
            expected_version=data["version"],
        )
        return Response(SectionSerializer(self._section(report, section.key)).data)


def register(router: BaseRouter) -> None:
    router.register("reports", ReportViewSet, basename="lkjip")
