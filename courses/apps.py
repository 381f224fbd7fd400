from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Company-oriented courses")

    def ready(self) -> None:
        from courses.selectors import own_courses
        from plans import hooks

        hooks.own_courses.provide(own_courses)
