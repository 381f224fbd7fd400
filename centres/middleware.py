"""Scopes the database connection to the request user's job centre (PostgreSQL row security).

A no-op unless `DATABASE_ROW_SECURITY` is on and the database is PostgreSQL
(`centres.row_security.enabled`)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from centres import row_security
from common.middleware import session_free


class RowSecurityMiddleware:
    """Right after AuthenticationMiddleware: sets `jobsamtale.job_centre` to the user's job
    centre before the view (and its ATOMIC_REQUESTS transaction) runs, and resets it when the
    response is made, whatever happened.

    The setting is session-level, not local to a transaction: it must hold across the request's
    transactions (and the autocommit queries outside them). That is why it is reset here: with a
    shared connection pool (Django's pool, or pgbouncer in transaction mode) the connection goes
    on to serve another request, which would otherwise start with this user's job centre.
    Superusers (Django's admin, no job centre) see every centre; an anonymous request sees no
    centre's rows at all."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not row_security.enabled() or session_free(request):
            # /healthz and the static files read no table: no user to load, nothing to scope.
            return self.get_response(request)
        user = request.user
        row_security.reset()
        if user.is_authenticated and user.is_superuser:
            with row_security.all_centres():
                return self.get_response(request)
        try:
            if user.is_authenticated:
                row_security.set_centre(user.job_centre_id)
            return self.get_response(request)
        finally:
            row_security.reset()
