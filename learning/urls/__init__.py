"""Action learning under /aktionslaering/ (namespace "learning"): the logbook and the team's
techniques, observations with feedback, learning-group meetings, sparring weeks and sessions;
guests of the method (the team leader's page, and the guest's own under /gaest/)."""

from django.urls import include, path

from learning.urls import guests, logbook, meetings, observations, sparring

app_name = "learning"

urlpatterns = [
    path("aktionslaering/", include(logbook.urlpatterns)),
    path("aktionslaering/observationer/", include(observations.urlpatterns)),
    path("aktionslaering/moeder/", include(meetings.urlpatterns)),
    path("aktionslaering/sparring/", include(sparring.urlpatterns)),
    path("", include(guests.urlpatterns)),
]
