"""The dashboard, trends, exports and computations on demand (under /ledelse/, namespace
"kpis"); the read-only pages read from the replica when there is one
(common/routers.py). The targets and the implementation plan are in `kpis.urls.targets`."""

from django.urls import path

from common.routers import replica_reads
from kpis.views import dashboard as views

urlpatterns = [
    path("", replica_reads(views.DashboardView.as_view()), name="dashboard"),
    path("definitioner/", views.DefinitionsView.as_view(), name="definitions"),
    path("teams/", replica_reads(views.TeamsView.as_view()), name="teams"),
    path("teams/<int:pk>/", replica_reads(views.ConsultantsView.as_view()), name="consultants"),
    path("tendens/<str:key>/", replica_reads(views.TrendView.as_view()), name="trend"),
    path("eksport/", replica_reads(views.ExportView.as_view()), name="export"),
    path("beregn/", views.RecomputeView.as_view(), name="recompute"),
    path("beregning/<int:pk>/", views.RunStatusView.as_view(), name="run_status"),
]
