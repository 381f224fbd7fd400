"""The consultant side of self-booking; included by booking.urls inside the "booking"
namespace."""

from django.urls import path

from booking.views import calendar, cards
from booking.views import staff as staff_views

urlpatterns = [
    path("kalender/", calendar.CalendarDayView.as_view(), name="calendar_day"),
    path("kalender/uge/", calendar.CalendarWeekView.as_view(), name="calendar_week"),
    path(
        "kalender/samtale/<uuid:public_id>/",
        calendar.StaffBookingView.as_view(),
        name="staff_detail",
    ),
    path(
        "borgere/<uuid:citizen_id>/samtaler/",
        staff_views.CitizenBookingsView.as_view(),
        name="citizen_bookings",
    ),
    path(
        "borgere/<uuid:citizen_id>/frister/<int:pk>/tilbagekald/",
        staff_views.DeadlineWithdrawView.as_view(),
        name="deadline_withdraw",
    ),
    path(
        "borgere/<uuid:citizen_id>/frister/<int:pk>/kort/",
        cards.DeadlineCardView.as_view(),
        name="deadline_card",
    ),
    path(
        "borgere/<uuid:citizen_id>/fravaer/",
        staff_views.CitizenAbsenceView.as_view(),
        name="citizen_absence",
    ),
    path("borgere/<uuid:citizen_id>/indkald/", staff_views.SummonView.as_view(), name="summon"),
]
