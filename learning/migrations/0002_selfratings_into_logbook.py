"""The conversation guide's self-ratings (conversations.SelfRating) become logbook entries on
their conversation (from_guide=True). The old free-text technique key is matched to the
consultant's team's technique of the same default name (the team first gets the default lists,
as learning.services.team_setup does); a technique that cannot be matched is kept in the text.

Historical models only: the lists below are copies, so later edits of the app's defaults do
not change what this migration did."""

from django.db import migrations
from django.utils import timezone

DEFAULT_TECHNIQUES = [
    ("Kontrakt", "Aftal formål, borgerens ønsker og dagsorden i starten af samtalen."),
    ("Nysgerrige spørgsmål", "Åbne spørgsmål, der lader borgeren folde sine tanker ud."),
    ("Spejling", "Gentag og afspejl det, borgeren siger, så borgeren hører sig selv."),
    ("Timeout", "Stop op og aftal på ny, hvor samtalen skal hen."),
    ("Opsummering ved borgeren", "Lad borgeren selv opsummere samtalen og aftalerne."),
    ("Joblog som udgangspunkt", "Tag afsæt i borgerens egen Joblog."),
    ("Arbejdsmarkedsviden i samtalen", "Bring konkret viden om job og virksomheder i spil."),
    (
        "Skift mellem myndighed og vejleder",
        "Vær tydelig om, hvornår du er myndighed, og hvornår du vejleder.",
    ),
]
DEFAULT_FEEDBACK_QUESTIONS = [
    "Kontrakt og opstart: Hvordan blev formålet, borgerens ønsker og dagsordenen aftalt?",
    "Status: Hvordan kom borgerens egen vurdering af jobsøgningen frem?",
    "Fremdrift: Kom borgerens egne idéer først, før konsulentens viden og tilbud?",
    "Afslutning: Opsummerede borgeren selv, og blev aftaler og hjemmeopgaver konkrete?",
    "Job og arbejdsmarked: Hvordan holdt samtalen retningen mod job og arbejdsmarkedet?",
    "Ejerskab: Hvordan fik borgeren ejerskab til sin egen jobsøgning?",
    "Progression: Hvilken progression blev tydelig for borgeren?",
]
#: The keys the guide's self-rating stored (conversations.guide.TECHNIQUES), by default name.
OLD_KEYS = {
    "kontrakt": "Kontrakt",
    "nysgerrige_spoergsmaal": "Nysgerrige spørgsmål",
    "spejling": "Spejling",
    "timeout": "Timeout",
    "opsummering": "Opsummering ved borgeren",
    "joblog": "Joblog som udgangspunkt",
    "arbejdsmarkedsviden": "Arbejdsmarkedsviden i samtalen",
    "myndighed_vejleder": "Skift mellem myndighed og vejleder",
}


def _team_lists_ensure(apps, team_id: int) -> None:
    Technique = apps.get_model("learning", "Technique")
    FeedbackQuestion = apps.get_model("learning", "FeedbackQuestion")
    if not Technique.objects.filter(team_id=team_id).exists():
        Technique.objects.bulk_create(
            Technique(team_id=team_id, name=name, description=description, position=position)
            for position, (name, description) in enumerate(DEFAULT_TECHNIQUES, start=1)
        )
    if not FeedbackQuestion.objects.filter(team_id=team_id).exists():
        FeedbackQuestion.objects.bulk_create(
            FeedbackQuestion(team_id=team_id, text=text, position=position)
            for position, text in enumerate(DEFAULT_FEEDBACK_QUESTIONS, start=1)
        )


def selfratings_into_logbook(apps, schema_editor) -> None:
    SelfRating = apps.get_model("conversations", "SelfRating")
    LogbookEntry = apps.get_model("learning", "LogbookEntry")
    Technique = apps.get_model("learning", "Technique")
    done = set(
        LogbookEntry.objects.filter(booking__isnull=False).values_list(
            "consultant_id", "booking_id"
        )
    )
    teams_ready: set[int] = set()
    entries = []
    ratings = SelfRating.objects.select_related("booking", "consultant").order_by("pk")
    for rating in ratings.iterator(chunk_size=500):
        if (rating.consultant_id, rating.booking_id) in done:
            continue
        done.add((rating.consultant_id, rating.booking_id))
        team_id = rating.consultant.team_id
        if team_id is not None and team_id not in teams_ready:
            _team_lists_ensure(apps, team_id)
            teams_ready.add(team_id)
        key = rating.technique.strip()
        name = OLD_KEYS.get(key.lower(), key)
        technique = None
        if key and team_id is not None:
            technique = Technique.objects.filter(team_id=team_id, name__iexact=name).first()
        entries.append(
            LogbookEntry(
                consultant_id=rating.consultant_id,
                booking_id=rating.booking_id,
                date=timezone.localdate(rating.booking.start),
                technique=technique,
                what_happened=f"Teknik: {name}" if key and technique is None else "",
                reflection=rating.reflection,
                score=rating.score,
                from_guide=True,
            )
        )
    LogbookEntry.objects.bulk_create(entries, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0001_initial"),
        ("conversations", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(selfratings_into_logbook, migrations.RunPython.noop, elidable=True),
    ]
