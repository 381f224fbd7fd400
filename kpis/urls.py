"""The leaders' pages under /ledelse/ (namespace "kpis"): the dashboard, trends and exports
(`urls_dashboard`), targets and the implementation plan (`urls_targets`)."""

from django.urls import include, path

from kpis import urls_dashboard, urls_targets

app_name = "kpis"

urlpatterns = [path("ledelse/", include(urls_dashboard.urlpatterns + urls_targets.urlpatterns))]
