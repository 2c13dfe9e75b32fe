from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "apps.planning"
    label = "planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        from apps.core import registry
        from apps.core.activity import register_actions

        register_actions({"sakip.nomenclature.imported": _("imported the nomenclature")})
        # National reference data: every signed-in user may read it.
        registry.register_nav(
            registry.NavEntry(_("Nomenclature"), "planning:nomenclature_list", _signed_in, 70)
        )


def _signed_in(scope) -> bool:
    return not scope.is_anonymous
