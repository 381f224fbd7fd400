"""The leaders' pages under /ledelse/ (namespace "kpis"): the dashboard, trends and exports
(`kpis.urls.dashboard`), targets and the implementation plan (`kpis.urls.targets`)."""

from django.urls import include, path

from kpis.urls import dashboard as urls_dashboard
from kpis.urls import targets as urls_targets

app_name = "kpis"

urlpatterns = [path("ledelse/", include(urls_dashboard.urlpatterns + urls_targets.urlpatterns))]
