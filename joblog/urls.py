from django.urls import path

from joblog.views import citizen, config, staff

app_name = "joblog"
urlpatterns = [
    path("joblog/", citizen.ListView.as_view(), name="list"),
    path("joblog/ny/", citizen.CreateView.as_view(), name="create"),
    path("joblog/<int:pk>/", citizen.UpdateView.as_view(), name="update"),
    path("joblog/<int:pk>/status/", citizen.StatusView.as_view(), name="status"),
    path("joblog/<int:pk>/slet/", citizen.DeleteView.as_view(), name="delete"),
    path("joblog/fremgang/", citizen.ProgressView.as_view(), name="progress"),
    path("joblog/eksport.csv", citizen.ExportCsvView.as_view(), name="export_csv"),
    path("joblog/eksport.xlsx", citizen.ExportXlsxView.as_view(), name="export_xlsx"),
    path("joblog/udskriv/", citizen.PrintView.as_view(), name="print"),
    path(
        "indstillinger/joblog/maalestokke/",
        config.YardstickView.as_view(),
        name="yardsticks",
    ),
    path(
        "borgere/<uuid:citizen_id>/joblog/",
        staff.StaffListView.as_view(),
        name="staff_list",
    ),
    path(
        "borgere/<uuid:citizen_id>/joblog/fritagelse/",
        staff.ExemptView.as_view(),
        name="staff_exempt",
    ),
    path(
        "borgere/<uuid:citizen_id>/joblog/fritagelse/<int:pk>/afslut/",
        staff.ExemptionEndView.as_view(),
        name="staff_exempt_end",
    ),
]
