"""Demo job suggestions: the last four weeks for "borger" (this week's not checked yet, the
earlier ones answered, one "not relevant" with a reason) and for some of the job-ready citizens
with a CV, among them "konsulent"'s, one of whom let a check pass (flagged to the consultant).
Runs after the labour demo (the openings) and the postcodes."""

import random
from datetime import datetime, time, timedelta
from typing import TextIO

from django.db.models import Exists, OuterRef
from django.utils import timezone

from citizens.models import Citizen, TargetGroup
from cv.models import CV
from joblog.models import EntryStatus
from joblog.services import entry_create
from suggestions import services
from suggestions.models import Reason, SuggestionBatch

#: Weeks back from this week (0) that get suggestions.
WEEKS = (3, 2, 1, 0)
#: Citizens other than "borger" with suggestions: some of konsulent's and some others.
OF_KONSULENT = 12
OTHERS = 18


def _citizens() -> list[Citizen]:
    with_cv = Citizen.objects.filter(
        job_centre__name="Jobcenter Demo",
        target_group=TargetGroup.JOB_READY,
        user__is_active=True,
    ).filter(Exists(CV.objects.filter(citizen=OuterRef("pk"))))
    borger = list(with_cv.filter(user__username="borger"))
    konsulent = list(
        with_cv.filter(responsible_consultant__username="konsulent")
        .exclude(user__username="borger")
        .order_by("user__username")[:OF_KONSULENT]
    )
    others = list(
        with_cv.exclude(pk__in=[c.pk for c in borger + konsulent])
        .filter(user__username__startswith="borger")
        .order_by("user__username")[:OTHERS]
    )
    return borger + konsulent + others


def _answered_at(batch: SuggestionBatch, rng: random.Random) -> datetime:
    day = batch.week_start + timedelta(days=rng.randint(0, 4))
    return datetime.combine(
        day, time(rng.randint(9, 20), rng.randint(0, 59)), tzinfo=timezone.get_current_timezone()
    )


def _answer(batch: SuggestionBatch, rng: random.Random, *, borger: bool, reason: bool) -> None:
    """Every suggestion of the week answered: mostly seen, some saved to the Joblog, a few not
    relevant ("borger": exactly one, in the week `reason` is set)."""
    citizen = batch.citizen
    suggestions = list(batch.suggestions.select_related("opening__occupation"))
    for index, suggestion in enumerate(suggestions):
        now = _answered_at(batch, rng)
        roll = rng.random()
        if reason and index == len(suggestions) - 1:
            services.suggestion_not_relevant(
                suggestion=suggestion,
                citizen=citizen,
                reason=Reason.NOT_MY_INDUSTRY,
                text="Jeg vil helst blive i den branche, jeg kender",
                now=now,
            )
        elif not borger and roll < 0.15:
            services.suggestion_not_relevant(
                suggestion=suggestion, citizen=citizen, reason=rng.choice(Reason.values), now=now
            )
        elif roll < 0.35 and suggestion.opening.occupation_id:
            fields = services.joblog_initial(suggestion, now.date())
            fields["occupation"] = suggestion.opening.occupation
            fields["status"] = EntryStatus.SENT
            entry = entry_create(citizen=citizen, today=now.date(), **fields)
            services.suggestion_save_to_joblog(
                suggestion=suggestion, citizen=citizen, entry=entry, now=now
            )
        else:
            services.suggestion_mark_seen(suggestion=suggestion, citizen=citizen, now=now)


def seed(rng: random.Random, stdout: TextIO) -> None:
    today = timezone.localdate()
    monday = services.week_start(today)
    citizens = _citizens()
    missed_by = next(
        (c for c in citizens if c.responsible_consultant and c.user.username != "borger"), None
    )
    made = 0
    for citizen in citizens:
        for weeks_back in WEEKS:
            day = monday - timedelta(days=7 * weeks_back)
            batch = services.suggestions_make(citizen=citizen, today=day)
            if batch is None:
                continue
            made += 1
            if weeks_back == 0:
                continue  # this week's are still to be checked
            if citizen == missed_by and weeks_back == 2:
                continue  # not checked: flagged below
            borger = citizen.user.username == "borger"
            _answer(batch, rng, borger=borger, reason=borger and weeks_back == 1)
    flagged = services.flag_missed(today)
    stdout.write(f"  job suggestions: {made} weeks for {len(citizens)} citizens, {flagged} missed")
