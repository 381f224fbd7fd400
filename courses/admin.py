from django.contrib import admin

from courses.models import CourseRule


@admin.register(CourseRule)
class CourseRuleAdmin(admin.ModelAdmin):
    """A job centre's longest periods per kind of course (defaults in courses/rules.py)."""

    list_display = ("job_centre", "kind", "target_group", "max_weeks")
    list_filter = ("job_centre", "kind")
