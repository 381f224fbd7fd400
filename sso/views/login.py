"""The login broker's (SAML) and the staff directory's (OpenID Connect) login views. Each answers
404 until its settings are there. Refusals are Danish pages (403) that show nothing the identity
provider sent; log lines carry no personal data."""

import json
import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from accounts.two_factor import safe_next
from sso.conf import oidc_configured, saml_configured
from sso.selectors import citizen_user_by_cpr
from sso.services import saml_request_consume, session_login

logger = logging.getLogger(__name__)

#: The pending AuthnRequest lives in its own signed cookie, not the session: the broker's POST
#: comes from another site, and the session cookie (SameSite=Lax) is not sent with it.
SAML_COOKIE = "sso_saml_request"
SAML_COOKIE_SALT = "sso.saml.request"
SAML_COOKIE_SECONDS = 10 * 60

REFUSALS = {
    "loa": (
        _("Your login is not secure enough"),
        _(
            "Jobsamtale needs MitID at assurance level Substantial or High. Your login had a "
            "lower assurance level, so you have not been logged in. Log in again with MitID."
        ),
    ),
    "unknown_citizen": (
        _("You are not registered with a job centre"),
        _(
            "You are not registered with a job centre in Jobsamtale, so you cannot log in yet. "
            "Contact your job centre: they can register you."
        ),
    ),
    "unknown_staff": (
        _("Your municipality login is not linked to Jobsamtale"),
        _(
            "There is no active member of staff in Jobsamtale with the e-mail address of your "
            "municipality login. Ask your administrator to create you with the same e-mail "
            "address as in the municipality's directory."
        ),
    ),
    "failed": (
        _("The login could not be completed"),
        _(
            "The answer from the login service could not be accepted, so you have not been "
            "logged in. Start the login again from the login page."
        ),
    ),
}


def refused(request: HttpRequest, reason: str) -> HttpResponse:
    title, message = REFUSALS[reason]
    context = {"title": title, "message": message}
    response = render(request, "sso/refused.html", context, status=403)
    response.delete_cookie(SAML_COOKIE, path=reverse("sso:saml_acs"))
    return response


def _require_saml() -> None:
    if not saml_configured():
        raise Http404


@login_not_required
@require_GET
def saml_metadata(request: HttpRequest) -> HttpResponse:
    _require_saml()
    from sso import saml  # pysaml2 only where SAML is used (sso.conf)

    return HttpResponse(saml.sp_metadata(), content_type="application/samlmetadata+xml")


@login_not_required
@require_GET
def saml_login(request: HttpRequest) -> HttpResponse:
    """Sends the browser to the broker with a signed AuthnRequest (redirect binding)."""
    _require_saml()
    from sso import saml  # pysaml2 only where SAML is used (sso.conf)

    next_url = safe_next(request, request.GET.get("next")) or ""
    request_id, location = saml.authn_request_url()
    response = HttpResponseRedirect(location)
    secure = settings.SESSION_COOKIE_SECURE
    response.set_signed_cookie(
        SAML_COOKIE,
        json.dumps({"id": request_id, "next": next_url}),
        salt=SAML_COOKIE_SALT,
        max_age=SAML_COOKIE_SECONDS,
        path=reverse("sso:saml_acs"),
        secure=secure,
        httponly=True,
        samesite="None" if secure else "Lax",
    )
    return response


def _pending_request(request: HttpRequest) -> dict[str, str]:
    """{request id: next URL} of the AuthnRequest this browser sent, or {}."""
    try:
        raw = request.get_signed_cookie(
            SAML_COOKIE, salt=SAML_COOKIE_SALT, max_age=SAML_COOKIE_SECONDS
        )
        pending = json.loads(raw or "")
        return {str(pending["id"]): str(pending.get("next") or "")}
    except (KeyError, ValueError, TypeError, signing.BadSignature):
        return {}


@csrf_exempt  # the broker posts from its own site; the signed Response and the request
@login_not_required  # cookie bound to this browser take the place of the CSRF token
@require_POST
def saml_acs(request: HttpRequest) -> HttpResponse:
    """The broker's answer (POST binding): checked by pysaml2, then the assurance level, then
    the CPR number is looked up by its keyed hash."""
    _require_saml()
    from sso import saml

    pending = _pending_request(request)
    try:
        assertion = saml.parse_response(
            saml_response=request.POST.get("SAMLResponse", ""), outstanding=pending
        )
    except Exception as exc:  # every failed check in pysaml2 is a refusal, whatever its type
        logger.warning("sso login refused: method=saml reason=invalid (%s)", type(exc).__name__)
        return refused(request, "failed")
    if not saml_request_consume(request_id=assertion.in_response_to):
        logger.warning("sso login refused: method=saml reason=replayed")
        return refused(request, "failed")
    if not assertion.level_sufficient():
        logger.info(
            "sso login refused: method=saml reason=assurance level=%s", assertion.level or "none"
        )
        return refused(request, "loa")
    user = citizen_user_by_cpr(cpr=assertion.cpr)
    if user is None:
        logger.info("sso login refused: method=saml reason=not_registered")
        return refused(request, "unknown_citizen")
    session_login(request=request, user=user, method="saml", mfa_by_idp=False)
    next_url = pending.get(assertion.in_response_to) or ""
    response = HttpResponseRedirect(
        safe_next(request, next_url) or resolve_url(settings.LOGIN_REDIRECT_URL)
    )
    response.delete_cookie(SAML_COOKIE, path=reverse("sso:saml_acs"))
    return response


@login_not_required
def oidc_login(request: HttpRequest) -> HttpResponse:
    """mozilla-django-oidc's views, loaded on the first OIDC request (sso.conf)."""
    if not oidc_configured():
        raise Http404
    from sso.views.oidc import OIDCLoginView

    return OIDCLoginView.as_view()(request)


@login_not_required
def oidc_callback(request: HttpRequest) -> HttpResponse:
    if not oidc_configured():
        raise Http404
    from sso.views.oidc import OIDCCallbackView

    return OIDCCallbackView.as_view()(request)
