from django.urls import path

from labour.views import matching as matching_views

urlpatterns = [
    path(
        "jobmatch/borger/<uuid:public_id>/",
        matching_views.CitizenMatchesView.as_view(),
        name="citizen_matches",
    ),
    path(
        "jobmatch/stilling/<uuid:public_id>/",
        matching_views.OpeningMatchesView.as_view(),
        name="opening_matches",
    ),
    path(
        "borgere/<uuid:public_id>/transport/",
        matching_views.CitizenTravelView.as_view(),
        name="citizen_travel",
    ),
    path("mine-oplysninger/transport/", matching_views.OwnTravelView.as_view(), name="own_travel"),
]
