"""Demo logbooks. About three months of entries for the consultants of "Jobparate dagpenge" in
"Jobcenter Demo": two to four a week on working days, each consultant with two or three
techniques in focus, self-ratings mostly 5-8 and rising over the period, about a quarter shared
with the learning group.

And the self-ratings from the conversation guide: for seven in ten of the held conversations
the conversations demo wrote a journal note on, the consultant's rating as a logbook entry on
that conversation (as the guide's self-rating writes it)."""

import random
from datetime import date, timedelta
from typing import TextIO

from django.utils import timezone

from accounts.models import Role, User
from booking.models import Booking, Status
from centres.models import Team
from learning.models import LogbookEntry, Technique
from learning.selectors.team_setup import techniques_of

CENTRE = "Jobcenter Demo"
TEAM = "Jobparate dagpenge"
WEEKS = 13
SHARED_SHARE = 0.25
#: The guide's self-ratings: the held conversations of this many days back.
GUIDE_DAYS = 180
GUIDE_RATED_SHARE = 0.7

WHAT_HAPPENED = [
    "Jeg startede med at spørge, hvad borgeren selv ville have ud af samtalen.",
    "Vi aftalte dagsordenen sammen, før vi kiggede på Jobloggen.",
    "Borgeren kom med tre idéer til virksomheder, før jeg nåede at sige noget.",
    "Samtalen gled over i en snak om ledighedsydelse. Jeg tog en timeout.",
    "Jeg spejlede borgerens frustration over afslagene, og der kom ro på.",
    "Vi tog udgangspunkt i Jobloggen og så, at der næsten kun var søgt lagerjob.",
    "Jeg fortalte om to virksomheder på årshjulet, der søger folk i efteråret.",
    "Borgeren opsummerede selv aftalerne til sidst og skrev dem ned.",
    "Jeg var tydelig om rådighedsreglerne og skiftede så tilbage til vejledning.",
    "Borgeren var meget stille i starten; åbne spørgsmål fik samtalen i gang.",
    "Vi brugte CV'et og Jobloggen side om side og fandt kvalifikationer, der ikke var i spil.",
    "Jeg glemte kontrakten og opdagede det først efter ti minutter.",
    "Borgeren ville gerne tale om uddannelse; vi aftalte at koble det til job.",
    "Timeouten kom midt i samtalen, da vi var gået i stå på CV'et.",
    "Borgeren foreslog selv at ringe til virksomhederne før ansøgningen.",
    "Jeg stillede flere hvordan- og hvad-spørgsmål end jeg plejer.",
    "Vi talte om plan B og C, og borgeren valgte selv at søge bredere.",
    "Samtalen blev afbrudt af telefonen; jeg brugte opsummeringen til at komme tilbage.",
    "Jeg viste de nye opslag på jobtavlen og lod borgeren vælge, hvad der var relevant.",
    "Borgeren var utilfreds med en tidligere aftale; jeg lyttede først og forklarede bagefter.",
]
REFLECTIONS = [
    "Det virkede at vente lidt længere med mine egne forslag.",
    "Borgeren tog mere ejerskab, da hun selv formulerede målet.",
    "Jeg taler stadig for meget i fremdriftsdelen.",
    "Kontrakten gjorde det lettere at holde fokus på job.",
    "Spejlingen føltes kunstig i starten, men borgeren åbnede sig.",
    "Jeg havde svært ved at skifte rolle, da vi kom til rådigheden.",
    "Når Jobloggen er udfyldt, kan vi bruge tiden fremad i stedet for bagud.",
    "Timeouten var ubehagelig at tage, men den reddede samtalen.",
    "Borgeren huskede aftalerne bedre, fordi hun selv sagde dem.",
    "Jeg blev fanget af borgerens historie og mistede tidsfornemmelsen.",
    "Arbejdsmarkedsviden gav borgeren nye idéer, da den kom på det rigtige tidspunkt.",
    "Jeg kunne mærke, at jeg var bedre forberedt end sidst.",
    "Nysgerrige spørgsmål gav mere, end jeg havde forventet.",
    "Det er svært at lade være med at løse problemet for borgeren.",
    "Jeg brugte skabelonen fra læringsgruppen, og den hjalp.",
    "Samtalen var kortere, men der kom flere konkrete aftaler ud af den.",
    "Jeg skulle have spurgt til borgerens egne idéer før mine.",
    "Det gik bedre end sidst; borgeren sagde selv, at samtalen var brugbar.",
    "Jeg mærkede, at jeg faldt tilbage i kontrolrollen, da tiden pressede.",
    "Feedbacken fra min kollega sidste uge hjalp mig med at holde pauser.",
]
NEXT_STEPS = [
    "Starte med kontrakten, også når jeg kender borgeren godt.",
    "Vente tre sekunder, før jeg byder ind med mine egne idéer.",
    "Lade borgeren opsummere, før jeg siger aftalerne højt.",
    "Tage en timeout, så snart samtalen glider væk fra job.",
    "Forberede to konkrete virksomheder inden samtalen.",
    "Åbne Jobloggen sammen med borgeren i de første fem minutter.",
    "Sige tydeligt, når jeg skifter fra myndighed til vejleder.",
    "Stille mindst tre åbne spørgsmål i statusdelen.",
    "Spørge: Hvordan fungerede den her samtale for dig i dag?",
    "Skrive borgerens egne ord ind i planen i stedet for mine.",
    "Bede en kollega sidde med ved en samtale i næste uge.",
    "Bruge årshjulet, når vi taler plan B.",
    "Holde CV og Joblog op mod hinanden før samtalen.",
    "Øve spejling på en borger, der er frustreret.",
    "Lave en kort opsummering midt i samtalen.",
    "Tage det med på læringsgruppemødet.",
    "Aftale hjemmeopgaver, borgeren selv har foreslået.",
    "Spørge ind til borgerens netværk, før jeg foreslår opslåede stillinger.",
]
#: The guide's self-ratings kept the one line of reflection they had.
GUIDE_REFLECTIONS = [
    "Jeg lod borgeren tale først; det gav bedre aftaler.",
    "Jeg glemte at lave kontrakt. Næste gang starter jeg med formålet.",
    "Timeouten hjalp os tilbage til jobsøgningen.",
    "Borgeren opsummerede selv; det gav ejerskab.",
    "Jeg talte for meget. Flere nysgerrige spørgsmål næste gang.",
]


def _score(rng: random.Random, progress: float, level: float) -> int:
    """Mostly 5-8, rising from about 5.6 to 7.4 over the period."""
    mean = 5.6 + 1.8 * progress + level
    return max(3, min(10, round(rng.gauss(mean, 0.8))))


def _written(
    rng: random.Random, consultants: list[User], techniques: list[Technique], today: date
) -> list[LogbookEntry]:
    first = today - timedelta(weeks=WEEKS)
    first -= timedelta(days=first.weekday())
    span = max((today - first).days, 1)
    entries = []
    for consultant in consultants:
        level = rng.uniform(-0.4, 0.4)
        focus = rng.sample(techniques, min(3, len(techniques)))
        for week in range(WEEKS + 1):
            monday = first + timedelta(weeks=week)
            days = [monday + timedelta(days=d) for d in range(5)]
            days = [d for d in days if d <= today]
            if not days:
                continue
            for day in sorted(rng.sample(days, min(rng.randint(2, 4), len(days)))):
                technique = rng.choice(focus) if rng.random() < 0.75 else rng.choice(techniques)
                entries.append(
                    LogbookEntry(
                        consultant=consultant,
                        date=day,
                        technique=technique,
                        score=_score(rng, (day - first).days / span, level),
                        what_happened=rng.choice(WHAT_HAPPENED),
                        reflection=rng.choice(REFLECTIONS),
                        next_step=rng.choice(NEXT_STEPS),
                        shared=rng.random() < SHARED_SHARE,
                    )
                )
    return entries


def _from_guide(rng: random.Random, now) -> list[LogbookEntry]:
    held = (
        Booking.objects.filter(
            status=Status.HELD,
            start__gte=now - timedelta(days=GUIDE_DAYS),
            start__lte=now,
            journal_note__isnull=False,
        )
        .select_related("consultant__team")
        .order_by("start", "pk")
    )
    by_team: dict[int, list[Technique]] = {}
    entries = []
    for booking in held:
        if rng.random() >= GUIDE_RATED_SHARE:
            continue
        team = booking.consultant.team
        if team is not None and team.pk not in by_team:
            by_team[team.pk] = list(techniques_of(team=team))
        techniques = by_team.get(team.pk, []) if team is not None else []
        entries.append(
            LogbookEntry(
                consultant=booking.consultant,
                booking=booking,
                date=timezone.localdate(booking.start),
                technique=rng.choice(techniques) if techniques else None,
                score=rng.choices(range(4, 11), weights=[1, 2, 4, 5, 4, 2, 1])[0],
                reflection=rng.choice(GUIDE_REFLECTIONS),
                from_guide=True,
            )
        )
    return entries


def seed(rng: random.Random, stdout: TextIO) -> None:
    if LogbookEntry.objects.exists():
        return
    now = timezone.now()
    today = timezone.localdate(now)
    written: list[LogbookEntry] = []
    team = Team.objects.filter(name=TEAM, job_centre__name=CENTRE).first()
    if team is not None:
        consultants = list(
            User.objects.filter(team=team, role=Role.JOB_CONSULTANT).order_by("username")
        )
        techniques = list(techniques_of(team=team))
        if techniques:
            written = _written(rng, consultants, techniques, today)
    guided = _from_guide(rng, now)
    LogbookEntry.objects.bulk_create(written + guided, batch_size=500)
    shared = sum(e.shared for e in written)
    stdout.write(
        f"  learning: {len(written)} logbook entries ({shared} shared), "
        f"{len(guided)} self-ratings from the guide"
    )
