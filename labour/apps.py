from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabourConfig(AppConfig):
    name = "labour"
    verbose_name = _("Labour-market knowledge")

    def ready(self) -> None:
        from accounts import policy
        from labour import access

        policy.register_rules(access.RULES)
