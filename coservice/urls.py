from django.urls import path

from coservice import views

app_name = "coservice"
urlpatterns = [
    path("medbetjening/", views.StartView.as_view(), name="start"),
    path("medbetjening/afslut/", views.EndView.as_view(), name="end"),
    path("medbetjening/mine/", views.OwnSessionsView.as_view(), name="own"),
    path("medbetjening/mine/<uuid:public_id>/afslut/", views.OwnEndView.as_view(), name="own_end"),
    path("medbetjening/tal/", views.FiguresView.as_view(), name="figures"),
]
