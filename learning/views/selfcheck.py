""" "Test din viden om arbejdsmarkedet": the consultant's private self-check. The page shows
the six questions with the own answers and where Jobsamtale shows the answer; the team's
figure is a count of who has answered all six, never the answers."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from learning.forms.selfcheck import SelfCheckForm
from learning.models import SELF_CHECK_FOCUS
from learning.selectors import selfcheck as selectors
from learning.services.selfcheck import knowledge_answers_save


class SelfCheckView(View):
    template_name = "learning/selfcheck.html"

    def dispatch(self, request, *args, **kwargs):
        policy.require(request.user, "learning.use")
        self.user = policy.signed_in(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        questions = selectors.own_questions(user=self.user)
        form = SelfCheckForm(initial={q.key: q.answer for q in questions})
        return self.render(form, questions)

    def post(self, request):
        form = SelfCheckForm(request.POST)
        if not form.is_valid():
            return self.render(form, selectors.own_questions(user=self.user), status=400)
        knowledge_answers_save(consultant=self.user, answers=form.cleaned_data)
        messages.success(request, _("Your answers are saved. Only you can see them."))
        return redirect("learning:selfcheck")

    def render(self, form, questions, status=200):
        assert self.user.team_id is not None  # learning.use needs a team
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "questions": [(q, form[q.key]) for q in questions],
                "done": selectors.is_done(questions),
                "progress": selectors.team_progress(team_id=self.user.team_id),
                "picked": selectors.picked_as_focus(team_id=self.user.team_id),
                "focus_name": SELF_CHECK_FOCUS,
            },
            status=status,
        )
