from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "apps.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation (LKE)")

    def ready(self) -> None:
        from apps.evaluation import registry  # noqa: F401  (registers menu, inbox, actions)
