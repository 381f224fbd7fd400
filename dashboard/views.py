from typing import cast

from django.utils import timezone
from django.views.generic import TemplateView

from accounts import policy
from accounts.models import Role, User
from booking.selectors import bookings as booking_selectors
from centres.selectors import staff_list, team_list
from citizens.forms import CitizenSearchForm
from citizens.selectors import citizen_of_user
from coservice import selectors as coservice_selectors
from dashboard import selectors
from evaluations import selectors as evaluation_selectors
from kpis.selectors import home_kpis
from learning.selectors.guests import own_accesses
from learning.selectors.logbook import home_logbook
from learning.selectors.meetings import home_meetings
from learning.selectors.observations import home_observations
from learning.selectors.sparring import home_sparring
from suggestions import selectors as suggestion_selectors


class HomeView(TemplateView):
    """Each role lands on a home page made for its work."""

    def get_template_names(self) -> list[str]:
        user = cast(User, self.request.user)
        return [f"dashboard/home_{user.role}.html"]

    def get_context_data(self, **kwargs):
        user = cast(User, self.request.user)
        context = super().get_context_data(**kwargs)
        if user.role == Role.CITIZEN:
            citizen = context["citizen"] = citizen_of_user(user=user)
            if citizen is not None:
                # The line shows the time, the topic and the consultant.
                context["next_booking"] = booking_selectors.next_booking(citizen=citizen)
                context["open_deadlines"] = booking_selectors.open_deadlines(citizen)
                context["evaluations_pending"] = evaluation_selectors.pending_for(citizen)
                context["suggestions_to_check"] = suggestion_selectors.to_check(citizen=citizen)
                if getattr(self.request, "coservice", None) is None:  # not on the helper's screen
                    context["coservice_running"] = coservice_selectors.own_running(
                        user=user, now=timezone.now()
                    )
            return context
        if user.role == Role.GUEST:
            context["accesses"] = own_accesses(guest=user)
            return context
        context["search_form"] = CitizenSearchForm()
        today = timezone.localdate()
        if policy.can(user, "learning.use"):
            context.update(home_logbook(user=user, today=today))
            context.update(home_observations(user=user, today=today))
            context["home_meetings"] = home_meetings(user=user, today=today)
            context["sparring"] = home_sparring(user=user, today=today)
        if policy.can(user, "kpi.view", user.job_centre):
            context.update(home_kpis(user=user, today=today))
        if user.role == Role.JOB_CONSULTANT:
            context.update(selectors.consultant_caseload(user=user))
            context.update(selectors.consultant_day(user=user))
            context["missed_suggestion_checks"] = suggestion_selectors.missed_for_consultant(
                user=user, today=today
            )[:10]
        if user.role == Role.TEAM_LEADER:
            context.update(selectors.team_overview(user=user))
            context.update(evaluation_selectors.home_summary(user=user))
        if user.role == Role.MANAGER:
            context.update(evaluation_selectors.home_summary(user=user))
        if user.role == Role.BUSINESS_CONSULTANT:
            context["colleagues"] = staff_list(user=user).filter(
                role=Role.JOB_CONSULTANT, is_active=True
            )
        if policy.can(user, "centre.overview"):
            context.update(selectors.centre_overview(user=user))
        if policy.can(user, "centre.manage", user.job_centre):
            context["staff_count"] = staff_list(user=user).filter(is_active=True).count()
            context["teams"] = team_list(user=user)
        return context
