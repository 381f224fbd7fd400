from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoserviceConfig(AppConfig):
    name = "coservice"
    verbose_name = _("Co-service")

    def ready(self) -> None:
        from accounts import policy
        from booking import hooks
        from coservice import access
        from coservice.middleware import facilitator

        policy.register_rules(access.RULES)
        hooks.facilitator.provide(facilitator)
