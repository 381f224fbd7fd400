"""(In conversations: the demo rates conversations that have a journal note, which is theirs.)
The logbook demo (learning/demo/logbook.py): three months of entries for the dagpenge team
and the guide's self-ratings of the held conversations with a journal note."""

import random
from datetime import timedelta
from io import StringIO

import pytest
from django.db.models import Avg, Count
from django.utils import timezone

from accounts.models import Role, User
from centres import demo as centres_demo
from conversations.models import JournalNote
from learning.demo import logbook as demo
from learning.models import LogbookEntry
from learning.tests.factories import held_conversation_of

pytestmark = pytest.mark.django_db


def test_three_months_of_entries_for_the_dagpenge_team_and_the_guides_ratings():
    centres_demo.seed(random.Random("centres.demo"), StringIO())
    konsulent = User.objects.get(username="konsulent")
    held = [held_conversation_of(konsulent, days_ago=d) for d in range(1, 21)]
    JournalNote.objects.bulk_create(
        JournalNote(booking=b, text="Notat", author=konsulent, updated_by=konsulent) for b in held
    )
    demo.seed(random.Random("learning.demo.logbook"), StringIO())

    written = LogbookEntry.objects.filter(from_guide=False)
    consultants = written.values("consultant").annotate(n=Count("pk"))
    assert len(consultants) == 7  # konsulent, konsulent02..07
    assert set(written.values_list("consultant__role", flat=True)) == {Role.JOB_CONSULTANT}
    assert all(2 * demo.WEEKS <= row["n"] <= 4 * (demo.WEEKS + 1) for row in consultants)
    assert not written.filter(date__week_day__in=(1, 7)).exists()  # working days only
    scores = list(written.values_list("score", flat=True))
    assert sum(5 <= s <= 8 for s in scores) / len(scores) > 0.75
    today = timezone.localdate()
    early = written.filter(date__lt=today - timedelta(weeks=9)).aggregate(a=Avg("score"))["a"]
    late = written.filter(date__gte=today - timedelta(weeks=4)).aggregate(a=Avg("score"))["a"]
    assert late > early + 0.8
    assert 0.1 < written.filter(shared=True).count() / written.count() < 0.4
    assert written.values("technique").distinct().count() >= 5
    assert len(set(written.values_list("reflection", flat=True))) >= 15

    guided = LogbookEntry.objects.filter(from_guide=True)
    assert 8 <= guided.count() <= 20
    assert all(e.booking.consultant == e.consultant for e in guided.select_related("booking"))

    demo.seed(random.Random("learning.demo.logbook"), StringIO())  # a second run adds nothing
    assert LogbookEntry.objects.count() == written.count() + guided.count()
