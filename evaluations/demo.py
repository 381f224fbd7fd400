"""Demo data for the citizens' evaluations: answers to about 60 % of the held demo
conversations, mostly 7-10 with some lower, a few in the citizen's own words. The demo team
leader's team gets at least its job centre's small-number threshold of answers in the last 90
days, so its figure shows.

Written with bulk_create, not through the service: fast, and the answers get the days they
would have been given. Deterministic with `rng`; a second run changes nothing."""

import random
import uuid
from datetime import timedelta
from typing import TextIO

from django.utils import timezone

from accounts.models import Role, User
from booking.models import Booking, Status
from centres.models import Team
from evaluations.models import Evaluation, EvaluationReceipt
from evaluations.rules import DEFAULT_PERIOD_DAYS, EVALUATION_DAYS

ANSWER_SHARE = 0.6
WORDS_SHARE = 0.25
#: score: weight. Mostly satisfied, a tail of conversations that did not work.
SCORES = {1: 1, 2: 1, 3: 2, 4: 3, 5: 4, 6: 6, 7: 14, 8: 24, 9: 24, 10: 21}
#: Days from the conversation to the answer: most answer the same day or the next.
DELAYS = [0, 0, 0, 0, 1, 1, 1, 2, 3, 5, 8]

PRAISE = [
    "Det var rart at blive lyttet til. Jeg fik lov at bestemme, hvad vi talte om.",
    "Jeg gik derfra med en plan, jeg selv tror på.",
    "God snak om mit CV. Nu ved jeg, hvad jeg skal rette.",
    "Konkrete råd om, hvor jeg kan søge. Tak.",
    "Jeg følte mig taget alvorligt.",
    "Godt at vi kiggede på min Joblog sammen.",
    "Det hjalp at få idéer til plan B.",
]
CRITIQUE = [
    "Samtalen var for kort, vi nåede ikke det, jeg gerne ville.",
    "Jeg havde svært ved at høre på telefonen.",
    "Jeg vidste ikke, hvad jeg skulle forberede.",
    "Det føltes mest som kontrol og ikke som hjælp.",
]


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _leaders_teams() -> set[int]:
    return set(
        User.objects.filter(role=Role.TEAM_LEADER, is_active=True, team__isnull=False)
        .values_list("team_id", flat=True)
        .distinct()
    )


def seed(rng: random.Random, stdout: TextIO) -> None:
    if EvaluationReceipt.objects.exists():
        stdout.write("  evaluations: already there")
        return
    now = timezone.now()
    today = timezone.localdate(now)
    held = list(
        Booking.objects.filter(status=Status.HELD, start__lte=now)
        .select_related("consultant")
        .order_by("pk")
    )

    def answered_on(booking: Booking):
        day = timezone.localdate(booking.start) + timedelta(days=rng.choice(DELAYS))
        return min(day, today, timezone.localdate(booking.start) + timedelta(days=EVALUATION_DAYS))

    answers = {b.pk: (b, answered_on(b)) for b in held if rng.random() < ANSWER_SHARE}

    # The team leaders' own teams show a figure on their home page: top up if chance did not.
    recent = today - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    leaders_teams = sorted(_leaders_teams())
    thresholds = dict(
        Team.objects.filter(pk__in=leaders_teams).values_list(
            "pk", "job_centre__small_number_threshold"
        )
    )
    for team_id in leaders_teams:
        in_team = [b for b in held if b.consultant.team_id == team_id]
        count = sum(
            1 for b, day in answers.values() if b.consultant.team_id == team_id and day >= recent
        )
        for booking in reversed(in_team):
            if count >= thresholds[team_id]:
                break
            if booking.pk not in answers and timezone.localdate(booking.start) >= recent:
                answers[booking.pk] = (booking, answered_on(booking))
                count += 1

    receipts, evaluations = [], []
    for pk in sorted(answers):
        booking, day = answers[pk]
        score = rng.choices(list(SCORES), weights=list(SCORES.values()))[0]
        words = ""
        if rng.random() < WORDS_SHARE:
            words = rng.choice(PRAISE if score >= 7 else CRITIQUE)
        receipts.append(EvaluationReceipt(booking=booking))
        evaluations.append(
            Evaluation(
                id=_uuid(rng),
                job_centre_id=booking.job_centre_id,
                team_id=booking.consultant.team_id,
                answered_on=day,
                score=score,
                words=words,
            )
        )
    EvaluationReceipt.objects.bulk_create(receipts, batch_size=500)
    Evaluation.objects.bulk_create(evaluations, batch_size=500)
    stdout.write(f"  evaluations: {len(evaluations)} of {len(held)} held conversations")
