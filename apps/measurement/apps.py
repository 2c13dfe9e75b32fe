from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasurementConfig(AppConfig):
    name = "apps.measurement"
    label = "measurement"
    verbose_name = _("Measurement")

    def ready(self) -> None:
        from apps.measurement import registry  # noqa: F401  (registers menu, inbox, actions)
