from django.urls import path

from joblog import config_views, staff_views, views

app_name = "joblog"
urlpatterns = [
    path("joblog/", views.ListView.as_view(), name="list"),
    path("joblog/ny/", views.CreateView.as_view(), name="create"),
    path("joblog/<int:pk>/", views.UpdateView.as_view(), name="update"),
    path("joblog/<int:pk>/status/", views.StatusView.as_view(), name="status"),
    path("joblog/<int:pk>/slet/", views.DeleteView.as_view(), name="delete"),
    path("joblog/fremgang/", views.ProgressView.as_view(), name="progress"),
    path("joblog/eksport.csv", views.ExportCsvView.as_view(), name="export_csv"),
    path("joblog/eksport.xlsx", views.ExportXlsxView.as_view(), name="export_xlsx"),
    path("joblog/udskriv/", views.PrintView.as_view(), name="print"),
    path(
        "indstillinger/joblog/maalestokke/",
        config_views.YardstickView.as_view(),
        name="yardsticks",
    ),
    path(
        "borgere/<uuid:citizen_id>/joblog/",
        staff_views.StaffListView.as_view(),
        name="staff_list",
    ),
    path(
        "borgere/<uuid:citizen_id>/joblog/fritagelse/",
        staff_views.ExemptView.as_view(),
        name="staff_exempt",
    ),
    path(
        "borgere/<uuid:citizen_id>/joblog/fritagelse/<int:pk>/afslut/",
        staff_views.ExemptionEndView.as_view(),
        name="staff_exempt_end",
    ),
]
