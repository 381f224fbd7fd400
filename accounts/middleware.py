"""The request path of a logged-in person: the session (saved when it changed, its sliding
expiry renewed at most once a minute), django-otp's device read with the user, the absolute
session lifetime and the staff's second factor, checked on every request."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, empty
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware

from accounts.two_factor import (
    LOGIN_AT,
    TOUCHED_AT,
    confirmed_app_device,
    device_known_to_user,
    requires_second_factor,
    session_is_verified,
)
from common.middleware import session_free

#: Views an unverified member of staff may still reach.
EXEMPT_VIEWS = frozenset(
    {
        "accounts:two_factor_verify",
        "accounts:two_factor_enrol",
        "accounts:logout",
        "set_language",
        "health",
    }
)


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, with the sliding idle timeout renewed at most every SESSION_TOUCH_SECONDS
    instead of by an UPDATE on every request (SESSION_SAVE_EVERY_REQUEST is off).

    A session that a request read, did not change and last renewed SESSION_TOUCH_SECONDS or
    more ago is marked changed, so Django saves it with a new expiry (now + the session's
    timeout) and sends the cookie again. The expiry is then at most SESSION_TOUCH_SECONDS
    earlier than renewing on every request would make it, never later: an idle session ends
    between timeout - SESSION_TOUCH_SECONDS and timeout after its last request. A request
    that never read the session (/healthz) neither loads nor renews it."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.accessed
            and not session.modified
            and not session.is_empty()
        ):
            now = int(timezone.now().timestamp())
            touched = session.get(TOUCHED_AT)
            if touched is None or now - int(touched) >= settings.SESSION_TOUCH_SECONDS:
                session[TOUCHED_AT] = now
        return super().process_response(request, response)


class OTPMiddleware(DjangoOTPMiddleware):
    """django-otp's, without its query for the device on every request: the user's row
    (accounts.backends.UserBackend) carries the ids of the user's confirmed devices, and when
    the session's device is one of them it is bound to this user and confirmed, which is all
    django-otp checks. `user.otp_device` is then read from the database only if something
    uses it. Any other case (another backend, a device the row does not name) is django-otp's
    own path, query included."""

    def _verify_user_sync(self, request, user):
        if user.is_authenticated:
            persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
            if persistent_id and device_known_to_user(user, persistent_id):
                self._init_user_fields(user)
                user.otp_device = SimpleLazyObject(
                    lambda: self._device_from_persistent_id(persistent_id)
                )
                return user
        return super()._verify_user_sync(request, user)


def _unwrapped(user):
    while isinstance(user, SimpleLazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


class SecondFactorMiddleware:
    """After LoginRequiredMiddleware (and django-otp's OTPMiddleware):

    1. a session older than SESSION_ABSOLUTE_SECONDS since its login is ended, whatever the
       activity (the sliding idle timeout is the session's own expiry);
    2. an authenticated member of staff whose session is not verified (django-otp, or the
       identity provider's multi-factor assertion) is sent to the verify or enrolment page,
       with `next` kept; a session-authenticated API call gets a JSON 403. A bearer-token API
       call is not session-based and is left to the API's own authentication.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        # LoginRequiredMiddleware has read the user already: hand the view the user itself, not
        # the lazy proxies of django.contrib.auth and django-otp, which cost each of a page's
        # hundreds of `user.…` lookups (about 1-3 ms a page).
        if session_free(request):
            return None  # /healthz: the session and the user are never read
        request.user = _unwrapped(request.user)
        if not request.user.is_authenticated:
            return None
        match = request.resolver_match
        is_api = match is not None and "api" in match.namespaces
        if self._lifetime_over(request):
            logout(request)
            if is_api:
                return None  # now anonymous: the API answers 401 in JSON
            messages.info(
                request,
                _(
                    "You were logged out because you have been logged in for too long. "
                    "Log in again."
                ),
            )
            return redirect_to_login(request.get_full_path())
        if not requires_second_factor(request.user) or session_is_verified(request):
            return None
        if match is not None and match.view_name in EXEMPT_VIEWS:
            return None
        if is_api:
            if request.headers.get("Authorization", "").lower().startswith("bearer "):
                return None
            return JsonResponse(
                {"detail": _("Confirm your login with your second factor first.")}, status=403
            )
        name = "two_factor_verify" if confirmed_app_device(request.user) else "two_factor_enrol"
        url = f"{reverse(f'accounts:{name}')}?{urlencode({'next': request.get_full_path()})}"
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return HttpResponseRedirect(url)

    @staticmethod
    def _lifetime_over(request: HttpRequest) -> bool:
        now = int(timezone.now().timestamp())
        started = request.session.get(LOGIN_AT)
        if started is None:  # a session from before this check: its lifetime starts now
            request.session[LOGIN_AT] = now
            return False
        return now - int(started) > settings.SESSION_ABSOLUTE_SECONDS
