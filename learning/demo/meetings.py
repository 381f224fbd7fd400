"""Demo learning-group meetings. "Jobparate dagpenge" held one about seven weeks ago and one
about a week ago, both facilitated by teamleder, with full agendas and notes, minutes, two or
three focus areas and a learning point for each consultant present; the next meeting is
planned about five weeks ahead. "Jobteam Nord" (no team leader: a consultant facilitates)
held one three weeks ago.

The agendas come from the method's template (learning.services.meetings); the records are
written directly, not through the services, so nobody is notified of meetings long past.
Safe to run twice: a team that has meetings is left alone."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import override

from accounts.models import Role, User
from centres.models import Team
from learning.models import (
    AgendaItem,
    AgendaKind,
    FocusArea,
    LearningMeeting,
    LearningPoint,
    MeetingStatus,
)
from learning.services.meetings import DEFAULT_PURPOSE, agenda_for, round_share

WELCOME_NOTES = [
    "Velkomst og formål: vi deler erfaringer fra træningen og aftaler, hvad vi træner frem "
    "til næste møde. Vi gik programmet igennem, og alle havde logbogen med.",
    "Velkomst. Formålet blev gentaget: læring af konkrete samtaler, ikke vurdering af den "
    "enkelte. Programmet blev gennemgået, og vi aftalte at holde tiden i runden.",
]
ROUND_NOTES = [
    "Har trænet kontrakt i starten af samtalen. Borgeren satte selv to punkter på "
    "dagsordenen, og samtalen blev mere fokuseret. Refleksion: gruppen foreslog at spørge "
    "til borgerens ønsker, før man selv præsenterer dagsordenen.",
    "Fortalte om en samtale, hvor det var svært at holde sig fra egne forslag. Prøvede at "
    "stille nysgerrige spørgsmål i stedet, og borgeren kom selv på to nye brancher. "
    "Refleksion: pauser er okay; tavshed giver borgeren tid.",
    "Har brugt Jobloggen som udgangspunkt i status. Borgeren havde skrevet meget, og vi "
    "kunne bruge tiden på at se fremad. Refleksion: hvad gør vi, når Jobloggen er tom? "
    "Forslag: spørg nysgerrigt til hvorfor, uden at det bliver kontrol.",
    "Trænede opsummering ved borgeren. Første gang føltes det kunstigt, men borgeren "
    "huskede aftalerne bedre. Refleksion: spørg 'Hvad tager du med herfra?' i stedet for "
    "'Skal jeg opsummere?'.",
    "Var observeret af en kollega. Feedbacken pegede på, at skiftet mellem myndighed og "
    "vejleder var uklart, da rådighed kom på bordet. Refleksion: sig det højt, når man "
    "skifter rolle.",
    "Fortalte om timeout midt i en samtale, der kørte i ring. Borgeren blev lettet, og vi "
    "aftalte en ny retning. Refleksion: flere vil prøve timeout i de lange samtaler.",
    "Har bragt arbejdsmarkedsviden i spil: konkrete virksomheder i lokalområdet, der søger "
    "lagerfolk. Borgeren bookede selv en samtale med virksomhedskonsulenten. Refleksion: "
    "vent med viden, til borgerens egne idéer er fremme.",
    "Har haft svært ved at finde tid til at skrive i logbogen. Fortalte om to samtaler fra "
    "hukommelsen. Refleksion: skriv tre linjer lige efter samtalen i stedet for en lang "
    "tekst senere.",
]
LEARNING_POINTS = [
    "Spørge til borgerens ønsker til samtalen, før jeg selv siger noget om dagsordenen.",
    "Tælle til fem, før jeg kommer med egne forslag.",
    "Slutte hver samtale med at borgeren selv siger, hvad vi har aftalt.",
    "Åbne Jobloggen sammen med borgeren i starten af status.",
    "Sige højt, når jeg skifter fra vejleder til myndighed.",
    "Prøve timeout én gang om ugen, når samtalen kører i ring.",
    "Skrive tre linjer i logbogen lige efter samtalen.",
    "Spørge 'Hvad tænker du selv?' før jeg nævner en virksomhed.",
]
FOCUS_NOTES = [
    "Vi samlede op på runden på tavlen. Tre temaer gik igen: vi taler for meget i starten, "
    "Jobloggen bliver brugt for lidt, og borgeren opsummerer sjældent selv. Vi valgte "
    "fokusområder ud fra, hvad flest kunne se sig selv træne.",
    "Gruppen var enig om at fortsætte med de nysgerrige spørgsmål og tage opsummeringen og "
    "Jobloggen op som nye fokusområder.",
]


@dataclass(frozen=True)
class HeldMeeting:
    days_ago: int
    duration: int
    place: str
    focus_areas: tuple[str, ...]
    minutes: str
    absent: int = 0  # how many members were absent


DAGPENGE_MEETINGS = [
    HeldMeeting(
        days_ago=49,
        duration=120,
        place="Mødelokale 2",
        focus_areas=(
            "Kontrakt i starten: aftal formål og dagsorden med borgeren",
            "Nysgerrige spørgsmål før egne forslag",
        ),
        minutes=(
            "Første læringsgruppemøde efter opstarten af aktionslæring i teamet. Alle "
            "fortalte om deres træning; én var fraværende. Det gik igen, at vi har svært ved "
            "at lade borgeren komme først til orde, og at kontrakten i starten gør samtalen "
            "mere fokuseret.\n\nVi aftalte to fælles fokusområder frem til næste møde. Hver "
            "konsulent beder mindst én kollega om at observere en samtale inden da."
        ),
        absent=1,
    ),
    HeldMeeting(
        days_ago=7,
        duration=120,
        place="Mødelokale 2",
        focus_areas=(
            "Lad borgeren opsummere til sidst",
            "Brug Jobloggen som udgangspunkt i status",
            "Nysgerrige spørgsmål før egne forslag",
        ),
        minutes=(
            "Runden viste, at kontrakten nu er en fast del af de fleste samtaler. Flere har "
            "fået feedback fra en kollega, og det har givet et fælles sprog for, hvad vi "
            "gør. Nysgerrige spørgsmål er stadig svære, når tiden er knap.\n\nVi fortsætter "
            "med de nysgerrige spørgsmål og tager to nye fokusområder op: borgerens egen "
            "opsummering og Jobloggen som udgangspunkt i status."
        ),
    ),
]
NORD_MEETING = HeldMeeting(
    days_ago=21,
    duration=60,
    place="Mødelokalet, 1. sal",
    focus_areas=(
        "Kontrakt i starten af samtalen",
        "Lad borgeren opsummere til sidst",
    ),
    minutes=(
        "Kort læringsgruppemøde. Camilla fortalte om sin træning med kontrakt og "
        "opsummering. Vi aftalte to fokusområder og at mødes igen om seks uger."
    ),
)
NEXT_MEETING_IN_DAYS = 35
MEETING_TIME = time(9, 0)


def _weekday(day: date) -> date:
    """The day itself, or the Monday after a weekend."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, MEETING_TIME))


def _held(
    rng,
    *,
    team: Team,
    facilitator: User,
    consultants: list[User],
    plan: HeldMeeting,
    today: date,
    focus_until: date,
) -> LearningMeeting:
    starts_at = _at(_weekday(today - timedelta(days=plan.days_ago)))
    order = rng.sample(consultants, len(consultants))
    absent = set(rng.sample(range(len(order)), plan.absent)) if plan.absent else set()
    meeting = LearningMeeting.objects.create(
        team=team,
        facilitator=facilitator,
        starts_at=starts_at,
        duration_minutes=plan.duration,
        place=plan.place,
        purpose=str(DEFAULT_PURPOSE),
        status=MeetingStatus.ENDED,
        started_at=starts_at,
        ended_at=starts_at,  # set below, once the items have run
        minutes=plan.minutes,
        focus_from=timezone.localdate(starts_at),
        focus_until=focus_until,
    )
    share = round_share(duration_minutes=plan.duration, rounds=len(order) - len(absent))
    items = agenda_for(meeting=meeting, consultants=order, share=share)
    round_notes = rng.sample(ROUND_NOTES, len(order))
    points = rng.sample(LEARNING_POINTS, len(order))
    at = starts_at
    rounds = 0
    learning_points = []
    for item in items:
        if item.kind == AgendaKind.ROUND:
            index = rounds
            rounds += 1
            if index in absent:
                item.skipped = True
                continue
            item.notes = round_notes[index]
            learning_points.append(
                LearningPoint(meeting=meeting, consultant=item.consultant, text=points[index])
            )
        elif item.kind == AgendaKind.WELCOME:
            item.notes = rng.choice(WELCOME_NOTES)
        else:
            item.notes = FOCUS_NOTES[0] if plan.absent else FOCUS_NOTES[1]
        item.started_at = at
        at += timedelta(minutes=max(1, item.planned_minutes + rng.randint(-2, 2)))
        item.ended_at = at
    AgendaItem.objects.bulk_create(items)
    LearningPoint.objects.bulk_create(learning_points)
    FocusArea.objects.bulk_create(
        FocusArea(meeting=meeting, text=text, position=position)
        for position, text in enumerate(plan.focus_areas, start=1)
    )
    LearningMeeting.objects.filter(pk=meeting.pk).update(ended_at=at)
    return meeting


def _planned(
    *, team: Team, facilitator: User, consultants: list[User], day: date
) -> LearningMeeting:
    meeting = LearningMeeting.objects.create(
        team=team,
        facilitator=facilitator,
        starts_at=_at(day),
        place="Mødelokale 2",
        purpose=str(DEFAULT_PURPOSE),
    )
    share = round_share(duration_minutes=meeting.duration_minutes, rounds=len(consultants))
    AgendaItem.objects.bulk_create(
        agenda_for(meeting=meeting, consultants=consultants, share=share)
    )
    return meeting


def _consultants(team: Team, *, besides: User) -> list[User]:
    return list(
        User.objects.filter(team=team, role=Role.JOB_CONSULTANT, is_active=True)
        .exclude(pk=besides.pk)
        .order_by("name")
    )


def seed(rng, stdout) -> None:
    with override("da"):
        _seed(rng, stdout)


def _seed(rng, stdout) -> None:
    today = timezone.localdate()
    made = 0
    dagpenge = Team.objects.filter(name="Jobparate dagpenge").first()
    leader = User.objects.filter(username="teamleder").first()
    if dagpenge and leader and not dagpenge.learning_meetings.exists():
        consultants = _consultants(dagpenge, besides=leader)
        next_day = _weekday(today + timedelta(days=NEXT_MEETING_IN_DAYS))
        starts = [_weekday(today - timedelta(days=plan.days_ago)) for plan in DAGPENGE_MEETINGS]
        ends = [*starts[1:], next_day]
        for plan, following in zip(DAGPENGE_MEETINGS, ends, strict=True):
            _held(
                rng,
                team=dagpenge,
                facilitator=leader,
                consultants=consultants,
                plan=plan,
                today=today,
                focus_until=following - timedelta(days=1),
            )
        _planned(team=dagpenge, facilitator=leader, consultants=consultants, day=next_day)
        made += len(DAGPENGE_MEETINGS) + 1
    nord = Team.objects.filter(name="Jobteam Nord").first()
    facilitator = User.objects.filter(username="konsulent-nord").first()
    if nord and facilitator and not nord.learning_meetings.exists():
        _held(
            rng,
            team=nord,
            facilitator=facilitator,
            consultants=_consultants(nord, besides=facilitator),
            plan=NORD_MEETING,
            today=today,
            focus_until=today + timedelta(weeks=3),
        )
        made += 1
    stdout.write(f"  learning-group meetings: {made}")
