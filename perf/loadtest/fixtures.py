"""Data the load test needs from inside Django, printed as JSON so that the locust process
(gevent) never imports Django: `python -m perf.loadtest.fixtures contention --citizens 50`, run by
`python -m perf.loadtest` with the load-test settings and the run's DATABASE_URL."""

import argparse
import json
import sys
from datetime import datetime, timedelta


def contention(citizens: int, times: int) -> dict:
    """One topic of the demo centre, `citizens` of its citizens without coming bookings (an API
    token each), and `times` free times of that topic, pairwise far enough apart (a consultant's
    times an hour apart) that booking all of them at once conflicts nowhere."""
    from django.utils import timezone

    from api.services import api_token_create
    from booking.availability import free_slots
    from booking.models import ACTIVE_STATUSES, Booking, Topic
    from booking.selectors.bookings import topic_consultants
    from citizens.models import Citizen

    busy = Booking.objects.filter(status__in=ACTIVE_STATUSES, start__gte=timezone.now())
    for topic in Topic.objects.filter(active=True).order_by("job_centre_id", "pk"):
        if "telefon" not in topic.modes or not topic_consultants(topic).exists():
            continue
        pool = (
            Citizen.objects.filter(job_centre_id=topic.job_centre_id, user__is_active=True)
            .exclude(pk__in=busy.values("citizen_id"))
            .select_related("user")
            .order_by("pk")
        )
        candidates = [c for c in pool[: citizens * 6] if topic.open_to(c.target_group)]
        if not candidates:
            continue
        # One citizen group, so that one booking rule decides which times are free for all.
        group = max(
            {c.target_group for c in candidates}, key=[c.target_group for c in candidates].count
        )
        chosen = [c for c in candidates if c.target_group == group][:citizens]
        if len(chosen) < citizens:
            continue
        today = timezone.localdate()
        slots = free_slots(
            topic=topic,
            target_group=group,
            date_from=today + timedelta(days=3),
            date_to=today + timedelta(days=40),
        )
        picked: list[tuple[int, str]] = []
        last: dict[int, datetime] = {}
        for slot in slots:
            for consultant_id in slot.consultant_ids:
                previous = last.get(consultant_id)
                if previous is None or slot.start - previous >= timedelta(hours=1):
                    last[consultant_id] = slot.start
                    picked.append((consultant_id, slot.start.isoformat()))
                    break
        if len(picked) < times:
            continue
        tokens = [api_token_create(user=c.user, name="loadtest")[1] for c in chosen]
        return {
            "topic": topic.pk,
            "mode": "telefon",
            "tokens": tokens,
            "times": [{"consultant": c, "start": s} for c, s in picked[:times]],
        }
    raise SystemExit("No topic with enough citizens and free times for the contention test.")


def main() -> None:
    import django

    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["contention"])
    parser.add_argument("--citizens", type=int, default=50)
    parser.add_argument("--times", type=int, default=300)
    args = parser.parse_args()
    django.setup()
    json.dump(contention(args.citizens, args.times), sys.stdout)


if __name__ == "__main__":
    main()
