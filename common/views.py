"""Danish, styled error pages that reveal nothing internal; the health check."""

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.middleware import csrf
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from common import hygiene

#: When the accessibility statement was last reviewed against the pages (update on review).
ACCESSIBILITY_REVIEWED = datetime.date(2026, 11, 23)


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _api_error(detail: str, status: int) -> JsonResponse:
    """The API's error shape ({"detail": ...}, as api.errors) for what happens outside the
    API's own handlers: a body too large to read, a failure when the request's transaction
    commits (ATOMIC_REQUESTS commits after the view has returned)."""
    return JsonResponse(
        {"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        return request_too_large(request)
    # A query-string parameter out of bounds (common.hygiene) says which, in Danish.
    message = str(exception) if isinstance(exception, hygiene.BadQuery) else ""
    if _is_api(request):
        return _api_error(message or gettext("The request could not be processed."), 400)
    return render(request, "400.html", {"message": message}, status=400)


def request_too_large(request):
    """413 for a body over DATA_UPLOAD_MAX_MEMORY_SIZE (Django raises RequestDataTooBig when
    the body is read, which it would otherwise answer as any bad request)."""
    if _is_api(request):
        return _api_error(gettext("The request is too large."), 413)
    return render(request, "413.html", status=413)


def permission_denied(request, exception=None):
    if _is_api(request):
        return _api_error(gettext("You may not do this."), 403)
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    if _is_api(request):
        return _api_error(gettext("Not found."), 404)
    return render(request, "404.html", status=404)


def server_error(request):
    # A view may have queued "saved" before its commit failed (a lost database connection):
    # nothing was saved, so the next page must not say it was.
    storage = getattr(request, "_messages", None)
    if storage is not None:
        storage._queued_messages.clear()
    if _is_api(request):
        return _api_error(gettext("Something went wrong. Please try again."), 500)
    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_failure(request, reason=""):
    no_cookie = reason == csrf.REASON_NO_CSRF_COOKIE
    return render(request, "403_csrf.html", {"no_cookie": no_cookie}, status=403)


@login_not_required
@transaction.non_atomic_requests
@require_safe
def health(request):
    """Liveness for a load balancer, and the benchmarks' "empty page": it passes through every
    middleware (session, authentication, locale, CSP ...) and does nothing else."""
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
@require_safe
def accessibility_statement(request):
    """Tilgængelighedserklæringen (the Danish web-accessibility act), open to everyone."""
    return render(request, "pages/accessibility.html", {"statement_date": ACCESSIBILITY_REVIEWED})


@login_not_required
@transaction.non_atomic_requests
@require_safe
def security_txt(request):
    """RFC 9116: where to report a vulnerability (docs/SECURITY.md)."""
    expires = datetime.datetime.now(datetime.UTC).replace(microsecond=0) + datetime.timedelta(
        days=180
    )
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: da, en",
        f"Canonical: {settings.SITE_URL}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
