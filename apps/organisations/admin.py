"""Django admin for deployment superusers (Pemda admins use the app's own pages). Read-mostly:
tree writes must go through the services, so units cannot be added or moved here."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from apps.core import revisions
from apps.organisations.models import (
    Assignment,
    Membership,
    OrgUnit,
    Person,
    PlanPeriod,
    Position,
    User,
)


class RaisesRevision:
    """Edits here bypass the services and their activity log: each raises the data revision of
    every Pemda, so that no cached page outlives it (apps.core.pagecache)."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        revisions.bump_all()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        revisions.bump_all()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        revisions.bump_all()


@admin.register(OrgUnit)
class OrgUnitAdmin(RaisesRevision, SimpleHistoryAdmin):
    list_display = ["name", "unit_type", "opd_code", "pemda", "is_active"]
    list_filter = ["unit_type", "is_active"]
    search_fields = ["name", "opd_code"]
    list_select_related = ["pemda"]
    readonly_fields = ["code", "pemda", "parent", "opd", "unit_type", "version"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Position)
class PositionAdmin(RaisesRevision, SimpleHistoryAdmin):
    list_display = ["title", "level", "unit", "is_head", "is_active"]
    list_filter = ["level", "is_head"]
    search_fields = ["title"]
    list_select_related = ["unit"]
    raw_id_fields = ["unit", "opd", "superior", "pemda"]


@admin.register(Person)
class PersonAdmin(RaisesRevision, SimpleHistoryAdmin):
    list_display = ["name", "nip", "pangkat", "unit"]
    search_fields = ["name", "nip"]
    list_select_related = ["unit"]
    raw_id_fields = ["unit", "pemda"]


@admin.register(Assignment)
class AssignmentAdmin(RaisesRevision, SimpleHistoryAdmin):
    list_display = ["person", "position", "kind", "start_date", "end_date"]
    list_select_related = ["person", "position"]
    raw_id_fields = ["person", "position", "pemda"]


@admin.register(Membership)
class MembershipAdmin(RaisesRevision, SimpleHistoryAdmin):
    list_display = ["user", "role", "unit"]
    list_filter = ["role"]
    list_select_related = ["user", "unit"]
    raw_id_fields = ["user", "unit", "pemda"]


@admin.register(PlanPeriod)
class PlanPeriodAdmin(RaisesRevision, SimpleHistoryAdmin):
    list_display = ["name", "start_year", "end_year", "pemda"]
    raw_id_fields = ["pemda"]


@admin.register(User)
class SakipUserAdmin(RaisesRevision, UserAdmin):
    list_display = ["username", "first_name", "last_name", "pemda", "is_active", "is_superuser"]
    list_select_related = ["pemda"]
    raw_id_fields = ["pemda", "person"]
    fieldsets = (*UserAdmin.fieldsets, ("SAKIP", {"fields": ("pemda", "person")}))
