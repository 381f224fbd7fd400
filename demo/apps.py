from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data set (`manage.py seed_demo`): it runs every app's demo module, so it sits on
    the top layer with the apps no other app imports (docs/ARCHITECTURE.md, "Layers")."""

    name = "demo"
