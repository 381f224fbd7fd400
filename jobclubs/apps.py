from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobclubsConfig(AppConfig):
    name = "jobclubs"
    verbose_name = _("Industry job clubs")

    def ready(self) -> None:
        from accounts import policy
        from booking import hooks
        from jobclubs import access, selectors

        hooks.other_appointments.provide(selectors.seats_overlapping)
        hooks.coming_elsewhere.provide(selectors.coming_seats)
        policy.register_rules(access.RULES)
        policy.register_scopes(access.SCOPES)
