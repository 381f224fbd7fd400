"""Companies, the shared board of job openings and its import (namespace "labour")."""

from django.urls import path

from labour.views import companies as views
from labour.views import contributions, openings, trends

urlpatterns = [
    path("virksomheder/", views.CompanyListView.as_view(), name="companies"),
    path("virksomheder/ny/", views.CompanyCreateView.as_view(), name="company_create"),
    path("virksomheder/<uuid:public_id>/", views.CompanyDetailView.as_view(), name="company"),
    path(
        "virksomheder/<uuid:public_id>/ret/", views.CompanyEditView.as_view(), name="company_edit"
    ),
    path(
        "virksomheder/<uuid:public_id>/kontakter/ny/",
        views.ContactCreateView.as_view(),
        name="contact_create",
    ),
    path(
        "virksomheder/<uuid:public_id>/kontakter/<int:pk>/",
        views.ContactEditView.as_view(),
        name="contact_edit",
    ),
    path(
        "virksomheder/<uuid:public_id>/kontakter/<int:pk>/fjern/",
        views.ContactDeleteView.as_view(),
        name="contact_delete",
    ),
    path(
        "virksomheder/<uuid:public_id>/aftaler/ny/",
        views.AgreementCreateView.as_view(),
        name="agreement_create",
    ),
    path(
        "virksomheder/<uuid:public_id>/aftaler/<int:pk>/afslut/",
        views.AgreementEndView.as_view(),
        name="agreement_end",
    ),
    path("jobtavle/", openings.BoardView.as_view(), name="board"),
    path("jobtavle/ny/", openings.OpeningCreateView.as_view(), name="opening_create"),
    path("jobtavle/import/", openings.ImportView.as_view(), name="import"),
    path(
        "jobtavle/import/<uuid:public_id>/",
        openings.ImportProgressView.as_view(),
        name="import_progress",
    ),
    path("jobtavle/<uuid:public_id>/", openings.OpeningDetailView.as_view(), name="opening"),
    path("jobtavle/<uuid:public_id>/ret/", openings.OpeningEditView.as_view(), name="opening_edit"),
    path(
        "jobtavle/<uuid:public_id>/tag-af/", openings.OpeningEndView.as_view(), name="opening_end"
    ),
]

urlpatterns += [
    path(
        "virksomheder/<uuid:public_id>/viden/ny/",
        contributions.NoteCreateView.as_view(),
        name="note_create",
    ),
    path("nyt-fra-kolleger/", contributions.ColleaguesView.as_view(), name="colleagues"),
    path(
        "nyt-fra-kolleger/<str:kind>/<uuid:public_id>/",
        contributions.ReviewView.as_view(),
        name="review",
    ),
]
urlpatterns += [path("arbejdsmarkedet/", trends.TrendView.as_view(), name="trends")]
