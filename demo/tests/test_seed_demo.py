import os
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command

from accounts.models import Role, User
from centres.models import JobCentre
from citizens.models import Citizen

ROOT = Path(__file__).resolve().parents[2]


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


def test_seed_demo_refuses_where_demo_data_is_not_allowed(db, settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="do not allow demo data"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()
    assert not JobCentre.objects.exists()


def test_seed_demo_refuses_with_the_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "CPR_HASH_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "jobsamtale.example.dk",
        "SITE_URL": "https://jobsamtale.example.dk",
        "DATABASE_URL": "postgres://jobsamtale@db.invalid:5432/jobsamtale",
        "REDIS_URL": "redis://redis.invalid:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo", "--settings=config.settings.production"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "do not allow demo data" in result.stderr
    assert "Nothing was created" in result.stderr
