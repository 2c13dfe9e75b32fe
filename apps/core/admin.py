from __future__ import annotations

from django.contrib import admin

from apps.core.models import ActivityLog, Job


@admin.register(ActivityLog)
class ActivityLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "object_repr", "actor", "pemda"]
    list_filter = ["action"]
    list_select_related = ["actor", "pemda"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "status", "progress", "owner"]
    list_filter = ["status", "kind"]
    list_select_related = ["owner"]
