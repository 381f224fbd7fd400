from django.urls import path

from courses.views import citizen, records, transitions

app_name = "courses"
urlpatterns = [
    path("forloeb/", records.CourseListView.as_view(), name="list"),
    path("forloeb/nyt/", records.CourseCreateView.as_view(), name="create"),
    path("forloeb/<uuid:public_id>/", records.CourseDetailView.as_view(), name="detail"),
    path("forloeb/<uuid:public_id>/ret/", records.CourseEditView.as_view(), name="edit"),
    path(
        "forloeb/<uuid:public_id>/send-til-godkendelse/",
        transitions.CourseSubmitView.as_view(),
        name="submit",
    ),
    path(
        "forloeb/<uuid:public_id>/godkend/", transitions.CourseApproveView.as_view(), name="approve"
    ),
    path("forloeb/<uuid:public_id>/start/", transitions.CourseStartView.as_view(), name="start"),
    path("forloeb/<uuid:public_id>/afslut/", transitions.CourseEndView.as_view(), name="end"),
    path("forloeb/<uuid:public_id>/aflys/", transitions.CourseCancelView.as_view(), name="cancel"),
    path("mine-forloeb/<uuid:public_id>/", citizen.OwnCourseView.as_view(), name="own_detail"),
]
