from django.urls import path

from occupations import views

app_name = "occupations"

urlpatterns = [
    path("arbejdsmarked/balance/", views.BalanceView.as_view(), name="balance"),
    path("arbejdsmarked/balance/import/", views.BalanceImportView.as_view(), name="balance_import"),
]
