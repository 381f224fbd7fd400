"""Sparring weeks and sessions, under /aktionslaering/sparring/."""

from django.urls import path

from learning.views import sparring as views

urlpatterns = [
    path("", views.SparringListView.as_view(), name="sparring"),
    path("ny/", views.SparringCreateView.as_view(), name="sparring_create"),
    path("<int:pk>/", views.SparringEventView.as_view(), name="sparring_event"),
    path("<int:pk>/ret/", views.SparringEditView.as_view(), name="sparring_edit"),
    path(
        "<int:pk>/program/",
        views.ProgrammeAddView.as_view(),
        name="sparring_programme_add",
    ),
    path(
        "<int:pk>/program/<int:item_pk>/udfoert/",
        views.ProgrammeDoneView.as_view(),
        name="sparring_programme_done",
    ),
    path(
        "<int:pk>/program/<int:item_pk>/slet/",
        views.ProgrammeRemoveView.as_view(),
        name="sparring_programme_remove",
    ),
    path("<int:pk>/borgere/ny/", views.CaseAddView.as_view(), name="sparring_case_add"),
    path(
        "<int:pk>/borgere/<int:case_pk>/fjern/",
        views.CaseRemoveView.as_view(),
        name="sparring_case_remove",
    ),
]
