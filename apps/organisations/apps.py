from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "apps.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from apps.core import registry
        from apps.organisations import inbox

        registry.register_inbox_provider(inbox.pending_items)
