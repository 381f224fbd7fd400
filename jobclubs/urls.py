from django.urls import path

from jobclubs.views import clubs, seats

app_name = "jobclubs"
urlpatterns = [
    path("jobklubber/", seats.ClubListView.as_view(), name="list"),
    path("jobklubber/ny/", clubs.ClubCreateView.as_view(), name="create"),
    path("jobklubber/<uuid:public_id>/", seats.ClubDetailView.as_view(), name="detail"),
    path("jobklubber/<uuid:public_id>/ret/", clubs.ClubEditView.as_view(), name="edit"),
    path("jobklubber/<uuid:public_id>/aflys/", clubs.ClubCancelView.as_view(), name="cancel"),
    path("jobklubber/<uuid:public_id>/book/", seats.SeatBookView.as_view(), name="book"),
    path(
        "jobklubber/<uuid:public_id>/afbestil/", seats.SeatCancelView.as_view(), name="seat_cancel"
    ),
    path("jobklubber/<uuid:public_id>/kalender.ics", seats.SeatIcsView.as_view(), name="ics"),
]
