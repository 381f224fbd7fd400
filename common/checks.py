"""Startup checks: production refuses weak secrets and an open host list.

`secret_problems` is called by config/settings/production.py, which raises ImproperlyConfigured
(the process does not start), and by the system check below (`manage.py check --deploy`).
The messages are for the operator, in English."""

from collections.abc import Iterable

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import Error, Tags, register

SECRET_KEY_MIN_LENGTH = 50
CPR_HASH_KEY_MIN_BYTES = 32
#: Fewer different characters than this is a made-up key ("aaaa…", "changeme…"), as Django
#: itself judges a SECRET_KEY.
MIN_UNIQUE_CHARACTERS = 5
_GENERATE = 'python -c "import secrets; print(secrets.token_urlsafe(64))"'


def _weak(value: str) -> bool:
    return len(set(value)) < MIN_UNIQUE_CHARACTERS or value.startswith("django-insecure-")


def secret_problems(
    *,
    secret_key: str,
    cpr_hash_key: str,
    field_encryption_keys: Iterable[str],
    allowed_hosts: Iterable[str],
) -> list[str]:
    """What is wrong with these settings for production; empty when nothing is."""
    problems = []
    if len(secret_key) < SECRET_KEY_MIN_LENGTH or _weak(secret_key):
        problems.append(
            f"DJANGO_SECRET_KEY must be at least {SECRET_KEY_MIN_LENGTH} random characters "
            f"(generate one with {_GENERATE})."
        )
    if len(cpr_hash_key.encode()) < CPR_HASH_KEY_MIN_BYTES or _weak(cpr_hash_key):
        problems.append(
            f"CPR_HASH_KEY must be at least {CPR_HASH_KEY_MIN_BYTES} random bytes "
            f"(generate one with {_GENERATE}); changing it needs "
            "`manage.py rotate_encryption_keys --rehash` (docs/SECURITY.md)."
        )
    keys = list(field_encryption_keys)
    if not keys:
        problems.append("FIELD_ENCRYPTION_KEYS must name at least one Fernet key.")
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except (ValueError, TypeError):
            problems.append(
                f"FIELD_ENCRYPTION_KEYS: key number {position} is not a Fernet key (32 bytes "
                "in URL-safe base64; generate one with Fernet.generate_key())."
            )
    hosts = [h for h in allowed_hosts if h]
    if not hosts or "*" in hosts:
        problems.append(
            "ALLOWED_HOSTS must list the site's host names (comma-separated), not be empty or '*'."
        )
    return problems


@register(Tags.security, deploy=True)
def check_secrets(app_configs=None, **kwargs) -> list[Error]:
    return [
        Error(problem, id="jobsamtale.E001")
        for problem in secret_problems(
            secret_key=settings.SECRET_KEY,
            cpr_hash_key=settings.CPR_HASH_KEY,
            field_encryption_keys=settings.FIELD_ENCRYPTION_KEYS,
            allowed_hosts=settings.ALLOWED_HOSTS,
        )
    ]
