"""Demo co-service: a helper at Brøndby Bibliotek (login `medbetjener`), also at the
reception and borgerservice; `konsulent` as a superuser at the reception; and four weeks of
past sessions, so the leaders' figure per place has something to show."""

from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import DEMO_DEVICE_NAME
from accounts.demo_totp import DEMO_TOTP_KEY
from accounts.models import Role, User
from centres.demo import DEMO_PASSWORD
from centres.models import HelpPlace, JobCentre
from citizens.models import Citizen
from coservice.models import CoServiceChange, CoServiceSession, EndReason


def seed(rng, stdout) -> None:
    demo = JobCentre.objects.get(name="Jobcenter Demo")
    helper = User.objects.create(
        username="medbetjener",
        name="Hanne Bech",
        role=Role.HELPER,
        job_centre=demo,
        email="medbetjener@jobcenter.example",
        password=make_password(DEMO_PASSWORD),
    )
    TOTPDevice.objects.create(user=helper, name=DEMO_DEVICE_NAME, key=DEMO_TOTP_KEY, confirmed=True)
    places = {p.name: p for p in HelpPlace.objects.filter(job_centre=demo)}
    for place in places.values():
        place.helpers.add(helper)
    places["Jobcentrets reception"].helpers.add(User.objects.get(username="konsulent"))
    count = _history(rng, places["Brøndby Bibliotek"], helper)
    count += _history(rng, places["Jobcentrets reception"], helper)
    _helped_demo_citizen(places["Brøndby Bibliotek"])
    stdout.write(f"  co-service: 1 helper at {len(places)} places, {count} past sessions")


def _history(rng, place: HelpPlace, helper: User) -> int:
    """Past sessions in the place's opening periods over the last four weeks (ended)."""
    citizens = list(
        Citizen.objects.filter(job_centre=place.job_centre, user__username__startswith="borger0")
        .order_by("pk")
        .values_list("pk", flat=True)[:40]
    )
    today = timezone.localdate()
    sessions = []
    for days_ago in range(1, 28):
        day = today - timedelta(days=days_ago)
        for period in place.hours.filter(weekday=day.weekday()):
            opens = timezone.make_aware(datetime.combine(day, period.opens))
            for n in range(rng.randint(1, 3)):
                started = opens + timedelta(minutes=25 * n + rng.randint(0, 10))
                ended = started + timedelta(minutes=rng.randint(8, 20))
                sessions.append(
                    CoServiceSession(
                        job_centre_id=place.job_centre_id,
                        place=place,
                        helper=helper,
                        citizen_id=rng.choice(citizens),
                        started_at=started,
                        last_seen_at=ended,
                        closes_at=timezone.make_aware(datetime.combine(day, period.closes)),
                        ended_at=ended,
                        end_reason=EndReason.HELPER,
                        areas=["booking"],
                    )
                )
    CoServiceSession.objects.bulk_create(sessions)
    parts = [(), ("cv",), ("joblog",), ("cv", "joblog"), ("suggestions",)]
    CoServiceChange.objects.bulk_create(
        CoServiceChange(session=session, area=area, at=session.started_at + timedelta(minutes=5))
        for session in sessions
        for area in rng.choice(parts)
    )
    return len(sessions)


def _helped_demo_citizen(place: HelpPlace) -> None:
    """The demo citizen's last visit to the library: the CV and the Joblog updated with help
    (their co-service page, "Det har du gjort med hjælp")."""
    session = CoServiceSession.objects.filter(place=place).order_by("-started_at").first()
    if session is None:
        return
    session.citizen = Citizen.objects.get(user__username="borger")
    session.areas = ["cv", "joblog"]
    session.save(update_fields=["citizen", "areas"])
    session.changes.all().delete()
    CoServiceChange.objects.bulk_create(
        CoServiceChange(session=session, area=area, at=session.started_at + timedelta(minutes=m))
        for m, area in ((4, "cv"), (9, "joblog"))
    )
