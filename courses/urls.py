from django.urls import path

from courses import views

app_name = "courses"
urlpatterns = [
    path("forloeb/", views.CourseListView.as_view(), name="list"),
    path("forloeb/nyt/", views.CourseCreateView.as_view(), name="create"),
    path("forloeb/<uuid:public_id>/", views.CourseDetailView.as_view(), name="detail"),
    path("forloeb/<uuid:public_id>/ret/", views.CourseEditView.as_view(), name="edit"),
    path(
        "forloeb/<uuid:public_id>/send-til-godkendelse/",
        views.CourseSubmitView.as_view(),
        name="submit",
    ),
    path("forloeb/<uuid:public_id>/godkend/", views.CourseApproveView.as_view(), name="approve"),
    path("forloeb/<uuid:public_id>/start/", views.CourseStartView.as_view(), name="start"),
    path("forloeb/<uuid:public_id>/afslut/", views.CourseEndView.as_view(), name="end"),
    path("forloeb/<uuid:public_id>/aflys/", views.CourseCancelView.as_view(), name="cancel"),
    path("mine-forloeb/<uuid:public_id>/", views.OwnCourseView.as_view(), name="own_detail"),
]
