from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "apps.agreements"
    label = "agreements"
    verbose_name = _("Perjanjian Kinerja")

    def ready(self) -> None:
        from apps.agreements import registry  # noqa: F401  (registers menu and inbox)
