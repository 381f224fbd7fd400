from django.urls import path

from learning.views import guests as views

urlpatterns = [
    path("aktionslaering/gaester/", views.GuestsView.as_view(), name="guests"),
    path(
        "aktionslaering/gaester/<uuid:public_id>/afslut/",
        views.GuestEndView.as_view(),
        name="guest_end",
    ),
    path("gaest/<uuid:public_id>/", views.GuestPageView.as_view(), name="guest_page"),
]
