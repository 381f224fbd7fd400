from django.urls import path

from plans import views

app_name = "plans"
urlpatterns = [
    path("min-plan/", views.OwnPlanView.as_view(), name="own"),
    path("min-plan/ret/", views.PlanEditView.as_view(), name="edit"),
    path("min-plan/job-plan/<str:letter>/", views.TrackEditView.as_view(), name="track"),
    path(
        "min-plan/lektier/<int:pk>/lavet/",
        views.HomeworkDoneView.as_view(),
        name="homework_done",
    ),
    path("min-plan/godkend/", views.ApproveView.as_view(), name="approve"),
    path("min-plan/historik/", views.HistoryView.as_view(), name="history"),
    path("borgere/<uuid:citizen_id>/plan/", views.StaffPlanView.as_view(), name="staff_view"),
]
