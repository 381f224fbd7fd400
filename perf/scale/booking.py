"""What each centre offers (topics, rooms, working hours, closing days, a rule, yardsticks) and
the bookings: laid on each consultant's grid of starts (context.SLOT_TIMES), one booking per
start at most, so no consultant and no room (each consultant has their own) holds two
overlapping active bookings and the PostgreSQL exclusion constraints accept every row."""

from datetime import date, timedelta
from decimal import Decimal

from booking.demo import CENTRE_CANCEL_REASONS, CLOSING_DAYS, HOURS, LUNCH, TEXTS, TOPICS
from booking.models import BookingRule, ClosingDay, Room, Topic, WorkingDay
from joblog.models import Yardstick

from .context import Context

BUFFER = timedelta(minutes=15)
BOOKING_COLUMNS = [
    "id",
    "public_id",
    "job_centre_id",
    "citizen_id",
    "consultant_id",
    "topic_id",
    "mode",
    "room_id",
    "start",
    "end",
    "blocked_until",
    "status",
    "origin",
    "facilitated_by_id",
    "talk_about",
    "take_away",
    "idempotency_key",
    "created_by_id",
    "created_at",
    "rescheduled_at",
    "status_changed_at",
    "status_changed_by_id",
    "cancel_reason",
]


def offer(ctx: Context) -> None:
    """Small per-centre tables through the ORM: a few hundred rows each."""
    today = ctx.today
    topics, links, rooms, hours, closing, rules, yardsticks = [], [], [], [], [], [], []
    for info in ctx.centres:
        for spec in TOPICS:
            topics.append(
                Topic(
                    job_centre_id=info.id,
                    name=spec.name,
                    description=spec.description,
                    preparation=spec.preparation,
                    duration_minutes=spec.minutes,
                    modes=list(spec.modes),
                )
            )
        for n in range(1, len(info.job_consultants) + 1):
            rooms.append(
                Room(
                    job_centre_id=info.id,
                    name=f"Samtalerum {n}",
                    location=f"Jobcentervej {info.number}, {1 + (n - 1) // 12}. sal",
                )
            )
        for person in (*info.job_consultants, *info.team_leaders):
            week, friday = HOURS[0]
            for weekday in range(5):
                start, end = friday if weekday == 4 else week
                hours.append(
                    WorkingDay(
                        consultant_id=person,
                        weekday=weekday,
                        start=start,
                        end=end,
                        break_start=LUNCH[0],
                        break_end=LUNCH[1],
                    )
                )
        for year in range(ctx.first_day.year, today.year + 2):
            for month, day, name in CLOSING_DAYS:
                closing.append(
                    ClosingDay(job_centre_id=info.id, date=date(year, month, day), name=name)
                )
        rules.append(BookingRule(job_centre_id=info.id, target_group=""))
        yardsticks += [
            Yardstick(
                job_centre_id=info.id,
                target_group="",
                benefit_type="",
                searches=Decimal(6),
                period_days=28,
                inactivity_days=30,
            ),
            Yardstick(
                job_centre_id=info.id,
                target_group="aktivitetsparat",
                benefit_type="",
                searches=Decimal(2),
                period_days=28,
                inactivity_days=45,
            ),
        ]
    topics = Topic.objects.bulk_create(topics, batch_size=1000)
    rooms = Room.objects.bulk_create(rooms, batch_size=1000)
    by_centre_topics: dict[int, list[Topic]] = {}
    for topic in topics:
        by_centre_topics.setdefault(topic.job_centre_id, []).append(topic)
    by_centre_rooms: dict[int, list[Room]] = {}
    for room in rooms:
        by_centre_rooms.setdefault(room.job_centre_id, []).append(room)
    for info in ctx.centres:
        for topic, spec in zip(by_centre_topics[info.id], TOPICS, strict=True):
            info.topics.append((topic.pk, spec.minutes, spec.modes, spec.name))
            chosen = info.job_consultants if spec.everyone else info.job_consultants[::2]
            links += [Topic.consultants.through(topic_id=topic.pk, user_id=c) for c in chosen]
        info.room_of = {
            c: room.pk
            for c, room in zip(info.job_consultants, by_centre_rooms[info.id], strict=True)
        }
    Topic.consultants.through.objects.bulk_create(links, batch_size=2000)
    WorkingDay.objects.bulk_create(hours, batch_size=2000)
    ClosingDay.objects.bulk_create(closing, batch_size=1000)
    BookingRule.objects.bulk_create(rules)
    Yardstick.objects.bulk_create(yardsticks)
    for model, rows in (
        ("booking_topic", topics),
        ("booking_topic_consultants", links),
        ("booking_room", rooms),
        ("booking_workingday", hours),
        ("booking_closingday", closing),
        ("booking_bookingrule", rules),
        ("joblog_yardstick", yardsticks),
    ):
        ctx.counts[model] = ctx.counts.get(model, 0) + len(rows)


def allocate(total: int, weights: list[float]) -> list[int]:
    """Whole counts summing exactly to `total`, each the floor or ceiling of its share."""
    whole = sum(weights)
    if whole <= 0:
        return [0] * len(weights)
    counts, acc, given = [], 0.0, 0
    for w in weights:
        acc += w
        upto = int(total * acc / whole + 0.5)
        counts.append(upto - given)
        given = upto
    return counts


def booking_counts(ctx: Context) -> list[int]:
    """Bookings per citizen: proportional to how long they have been unemployed, with noise."""
    rng = ctx.rng("booking-counts")
    last = len(ctx.first_slot_on) - 1
    weights = [
        (last - ctx.c_registered[i]) * rng.lognormvariate(0, 0.5) for i in range(len(ctx.c_centre))
    ]
    return allocate(ctx.sizes.totals["bookings"], weights)


def bookings(ctx: Context) -> None:
    counts = booking_counts(ctx)
    ctx.booking_base = ctx.ids("booking_booking")
    ctx.write("booking_booking", BOOKING_COLUMNS, _booking_rows(ctx, counts), sum(counts))


def _booking_rows(ctx: Context, counts: list[int]):
    next_id = ctx.booking_base
    slots = ctx.slots
    first_future = ctx.first_future_slot if ctx.first_future_slot >= 0 else len(slots)
    weights = [spec.weight for spec in TOPICS]
    texts = {name: TEXTS.get(name, [("", "")]) for name in TEXTS}
    for info in ctx.centres:
        rng = ctx.rng("bookings", info.number)
        pool = info.job_consultants
        mine: dict[int, list[int]] = {c: [] for c in pool}
        for n in range(info.citizens):
            i = info.first_citizen + n
            mine[ctx.c_consultant[i] or pool[n % len(pool)]].append(i)
        topic_cum = []
        acc = 0
        for w in weights:
            acc += w
            topic_cum.append(acc)
        for position, consultant in enumerate(pool):
            taken = bytearray(len(slots))
            odd = position % 2 == 1
            room = info.room_of[consultant]
            for i in mine[consultant]:
                k = counts[i]
                if not k:
                    continue
                citizen_id = ctx.citizen_base + i
                user_id = ctx.user_base_citizens + i
                kontant = ctx.c_benefit[i] == 1
                lo = ctx.first_slot_on[ctx.c_registered[i]]
                coming = 1 if rng.random() < 0.45 else 0
                chosen = []
                for future in [True] * coming + [False] * (k - coming):
                    a, b = (first_future, len(slots)) if future else (lo, first_future)
                    if b <= a:
                        continue
                    s = rng.randrange(a, b)
                    for _ in range(b - a):
                        if not taken[s]:
                            break
                        s = s + 1 if s + 1 < b else a
                    else:
                        continue
                    taken[s] = 1
                    chosen.append(s)
                chosen.sort()
                ctx.c_bookings[i] = len(chosen)
                for s in chosen:
                    t = rng.choices(range(len(TOPICS)), cum_weights=topic_cum)[0]
                    if odd and not TOPICS[t].everyone:
                        t = 0
                    topic_id, minutes, modes, topic_name = info.topics[t]
                    start = slots[s]
                    end = start + timedelta(minutes=minutes)
                    mode = rng.choice(modes)
                    past = s < first_future
                    r = rng.random()
                    if past:
                        status = (
                            "no_show"
                            if r < 0.07
                            else "cancelled_citizen"
                            if r < 0.13
                            else "cancelled_centre"
                            if r < 0.155
                            else "held"
                        )
                    else:
                        status = "cancelled_citizen" if r < 0.04 else "booked"
                    summoned = rng.random() < (0.26 if kontant else 0.08)
                    facilitated = not summoned and rng.random() < 0.12
                    talk, take = ("", "") if summoned else rng.choice(texts[topic_name])
                    created = start - timedelta(days=rng.randint(2, 20), hours=rng.randint(0, 6))
                    changed = None
                    changed_by = None
                    if status in ("held", "no_show"):
                        changed, changed_by = end, consultant
                    elif status == "cancelled_citizen":
                        changed, changed_by = start - timedelta(days=rng.randint(1, 5)), user_id
                    elif status == "cancelled_centre":
                        changed, changed_by = start - timedelta(days=1), consultant
                    if status == "held":
                        ctx.h_id.append(next_id)
                        ctx.h_citizen.append(i)
                        ctx.h_consultant.append(consultant)
                        ctx.h_slot.append(s)
                    yield (
                        next_id,
                        ctx.uuid_from(rng),
                        info.id,
                        citizen_id,
                        consultant,
                        topic_id,
                        mode,
                        room if mode == "fremmoede" else None,
                        start,
                        end,
                        end + BUFFER,
                        status,
                        "summoned" if summoned else "self",
                        consultant if facilitated else None,
                        talk,
                        take,
                        None,
                        consultant if summoned or facilitated else user_id,
                        created,
                        None,
                        changed,
                        changed_by,
                        rng.choice(CENTRE_CANCEL_REASONS) if status == "cancelled_centre" else "",
                    )
                    next_id += 1
