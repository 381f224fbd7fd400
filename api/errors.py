"""Every error the API gives is JSON: {"detail": "..."} or, for input it cannot accept,
422 {"errors": {field: [messages]}}. Messages are Danish (gettext), reusing Django's own
catalogue for the usual field messages.

An error response also rolls back the request's transaction (ATOMIC_REQUESTS would otherwise
commit whatever ran before the error)."""

import logging
from typing import Any

from django.core import signals
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    PermissionDenied,
    RequestDataTooBig,
    ValidationError,
)
from django.db import OperationalError, connections
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError
from ninja.parser import Parser

from common import hygiene
from common.middleware import busy_message, database_busy

logger = logging.getLogger("django.request")


def _message(error: dict[str, Any]) -> str:
    """A pydantic error in words, mostly Django's (already translated) field messages."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "hygiene":  # common.hygiene's own message, which names the field
        return error["msg"]
    if kind == "missing":
        return _("This field is required.")
    if kind.startswith("int_"):
        return _("Enter a whole number.")
    if kind.startswith("date_"):
        return _("Enter a valid date.")
    if kind == "timezone_aware":
        return _("The time must include a time zone.")
    if kind.startswith("datetime_"):
        return _("Enter a valid date/time.")
    if kind.startswith("uuid_"):
        return _("Enter a valid UUID.")
    if kind == "enum":
        return _("Select a valid choice. That choice is not one of the available choices.")
    if kind == "string_too_long":
        return _("Ensure this value has at most %(limit)s characters.") % {
            "limit": ctx.get("max_length")
        }
    if kind == "greater_than_equal":
        return _("Ensure this value is greater than or equal to %(limit_value)s.") % {
            "limit_value": ctx.get("ge")
        }
    if kind == "less_than_equal":
        return _("Ensure this value is less than or equal to %(limit_value)s.") % {
            "limit_value": ctx.get("le")
        }
    return _("Enter a valid value.")


def _field(loc: tuple | list) -> str:
    """("body", "payload", "start") -> "start"; ("query", "topic") -> "topic"."""
    parts = [str(p) for p in loc[1:]]
    if loc and loc[0] == "body":
        parts = parts[1:]
    return ".".join(parts) or NON_FIELD_ERRORS


def field_errors(error: SchemaError | ValidationError) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if isinstance(error, SchemaError):
        for e in error.errors:
            errors.setdefault(_field(e.get("loc", ())), []).append(_message(e))
    elif hasattr(error, "error_dict"):
        errors = {field: list(messages) for field, messages in error.message_dict.items()}
    else:
        errors[NON_FIELD_ERRORS] = list(error.messages)
    return errors


def _roll_back() -> None:
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:
            connection.set_rollback(True)


class JSONParser(Parser):
    """Request bodies through common.hygiene.json_loads: bounded nesting, no NaN or Infinity,
    no number that overflows to inf."""

    def parse_body(self, request: HttpRequest) -> dict:
        return hygiene.json_loads(request.body)


def install(api: NinjaAPI) -> None:
    """Replaces ninja's default handlers (which answer in English, or in HTML via Django)."""

    def respond(request: HttpRequest, body: dict, status: int) -> HttpResponse:
        _roll_back()
        return api.create_response(request, body, status=status)

    @api.exception_handler(SchemaError)
    def schema_error(request: HttpRequest, exc: SchemaError) -> HttpResponse:
        return respond(request, {"errors": field_errors(exc)}, 422)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return respond(request, {"errors": field_errors(exc)}, 422)

    @api.exception_handler(AuthenticationError)
    def not_authenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = respond(
            request, {"detail": _("Log in, or send an API token (Authorization: Bearer).")}, 401
        )
        response["WWW-Authenticate"] = 'Bearer realm="jobsamtale"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja's own 400 is a body it cannot parse (its message is English); the parser
        # (JSONParser) says why when the JSON was refused for its depth or its numbers.
        detail = str(exc)
        if exc.status_code == 400:
            cause = exc.__cause__
            detail = (
                str(cause)
                if isinstance(cause, hygiene.JSONProblem)
                else _("The request body is not valid JSON.")
            )
        return respond(request, {"detail": detail}, exc.status_code)

    @api.exception_handler(RequestDataTooBig)
    def too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return respond(request, {"detail": _("The request is too large.")}, 413)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, {"detail": _("Not found.")}, 404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, {"detail": _("You may not do this.")}, 403)

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.error(
            "Internal Server Error: %s", request.path, exc_info=exc, extra={"status_code": 500}
        )
        # As Django does for an uncaught exception: the test client re-raises it from here.
        signals.got_request_exception.send(sender=None, request=request)
        return respond(request, {"detail": _("Something went wrong. Please try again.")}, 500)

    @api.exception_handler(OperationalError)
    def database_error(request: HttpRequest, exc: OperationalError) -> HttpResponse:
        """A busy database (a deadlock, SQLite's lock wait ran out) is 503 "try again"."""
        if not database_busy(exc):
            return server_error(request, exc)
        logger.warning("Database busy, answered 503: %s: %s", request.path, exc)
        response = respond(request, {"detail": busy_message()}, 503)
        response["Retry-After"] = "2"
        return response
