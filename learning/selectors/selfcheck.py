"""Reads for the self-check: the consultant's own answers (nobody else's, ever), where
Jobsamtale shows what each question asks about, and the team's count of who has done it."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.policy import LEARNING_ROLES
from learning.models import (
    SELF_CHECK_FOCUS,
    FocusArea,
    KnowledgeAnswer,
    KnowledgeQuestion,
)

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

Q_ = KnowledgeQuestion

#: Where Jobsamtale shows what each question asks about: (label, URL name).
SOURCES: dict[str, list[tuple["StrOrPromise", str]]] = {
    Q_.SHORTAGE: [
        (_("Labour-market balance"), "occupations:balance"),
        (_("Job board"), "labour:board"),
        (_("Companies"), "labour:companies"),
    ],
    Q_.DEMAND: [
        (_("Job board"), "labour:board"),
        (_("Annual wheel"), "labour:wheel"),
        (_("Tuesday mail"), "labour:digest"),
    ],
    Q_.REQUIREMENTS: [
        (_("Companies and their knowledge notes"), "labour:companies"),
        (_("Job board"), "labour:board"),
    ],
    Q_.MATCHING: [
        (_("Job board (match citizens from an opening)"), "labour:board"),
        (_("Citizens (match openings from a citizen)"), "citizens:list"),
    ],
    Q_.OUTLOOK: [
        (_("Labour-market balance"), "occupations:balance"),
        (_("Annual wheel"), "labour:wheel"),
    ],
    Q_.CULTURE: [(_("Companies and their knowledge notes"), "labour:companies")],
}


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    answer: str
    sources: list[tuple["StrOrPromise", str]]


def own_questions(*, user: User) -> list[Question]:
    """The six questions with the user's own answers (one query)."""
    answers = dict(
        KnowledgeAnswer.objects.filter(consultant=user).values_list("question", "answer")
    )
    return [
        Question(q.value, str(q.label), answers.get(q.value, ""), SOURCES[q.value])
        for q in KnowledgeQuestion
    ]


def is_done(questions: list[Question]) -> bool:
    return all(q.answer.strip() for q in questions)


@dataclass(frozen=True)
class TeamProgress:
    done: int
    members: int


def team_progress(*, team_id: int) -> TeamProgress:
    """How many of the team's consultants have answered all six questions: a count, never
    who or what (one query)."""
    members = User.objects.filter(
        team_id=team_id, is_active=True, role__in=LEARNING_ROLES
    ).annotate(answered=Count("knowledge_answers", filter=~Q(knowledge_answers__answer="")))
    answered = [m.answered for m in members]
    return TeamProgress(
        done=sum(1 for n in answered if n >= len(KnowledgeQuestion)), members=len(answered)
    )


def picked_as_focus(*, team_id: int) -> bool:
    """Whether the team's learning group has the self-check among its focus areas."""
    return FocusArea.objects.filter(
        meeting__team_id=team_id, text__iexact=str(SELF_CHECK_FOCUS)
    ).exists()
