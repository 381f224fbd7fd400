from django.urls import include, path

from booking.views import book, cards
from booking.views import citizen as views

app_name = "booking"
urlpatterns = [
    path("samtaler/", views.MyBookingsView.as_view(), name="list"),
    path("samtaler/book/", book.BookView.as_view(), name="start"),
    path("samtaler/frist/", cards.OwnDeadlineCardView.as_view(), name="deadline_card_own"),
    path("samtaler/<uuid:public_id>/", views.BookingDetailView.as_view(), name="detail"),
    path("samtaler/<uuid:public_id>/flyt/", views.RescheduleView.as_view(), name="reschedule"),
    path("samtaler/<uuid:public_id>/aflys/", views.CancelView.as_view(), name="cancel"),
    path("samtaler/<uuid:public_id>/samtale.ics", views.IcsView.as_view(), name="ics"),
    path("samtaler/<uuid:public_id>/aftalekort/", views.CardView.as_view(), name="card"),
    path(
        "borgere/<uuid:citizen_id>/vend-skaermen/",
        book.FacilitatedBookView.as_view(),
        name="facilitate",
    ),
    path("", include("booking.urls.staff")),
]
