"""The centre's or the team's own guide ("egen drejebog"): the phases' and prompts' texts,
edited by the centre's administrators (the centre's) and by team leaders (their team's)."""

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from accounts.models import Role, User
from conversations import selectors, services
from conversations.forms import GuideTemplateForm
from conversations.guide import phases_with


class OwnGuideView(View):
    template_name = "conversations/own_guide.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        user = cast(User, request.user)
        self.user = user
        centre = user.job_centre
        self.team = user.team if user.role == Role.TEAM_LEADER else None
        if centre is None or (user.role == Role.TEAM_LEADER and self.team is None):
            raise PermissionDenied
        self.centre = centre
        policy.require(user, "guide_template.edit", self.team or self.centre)

    def phases(self):
        centre, team = selectors.template_texts(
            job_centre_id=self.centre.pk, team_id=self.team.pk if self.team else None
        )
        return phases_with(centre, team)

    def render_page(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {"form": form, "team": self.team, "centre": self.centre},
            status=status,
        )

    def get(self, request):
        return self.render_page(GuideTemplateForm(phases=self.phases()))

    def post(self, request):
        form = GuideTemplateForm(request.POST, phases=self.phases())
        if form.is_valid():
            try:
                services.guide_template_save(
                    job_centre=self.centre, team=self.team, texts=form.cleaned_data, actor=self.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your own guide is saved. Conversations use it now."))
                return redirect(reverse("conversations:own_guide"))
        return self.render_page(form, status=400)
