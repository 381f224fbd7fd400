from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CvConfig(AppConfig):
    name = "cv"
    verbose_name = _("CV")
