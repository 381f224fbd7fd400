"""Learning-group meetings, under /aktionslaering/moeder/."""

from django.urls import path

from learning.views import facilitation
from learning.views import meetings as views

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meetings"),
    path("nyt/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="meeting"),
    path("<int:pk>/ret/", views.MeetingEditView.as_view(), name="meeting_edit"),
    path("<int:pk>/aflys/", views.MeetingCancelView.as_view(), name="meeting_cancel"),
    path(
        "<int:pk>/facilitator/",
        facilitation.MeetingFacilitateView.as_view(),
        name="meeting_facilitate",
    ),
    path("<int:pk>/start/", facilitation.MeetingStartView.as_view(), name="meeting_start"),
    path("<int:pk>/afslut/", facilitation.MeetingEndView.as_view(), name="meeting_end"),
    path(
        "<int:pk>/punkter/<int:item_pk>/naeste/",
        facilitation.ItemNextView.as_view(),
        name="meeting_item_next",
    ),
    path(
        "<int:pk>/punkter/<int:item_pk>/spring-over/",
        facilitation.ItemSkipView.as_view(),
        name="meeting_item_skip",
    ),
    path(
        "<int:pk>/punkter/<int:item_pk>/noter/",
        facilitation.ItemNotesView.as_view(),
        name="meeting_item_notes",
    ),
    path(
        "<int:pk>/punkter/<int:item_pk>/flyt/",
        views.RoundMoveView.as_view(),
        name="meeting_round_move",
    ),
    path(
        "<int:pk>/punkter/<int:item_pk>/fravaer/",
        views.RoundAbsentView.as_view(),
        name="meeting_round_absent",
    ),
]
