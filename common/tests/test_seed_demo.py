from django.core.management import call_command

from accounts.models import Role, User
from centres.models import JobCentre
from citizens.models import Citizen


def test_seed_demo_builds_the_demo_centres_once(db):
    call_command("seed_demo")
    counts = (User.objects.count(), Citizen.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Citizen.objects.count()) == counts

    demo = JobCentre.objects.get(name="Jobcenter Demo")
    staff = User.objects.filter(job_centre=demo)
    assert staff.filter(role=Role.JOB_CONSULTANT).count() == 14
    assert staff.filter(role=Role.BUSINESS_CONSULTANT).count() == 2
    assert Citizen.objects.filter(job_centre=demo, benefit_type="dagpenge").count() in range(
        780, 821
    )
    assert Citizen.objects.filter(job_centre=demo, benefit_type="kontanthjaelp").count() in range(
        280, 321
    )
    assert JobCentre.objects.filter(name="Jobcenter Nord").exists()
    for username in [
        "borger",
        "konsulent",
        "virksomhed",
        "teamleder",
        "leder",
        "admin",
        "borger-nord",
        "konsulent-nord",
        "borger001",
        "borger100",
    ]:
        assert User.objects.get(username=username).check_password("demo"), username
    borger = Citizen.objects.get(user__username="borger")
    assert borger.responsible_consultant.username == "konsulent"
    # Her consultant's preparation is in her lookup log, once however often the demo is made.
    assert set(borger.lookups.values_list("actor__username", flat=True)) == {"konsulent"}
    assert borger.lookups.count() == 4
    needs = Citizen.objects.filter(job_centre=demo)
    assert (
        needs.filter(needs_interpreter=True).exists()
        and needs.filter(needs_it_support=True).exists()
    )
