from django.urls import path

from suggestions.views import citizen as views
from suggestions.views import config as config_views
from suggestions.views import staff as staff_views

app_name = "suggestions"
urlpatterns = [
    path("jobforslag/", views.OwnView.as_view(), name="own"),
    path("jobforslag/<int:pk>/set/", views.SeenView.as_view(), name="seen"),
    path(
        "jobforslag/<int:pk>/ikke-relevant/", views.NotRelevantView.as_view(), name="not_relevant"
    ),
    path("jobforslag/<int:pk>/gem-i-joblog/", views.SaveView.as_view(), name="save"),
    path(
        "borgere/<uuid:citizen_id>/jobforslag/",
        staff_views.CitizenSuggestionsView.as_view(),
        name="citizen",
    ),
    path("indstillinger/jobforslag/", config_views.RulesView.as_view(), name="rules"),
]
