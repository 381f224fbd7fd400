"""The national data generator at a tiny scale, on whichever database the run uses (and with
PostgreSQL's COPY and exclusion constraints where it is PostgreSQL)."""

import hashlib
from collections import Counter
from datetime import date, time

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.urls import reverse
from stdnum.dk import cpr as stdnum_cpr

from accounts.demo_totp import demo_code
from accounts.models import Role, User
from audit.models import LookupLog
from booking.models import ACTIVE_STATUSES, Booking
from centres.models import JobCentre
from citizens.identifiers import cpr_hash
from citizens.models import Citizen
from conversations.models import JournalNote
from cv.models import CV
from joblog.models import JoblogEntry
from labour.models import JobOpening
from perf.scale.__main__ import main as seed_scale
from perf.scale.context import Context
from perf.scale.generate import STEPS, build
from perf.scale.plan import MUNICIPALITIES, sizes, split
from perf.scale.writers import Writer
from plans.models import Plan

SCALE = 0.0005
TODAY = date(2026, 11, 23)


def _build(**kwargs):
    return build(SCALE, seed=7, progress=False, today=TODAY, fk_checks=True, **kwargs)


def test_sizes_keep_the_national_shape():
    national = sizes(1.0)
    assert len(national.centres) == len(MUNICIPALITIES) == 98
    assert national.totals["citizens"] == 400_000
    share = national.centres[0].citizens / national.totals["citizens"]
    assert 0.09 < share < 0.13  # København
    assert national.centres[-1].citizens < 200  # the long tail: Læsø
    assert 2_900 <= national.totals["staff"] <= 3_200
    tenth = sizes(0.1)
    assert len(tenth.centres) == 10
    assert 0.09 < tenth.centres[0].citizens / tenth.totals["citizens"] < 0.13
    assert sizes(0.0001).totals["centres"] == 1
    assert split(10, [1, 1, 1]) == [4, 3, 3]


@pytest.mark.django_db(transaction=True)
def test_builds_the_right_proportions_and_passes_the_constraints(client, monkeypatch, capsys):
    # Small chunks, so every big table is written in several transactions.
    monkeypatch.setattr("perf.scale.writers.PG_CHUNK", 3_000)
    monkeypatch.setattr("perf.scale.writers.SQLITE_CHUNK", 3_000)
    result = _build()
    planned = result["planned"]
    assert JobCentre.objects.count() == planned["centres"] == 1
    # The centre's settings the data set does not choose are the model's defaults, read back as
    # Django stores them (times included).
    centre = JobCentre.objects.get()
    assert (centre.quiet_hours_start, centre.quiet_hours_end) == (time(22, 0), time(9, 0))
    assert centre.small_number_threshold == 5 and centre.email == ""
    assert Citizen.objects.count() == planned["citizens"] == 200
    assert JoblogEntry.objects.count() == planned["joblog"] == 10_000
    assert LookupLog.objects.count() == planned["lookups"] == 5_000
    assert JobOpening.objects.count() == planned["openings"] == 200
    assert JobOpening.objects.filter(valid_through__gte=TODAY).count() == 25
    assert Booking.objects.count() >= planned["bookings"] * 0.97
    cv_rows = sum(
        n
        for table, n in result["rows"].items()
        if table.startswith("cv_") and not table.endswith("_through")
    )
    assert cv_rows == pytest.approx(planned["cv_rows"], rel=0.05)
    assert Plan.objects.count() == 200 and CV.objects.count() > 150
    held = Booking.objects.filter(status="held").count()
    assert JournalNote.objects.count() == held > 0
    roles = Counter(User.objects.values_list("role", flat=True))
    assert roles[Role.MANAGER] == roles[Role.ADMINISTRATOR] == 1
    assert roles[Role.JOB_CONSULTANT] >= 1 and roles[Role.CITIZEN] == 200

    # Joblog skew: a quarter of the citizens write next to nothing, the busiest a lot.
    per_citizen = sorted(
        Citizen.objects.annotate(n=Count("joblog_entries")).values_list("n", flat=True)
    )
    assert per_citizen[len(per_citizen) // 5] < 10 < per_citizen[-1] // 4

    # No consultant and no room holds two overlapping active bookings.
    active = Booking.objects.filter(status__in=ACTIVE_STATUSES).order_by("start")
    for key in ("consultant_id", "room_id"):
        last_end: dict[int, object] = {}
        for booking in active:
            owner = getattr(booking, key)
            if owner is None:
                continue
            assert owner not in last_end or last_end[owner] <= booking.start, key
            last_end[owner] = booking.blocked_until

    # CPR: encrypted at rest, valid, found by its hash; never in clear in the column.
    citizen = Citizen.objects.select_related("user").get(user__username="c1-borger1")
    assert stdnum_cpr.validate(citizen.cpr) == citizen.cpr
    assert citizen.cpr_hash == cpr_hash(citizen.cpr)
    with connection.cursor() as cursor:
        cursor.execute("SELECT cpr FROM citizens_citizen WHERE id = %s", [citizen.pk])
        assert citizen.cpr not in cursor.fetchone()[0]

    call_command("check", verbosity=0)

    # A generated citizen logs in with the documented password and sees their home page.
    login = reverse("accounts:login")
    response = client.post(login, {"username": "c1-borger1", "password": "demo"})
    assert response.status_code == 302
    response = client.get("/")
    assert response.status_code == 200
    assert citizen.user.name in response.content.decode()
    client.logout()
    client.post(login, {"username": "c1-konsulent1", "password": "demo"})
    assert client.get("/").status_code == 302  # staff give their second factor first
    response = client.post(reverse("accounts:two_factor_verify"), {"code": demo_code()})
    assert response.status_code == 302
    assert client.get("/").status_code == 200

    # `python -m perf.scale` refuses a database that already holds citizens, and writes nothing.
    before = Citizen.objects.count()
    assert seed_scale(["--scale", "0.0005", "--no-progress"]) == 1
    assert "already holds citizens" in capsys.readouterr().err
    assert Citizen.objects.count() == before


class _Capture(Writer):
    """Keeps a digest of every table's rows instead of writing them."""

    def __init__(self):
        super().__init__(progress=False)
        self.digests: dict[str, str] = {}

    def next_id(self, table: str) -> int:
        return 1

    def _write(self, table, columns, rows) -> int:
        digest = hashlib.sha256(self.digests.get(table, "").encode())
        count = 0
        for row in rows:
            if table == "citizens_citizen":
                row = row[:4] + row[5:]  # the ciphertext has a random IV; its hash is compared
            digest.update(repr(row).encode())
            count += 1
        self.digests[table] = digest.hexdigest()
        return count


def _offer(ctx):
    """booking.offer without the database: the same topics and rooms, made-up ids."""
    from booking.demo import TOPICS

    for info in ctx.centres:
        info.topics = [(n + 1, t.minutes, t.modes, t.name) for n, t in enumerate(TOPICS)]
        info.room_of = {c: n + 1 for n, c in enumerate(info.job_consultants)}


def _digests(seed: int) -> dict[str, str]:
    writer = _Capture()
    ctx = Context(sizes(0.002), writer, seed=seed, today=TODAY)
    ctx.password = "x"
    for name, step in STEPS:
        (_offer if name == "booking offer" else step)(ctx)
    return writer.digests


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data():
    first = _digests(7)
    assert len(first) > 25
    assert _digests(7) == first
    other = _digests(8)
    assert other["joblog_joblogentry"] != first["joblog_joblogentry"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_copy_keeps_the_exclusion_constraint_and_sequences():
    result = build(SCALE, seed=3, progress=False, today=TODAY)  # COPY, foreign keys skipped
    assert result["vendor"] == "postgresql"
    # Foreign keys hold although the session skipped their checks.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM joblog_joblogentry j "
            "LEFT JOIN citizens_citizen c ON c.id = j.citizen_id WHERE c.id IS NULL"
        )
        assert cursor.fetchone()[0] == 0
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone()[0] == "origin"
    booking = Booking.objects.filter(status="booked").first()
    overlapping = Booking(
        job_centre_id=booking.job_centre_id,
        citizen_id=booking.citizen_id,
        consultant_id=booking.consultant_id,
        topic_id=booking.topic_id,
        mode=booking.mode,
        start=booking.start,
        end=booking.end,
        blocked_until=booking.blocked_until,
        created_by_id=booking.created_by_id,
    )
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        overlapping.save()
    # The sequences continue after the generated ids.
    entry = JoblogEntry.objects.order_by("-pk").first()
    last = entry.pk
    entry.pk = None
    entry.save()
    assert entry.pk == last + 1
