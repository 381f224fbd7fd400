from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from common.views import accessibility_statement, health, security_txt

handler400 = "common.views.bad_request"
handler403 = "common.views.permission_denied"
handler404 = "common.views.page_not_found"
handler500 = "common.views.server_error"

urlpatterns = [
    path("", include("dashboard.urls")),
    path("konto/", include("accounts.urls")),
    path("", include("citizens.urls")),
    path("", include("booking.urls")),
    path("", include("joblog.urls")),
    path("", include("cv.urls")),
    path("", include("plans.urls")),
    path("", include("conversations.urls")),
    path("", include("evaluations.urls")),
    path("", include("coservice.urls")),
    path("", include("labour.urls")),
    path("", include("suggestions.urls")),
    path("", include("courses.urls")),
    path("", include("jobclubs.urls")),
    path("", include("learning.urls")),
    path("", include("teamwork.urls")),
    path("", include("kpis.urls")),
    path("", include("occupations.urls")),
    path("indstillinger/booking/", include("booking.urls.config")),
    path("indstillinger/", include("centres.urls")),
    path("", include("audit.urls")),
    path("hjaelp/", include("guidance.urls")),
    path("", include("privacy.urls")),
    path("sso/", include("sso.urls")),
    path("healthz", health, name="health"),
    path("tilgaengelighed/", accessibility_statement, name="accessibility"),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("sprog/", login_not_required(set_language), name="set_language"),
    path("api/v1/", include("api.urls")),
    path("django-admin/", admin.site.urls),
]
