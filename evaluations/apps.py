from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Citizens' evaluations")

    def ready(self) -> None:
        from accounts import policy
        from booking import hooks
        from evaluations import access, selectors

        hooks.pending_evaluations.provide(selectors.pending_for)
        policy.register_rules(access.RULES)
