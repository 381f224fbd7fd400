from django.urls import path

from privacy import views

app_name = "privacy"
urlpatterns = [
    path("mine-data/", views.OwnDataView.as_view(), name="own_data"),
    path("mine-data/hent/", views.OwnDataDownloadView.as_view(), name="own_data_download"),
    path("mine-data/rettelser/", views.OwnCorrectionsView.as_view(), name="own_corrections"),
    path("rettelser/", views.CorrectionListView.as_view(), name="corrections"),
    path("rettelser/<int:pk>/", views.CorrectionResolveView.as_view(), name="correction_resolve"),
    path("samtykker/", views.ConsentListView.as_view(), name="consents"),
    path("samtykker/hent/", views.ConsentExportView.as_view(), name="consents_csv"),
    path("indstillinger/opbevaring/", views.RetentionSettingsView.as_view(), name="retention"),
]
