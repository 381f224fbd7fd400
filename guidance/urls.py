from django.urls import path

from guidance import views

app_name = "guidance"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("<slug:slug>/", views.GuideView.as_view(), name="guide"),
    path("<slug:slug>/note/", views.NoteEditView.as_view(), name="note_edit"),
]
