"""Demo guests of the method in team "Jobparate dagpenge": "supervisor" (an external
supervisor, password demo) invited for 30 days to the team's newest observation with feedback,
with a comment already written; "mentor" invited to the "Uge 39" sparring week, whose access
ended last week (it shows the Danish message). Both get the demo authenticator app. Safe to
run twice."""

from datetime import timedelta

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import DEMO_DEVICE_NAME
from accounts.demo_totp import DEMO_TOTP_KEY
from accounts.models import Role, User
from centres.models import Team
from learning.models import GuestAccess, Observation, SparringEvent
from learning.services import guests as services

TEAM = "Jobparate dagpenge"


def _guest(username: str, name: str, centre) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, name=name, role=Role.GUEST, job_centre=centre)
        user.set_password("demo")
        user.save()
        TOTPDevice.objects.create(
            user=user, name=DEMO_DEVICE_NAME, key=DEMO_TOTP_KEY, confirmed=True
        )
    return user


def seed(rng, stdout) -> None:
    team = Team.objects.filter(job_centre__name="Jobcenter Demo", name=TEAM).first()
    leader = User.objects.filter(username="teamleder").first()
    if team is None or leader is None or GuestAccess.objects.filter(team=team).exists():
        return
    observation = (
        Observation.objects.filter(observed__team=team, feedback_at__isnull=False)
        .order_by("-feedback_at")
        .first()
    )
    week = SparringEvent.objects.filter(team=team, title__icontains="39").first()
    today = timezone.localdate()
    if observation is not None:
        access = GuestAccess.objects.create(
            guest=_guest("supervisor", "Rikke Holm (ekstern supervisor)", team.job_centre),
            team=team,
            observation=observation,
            ends_on=today + timedelta(days=30),
            invited_by=leader,
        )
        services.guest_comment_save(
            access=access,
            comment=(
                "Kontrakten var tydelig, og borgeren valgte selv emnet. "
                "Prøv at lade pauserne stå lidt længere, før du foreslår noget."
            ),
        )
    if week is not None:
        GuestAccess.objects.create(
            guest=_guest("mentor", "Ole Berg (mentor)", team.job_centre),
            team=team,
            sparring_event=week,
            ends_on=today - timedelta(days=7),
            invited_by=leader,
        )
    stdout.write("  guests: supervisor (an observation, 30 days), mentor (access ended)")
