from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("My plan")

    def ready(self) -> None:
        from joblog import hooks
        from plans.widen import track_letters

        hooks.track_letters.provide(track_letters)
