from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingConfig(AppConfig):
    name = "booking"
    verbose_name = _("Self-booking")

    def ready(self) -> None:
        from accounts import policy
        from booking import access

        policy.register_scopes(access.SCOPES)
