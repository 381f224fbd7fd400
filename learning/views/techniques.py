"""The team leader's page for the team's techniques and feedback template (one page, one small
form per item; every form works without script). Items of another team are a 404; a
consultant of the team is refused (403): consultants read the techniques in their logbook."""

from typing import Generic, TypeVar, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from accounts.models import User
from common.forms import create_once, service_errors_to_form
from learning.forms.techniques import (
    ActiveForm,
    FeedbackQuestionAddForm,
    FeedbackQuestionForm,
    MoveForm,
    TechniqueAddForm,
    TechniqueForm,
)
from learning.models import FeedbackQuestion, Technique
from learning.selectors.team_setup import feedback_questions_of, techniques_of
from learning.services import techniques as services

ItemT = TypeVar("ItemT", Technique, FeedbackQuestion)


def _page_url(anchor: str = "") -> str:
    url = reverse("learning:techniques")
    return f"{url}#{anchor}" if anchor else url


def _technique_form(technique: Technique, data=None) -> TechniqueForm:
    return TechniqueForm(
        data,
        prefix=f"teknik-{technique.pk}",
        initial={"name": technique.name, "description": technique.description},
    )


def _question_form(question: FeedbackQuestion, data=None) -> FeedbackQuestionForm:
    return FeedbackQuestionForm(
        data, prefix=f"spoergsmaal-{question.pk}", initial={"text": question.text}
    )


class _TeamLeader(View):
    def dispatch(self, request, *args, **kwargs):
        policy.require(request.user, "learning.use")
        self.user = cast(User, request.user)
        team = self.user.team
        assert team is not None  # learning.use requires a team
        self.team = team
        policy.require(self.user, "team.techniques", self.team)
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, status=200, **forms):
        """The page; `forms` replaces a form that came back with errors (by name, or
        "technique_<pk>" / "question_<pk>")."""
        techniques = list(techniques_of(team=self.team, include_retired=True))
        questions = list(feedback_questions_of(team=self.team, include_retired=True))
        context = {
            "team": self.team,
            "techniques": [
                (t, forms.get(f"technique_{t.pk}") or _technique_form(t)) for t in techniques
            ],
            "questions": [
                (q, forms.get(f"question_{q.pk}") or _question_form(q)) for q in questions
            ],
            "active_technique_count": sum(t.active for t in techniques),
            "active_question_count": sum(q.active for q in questions),
            "technique_add_form": forms.get("technique_add_form") or TechniqueAddForm(),
            "question_add_form": forms.get("question_add_form") or FeedbackQuestionAddForm(),
        }
        return render(self.request, "learning/logbook/techniques.html", context, status=status)


class TechniquesView(_TeamLeader):
    def get(self, request):
        return self.render_page()


class TechniqueAddView(_TeamLeader):
    http_method_names = ["post"]

    def post(self, request):
        form = TechniqueAddForm(request.POST)
        if form.is_valid():

            def create() -> str:
                technique = services.technique_add(
                    team=self.team,
                    actor=self.user,
                    name=form.cleaned_data["name"],
                    description=form.cleaned_data["description"],
                )
                return _page_url(f"teknik-{technique.pk}")

            url = create_once(request, form, create, _page_url("teknikker"))
            if url is not None:
                messages.success(request, _("The technique is added."))
                return redirect(url)
        return self.render_page(status=400, technique_add_form=form)


class QuestionAddView(_TeamLeader):
    http_method_names = ["post"]

    def post(self, request):
        form = FeedbackQuestionAddForm(request.POST)
        if form.is_valid():

            def create() -> str:
                question = services.feedback_question_add(
                    team=self.team, actor=self.user, text=form.cleaned_data["text"]
                )
                return _page_url(f"spoergsmaal-{question.pk}")

            url = create_once(request, form, create, _page_url("feedbackskabelon"))
            if url is not None:
                messages.success(request, _("The question is added."))
                return redirect(url)
        return self.render_page(status=400, question_add_form=form)


class _Item(_TeamLeader, Generic[ItemT]):
    """One technique or question of the user's team (another team's: 404)."""

    http_method_names = ["post"]
    model: type[ItemT]
    item: ItemT
    anchor: str

    def dispatch(self, request, *args, **kwargs):
        policy.require(request.user, "learning.use")
        team_id = cast(User, request.user).team_id
        assert team_id is not None  # learning.use requires a team
        self.item = get_object_or_404(self.model.objects.filter(team_id=team_id), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def item_url(self) -> str:
        return _page_url(f"{self.anchor}-{self.item.pk}")


class TechniqueEditView(_Item[Technique]):
    model = Technique
    anchor = "teknik"

    def post(self, request, pk):
        form = _technique_form(self.item, request.POST)
        if form.is_valid() and service_errors_to_form(
            form,
            lambda: services.technique_update(
                technique=self.item,
                actor=self.user,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
            ),
        ):
            messages.success(request, _("The technique is saved."))
            return redirect(self.item_url())
        return self.render_page(status=400, **{f"technique_{self.item.pk}": form})


class QuestionEditView(_Item[FeedbackQuestion]):
    model = FeedbackQuestion
    anchor = "spoergsmaal"

    def post(self, request, pk):
        form = _question_form(self.item, request.POST)
        if form.is_valid() and service_errors_to_form(
            form,
            lambda: services.feedback_question_update(
                question=self.item, actor=self.user, text=form.cleaned_data["text"]
            ),
        ):
            messages.success(request, _("The question is saved."))
            return redirect(self.item_url())
        return self.render_page(status=400, **{f"question_{self.item.pk}": form})


class _MoveView(_Item[ItemT]):
    def move(self, up: bool) -> None:
        raise NotImplementedError

    def post(self, request, pk):
        form = MoveForm(request.POST)
        if form.is_valid():
            try:
                self.move(up=form.cleaned_data["direction"] == "op")
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        return redirect(self.item_url())


class TechniqueMoveView(_MoveView[Technique]):
    model = Technique
    anchor = "teknik"

    def move(self, up: bool) -> None:
        services.technique_move(technique=self.item, actor=self.user, up=up)


class QuestionMoveView(_MoveView[FeedbackQuestion]):
    model = FeedbackQuestion
    anchor = "spoergsmaal"

    def move(self, up: bool) -> None:
        services.feedback_question_move(question=self.item, actor=self.user, up=up)


class TechniqueActiveView(_Item[Technique]):
    model = Technique
    anchor = "teknik"

    def post(self, request, pk):
        form = ActiveForm(request.POST)
        if form.is_valid():
            active = form.cleaned_data["active"]
            services.technique_set_active(technique=self.item, actor=self.user, active=active)
            messages.success(
                request,
                _("The technique is trained again.")
                if active
                else _("The technique is retired. Entries written with it keep it."),
            )
        return redirect(self.item_url())


class QuestionActiveView(_Item[FeedbackQuestion]):
    model = FeedbackQuestion
    anchor = "spoergsmaal"

    def post(self, request, pk):
        form = ActiveForm(request.POST)
        if form.is_valid():
            active = form.cleaned_data["active"]
            services.feedback_question_set_active(
                question=self.item, actor=self.user, active=active
            )
            messages.success(
                request,
                _("The question is asked again.")
                if active
                else _("The question is retired. Feedback already given keeps it."),
            )
        return redirect(self.item_url())
