"""Demo conversations. For the held conversations of the last six months of the demo citizens
with a plan: agreements and homework written into Min Plan from the conversation, the
consultant's journal note (finalised, a few amended, the newest of each consultant still a
draft) and the guide's notes for the most recent ones. The consultants' self-ratings of these
conversations are logbook entries: learning/demo/logbook.py.

And one conversation of "borger" with "konsulent" that began a few minutes ago, so the demo
consultant can prepare and run it straight away: her CV seeks Truckfører, which her Joblog
never applies for (joblog/demo/), and the preparation view names it."""

import random
from datetime import timedelta
from typing import TextIO

from django.utils import timezone

from accounts.models import User
from booking.models import ACTIVE_STATUSES, Booking, MeetingMode, Origin, Status
from citizens.models import Citizen
from conversations.guide import PHASES, text_keys
from conversations.models import (
    Guide,
    GuideNote,
    GuideTemplate,
    JournalAmendment,
    JournalNote,
    NoteField,
    Timeout,
)
from plans.models import Agreement, Homework, Plan

HISTORY_DAYS = 180
GUIDED = 40  # the most recent held conversations also get the guide's notes
BUFFER = timedelta(minutes=15)

AGREEMENTS = [
    "Du søger mindst to stillinger om ugen inden for {a}.",
    "Du ringer til to virksomheder, før du sender en ansøgning.",
    "Du tager med til jobmessen i Ballerup og taler med mindst tre virksomheder.",
    "Du udvider din søgning til også at gælde {b}.",
    "Du beder en tidligere leder om at være reference.",
    "Du tilmelder dig kurset i Jobnet og e-mail.",
]
HOMEWORK = [
    ("Skriv en ny profiltekst til CV'et", "Tre-fire linjer om hvad du er god til."),
    ("Find fem virksomheder, du vil kontakte", "Skriv dem i Joblog som planlagte aktiviteter."),
    ("Opdatér Jobloggen", "Med status på de ansøgninger, du har sendt."),
    ("Øv din fortælling om dit brancheskift", "Hvorfor vil du gerne arbejde som {b}?"),
]
NOTES = {
    NoteField.PURPOSE: [
        "Følge op på jobsøgningen og se på næste skridt.",
        "Borgeren ønsker hjælp til CV og ansøgninger.",
    ],
    NoteField.WISHES: [
        "Vil gerne have konkrete ideer til virksomheder at kontakte.",
        "Vil tale om at søge bredere end hidtil.",
    ],
    NoteField.AGENDA: ["1. Status fra Joblog 2. Ideer 3. Aftaler", "CV, Joblog, næste skridt"],
    NoteField.STATUS: [
        "Har søgt 7 stillinger siden sidst, to svar, ingen samtaler endnu.",
        "Jobloggen viser god aktivitet; mest opslåede stillinger.",
    ],
    NoteField.CITIZEN_IDEAS: [
        "Vil prøve uopfordrede ansøgninger til lagre på Vestegnen.",
        "Vil spørge i sit netværk og på sin gamle arbejdsplads.",
    ],
    NoteField.CONSULTANT_INPUT: [
        "Fortalte om virksomhederne på årshjulet, der søger folk i uge 40-44.",
        "Tilbød kursus i truckcertifikat og et virksomhedsrettet forløb.",
    ],
    NoteField.SUMMARY: [
        "Borgeren opsummerede: søge bredere og ringe først.",
        "Borgeren vil rette CV'et og søge to nye stillinger i ugen.",
    ],
    NoteField.NEXT_STEP: ["Borgeren booker selv næste samtale om 4 uger.", "Ny samtale om 3 uger."],
}
AMENDMENTS = [
    "Borgeren ringede dagen efter og har allerede sendt to ansøgninger.",
    "Tilføjet: borgeren er tilmeldt jobmessen.",
]


def _journal_text(rng: random.Random, booking: Booking, agreements: list[str]) -> str:
    lines = [
        f"Samtale om {booking.topic.name.lower()}.",
        rng.choice(NOTES[NoteField.STATUS]),
        rng.choice(NOTES[NoteField.CITIZEN_IDEAS]),
    ]
    lines += [f"Aftale: {a}" for a in agreements]
    return "\n".join(lines)


def _free_start(consultant: User, now) -> tuple:
    """A 45-minute start that began 10 minutes ago, or up to 40 minutes ago, or else the first
    quarter-hour ahead today that is clear of the consultant's other conversations. Never
    further back: a conversation that began hours ago would be one the demo left without an
    outcome."""
    busy = list(
        Booking.objects.filter(
            consultant=consultant,
            status__in=ACTIVE_STATUSES,
            start__lt=now + timedelta(hours=13),
            blocked_until__gt=now - timedelta(hours=1),
        ).values_list("start", "blocked_until")
    )
    base = now.replace(second=0, microsecond=0)
    offsets = [-10, -25, -40, *range(5, 12 * 60, 15)]
    for minutes in offsets:
        start = base + timedelta(minutes=minutes)
        end = start + timedelta(minutes=45)
        if all(not (s < end + BUFFER and b > start) for s, b in busy):
            return start, end
    return None, None


def _todays_conversation(now) -> Booking | None:
    citizen = (
        Citizen.objects.filter(user__username="borger")
        .select_related("responsible_consultant", "user")
        .first()
    )
    if citizen is None or citizen.responsible_consultant is None:
        return None
    consultant = citizen.responsible_consultant
    topics = list(consultant.topics_offered.filter(active=True).order_by("name"))
    topic = next((t for t in topics if MeetingMode.PHONE in t.modes), None)
    start, end = _free_start(consultant, now)
    if topic is None or start is None:
        return None
    return Booking.objects.create(
        job_centre_id=citizen.job_centre_id,
        citizen=citizen,
        consultant=consultant,
        topic=topic,
        mode=MeetingMode.PHONE,
        start=start,
        end=end,
        blocked_until=end + BUFFER,
        origin=Origin.SELF_BOOKED,
        created_by=citizen.user,
        talk_about=(
            "Jeg vil gerne tale om, hvordan jeg kommer videre med at søge lagerjob, "
            "og om truckkørsel kunne være noget for mig."
        ),
        take_away="En plan for de næste uger og hjælp til mit CV.",
    )


def _team_guide() -> None:
    """The team of borger's consultant has its own guide text ("egen drejebog")."""
    citizen = Citizen.objects.filter(user__username="borger").first()
    consultant = citizen.responsible_consultant if citizen else None
    if consultant is None or consultant.team_id is None or consultant.job_centre_id is None:
        return
    texts = {key: str(text) for phase in PHASES for key, text in text_keys(phase).items()}
    texts["kontrakt.purpose"] = (
        "Læs borgerens egne ord op fra bookingen, og aftal så formål, mål og dagsorden."
    )
    texts["wishes"] = "Spørg: Hvad skal der til, for at i dag bliver en god samtale for dig?"
    GuideTemplate.objects.create(
        job_centre_id=consultant.job_centre_id,
        team_id=consultant.team_id,
        texts=texts,
        updated_by=consultant,
    )


def seed(rng: random.Random, stdout: TextIO) -> None:
    if JournalNote.objects.exists():
        return
    now = timezone.now()
    held = list(
        Booking.objects.filter(
            status=Status.HELD,
            start__gte=now - timedelta(days=HISTORY_DAYS),
            start__lte=now,
            citizen__plan__isnull=False,
        )
        .select_related("topic", "consultant", "citizen")
        .order_by("start", "pk")
    )
    plans = {p.citizen_id: p for p in Plan.objects.filter(citizen__in={b.citizen_id for b in held})}
    newest_of: dict[int, int] = {}
    for booking in held:
        newest_of[booking.consultant_id] = booking.pk
    agreements, homework, notes = [], [], []
    for booking in held:
        plan = plans[booking.citizen_id]
        texts = [
            t.format(a=booking.topic.name.lower(), b="lager og logistik")
            for t in rng.sample(AGREEMENTS, rng.randint(1, 2))
        ]
        agreements += [
            Agreement(plan=plan, text=t, created_by=booking.consultant, conversation=booking)
            for t in texts
        ]
        if rng.random() < 0.5:
            title, description = rng.choice(HOMEWORK)
            homework.append(
                Homework(
                    plan=plan,
                    title=title,
                    description=description.format(b="lagerarbejder"),
                    due=timezone.localdate(booking.start) + timedelta(days=14),
                    done_at=booking.start + timedelta(days=10)
                    if booking.start < now - timedelta(days=14)
                    else None,
                    created_by=booking.consultant,
                    conversation=booking,
                )
            )
        final = booking.pk != newest_of[booking.consultant_id]
        notes.append(
            JournalNote(
                booking=booking,
                text=_journal_text(rng, booking, texts),
                author=booking.consultant,
                updated_by=booking.consultant,
                finalised_at=booking.end + timedelta(minutes=rng.randint(10, 90))
                if final
                else None,
                finalised_by=booking.consultant if final else None,
            )
        )
    Agreement.objects.bulk_create(agreements, batch_size=500)
    Homework.objects.bulk_create(homework, batch_size=500)
    JournalNote.objects.bulk_create(notes, batch_size=500)
    finals = [n for n in notes if n.finalised_at]
    JournalAmendment.objects.bulk_create(
        JournalAmendment(note=n, text=rng.choice(AMENDMENTS), author=n.author)
        for n in rng.sample(finals, min(len(finals), 12))
    )
    guides = Guide.objects.bulk_create(
        Guide(booking=b, started_by=b.consultant, finished_at=b.end) for b in held[-GUIDED:]
    )
    GuideNote.objects.bulk_create(
        GuideNote(guide=g, field=field, text=rng.choice(texts), updated_by=g.started_by)
        for g in guides
        for field, texts in NOTES.items()
    )
    Timeout.objects.bulk_create(
        Timeout(guide=g, note="Vi talte om, hvad der var vigtigst i dag.", created_by=g.started_by)
        for g in guides
        if rng.random() < 0.4
    )
    today = _todays_conversation(now)
    _team_guide()
    stdout.write(
        f"  conversations: {len(notes)} journal notes, {len(agreements)} agreements, "
        f"{len(homework)} homework, {len(guides)} guides"
        + (f"; borger today at {timezone.localtime(today.start):%H.%M}" if today else "")
    )
