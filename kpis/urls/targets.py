"""Targets (måltal) and the implementation plan, mounted under /ledelse/ by `kpis.urls`."""

from django.urls import path

from kpis.views import targets as views

urlpatterns = [
    path("maal/", views.TargetsView.as_view(), name="targets"),
    path("maal/nyt/", views.TargetCreateView.as_view(), name="target_create"),
    path("maal/<int:pk>/ret/", views.TargetEditView.as_view(), name="target_edit"),
    path("maal/<int:pk>/slet/", views.TargetDeleteView.as_view(), name="target_delete"),
    path("implementering/", views.ImplementationView.as_view(), name="implementation"),
    path("implementering/ret/", views.ImplementationEditView.as_view(), name="implementation_edit"),
    path(
        "implementering/milepael/ny/",
        views.MilestoneCreateView.as_view(),
        name="milestone_create",
    ),
    path(
        "implementering/milepael/<int:pk>/naaet/",
        views.MilestoneDoneView.as_view(),
        name="milestone_done",
    ),
    path(
        "implementering/milepael/<int:pk>/genaabn/",
        views.MilestoneReopenView.as_view(),
        name="milestone_reopen",
    ),
    path(
        "implementering/milepael/<int:pk>/slet/",
        views.MilestoneDeleteView.as_view(),
        name="milestone_delete",
    ),
]
