"""Guests of the method: the team leader's page to invite and end guests, and the guest's own
page for the one observation or sparring event they are invited to."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from common.forms import create_once, service_errors_to_form
from learning.forms.guests import GuestCommentForm, GuestInviteForm
from learning.selectors import guests as selectors
from learning.services import guests as services


class GuestsView(View):
    """The team's guests and the invitation (team leaders)."""

    def dispatch(self, request, *args, **kwargs):
        policy.require(request.user, "learning.lead")
        self.user = policy.signed_in(request.user)
        assert self.user.team_id is not None  # learning.lead needs a team
        self.team_id: int = self.user.team_id
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(GuestInviteForm(team_id=self.team_id))

    def post(self, request):
        form = GuestInviteForm(request.POST, team_id=self.team_id)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "submission_token"}
            target = data["observation"] or data["sparring_event"]
            policy.require(self.user, "learning.invite_guest", target)

            def create() -> str:
                services.guest_invite(leader=self.user, **data)
                return reverse("learning:guests")

            url = create_once(request, form, create, reverse("learning:guests"))
            if url:
                messages.success(request, _("The guest is invited."))
                return redirect(url)
        return self.render(form, status=400)

    def render(self, form, status=200):
        return render(
            self.request,
            "learning/guests/list.html",
            {"form": form, "guests": selectors.team_guests(team_id=self.team_id)},
            status=status,
        )


class GuestEndView(View):
    def dispatch(self, request, *args, **kwargs):
        user = policy.signed_in(request.user)
        policy.require(user, "learning.lead")
        assert user.team_id is not None
        self.access = selectors.team_access_get(team_id=user.team_id, public_id=kwargs["public_id"])
        policy.require(user, "learning.invite_guest", self.access)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, public_id):
        services.guest_access_end(access=self.access)
        messages.success(request, _("The guest's access has ended."))
        return redirect("learning:guests")


class GuestPageView(View):
    """What the guest is invited to, read-only, with their own comment to the team. After the
    end date: a Danish message, and nothing of it."""

    def dispatch(self, request, *args, **kwargs):
        user = policy.signed_in(request.user)
        self.access = selectors.own_access_get(guest=user, public_id=kwargs["public_id"])
        if not policy.can(user, "learning.guest_view", self.access):
            return render(
                request,
                "learning/guests/ended.html",
                {"ended_on": date_format(self.access.ends_on, "j. F Y")},
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, public_id):
        return self.render(GuestCommentForm(initial={"comment": self.access.comment}))

    def post(self, request, public_id):
        form = GuestCommentForm(request.POST)
        if form.is_valid() and service_errors_to_form(
            form,
            lambda: services.guest_comment_save(
                access=self.access, comment=form.cleaned_data["comment"]
            ),
        ):
            messages.success(request, _("Your comment is saved. The team can read it."))
            return redirect("learning:guest_page", public_id=self.access.public_id)
        return self.render(form, status=400)

    def render(self, form, status=200):
        return render(
            self.request,
            "learning/guests/page.html",
            {"access": self.access, "form": form},
            status=status,
        )
