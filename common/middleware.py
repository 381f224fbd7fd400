import logging

from django.conf import settings
from django.db import OperationalError
from django.http import HttpResponse, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext

logger = logging.getLogger("django.request")

#: Paths whose views need neither the session nor the user (the load balancer's liveness
#: check, and the static files when whitenoise does not answer them first).
SESSION_FREE_PATHS = frozenset({"/healthz"})


def session_free(request) -> bool:
    """Whether the middleware may skip its session and user work: a request for /healthz or a
    static file that carries no session cookie (a load balancer's check). With a session
    cookie /healthz stays the benchmarks' "empty page through all middleware" of a logged-in
    person (perf/bench: the floor every key page is measured against), so it is not skipped."""
    path = request.path_info
    return (
        path in SESSION_FREE_PATHS or path.startswith(settings.STATIC_URL)
    ) and settings.SESSION_COOKIE_NAME not in request.COOKIES


class DanishFirstLocaleMiddleware(LocaleMiddleware):
    """Danish unless the person chose another language with the language switch (its cookie).
    The browser's Accept-Language is not consulted: a Danish public service speaks Danish
    first, also on an English-language computer at the library."""

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


#: Browser features no page of ours uses: switched off for the page and anything it embeds.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)


class SecurityHeadersMiddleware:
    """The headers Django's SecurityMiddleware does not set (ASVS 14.4): a Permissions-Policy,
    Cross-Origin-Resource-Policy, and `Cache-Control: no-store` on every response to a
    logged-in person unless the view chose its own caching, so that pages with personal data
    are kept neither by the browser's back button cache nor by a shared proxy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if session_free(request):  # no personal data there, and the user is never read
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response


#: PostgreSQL's "try the transaction again" errors: deadlock, serialization failure, lock
#: timeout. SQLite's is its busy timeout running out ("database is locked").
_BUSY_SQLSTATES = {"40P01", "40001", "55P03"}


def database_busy(error: BaseException) -> bool:
    """Whether `error` is the database asking to try again later, not a fault."""
    if not isinstance(error, OperationalError):
        return False
    if getattr(error.__cause__, "sqlstate", None) in _BUSY_SQLSTATES:
        return True
    return "database is locked" in str(error) or "database table is locked" in str(error)


def busy_message() -> str:
    return gettext(
        "Many are using the service right now, and nothing was saved. Please try again in a moment."
    )


class DatabaseBusyMiddleware:
    """A busy database is a 503 with "try again", never a 500: SQLite's writers queue for the
    lock for its busy timeout, and a request still waiting after that (at BEGIN, before the
    view, with ATOMIC_REQUESTS) gives up here; on PostgreSQL a deadlock or serialization
    failure that escaped a service does the same. The request's transaction has been rolled
    back by then, so nothing is half-saved. (The API's own handler in api/errors.py answers
    the same in JSON for errors raised inside its views.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_busy(exception):
            return None
        logger.warning(
            "Database busy, answered 503: %s %s: %s", request.method, request.path, exception
        )
        response: HttpResponse
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {"detail": busy_message()}, status=503, json_dumps_params={"ensure_ascii": False}
            )
        else:
            response = HttpResponse(
                loader.render_to_string("503_busy.html", {"message": busy_message()}), status=503
            )
        response["Retry-After"] = "2"
        return response
