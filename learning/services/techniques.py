"""The team leader's editing of the team's techniques and feedback template: add, rename or
reword, move up or down, retire and bring back. Nothing is deleted: logbook entries and
observations keep the technique they were written with, and a retired question simply stops
being asked.

The active items are numbered 1..n in the order shown; a retired one keeps its place until it
is brought back, at the end of the list."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Model
from django.utils.translation import gettext as _

from accounts import policy
from accounts.models import User
from centres.models import Team
from common.forms import validate_no_html
from learning.models import FeedbackQuestion, Technique
from learning.services.team_setup import team_lists_ensure

NAME_MAX = 100
DESCRIPTION_MAX = 300
QUESTION_MAX = 300


def _text(errors: dict, field: str, value: str, limit: int, required: bool) -> str:
    value = (value or "").strip()
    if required and not value:
        errors[field] = _("Please write something.")
    elif len(value) > limit:
        errors[field] = _("Please keep it under %(limit)d characters.") % {"limit": limit}
    else:
        try:
            validate_no_html(value)
        except ValidationError as error:
            errors[field] = error.messages
    return value


def _lock(team_id: int) -> None:
    """One edit of a team's lists at a time, so positions stay in order."""
    Team.objects.select_for_update().filter(pk=team_id).first()


def _next_position(model: type[Model], team_id: int) -> int:
    highest = model.objects.filter(team_id=team_id).aggregate(m=Max("position"))["m"]  # type: ignore[attr-defined]
    return (highest or 0) + 1


def _technique_values(team_id: int, name: str, description: str, pk: int | None) -> dict:
    errors: dict = {}
    name = _text(errors, "name", name, NAME_MAX, required=True)
    description = _text(errors, "description", description, DESCRIPTION_MAX, required=False)
    same_name = Technique.objects.filter(team_id=team_id, name__iexact=name)
    if pk is not None:
        same_name = same_name.exclude(pk=pk)
    if "name" not in errors and same_name.exists():
        errors["name"] = _("The team already has a technique called %(name)s.") % {"name": name}
    if errors:
        raise ValidationError(errors)
    return {"name": name, "description": description}


def _name_taken(name: str) -> ValidationError:
    return ValidationError(
        {"name": _("The team already has a technique called %(name)s.") % {"name": name}}
    )


@transaction.atomic
def technique_add(*, team: Team, actor: User, name: str, description: str = "") -> Technique:
    policy.require(actor, "team.techniques", team)
    team_lists_ensure(team=team)
    _lock(team.pk)
    values = _technique_values(team.pk, name, description, None)
    try:
        with transaction.atomic():
            return Technique.objects.create(
                team=team, position=_next_position(Technique, team.pk), **values
            )
    except IntegrityError:
        raise _name_taken(values["name"]) from None


@transaction.atomic
def technique_update(
    *, technique: Technique, actor: User, name: str, description: str
) -> Technique:
    """Renames or re-describes a technique; entries written with it show the new name."""
    policy.require(actor, "team.techniques", technique)
    _lock(technique.team_id)
    values = _technique_values(technique.team_id, name, description, technique.pk)
    technique.name, technique.description = values["name"], values["description"]
    try:
        with transaction.atomic():
            technique.save(update_fields=["name", "description"])
    except IntegrityError:
        raise _name_taken(values["name"]) from None
    return technique


def _question_text(text: str) -> str:
    errors: dict = {}
    text = _text(errors, "text", text, QUESTION_MAX, required=True)
    if errors:
        raise ValidationError(errors)
    return text


@transaction.atomic
def feedback_question_add(*, team: Team, actor: User, text: str) -> FeedbackQuestion:
    policy.require(actor, "team.techniques", team)
    team_lists_ensure(team=team)
    _lock(team.pk)
    return FeedbackQuestion.objects.create(
        team=team, text=_question_text(text), position=_next_position(FeedbackQuestion, team.pk)
    )


@transaction.atomic
def feedback_question_update(
    *, question: FeedbackQuestion, actor: User, text: str
) -> FeedbackQuestion:
    """Rewords a question; feedback already given keeps the question as it was asked."""
    policy.require(actor, "team.techniques", question)
    _lock(question.team_id)
    question.text = _question_text(text)
    question.save(update_fields=["text"])
    return question


def _move(item: Technique | FeedbackQuestion, actor: User, up: bool) -> None:
    policy.require(actor, "team.techniques", item)
    _lock(item.team_id)
    model: Any = type(item)
    active = list(model.objects.filter(team_id=item.team_id, active=True))
    index = next((i for i, other in enumerate(active) if other.pk == item.pk), None)
    if index is None:
        raise ValidationError(_("Bring it back before you move it."), code="retired")
    target = index - 1 if up else index + 1
    if not 0 <= target < len(active):
        return  # already first or last: nothing to do
    active[index], active[target] = active[target], active[index]
    for position, other in enumerate(active, start=1):
        other.position = position
    model.objects.bulk_update(active, ["position"])


@transaction.atomic
def technique_move(*, technique: Technique, actor: User, up: bool) -> None:
    _move(technique, actor, up)


@transaction.atomic
def feedback_question_move(*, question: FeedbackQuestion, actor: User, up: bool) -> None:
    _move(question, actor, up)


def _set_active(item: Technique | FeedbackQuestion, actor: User, active: bool) -> None:
    policy.require(actor, "team.techniques", item)
    _lock(item.team_id)
    model: Any = type(item)
    current = model.objects.get(pk=item.pk)
    if current.active == active:
        item.active = active
        return
    item.active = active
    fields = ["active"]
    if active:  # brought back at the end of the list
        item.position = _next_position(model, item.team_id)
        fields.append("position")
    item.save(update_fields=fields)


@transaction.atomic
def technique_set_active(*, technique: Technique, actor: User, active: bool) -> Technique:
    """Retires a technique (no longer offered for new entries; old entries keep it) or brings
    it back."""
    _set_active(technique, actor, active)
    return technique


@transaction.atomic
def feedback_question_set_active(
    *, question: FeedbackQuestion, actor: User, active: bool
) -> FeedbackQuestion:
    """Retires a question (no longer asked; feedback given keeps it) or brings it back."""
    _set_active(question, actor, active)
    return question
