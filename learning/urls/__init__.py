"""Action learning under /aktionslaering/ (namespace "learning"): the logbook and the team's
techniques, observations with feedback, learning-group meetings, sparring weeks and sessions."""

from django.urls import include, path

from learning.urls import logbook, meetings, observations, sparring

app_name = "learning"

urlpatterns = [
    path("aktionslaering/", include(logbook.urlpatterns)),
    path("aktionslaering/observationer/", include(observations.urlpatterns)),
    path("aktionslaering/moeder/", include(meetings.urlpatterns)),
    path("aktionslaering/sparring/", include(sparring.urlpatterns)),
]
