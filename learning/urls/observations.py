"""Observations with feedback, under /aktionslaering/observationer/."""

from django.urls import path

from learning.views import observations as views

urlpatterns = [
    path("", views.ObservationListView.as_view(), name="observations"),
    path("ny/", views.ObservationCreateView.as_view(), name="observation_create"),
    path("<int:pk>/", views.ObservationDetailView.as_view(), name="observation"),
    path("<int:pk>/accepter/", views.ObservationAcceptView.as_view(), name="observation_accept"),
    path("<int:pk>/afslaa/", views.ObservationDeclineView.as_view(), name="observation_decline"),
    path("<int:pk>/aflys/", views.ObservationCancelView.as_view(), name="observation_cancel"),
    path("<int:pk>/samtykke/", views.ObservationConsentView.as_view(), name="observation_consent"),
    path(
        "<int:pk>/feedback/", views.ObservationFeedbackView.as_view(), name="observation_feedback"
    ),
    path(
        "<int:pk>/kvitter/",
        views.ObservationAcknowledgeView.as_view(),
        name="observation_acknowledge",
    ),
]
