from django.urls import path

from centres import views

app_name = "centres"
urlpatterns = [
    path("", views.SettingsView.as_view(), name="settings"),
    path("medarbejdere/", views.StaffListView.as_view(), name="staff_list"),
    path("medarbejdere/opret/", views.StaffCreateView.as_view(), name="staff_create"),
    path("medarbejdere/<int:pk>/", views.StaffUpdateView.as_view(), name="staff_update"),
    path("teams/", views.TeamListView.as_view(), name="team_list"),
    path("teams/<int:pk>/", views.TeamUpdateView.as_view(), name="team_update"),
]
