from django.urls import path

from teamwork import views

app_name = "teamwork"

urlpatterns = [
    path("samarbejde/", views.OverviewView.as_view(), name="overview"),
    path("samarbejde/moede/", views.StandingMeetingView.as_view(), name="standing"),
    path("samarbejde/referat/", views.MinutesView.as_view(), name="minutes"),
    path(
        "samarbejde/opfoelgning/<uuid:public_id>/udfoert/",
        views.FollowUpDoneView.as_view(),
        name="follow_up_done",
    ),
    path("samarbejde/efterspoergsel/ny/", views.RequestCreateView.as_view(), name="request"),
    path(
        "samarbejde/efterspoergsel/<uuid:public_id>/svar/",
        views.RequestAnswerView.as_view(),
        name="request_answer",
    ),
    path("samarbejde/makkerpar/", views.PairStartView.as_view(), name="pair"),
    path(
        "samarbejde/makkerpar/<uuid:public_id>/slut/",
        views.PairEndView.as_view(),
        name="pair_end",
    ),
]
