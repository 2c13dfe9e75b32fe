from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "apps.performance"
    label = "performance"
    verbose_name = _("Performance tree")

    def ready(self) -> None:
        from apps.core import registry
        from apps.core.activity import register_actions
        from apps.performance import inbox
        from apps.performance.activity import ACTION_LABELS

        register_actions(ACTION_LABELS)
        registry.register_inbox_provider(inbox.pending_items)
