"""A team's techniques and feedback template, as the forms and pages need them."""

from django.db.models import QuerySet

from centres.models import Team
from learning.models import FeedbackQuestion, Technique
from learning.services.team_setup import team_lists_ensure


def techniques_of(*, team: Team | None, include_retired: bool = False) -> QuerySet:
    if team is None:
        return Technique.objects.none()
    team_lists_ensure(team=team)
    techniques = Technique.objects.filter(team=team)
    return techniques if include_retired else techniques.filter(active=True)


def feedback_questions_of(*, team: Team | None, include_retired: bool = False) -> QuerySet:
    if team is None:
        return FeedbackQuestion.objects.none()
    team_lists_ensure(team=team)
    questions = FeedbackQuestion.objects.filter(team=team)
    return questions if include_retired else questions.filter(active=True)
