from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "apps.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from apps.reporting import registry  # noqa: F401  (registers menu, inbox, actions)
