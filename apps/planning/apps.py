from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "apps.planning"
    label = "planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        from apps.core.activity import register_actions

        register_actions({"sakip.nomenclature.imported": _("imported the nomenclature")})
