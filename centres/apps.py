from django.apps import AppConfig


class CentresConfig(AppConfig):
    name = "centres"
