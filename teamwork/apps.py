from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamworkConfig(AppConfig):
    name = "teamwork"
    verbose_name = _("Cooperation between job and business consultants")

    def ready(self) -> None:
        from accounts import policy
        from teamwork import access

        policy.register_rules(access.RULES)
