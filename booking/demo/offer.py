"""What each demo job centre offers (topics and their texts, rooms, closing days, absence,
working hours) and the shares the demo's history is drawn with."""

from dataclasses import dataclass
from datetime import time, timedelta

from django.db.models import Q

from booking.models import (
    MeetingMode,
)

IN_PERSON, PHONE, VIDEO = MeetingMode.IN_PERSON, MeetingMode.PHONE, MeetingMode.VIDEO


@dataclass(frozen=True)
class TopicSpec:
    name: str
    description: str
    minutes: int
    modes: tuple[str, ...]
    weight: int
    #: Offered by every job consultant, or by every other one.
    everyone: bool = True
    #: What the consultant's preparation opens with (booking.models.PreparationFocus).
    preparation: str = ""


TOPICS = [
    TopicSpec(
        "Min jobsøgning",
        "Vi ser på din jobsøgning sammen: hvad du har søgt, hvad der virker, og hvad du kan gøre "
        "anderledes. Tag gerne din Joblog med.",
        45,
        (IN_PERSON, PHONE, VIDEO),
        40,
    ),
    TopicSpec(
        "Brancheskift",
        "Overvejer du at skifte branche? Vi taler om, hvilke af dine kompetencer der kan bruges "
        "i andre job, og hvor arbejdsgiverne mangler folk.",
        60,
        (IN_PERSON, VIDEO),
        15,
        preparation="transfer",
    ),
    TopicSpec(
        "Uddannelse og kurser",
        "Har du brug for et kursus, et certifikat eller en kort uddannelse for at komme i job? "
        "Vi ser på mulighederne, og på hvad jobcentret kan støtte.",
        45,
        (IN_PERSON, PHONE),
        15,
        everyone=False,
    ),
    TopicSpec(
        "Mit CV",
        "Vi gennemgår dit CV og dit 'Jeg søger job som', så arbejdsgiverne kan finde dig og se, "
        "hvad du kan.",
        30,
        (IN_PERSON, VIDEO),
        20,
        preparation="cv",
    ),
    TopicSpec(
        "Job i en anden by",
        "Vil du søge job længere væk eller flytte efter arbejdet? Vi taler om pendling, "
        "transport, bolig og job i andre dele af landet.",
        30,
        (PHONE, VIDEO),
        10,
        preparation="distance",
    ),
]

#: What citizens write when they book: (what to talk about, what to take away), per topic.
TEXTS = {
    "Min jobsøgning": [
        (
            "Jeg har søgt mange job som lagermedarbejder, men får kun afslag. Jeg vil gerne "
            "finde ud af, hvad jeg gør forkert.",
            "Et par konkrete idéer til, hvordan mine ansøgninger kan blive bedre.",
        ),
        (
            "Min jobsøgning er gået lidt i stå, og jeg ved ikke, hvor jeg skal søge nu.",
            "En plan for de næste fire uger.",
        ),
        (
            "Jeg har været til to jobsamtaler og vil gerne tale om, hvordan de gik.",
            "Gode råd til næste jobsamtale.",
        ),
        (
            "Jeg vil gerne søge uopfordret, men ved ikke, hvordan jeg kommer i gang.",
            "Nogle virksomheder, jeg kan kontakte, og hvad jeg skal sige.",
        ),
        (
            "Status på min Joblog. Jeg har søgt både som butiksassistent og i kantiner.",
            "At vide om jeg søger bredt nok.",
        ),
        (
            "Jeg er usikker på, om jeg skal tage et deltidsjob eller vente på fuld tid.",
            "Hjælp til at beslutte mig.",
        ),
    ],
    "Brancheskift": [
        (
            "Jeg har arbejdet 15 år i byggeriet og kan ikke mere med ryggen. Hvad kan jeg ellers?",
            "Et overblik over job, hvor min erfaring kan bruges.",
        ),
        (
            "Jeg er uddannet i detailhandlen og vil gerne prøve noget på et kontor.",
            "At vide hvad der skal til, og om der er job.",
        ),
        (
            "Jeg har hørt, at der mangler folk i ældreplejen. Kunne det være noget for mig?",
            "Viden om arbejdet og om en virksomhedspraktik.",
        ),
        (
            "Jeg kommer fra transport og vil gerne over i lager og logistik.",
            "Hvilke certifikater jeg mangler.",
        ),
    ],
    "Uddannelse og kurser": [
        (
            "Jeg mangler truckcertifikat for at kunne søge de fleste lagerjob.",
            "Om jeg kan komme på et kursus, og hvornår.",
        ),
        (
            "Jeg vil gerne blive bedre til Excel, fordi mange kontorjob kræver det.",
            "Et kursus der passer til mit niveau.",
        ),
        (
            "Kan jeg tage en kort uddannelse som social- og sundhedshjælper, mens jeg er ledig?",
            "Svar på reglerne og en plan.",
        ),
        (
            "Jeg har brug for at forny mit kørekort til lastbil (kode C).",
            "At vide om jobcentret kan støtte det.",
        ),
    ],
    "Mit CV": [
        (
            "Mit CV er gammelt, og jeg ved ikke, hvad der er vigtigt at have med.",
            "Et CV jeg kan sende med mine ansøgninger.",
        ),
        (
            "Jeg har huller i mit CV og ved ikke, hvordan jeg skal forklare dem.",
            "En god måde at skrive om de år på.",
        ),
        (
            "Gennemgang af 'Jeg søger job som'. Jeg får ingen jobforslag.",
            "Flere relevante jobforslag.",
        ),
        (
            "Jeg vil gerne have hjælp til at beskrive mine kompetencer fra frivilligt arbejde.",
            "At mit CV viser alt det, jeg kan.",
        ),
    ],
    "Job i en anden by": [
        (
            "Jeg overvejer at søge job i Aarhus, hvor min kæreste bor.",
            "At vide om der er job, og hvad en flytning betyder for min ydelse.",
        ),
        (
            "Hvor langt skal jeg pendle? Jeg har ikke bil.",
            "Overblik over transport og de job, jeg kan nå.",
        ),
        (
            "Jeg har fået tilbud om et job på Fyn og vil gerne tale om det.",
            "En beslutning om jeg skal sige ja.",
        ),
    ],
}

CENTRE_CANCEL_REASONS = [
    "Konsulenten er desværre syg. Book gerne en ny tid.",
    "Konsulenten er kaldt til et akut møde. Vi beklager og beder dig booke en ny tid.",
    "Jobcentret holder temadag for alle medarbejdere. Book gerne en ny tid.",
]

ROOMS = [
    ("Mødelokale 1", "Stueetagen, første dør til venstre efter receptionen"),
    ("Mødelokale 2", "Stueetagen, ved siden af kantinen"),
    ("Mødelokale 3", "1. sal, lokale 104 (elevator ved hovedindgangen)"),
]

#: (month, day, name): closed besides the public holidays, which the calendar knows already.
CLOSING_DAYS = [(6, 5, "Grundlovsdag"), (12, 24, "Juleaftensdag"), (12, 31, "Nytårsaftensdag")]

#: (days from today, number of days, note) for one consultant each, chosen at random.
ABSENCES = [
    (-150, 15, "Sommerferie"),
    (-45, 2, "Kursus"),
    (-12, 1, "Syg"),
    (6, 3, "Ferie"),
    (15, 1, "Temadag"),
]

#: Mon-Thu and Friday hours: (start, end) with lunch 12.00-12.30 every day.
HOURS = [
    ((time(8, 30), time(15, 30)), (time(8, 30), time(13, 30))),
    ((time(9), time(16)), (time(9), time(14))),
]
LUNCH = (time(12), time(12, 30))

HISTORY_DAYS = 365
COMING_DAYS = 21
GRID = timedelta(minutes=30)
BUFFER = timedelta(minutes=15)
NO_SHOW, CANCELLED_BY_CITIZEN, CANCELLED_BY_CENTRE = 0.07, 0.06, 0.025
#: Summoned conversations (plus every one of a citizen exempt from self-booking): for
#: dagpenge recipients the share falls over the year as self-booking takes hold, from
#: SUMMONED_A_YEAR_AGO to SUMMONED_SHARE now; kontanthjælp recipients stay near
#: SUMMONED_KONTANTHJAELP. The leaders' figures show the trend (issue 8).
SUMMONED_SHARE = 0.04
SUMMONED_A_YEAR_AGO = 0.30
SUMMONED_KONTANTHJAELP = 0.26
FACILITATED_SHARE = 0.12
OWN_CONSULTANT_SHARE = 0.85
#: A conversation moves at most this many days on when its consultant is busy or away.
MAX_DAYS_LATER = 9

#: The demo citizens with a history: the logins in README.md and all of Jobcenter Nord.
HISTORY_CITIZENS = Q(user__username__in=["borger", *[f"borger{n:03d}" for n in range(1, 101)]]) | Q(
    job_centre__name="Jobcenter Nord"
)
