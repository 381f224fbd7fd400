"""The dashboard, trends, exports and computations on demand (under /ledelse/, namespace
"kpis"); the targets and the implementation plan are in `urls_targets`."""

from django.urls import path

from kpis import dashboard_views as views

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("definitioner/", views.DefinitionsView.as_view(), name="definitions"),
    path("teams/", views.TeamsView.as_view(), name="teams"),
    path("teams/<int:pk>/", views.ConsultantsView.as_view(), name="consultants"),
    path("tendens/<str:key>/", views.TrendView.as_view(), name="trend"),
    path("eksport/", views.ExportView.as_view(), name="export"),
    path("beregn/", views.RecomputeView.as_view(), name="recompute"),
    path("beregning/<int:pk>/", views.RunStatusView.as_view(), name="run_status"),
]
