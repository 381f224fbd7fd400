from django.urls import path

from evaluations import views

app_name = "evaluations"

urlpatterns = [
    path("samtaler/<uuid:public_id>/vurdering/", views.GiveView.as_view(), name="give"),
    path("tilfredshed/", views.OverviewView.as_view(), name="overview"),
]
