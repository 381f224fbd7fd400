"""learning 0002 turns the guide's old self-ratings into logbook entries before conversations
0002 drops them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from learning.models import LogbookEntry, Technique
from learning.tests.factories import held_conversation_of, team_with_members

BEFORE = [("learning", "0001_initial"), ("conversations", "0001_initial")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_guides_self_ratings_become_logbook_entries_on_their_conversations():
    old_apps = _migrate(BEFORE)
    try:
        team, _, (karina, jonas) = team_with_members(2)
        Technique.objects.create(team=team, name="Pause", position=1)  # the leader's own list
        lone = team_with_members(1, job_centre=team.job_centre)[2][0]
        lone.team = None
        lone.save()
        SelfRating = old_apps.get_model("conversations", "SelfRating")
        rated = {
            "karina": held_conversation_of(karina, days_ago=5, hour=0),
            "jonas": held_conversation_of(jonas, days_ago=2),
            "lone": held_conversation_of(lone, days_ago=1),
        }
        for (who, booking), (technique, score) in zip(
            rated.items(), (("timeout", 7), ("", 5), ("spejling", 9)), strict=True
        ):
            SelfRating.objects.create(
                booking_id=booking.pk,
                consultant_id=booking.consultant_id,
                score=score,
                technique=technique,
                reflection=f"Refleksion af {who}",
            )
        other_team, _, (mads,) = team_with_members(1, job_centre=team.job_centre)
        mads_booking = held_conversation_of(mads, days_ago=3)
        SelfRating.objects.create(
            booking_id=mads_booking.pk,
            consultant_id=mads.pk,
            score=6,
            technique="nysgerrige_spoergsmaal",
        )
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    entries = {e.booking_id: e for e in LogbookEntry.objects.select_related("technique")}
    assert len(entries) == 4 and all(e.from_guide and not e.shared for e in entries.values())
    karinas = entries[rated["karina"].pk]
    assert karinas.date == timezone.localdate(rated["karina"].start)
    assert (karinas.consultant, karinas.score, karinas.reflection) == (
        karina,
        7,
        "Refleksion af karina",
    )
    # The team had its own list: no "Timeout" there, so the technique is kept in the text.
    assert karinas.technique is None and karinas.what_happened == "Teknik: Timeout"
    assert entries[rated["jonas"].pk].what_happened == ""
    assert entries[rated["lone"].pk].what_happened == "Teknik: Spejling"
    # A team without techniques gets the method's defaults, and the key finds its technique.
    assert entries[mads_booking.pk].technique.name == "Nysgerrige spørgsmål"
    assert entries[mads_booking.pk].technique.team == other_team
    assert other_team.feedback_questions.count() == 7
