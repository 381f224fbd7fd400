"""A team's starting lists: the method's techniques and feedback questions. A team gets them
the first time anyone needs them; after that they are the team leader's to edit."""

from django.db import transaction

from centres.models import Team
from learning.models import (
    DEFAULT_FEEDBACK_QUESTIONS,
    DEFAULT_TECHNIQUES,
    FeedbackQuestion,
    Technique,
)


def team_lists_ensure(*, team: Team) -> None:
    """Gives `team` the default techniques and feedback questions if it has never had any
    (retired ones count: a team leader who retired every technique keeps that choice)."""
    with transaction.atomic():
        Team.objects.select_for_update().filter(pk=team.pk).first()
        if not Technique.objects.filter(team=team).exists():
            Technique.objects.bulk_create(
                Technique(team=team, name=name, description=description, position=position)
                for position, (name, description) in enumerate(DEFAULT_TECHNIQUES, start=1)
            )
        if not FeedbackQuestion.objects.filter(team=team).exists():
            FeedbackQuestion.objects.bulk_create(
                FeedbackQuestion(team=team, text=text, position=position)
                for position, text in enumerate(DEFAULT_FEEDBACK_QUESTIONS, start=1)
            )
