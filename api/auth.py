"""The API's two ways in: a bearer token (integrations) and the browser's session (with CSRF
on writes). Without either the API answers 401 in JSON; it never redirects to the login page."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from api.services import api_token_authenticate
from centres import row_security


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`. A bearer token that does not work is a 401 at once:
    the request does not fall back to a session cookie it may also carry."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(secret=token.strip())
        if user is None:
            raise AuthenticationError()
        request.user = user
        if row_security.enabled():  # the middleware saw no session: scope to the token's centre
            row_security.set_centre(user.job_centre_id)
        return user


class SessionAuth(APIKeyCookie):
    """The logged-in browser. Unlike ninja's `django_auth`, CSRF is checked only once the
    session is known to belong to someone, so an anonymous write is a 401, not a 403."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not (user.is_authenticated and user.is_active):
            return None
        if check_csrf(request) is not None:
            raise HttpError(403, _("CSRF verification failed. Request aborted."))
        return user
