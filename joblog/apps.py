from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JoblogConfig(AppConfig):
    name = "joblog"
    verbose_name = _("Joblog")
