from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import policy
from accounts.forms import LoginForm, SecondFactorCodeForm
from accounts.services import session_timeout_seconds
from accounts.two_factor import (
    MFA_BY_IDP,
    NEW_RECOVERY_CODES,
    app_device_confirm,
    app_device_pending,
    code_failure_record,
    code_verify,
    confirmed_app_device,
    recovery_codes_left,
    recovery_codes_regenerate,
    requires_second_factor,
    safe_next,
    second_factor_locked_out,
    second_factor_reset,
    secret_for_display,
    session_is_verified,
)


@method_decorator(login_not_required, name="dispatch")
@method_decorator(transaction.non_atomic_requests, name="dispatch")
class LoginView(auth_views.LoginView):
    """Outside the request's transaction: the password check takes most of a second of CPU,
    and inside a transaction it would hold SQLite's write lock (IMMEDIATE) all the while, so a
    crowd logging in at once would queue past the busy timeout. Its few writes (session, last
    login, lockout counters) each commit on their own."""

    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        # Sliding inactivity timeout: SESSION_SAVE_EVERY_REQUEST renews it on every request.
        self.request.session.set_expiry(session_timeout_seconds(form.get_user()))
        return response

    def get_success_url(self) -> str:
        """Staff go on to their second factor (accounts.middleware would send them anyway)."""
        url = super().get_success_url()
        user = self.request.user
        if requires_second_factor(user) and not session_is_verified(self.request):
            name = "two_factor_verify" if confirmed_app_device(user) else "two_factor_enrol"
            return _with_next(f"accounts:{name}", url)
        return url


class LogoutView(auth_views.LogoutView):
    """POST only (Django's own rule); flushes the session on the server."""


def _next_url(request: HttpRequest) -> str | None:
    return safe_next(request, request.POST.get("next") or request.GET.get("next"))


def _with_next(url_name: str, next_url: str | None) -> str:
    url = reverse(url_name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _throttled_or_wrong(form: SecondFactorCodeForm, result) -> None:
    if result.wait_seconds:
        form.add_error(
            "code",
            ngettext(
                "Too many wrong codes. Wait %(seconds)s second and try again.",
                "Too many wrong codes. Wait %(seconds)s seconds and try again.",
                result.wait_seconds,
            )
            % {"seconds": result.wait_seconds},
        )
    else:
        form.add_error(
            "code",
            _(
                "The code is not right. Type the code your app shows now (or an unused "
                "recovery code) and try again."
            ),
        )


def _mark_verified(request: HttpRequest, device) -> None:
    otp_login(request, device)
    request.session.cycle_key()  # a new session id for the more trusted session


class SecondFactorVerifyView(View):
    """The second step of a staff login: a code from the app, or a recovery code."""

    template_name = "accounts/two_factor_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if not requires_second_factor(request.user):
            return redirect(settings.LOGIN_REDIRECT_URL)
        if session_is_verified(request):
            return redirect(_next_url(request) or settings.LOGIN_REDIRECT_URL)
        if confirmed_app_device(request.user) is None:
            return redirect(_with_next("accounts:two_factor_enrol", _next_url(request)))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self._render(SecondFactorCodeForm(recovery_allowed=True))

    def post(self, request):
        if second_factor_locked_out(request=request, user=request.user):
            return redirect("accounts:login")  # AxesMiddleware answers with the lockout page
        form = SecondFactorCodeForm(request.POST, recovery_allowed=True)
        if form.is_valid():
            result = code_verify(user=request.user, code=form.cleaned_data["code"])
            if result.device is not None:
                _mark_verified(request, result.device)
                if isinstance(result.device, StaticDevice):
                    left = recovery_codes_left(request.user)
                    messages.warning(
                        request,
                        _(
                            "You used a recovery code; it no longer works. Recovery codes "
                            "left: %(count)s. Make new ones on the page Two-factor "
                            "authentication."
                        )
                        % {"count": left},
                    )
                return redirect(_next_url(request) or settings.LOGIN_REDIRECT_URL)
            code_failure_record(request=request, user=request.user)
            _throttled_or_wrong(form, result)
        return self._render(form)

    def _render(self, form):
        context = {"form": form, "next": _next_url(self.request) or ""}
        return render(self.request, self.template_name, context)


class SecondFactorEnrolView(View):
    """First login of a member of staff: connect an authenticator app, confirm with its code,
    and get the recovery codes."""

    template_name = "accounts/two_factor_enrol.html"

    def dispatch(self, request, *args, **kwargs):
        if not requires_second_factor(request.user):
            return redirect(settings.LOGIN_REDIRECT_URL)
        if confirmed_app_device(request.user) is not None:
            # Never a second app without the first: that would let a password alone enrol.
            return redirect(_with_next("accounts:two_factor_verify", _next_url(request)))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self._render(SecondFactorCodeForm())

    def post(self, request):
        form = SecondFactorCodeForm(request.POST)
        if form.is_valid():
            device = app_device_pending(user=request.user)
            result = app_device_confirm(device=device, code=form.cleaned_data["code"])
            if result.device is not None:
                _mark_verified(request, result.device)
                request.session[NEW_RECOVERY_CODES] = recovery_codes_regenerate(user=request.user)
                return redirect(_with_next("accounts:two_factor_codes", _next_url(request)))
            _throttled_or_wrong(form, result)
        return self._render(form)

    def _render(self, form):
        device = app_device_pending(user=policy.signed_in(self.request.user))
        context = {
            "form": form,
            "next": _next_url(self.request) or "",
            "device": device,
            "secret": secret_for_display(device),
        }
        return render(self.request, self.template_name, context)


class RecoveryCodesView(View):
    """New recovery codes, shown once (they are taken out of the session as they are shown)."""

    def get(self, request):
        codes = request.session.pop(NEW_RECOVERY_CODES, None)
        if not codes:
            return redirect("accounts:two_factor_status")
        context = {"codes": codes, "next": _next_url(request) or reverse("dashboard:home")}
        response = render(request, "accounts/two_factor_codes.html", context)
        response["Cache-Control"] = "no-store"
        return response


class SecondFactorStatusView(View):
    """A member of staff's own second factor: status, and new recovery codes."""

    template_name = "accounts/two_factor_status.html"

    def dispatch(self, request, *args, **kwargs):
        policy.require(request.user, "second_factor.own")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self._render(SecondFactorCodeForm())

    def post(self, request):
        form = SecondFactorCodeForm(request.POST)
        if form.is_valid():
            result = code_verify(
                user=request.user, code=form.cleaned_data["code"], recovery_allowed=False
            )
            if result.device is not None:
                request.session[NEW_RECOVERY_CODES] = recovery_codes_regenerate(user=request.user)
                return redirect("accounts:two_factor_codes")
            _throttled_or_wrong(form, result)
        return self._render(form)

    def _render(self, form):
        user = self.request.user
        context = {
            "form": form,
            "device": confirmed_app_device(user),
            "codes_left": recovery_codes_left(user),
            "by_idp": bool(self.request.session.get(MFA_BY_IDP)),
        }
        return render(self.request, self.template_name, context)


class StaffSecondFactorListView(View):
    """The administrator's overview of the centre's staff and their second factor."""

    def get(self, request):
        policy.require(request.user, "staff.manage", request.user.job_centre)
        apps = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        staff = (
            policy.staff_visible_to(request.user)
            .annotate(has_app=Exists(apps))
            .order_by("name", "pk")
        )
        return render(request, "accounts/two_factor_staff.html", {"staff": staff})


class StaffSecondFactorResetView(View):
    """An administrator removes a staff member's app and recovery codes: they enrol again."""

    template_name = "accounts/two_factor_reset.html"

    def dispatch(self, request, *args, **kwargs):
        policy.require(request.user, "staff.manage", request.user.job_centre)
        self.member = get_object_or_404(policy.staff_visible_to(request.user), pk=kwargs["pk"])
        policy.require(request.user, "staff.manage", self.member)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return render(request, self.template_name, {"member": self.member})

    def post(self, request, pk):
        second_factor_reset(user=self.member, by=request.user)
        messages.success(
            request,
            _("The second factor of %(name)s is reset. They set it up again at their next login.")
            % {"name": self.member.name},
        )
        return redirect("accounts:two_factor_staff")
