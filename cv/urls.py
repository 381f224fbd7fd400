from django.urls import path

from cv import views

app_name = "cv"

#: Each list section's Danish slug: add, change and delete pages under "mit-cv/<slug>/".
SECTION_SLUGS = {
    "occupation": "jeg-soeger",
    "experience": "erfaring",
    "education": "uddannelse",
    "course": "kurser",
    "language": "sprog",
}

urlpatterns = [
    path("mit-cv/", views.OwnCvView.as_view(), name="own"),
    path("mit-cv/kompetencer/", views.SkillsView.as_view(), name="skills"),
    path("mit-cv/profil/", views.ProfileView.as_view(), name="profile"),
    path("mit-cv/udskriv/", views.PrintView.as_view(), name="print"),
    path("borgere/<uuid:citizen_id>/cv/", views.StaffCvView.as_view(), name="staff_view"),
]
for key, slug in SECTION_SLUGS.items():
    urlpatterns += [
        path(
            f"mit-cv/{slug}/tilfoej/",
            views.ItemCreateView.as_view(section_key=key),
            name=f"{key}_add",
        ),
        path(
            f"mit-cv/{slug}/<int:pk>/",
            views.ItemUpdateView.as_view(section_key=key),
            name=f"{key}_edit",
        ),
        path(
            f"mit-cv/{slug}/<int:pk>/slet/",
            views.ItemDeleteView.as_view(section_key=key),
            name=f"{key}_delete",
        ),
    ]
