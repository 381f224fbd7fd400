from django.urls import path

from citizens import views

app_name = "citizens"
urlpatterns = [
    path("borgere/", views.CitizenListView.as_view(), name="list"),
    path("borgere/opret/", views.CitizenCreateView.as_view(), name="create"),
    path("borgere/<uuid:public_id>/", views.CitizenDetailView.as_view(), name="detail"),
    path("borgere/<uuid:public_id>/ret/", views.CitizenUpdateView.as_view(), name="update"),
    path("mine-oplysninger/", views.OwnProfileView.as_view(), name="own_profile"),
    path("mine-oplysninger/kontakt/", views.OwnContactView.as_view(), name="own_contact"),
]
