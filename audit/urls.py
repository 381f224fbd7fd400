from django.urls import path

from audit import views

app_name = "audit"
urlpatterns = [
    path("mine-oplysninger/hvem-har-set/", views.OwnLookupsView.as_view(), name="own_lookups"),
]
