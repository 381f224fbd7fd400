from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("log-ind/", views.LoginView.as_view(), name="login"),
    path("log-af/", views.LogoutView.as_view(), name="logout"),
    path("totrin/", views.SecondFactorStatusView.as_view(), name="two_factor_status"),
    path("totrin/bekraeft/", views.SecondFactorVerifyView.as_view(), name="two_factor_verify"),
    path("totrin/opsaet/", views.SecondFactorEnrolView.as_view(), name="two_factor_enrol"),
    path("totrin/koder/", views.RecoveryCodesView.as_view(), name="two_factor_codes"),
    path(
        "totrin/medarbejdere/",
        views.StaffSecondFactorListView.as_view(),
        name="two_factor_staff",
    ),
    path(
        "totrin/medarbejdere/<int:pk>/nulstil/",
        views.StaffSecondFactorResetView.as_view(),
        name="two_factor_reset",
    ),
]
