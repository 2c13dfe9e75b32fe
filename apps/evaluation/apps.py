from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "apps.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation (LKE)")

    def ready(self) -> None:
        from apps.core.activity import register_actions
        from apps.evaluation import registry  # noqa: F401  (registers menu, inbox, actions)

        register_actions(
            {
                "sakip.lke_template.installed": _("installed the LKE template"),
                "sakip.lke_template.cloned": _("cloned the LKE template"),
                "sakip.lke_template.imported": _("imported the LKE template"),
                "sakip.lke_template.locked": _("locked the LKE template"),
                "sakip.lke_template.changed": _("changed the LKE template"),
            }
        )
