"""The conversation guide as data: the method's four phases, the prompts of each, and the
three bearings (pejlemærker). Templates and services read these; nothing here touches the
database."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from conversations.models import NoteField


@dataclass(frozen=True)
class Prompt:
    field: NoteField
    hint: Promise


@dataclass(frozen=True)
class Phase:
    key: str
    title: Promise
    purpose: Promise
    prompts: tuple[Prompt, ...]


PHASES = (
    Phase(
        "kontrakt",
        _("Contract and start"),
        _("Agree on the purpose, the goals and the agenda, starting from the citizen's wishes."),
        (
            Prompt(NoteField.PURPOSE, _("Why are we here today, and what is the goal?")),
            Prompt(NoteField.WISHES, _("What does the citizen want from the conversation?")),
            Prompt(NoteField.AGENDA, _("What do we talk about, and in which order?")),
        ),
    ),
    Phase(
        "status",
        _("Status"),
        _("Where is the job search, and what has happened since last time?"),
        (Prompt(NoteField.STATUS, _("Start from the Joblog, the plan and the homework.")),),
    ),
    Phase(
        "fremdrift",
        _("Progress"),
        _("What moves the job search forward? The citizen's ideas first, then yours."),
        (
            Prompt(NoteField.CITIZEN_IDEAS, _("Ask first: what would you try?")),
            Prompt(
                NoteField.CONSULTANT_INPUT,
                _("Your knowledge of the labour market, courses and offers."),
            ),
        ),
    ),
    Phase(
        "afslutning",
        _("Closing"),
        _("The citizen summarises; you agree on concrete agreements, homework and the next step."),
        (
            Prompt(NoteField.SUMMARY, _("Invite the citizen to summarise in their own words.")),
            Prompt(NoteField.NEXT_STEP, _("What happens next, and when do you meet again?")),
        ),
    ),
)


@dataclass(frozen=True)
class Bearing:
    title: Promise
    question: Promise


BEARINGS = (
    Bearing(
        _("Job and labour market"),
        _("Is the talk about jobs, and have you shared what you know of the labour market?"),
    ),
    Bearing(
        _("Ownership"),
        _("Does the citizen set the goals and the content, and say it in their own words?"),
    ),
    Bearing(
        _("Progression"),
        _("Are there goals, agreements, homework and a follow-up?"),
    ),
)
