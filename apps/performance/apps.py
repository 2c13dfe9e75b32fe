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
        # Menu entries of the plan pages: every member of a Pemda reads the plans in scope.
        for label, url_name, order in (
            (_("RPJMD"), "performance:rpjmd_list", 20),
            (_("Renstra"), "performance:renstra_list", 21),
            (_("Renja"), "performance:renja_list", 22),
        ):
            registry.register_nav(registry.NavEntry(label, url_name, _has_grant, order))
        from apps.performance import nav_tree  # noqa: F401  (registers the "Pohon kinerja" menu)


def _has_grant(scope) -> bool:
    return bool(scope.grants)
