"""The seeder: each demo job centre's offer, its history and the coming bookings."""

import random
from typing import TextIO

from django.utils import timezone

from booking.demo.centres import Centre
from booking.demo.history import History, _deadlines
from booking.demo.offer import HISTORY_CITIZENS
from booking.models import (
    Booking,
    BookingDeadline,
)
from centres.models import JobCentre
from citizens.models import Citizen


def seed(rng: random.Random, stdout: TextIO) -> None:
    now = timezone.now()
    today = timezone.localdate(now)
    centres = {}
    for job_centre in JobCentre.objects.order_by("pk"):
        centre = centres[job_centre.pk] = Centre(rng, job_centre, today)
        centre.create_offer(today)

    citizens = list(
        Citizen.objects.filter(HISTORY_CITIZENS)
        .select_related("user", "responsible_consultant")
        .order_by("user__username")
    )
    history = History(rng, centres, now)
    history.missed = next(
        c
        for c in citizens
        if c.user.username != "borger"
        and not c.self_booking_exempt
        and c.responsible_consultant
        and c.responsible_consultant.username == "konsulent"
    )
    for citizen in citizens:
        history.add_for(citizen)
    # created_at is auto_now_add, which bulk_create sets to now; give it the planned time back.
    planned = [b.created_at for b in history.bookings]
    bookings = Booking.objects.bulk_create(history.bookings, batch_size=500)
    for b, created_at in zip(bookings, planned, strict=True):
        b.created_at = created_at
    Booking.objects.bulk_update(bookings, ["created_at"], batch_size=500)

    deadlines = _deadlines(rng, history, centres, citizens)
    BookingDeadline.objects.bulk_create(deadlines)
    stdout.write(
        f"  topics: {sum(len(c.topics) for c in centres.values())}, "
        f"bookings: {len(bookings)}, booking deadlines: {len(deadlines)}"
    )
