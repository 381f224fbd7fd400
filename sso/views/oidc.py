"""The staff directory's login (OpenID Connect) on mozilla-django-oidc's views; imported by
sso.views.login on the first OIDC request only."""

import logging

import requests
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponseRedirect
from django.utils.decorators import method_decorator
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from sso import oidc
from sso.services import session_login
from sso.views.login import refused

logger = logging.getLogger("sso.views.login")


@method_decorator(login_not_required, name="dispatch")
class OIDCLoginView(OIDCAuthenticationRequestView):
    """Sends the browser to the staff directory (state, nonce and PKCE kept in the session).
    Reached only through `sso.views.login.oidc_login`, which answers 404 until OIDC is
    configured."""


@method_decorator(login_not_required, name="dispatch")
class OIDCCallbackView(OIDCAuthenticationCallbackView):
    """The directory's answer: the library checks state and exchanges the code (with the PKCE
    verifier); our backend checks the ID token and finds the member of staff."""

    def get(self, request):
        try:
            return super().get(request)
        except oidc.LoginRefused as exc:
            logger.info("sso login refused: method=oidc reason=%s", exc.reason)
            return refused(request, exc.reason)
        except SuspiciousOperation as exc:
            logger.warning("sso login refused: method=oidc reason=invalid (%s)", exc)
            return refused(request, "failed")
        except requests.RequestException as exc:
            logger.warning(
                "sso login refused: method=oidc reason=provider (%s)", type(exc).__name__
            )
            return refused(request, "failed")

    def login_failure(self):
        logger.info("sso login refused: method=oidc reason=failed")
        return refused(self.request, "failed")

    def login_success(self):
        next_url = self.success_url
        session_login(
            request=self.request,
            user=self.user,
            method="oidc",
            mfa_by_idp=bool(getattr(self.request, oidc.MFA, False)),
        )
        return HttpResponseRedirect(next_url)
