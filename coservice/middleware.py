"""While a co-service session runs, the helper's screen is the citizen's: each request is
checked (ended from the citizen's phone, idle time, closing time), then served as the citizen
beside the helper (`request.user` is the citizen, `request.coservice` the session). Only the
citizen's booking, CV, Joblog, job suggestions, home and lookup log open; logging out ends the
session, not the helper's own login. After the session the helper is themselves again and the
policy lets them reach no citizen (accounts.models.CASEWORK_ROLES)."""

import re
from functools import cache, partial

from django.apps import apps
from django.contrib import messages
from django.db import connection, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from common.middleware import session_free
from coservice import selectors, services
from coservice.models import ChangeArea, CoServiceSession, EndReason

#: The session key holding the running session's id, in the helper's own session.
SESSION_KEY = "coservice_session"
#: URL namespaces the citizen's pages may open during a session ("" is the language switch).
OPEN_NAMESPACES = frozenset(
    {"", "dashboard", "booking", "cv", "joblog", "suggestions", "audit", "coservice"}
)
LOGOUT = "accounts:logout"


def ended_message(session: CoServiceSession) -> str:
    reason = session.end_reason
    if reason == EndReason.IDLE:
        return _("Co-service ended because nothing happened for %(minutes)s minutes.") % {
            "minutes": session.job_centre.coservice_idle_minutes
        }
    if reason == EndReason.CLOSING:
        return _("Co-service ended because %(place)s has closed.") % {"place": session.place}
    if reason == EndReason.CITIZEN:
        return _("The citizen ended co-service from their phone.")
    return _("Co-service has ended. You are logged in as yourself again.")


#: A statement that writes a table: the table's name (Django quotes it on both databases).
_WRITE = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"(\w+)"', re.IGNORECASE
)


def _touched_rows(sql: str, cursor) -> bool:
    """Whether a write touched a row: not a guarded update that found nothing, nor an insert
    that met a conflict. SQLite counts the rows of an INSERT ... RETURNING only once they are
    read (Django reads them after this), so such an insert counts as written; -1 is a driver
    that cannot tell."""
    return cursor.rowcount != 0 or " RETURNING " in sql.upper()


@cache
def _area_of_table() -> dict[str, str]:
    """Each table of the citizen's changeable parts, with its part (the app's label)."""
    return {
        model._meta.db_table: area
        for area in ChangeArea.values
        for model in apps.get_app_config(area).get_models(include_auto_created=True)
    }


class _ChangeWatch:
    """A database execute wrapper for one POST: each statement that writes a row of a table of
    the citizen's booking, CV, Joblog or job suggestions in a co-service session marks that part
    as changed with help, once the request's transaction commits (a write rolled back with a
    refused form marks nothing, whatever the status code: htmx refusals answer 200)."""

    def __init__(self, request):
        self.request = request
        self.marked: set[str] = set()

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        session = getattr(self.request, "coservice", None)
        write = _WRITE.match(sql) if session is not None else None
        if write and _touched_rows(sql, context["cursor"]):
            area = _area_of_table().get(write.group(1))
            if area is not None:
                transaction.on_commit(partial(self.mark, session, area))
        return result

    def mark(self, session, area):
        if area not in self.marked:
            self.marked.add(area)
            services.session_record_change(session=session, area=area, now=timezone.now())


def facilitator(request):
    """The helper beside the citizen in this request's session, or None (booking's hook)."""
    session = getattr(request, "coservice", None)
    return session.helper if session is not None else None


class CoServiceMiddleware:
    """After SecondFactorMiddleware (the helper's own login is verified first) and messages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or SESSION_KEY not in request.session:
            return self.get_response(request)  # no co-service: no statement is watched
        with connection.execute_wrapper(_ChangeWatch(request)):
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if session_free(request) or not request.user.is_authenticated:
            return None
        pk = request.session.get(SESSION_KEY)
        if pk is None:
            return None
        session = selectors.running_session(helper=request.user, pk=pk)
        now = timezone.now()
        match = request.resolver_match
        if session is not None and session.ended_at is None:
            reason = services.session_expiry(session, now)
            if reason is None and match.view_name == LOGOUT:
                reason = EndReason.LOGOUT
            if reason is not None:
                services.session_end(session=session, reason=reason, now=now)
        if session is None or session.ended_at is not None:
            request.session.pop(SESSION_KEY, None)
            if session is not None:
                messages.info(request, ended_message(session))
            return redirect("coservice:start")
        if match.namespace not in OPEN_NAMESPACES:
            messages.warning(request, _("That page cannot be opened during co-service."))
            return redirect("dashboard:home")
        services.session_touch(session=session, area=match.namespace, now=now)
        request.coservice = session
        request.user = session.citizen.user
        return None
