"""Production refuses weak secrets and an open host list: the system check (`check --deploy`)
reports them as errors, and the production settings do not load at all."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from common.checks import check_secrets

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET_KEY = "Zq3-" + "k8Jr2Wm9Xv4Tn7Bc1Hd6Lf0Ps5Gy" * 2
GOOD = {
    "SECRET_KEY": GOOD_SECRET_KEY,
    "CPR_HASH_KEY": "q9T2xW7mK4vB8nZ1cH6dL3fP0sG5yJrE",
    "FIELD_ENCRYPTION_KEYS": [Fernet.generate_key().decode()],
    "ALLOWED_HOSTS": ["jobsamtale.example.dk"],
}


def _messages(settings, **overrides) -> list[str]:
    for name, value in {**GOOD, **overrides}.items():
        setattr(settings, name, value)
    return [error.msg for error in check_secrets()]


def test_good_settings_pass(settings):
    assert _messages(settings) == []


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"SECRET_KEY": "abcde"}, "DJANGO_SECRET_KEY"),
        ({"SECRET_KEY": "x" * 60}, "DJANGO_SECRET_KEY"),  # long, but one character
        ({"SECRET_KEY": "django-insecure-" + GOOD_SECRET_KEY}, "DJANGO_SECRET_KEY"),
        ({"CPR_HASH_KEY": "k"}, "CPR_HASH_KEY"),
        ({"CPR_HASH_KEY": "a-production-hash-key"}, "CPR_HASH_KEY"),  # 21 bytes
        ({"FIELD_ENCRYPTION_KEYS": ["not-a-fernet-key"]}, "FIELD_ENCRYPTION_KEYS"),
        ({"FIELD_ENCRYPTION_KEYS": []}, "FIELD_ENCRYPTION_KEYS"),
        ({"ALLOWED_HOSTS": []}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": ["*"]}, "ALLOWED_HOSTS"),
    ],
)
def test_each_weak_setting_is_an_error(settings, overrides, named):
    messages = _messages(settings, **overrides)
    assert len(messages) == 1 and messages[0].startswith(named), messages


def test_check_deploy_fails_on_a_weak_key(settings):
    _messages(settings, CPR_HASH_KEY="k")
    with pytest.raises(SystemCheckError, match="CPR_HASH_KEY must be at least 32"):
        call_command("check", deploy=True, tags=["security"], stdout=io.StringIO())


def test_production_refuses_to_start_with_weak_settings():
    """The finding: a 5-character secret key, a 1-character hash key and no hosts."""
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "abcde",
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "CPR_HASH_KEY": "k",
        "ALLOWED_HOSTS": "",
        "SITE_URL": "https://jobsamtale.example.dk",
        "DATABASE_URL": "postgres://jobsamtale@db.invalid:5432/jobsamtale",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--settings=config.settings.production"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: Weak production settings" in result.stderr
    for name in ("DJANGO_SECRET_KEY must", "CPR_HASH_KEY must", "ALLOWED_HOSTS must"):
        assert name in result.stderr
