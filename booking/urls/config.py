from django.urls import path

from booking.views import config as views
from booking.views import hours

app_name = "booking_config"
urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("emner/", views.TopicListView.as_view(), name="topic_list"),
    path("emner/opret/", views.TopicCreateView.as_view(), name="topic_create"),
    path("emner/<int:pk>/", views.TopicUpdateView.as_view(), name="topic_update"),
    path("emner/<int:pk>/slet/", views.TopicDeleteView.as_view(), name="topic_delete"),
    path("lokaler/", views.RoomListView.as_view(), name="room_list"),
    path("lokaler/opret/", views.RoomCreateView.as_view(), name="room_create"),
    path("lokaler/<int:pk>/", views.RoomUpdateView.as_view(), name="room_update"),
    path("lukkedage/", views.ClosingDayListView.as_view(), name="closing_day_list"),
    path(
        "lukkedage/<int:pk>/slet/",
        views.ClosingDayDeleteView.as_view(),
        name="closing_day_delete",
    ),
    path("regler/", views.RulesView.as_view(), name="rules"),
    path("arbejdstider/", hours.WorkingHoursListView.as_view(), name="working_hours_list"),
    path(
        "arbejdstider/<int:user_id>/",
        hours.WorkingHoursUpdateView.as_view(),
        name="working_hours_update",
    ),
    path("mine-arbejdstider/", hours.OwnHoursView.as_view(), name="own_hours"),
    path(
        "mine-arbejdstider/fravaer/<int:pk>/slet/",
        hours.OwnAbsenceDeleteView.as_view(),
        name="own_absence_delete",
    ),
]
