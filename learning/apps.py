from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Action learning")

    def ready(self) -> None:
        from accounts import policy
        from learning import access

        policy.register_rules(access.RULES)
