"""The conversation guide as data: the method's four phases, the prompts of each, and the
three bearings (pejlemærker). Templates and services read these; nothing here touches the
database. A centre or a team lays its own texts over the method's ("egen drejebog",
`GuideTemplate`): `text_keys` names what may be changed, `phases_with` lays the texts over."""

from dataclasses import dataclass, replace

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from conversations.models import NoteField


@dataclass(frozen=True)
class Prompt:
    field: NoteField
    hint: Promise | str


@dataclass(frozen=True)
class Phase:
    key: str
    title: Promise | str
    purpose: Promise | str
    prompts: tuple[Prompt, ...]
    #: A question the consultant puts to the citizen in this phase, word for word.
    ask: Promise | str = ""


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
        ask=_("How did this conversation work for you today?"),
    ),
)


def text_keys(phase: Phase) -> dict[str, Promise | str]:
    """The texts of `phase` a centre or team may change, by key, with the method's text."""
    keys: dict[str, Promise | str] = {
        f"{phase.key}.title": phase.title,
        f"{phase.key}.purpose": phase.purpose,
        f"{phase.key}.ask": phase.ask,
    }
    keys.update({prompt.field.value: prompt.hint for prompt in phase.prompts})
    return keys


def phases_with(*layers: dict[str, str]) -> tuple[Phase, ...]:
    """The method's phases with each layer of own texts laid over them in turn (the centre's,
    then the team's). A blank or missing text keeps the one below."""
    texts: dict[str, str] = {}
    for layer in layers:
        texts.update({key: value for key, value in layer.items() if str(value).strip()})
    return tuple(
        replace(
            phase,
            title=texts.get(f"{phase.key}.title", phase.title),
            purpose=texts.get(f"{phase.key}.purpose", phase.purpose),
            ask=texts.get(f"{phase.key}.ask", phase.ask),
            prompts=tuple(
                replace(prompt, hint=texts.get(prompt.field.value, prompt.hint))
                for prompt in phase.prompts
            ),
        )
        for phase in PHASES
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
