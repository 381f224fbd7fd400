"""Demo observations in the team "Jobparate dagpenge" of "Jobcenter Demo": about three months
of colleagues and the team leader sitting in on held conversations, most with feedback the
observed consultant has read, some not read yet, one declined and one the citizen said no to,
and two for coming conversations (one waiting for the team leader's answer, one accepted and
waiting for the citizen's consent). Uses the conversations booking/demo.py made.

Written with bulk_create, not through the services: the times lie in the past, and nobody is
to be notified. Every row keeps the model's invariants (consent before feedback, feedback
before it is read). Safe to run twice: a team that has observations is left alone."""

import random
from datetime import datetime, time, timedelta
from typing import TextIO

from django.db.models import Q
from django.utils import timezone

from accounts.models import Role, User
from booking.models import Booking
from booking.models import Status as BookingStatus
from centres.models import Team
from learning.models import ConsentMethod, Observation, ObservationStatus
from learning.selectors.team_setup import feedback_questions_of, techniques_of
from learning.services.observations import CITIZEN_SAID_NO

A = ObservationStatus.ACKNOWLEDGED
F = ObservationStatus.FEEDBACK_GIVEN
D = ObservationStatus.DECLINED
C = ObservationStatus.CANCELLED
R = ObservationStatus.REQUESTED
OK = ObservationStatus.ACCEPTED

#: (status, observed username, observer username, days ago the conversation was; for the
#: coming ones: the n-th coming conversation of the observed)
PLAN: list[tuple[str, str, str, int]] = [
    (A, "konsulent", "teamleder", 84),
    (A, "konsulent02", "konsulent03", 80),
    (A, "konsulent04", "teamleder", 76),
    (A, "konsulent05", "konsulent", 71),
    (A, "konsulent03", "teamleder", 66),
    (A, "konsulent06", "konsulent07", 62),
    (D, "konsulent07", "konsulent02", 58),
    (A, "konsulent", "konsulent04", 55),
    (A, "konsulent07", "teamleder", 50),
    (A, "konsulent02", "teamleder", 44),
    (C, "konsulent05", "konsulent06", 40),
    (A, "konsulent04", "konsulent05", 37),
    (A, "konsulent06", "teamleder", 31),
    (A, "konsulent03", "konsulent", 26),
    (A, "konsulent05", "teamleder", 21),
    (A, "konsulent", "konsulent06", 16),
    (F, "konsulent07", "konsulent04", 9),
    (F, "konsulent02", "teamleder", 6),
    (F, "konsulent", "teamleder", 3),
    (R, "konsulent", "teamleder", 1),
    (OK, "konsulent05", "konsulent", 1),
]

#: "What to look for", as the observed consultant wrote it.
MESSAGES = [
    "Se især på, hvordan jeg laver kontrakt i starten. Jeg glemmer tit at spørge til borgerens "
    "egne ønsker.",
    "Jeg vil gerne have feedback på mine spørgsmål: stiller jeg åbne spørgsmål, eller kommer jeg "
    "med løsningerne for hurtigt?",
    "Læg mærke til afslutningen. Jeg vil prøve at lade borgeren opsummere selv.",
    "Hold øje med, om jeg bruger borgerens Joblog som udgangspunkt, eller om jeg styrer samtalen.",
    "Jeg øver mig i timeout, når samtalen kører i ring. Sig gerne, om det virker naturligt.",
    "Hvordan skifter jeg mellem myndighed og vejleder, når vi taler om rådighed?",
    "Se på, om jeg får bragt konkret viden om virksomheder og brancher i spil.",
    "Jeg vil gerne vide, om jeg spejler borgeren, eller om jeg kommer til at tale for meget.",
    "",
    "Borgeren er ofte meget kortfattet. Hvordan kan jeg åbne samtalen mere op?",
]

WENT_WELL = [
    "Du fik lavet en rigtig god kontrakt: borgeren sagde selv, hvad hun ville have ud af "
    "samtalen, og I holdt jer til det.",
    "Dine spørgsmål var nysgerrige og åbne. Borgeren talte mere end dig i det meste af samtalen.",
    "Da samtalen begyndte at køre i ring om ansøgninger, tog du en timeout og spurgte, hvad der "
    "var vigtigst lige nu. Det gav ro.",
    "Borgeren opsummerede selv aftalerne til sidst, og de blev meget konkrete: tre ansøgninger "
    "inden fredag.",
    "Du tog udgangspunkt i borgerens Joblog og spurgte ind til de job, han selv havde fundet. Han "
    "blev tydeligt mere engageret.",
    "Du var tydelig om, hvornår du talte som myndighed om rådighed, og vendte så tilbage til "
    "vejledningen. Borgeren virkede tryg.",
    "Din viden om lagerbranchen i området gjorde indtryk. Borgeren fik to konkrete virksomheder "
    "at ringe til.",
    "Du spejlede borgerens bekymring om alder uden at feje den af bordet. Det åbnede for en ærlig "
    "snak.",
    "Rolig og venlig start. Du spurgte til, hvordan det var gået siden sidst, før du gik i gang "
    "med dagsordenen.",
    "Du lod pauserne være. Borgeren fik tid til at tænke og kom selv med idéen om at prøve "
    "kantinejob.",
    "Du fulgte op på hjemmeopgaven fra sidst på en anerkendende måde, selv om den kun var "
    "halvt lavet.",
    "Flot brug af borgerens egne ord, da I skrev aftalerne. Han kunne genkende sig selv i Min "
    "Plan.",
    "Du holdt samtalen på job hele vejen, også da borgeren ville tale om sin a-kasse.",
    "Godt at du spurgte, hvad borgeren selv tænkte næste skridt skulle være, før du kom med "
    "forslag.",
    "Samtalen sluttede til tiden, og borgeren gik derfra med en klar plan for ugen.",
    "Du fik borgeren til at sætte tal på sin motivation (7 ud af 10) og spurgte, hvad der skulle "
    "til for at komme til 8.",
]

TRY_NEXT = [
    "Prøv at lade borgeren opsummere hele samtalen til sidst, ikke kun aftalerne.",
    "Vent lidt længere, før du kommer med dine egne forslag. Spørg: Hvad har du selv tænkt?",
    "Brug Joblog på skærmen sammen med borgeren fra starten, så I kigger på det samme.",
    "Sig højt, når du skifter til myndighedsrollen, fx: Nu skal jeg lige sige noget om reglerne.",
    "Tag en timeout, når samtalen kører i ring. Spørg, hvad der er vigtigst at nå i dag.",
    "Gør aftalerne mere konkrete: hvilke virksomheder, hvornår, og hvordan følger I op?",
    "Spørg ind til borgerens egne idéer om brancher, før du viser jobforslag.",
    "Start med kontrakten: hvad vil borgeren gerne have ud af samtalen i dag?",
    "Brug mere konkret viden om arbejdsmarkedet: hvilke virksomheder i området mangler folk?",
    "Spejl borgerens udsagn lidt oftere, så borgeren hører sine egne pointer.",
    "Afrund med at spørge, hvad borgeren tager med sig fra samtalen.",
    "Lad borgeren skrive hjemmeopgaven ind i Min Plan selv, mens I sidder sammen.",
    "Prøv skalaspørgsmålet: Hvor tæt er du på job, fra 1 til 10, og hvad skal der til for et "
    "skridt mere?",
    "Hold øje med tiden, så der er fem minutter til afslutningen.",
    "Spørg nysgerrigt til de ansøgninger, der ikke blev til noget: hvad lærte borgeren af dem?",
    "Giv borgeren ordet først, når I taler om status. Du kom hurtigt med din egen vurdering.",
]

#: Answers to the default questions (DEFAULT_FEEDBACK_QUESTIONS, in their order).
ANSWERS = [
    [
        "Formålet blev sagt tydeligt, og borgeren kom med to ønsker til dagsordenen.",
        "Kontrakten var kort; borgerens egne ønsker kom først frem efter ti minutter.",
        "God opstart med en fælles dagsorden på skærmen.",
    ],
    [
        "Borgeren vurderede selv sin jobsøgning som 'lidt gået i stå', og I tog afsæt i det.",
        "Status blev mest din vurdering. Spørg borgeren først.",
        "Joblog blev brugt som fælles udgangspunkt for status.",
    ],
    [
        "Ja, borgerens idé om at søge chaufførjob kom først, og du byggede videre på den.",
        "Du kom hurtigt med tilbud om kursus, før borgeren havde sagt, hvad hun selv tænkte.",
        "Borgerens egne idéer fyldte det meste af samtalen.",
    ],
    [
        "Borgeren opsummerede selv, og hjemmeopgaven blev konkret: ring til to vikarbureauer.",
        "Du opsummerede selv. Aftalerne var gode, men borgeren sagde ikke meget til sidst.",
        "Aftalerne blev skrevet i Min Plan sammen med borgeren.",
    ],
    [
        "Samtalen holdt retningen mod job, også da snakken faldt på helbred.",
        "Der gik lidt tid med a-kassen, men du fik vendt tilbage til jobsøgningen.",
        "Konkrete virksomheder blev nævnt flere gange.",
    ],
    [
        "Borgeren tog ejerskab ved selv at foreslå næste skridt.",
        "Ejerskabet var delt; prøv at lade borgeren formulere aftalerne.",
        "Borgeren sagde til sidst: 'Det her er min plan.' Flot.",
    ],
    [
        "Det blev tydeligt, at borgeren har flere samtaler til jobinterview end sidst.",
        "Progressionen kunne gøres tydeligere ved at sammenligne med sidste samtale.",
        "Borgeren kunne selv se, at CV'et nu er færdigt.",
    ],
]

THOUGHTS = [
    "Tak, det giver god mening. Jeg prøver at lade borgeren opsummere i de næste samtaler.",
    "Godt at høre, at kontrakten virkede. Jeg skriver det i min logbog.",
    "Jeg kunne godt mærke, at jeg kom med forslag for hurtigt. Det øver jeg.",
    "",
    "Tak for en grundig feedback. Jeg tager timeout med til læringsgruppemødet.",
    "Enig. Jeg vil prøve skalaspørgsmålet næste gang.",
    "",
    "Rart at få øje på det, der virker. Jeg fortsætter med Joblog på skærmen.",
]

#: Staff write and read between 8 and 16 on weekdays.
WORK_HOURS = (8, 16)
DECLINE_REASON = "Jeg har selv samtaler hele formiddagen den dag. Spørg gerne igen i næste uge."


def _pools(rng: random.Random, *lists: list[str]) -> list[list[str]]:
    """Each list shuffled once, so texts are taken in a varied but deterministic order."""
    shuffled = []
    for items in lists:
        copy = list(items)
        rng.shuffle(copy)
        shuffled.append(copy)
    return shuffled


def _between(rng: random.Random, first: datetime, last: datetime) -> datetime:
    """A moment in working hours (weekdays 8-16) from `first` to `last`; `first` itself when
    there is none."""
    windows = []
    day = timezone.localtime(first).date()
    while day <= timezone.localtime(last).date():
        if day.weekday() < 5:
            opens = datetime.combine(
                day, time(WORK_HOURS[0]), tzinfo=timezone.get_current_timezone()
            )
            closes = opens + timedelta(hours=WORK_HOURS[1] - WORK_HOURS[0])
            lo, hi = max(first, opens), min(last, closes)
            if lo < hi:
                windows.append((lo, hi))
        day += timedelta(days=1)
    if not windows:
        return first
    total = sum((hi - lo).total_seconds() for lo, hi in windows)
    point = rng.random() * total
    for lo, hi in windows:
        length = (hi - lo).total_seconds()
        if point <= length:
            return lo + timedelta(seconds=point)
        point -= length
    return windows[-1][1]


def seed(rng: random.Random, stdout: TextIO) -> None:
    team = Team.objects.filter(job_centre__name="Jobcenter Demo", name="Jobparate dagpenge").first()
    if team is None:
        stdout.write("  observations: skipped (no team Jobparate dagpenge)")
        return
    if Observation.objects.filter(observed__team=team).exists():
        return
    people = {
        u.username: u
        for u in User.objects.filter(
            team=team, role__in=[Role.JOB_CONSULTANT, Role.TEAM_LEADER], is_active=True
        )
    }
    now = timezone.now()
    observed_names = sorted({observed for _, observed, _, _ in PLAN})
    bookings: dict[str, list[Booking]] = {name: [] for name in observed_names}
    for booking in (
        Booking.objects.filter(
            consultant__in=[people[n] for n in observed_names if n in people],
            start__gte=now - timedelta(days=100),
            start__lte=now + timedelta(weeks=6),
        )
        .filter(Q(status=BookingStatus.HELD) | Q(status=BookingStatus.BOOKED, start__gt=now))
        .select_related("consultant")
        .order_by("start", "pk")
    ):
        bookings[booking.consultant.username].append(booking)
    techniques = list(techniques_of(team=team))
    questions = list(feedback_questions_of(team=team))
    messages, went_well, try_next, thoughts = _pools(rng, MESSAGES, WENT_WELL, TRY_NEXT, THOUGHTS)
    used: set[int] = set()
    rows: list[Observation] = []
    requested_at: list[datetime] = []
    for n, (status, observed_name, observer_name, days_ago) in enumerate(PLAN):
        observed, observer = people.get(observed_name), people.get(observer_name)
        if observed is None or observer is None:
            continue
        picked = _pick(bookings[observed_name], used, status, now, days_ago)
        if picked is None:
            continue
        booking = picked
        used.add(booking.pk)
        if status in (R, OK):
            asked = _between(rng, now - timedelta(days=2), now)
        else:
            earliest = max(booking.start - timedelta(days=rng.randint(5, 12)), booking.created_at)
            latest = min(earliest + timedelta(days=2), booking.start - timedelta(hours=2))
            asked = _between(rng, earliest, latest)
        observation = Observation(
            booking=booking,
            observed=observed,
            observer=observer,
            technique=rng.choice(techniques) if techniques and n % 4 else None,
            message=messages[n % len(messages)],
            status=status,
        )
        answered = _between(
            rng, asked, min(asked + timedelta(days=2), booking.start - timedelta(hours=1), now)
        )
        if status != R:
            observation.answered_at = answered
        if status == D:
            observation.decline_reason = DECLINE_REASON
        if status == C:
            observation.decline_reason = CITIZEN_SAID_NO
        if status in (A, F):
            oral = rng.random() < 0.8
            observation.consent_method = ConsentMethod.ORAL if oral else ConsentMethod.WRITTEN
            observation.consent_at = (
                booking.start - timedelta(minutes=rng.randint(2, 10))
                if oral
                else _between(rng, answered, booking.start - timedelta(minutes=10))
            )
            observation.consent_recorded_by = observed
            given = _between(
                rng, booking.end + timedelta(minutes=30), min(booking.end + timedelta(days=3), now)
            )
            observation.answers = _answers(rng, questions)
            observation.went_well = went_well[n % len(went_well)]
            observation.try_next = try_next[n % len(try_next)]
            observation.feedback_at = given
            if status == A:
                observation.acknowledged_at = _between(
                    rng, given + timedelta(hours=1), min(given + timedelta(days=4), now)
                )
                observation.acknowledgement = thoughts[n % len(thoughts)]
        rows.append(observation)
        requested_at.append(asked)
    created = Observation.objects.bulk_create(rows)
    # requested_at is auto_now_add, which bulk_create sets to now; give it the planned time.
    for observation, asked in zip(created, requested_at, strict=True):
        observation.requested_at = asked
    Observation.objects.bulk_update(created, ["requested_at"])
    with_feedback = sum(1 for o in created if o.feedback_at)
    stdout.write(f"  observations: {len(created)}, with feedback: {with_feedback}")


def _pick(
    candidates: list[Booking], used: set[int], status: str, now: datetime, days_ago: int
) -> Booking | None:
    """For a coming observation, the observed consultant's first booked conversation after
    tomorrow; otherwise the held conversation nearest to `days_ago` days ago."""
    free = [b for b in candidates if b.pk not in used]
    if status in (R, OK):
        coming = [
            b
            for b in free
            if b.status == BookingStatus.BOOKED and b.start > now + timedelta(days=1)
        ]
        return coming[0] if coming else None
    held = [b for b in free if b.status == BookingStatus.HELD and b.end < now]
    if not held:
        return None
    wanted = now - timedelta(days=days_ago)
    return min(held, key=lambda b: abs((b.start - wanted).total_seconds()))


def _answers(rng: random.Random, questions) -> list[dict[str, str]]:
    """The template's questions as asked; the observer answers three or four of them."""
    answered = set(rng.sample(range(len(questions)), k=min(len(questions), rng.randint(3, 4))))
    items = []
    for index, question in enumerate(questions):
        answer = ""
        if index in answered:
            options = ANSWERS[index % len(ANSWERS)]
            answer = rng.choice(options)
        items.append({"question": question.text, "answer": answer})
    return items
