from django.urls import path

from conversations.views import guide as views
from conversations.views import journal, own_guide
from conversations.views import prepare as prepare_views

app_name = "conversations"

CONVERSATION = "kalender/samtale/<uuid:public_id>/"

urlpatterns = [
    path("samtaleguide/drejebog/", own_guide.OwnGuideView.as_view(), name="own_guide"),
    path(f"{CONVERSATION}forbered/", prepare_views.PrepareView.as_view(), name="prepare"),
    path(f"{CONVERSATION}samtaleguide/", views.GuideView.as_view(), name="guide"),
    path(
        f"{CONVERSATION}samtaleguide/noter/<str:field>/",
        views.GuideNoteView.as_view(),
        name="guide_note",
    ),
    path(f"{CONVERSATION}samtaleguide/timeout/", views.TimeoutView.as_view(), name="timeout"),
    path(f"{CONVERSATION}samtaleguide/aftale/", views.AgreementView.as_view(), name="agreement"),
    path(
        f"{CONVERSATION}samtaleguide/hjemmeopgave/", views.HomeworkView.as_view(), name="homework"
    ),
    path(f"{CONVERSATION}samtaleguide/frist/", views.DeadlineView.as_view(), name="deadline"),
    path(f"{CONVERSATION}samtaleguide/afslut/", views.FinishView.as_view(), name="finish"),
    path(f"{CONVERSATION}journal/", journal.JournalView.as_view(), name="journal"),
    path(f"{CONVERSATION}journal/endelig/", journal.JournalFinaliseView.as_view(), name="finalise"),
    path(f"{CONVERSATION}journal/tilfoejelse/", journal.AmendView.as_view(), name="amend"),
    path(f"{CONVERSATION}selvvurdering/", journal.SelfRatingView.as_view(), name="self_rating"),
]
