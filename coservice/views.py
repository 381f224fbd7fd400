from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from centres.help_places import hours_summary, open_until
from common.forms import service_errors_to_form
from coservice import selectors, services
from coservice.forms import StartForm
from coservice.middleware import SESSION_KEY, ended_message
from coservice.models import ChangeArea, EndReason


class StartView(View):
    """The helper's page: pick the place, and the citizen beside them logs in to confirm."""

    template_name = "coservice/start.html"

    def _render(self, request, form, status=200):
        places = form.fields["place"].queryset
        now = timezone.now()
        rows = [(p, hours_summary(p), open_until(p, now)) for p in places]
        return render(request, self.template_name, {"form": form, "places": rows}, status=status)

    def _form(self, request, data=None):
        policy.centre_for(request.user, "coservice.help")
        return StartForm(data, request=request, places=selectors.places_of(request.user))

    def get(self, request):
        if getattr(request, "coservice", None) is not None:
            return redirect("dashboard:home")
        return self._render(request, self._form(request))

    def post(self, request):
        if getattr(request, "coservice", None) is not None:
            return redirect("dashboard:home")
        helper = request.user
        form = self._form(request, request.POST)
        if form.is_valid():
            session = service_errors_to_form(
                form,
                lambda: services.session_start(
                    helper=helper,
                    place=form.cleaned_data["place"],
                    citizen_user=form.citizen_user,
                ),
            )
            if session is not None:
                request.session[SESSION_KEY] = session.pk
                messages.success(request, _("Co-service has started."))
                return redirect("dashboard:home")
        return self._render(request, form, status=400)


class EndView(View):
    """ "Afslut" in the banner: the helper's screen ends the running session."""

    def post(self, request):
        session = getattr(request, "coservice", None)
        if session is not None:
            services.session_end(session=session, reason=EndReason.HELPER)
            request.session.pop(SESSION_KEY, None)
            messages.info(request, ended_message(session))
        return redirect("coservice:start")


class OwnSessionsView(View):
    """The citizen's page, also on their phone: co-service running in their name."""

    def get(self, request):
        policy.require(request.user, "coservice.own")
        now = timezone.now()
        return render(
            request,
            "coservice/own.html",
            {
                "sessions": selectors.own_running(user=request.user, now=now),
                "history": selectors.own_history(user=request.user, now=now),
            },
        )


class OwnEndView(View):
    def post(self, request, public_id):
        session = selectors.own_session_get(user=request.user, public_id=public_id)
        if session.ended_at is None:
            services.session_end(session=session, reason=EndReason.CITIZEN)
            messages.success(request, _("Co-service has ended."))
        return redirect("coservice:own")


class FiguresView(View):
    """Leaders: how much co-service happens per place, the last four weeks."""

    def get(self, request):
        centre = policy.centre_for(request.user, "coservice.figures")
        rows = selectors.figures(centre=centre, now=timezone.now())
        return render(
            request,
            "coservice/figures.html",
            {
                "rows": rows,
                "days": selectors.FIGURE_DAYS,
                "centre": centre,
                # Bookings have their own column (those made in a session).
                "areas": [(a.value, a.label) for a in ChangeArea if a != ChangeArea.BOOKING],
            },
        )


__all__ = ["EndView", "FiguresView", "OwnEndView", "OwnSessionsView", "StartView"]
