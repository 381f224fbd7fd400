"""Encryption at rest and keyed hashing for personal identifiers (CPR numbers).

Fernet (AES-128-CBC with HMAC-SHA256) from `cryptography`. `FIELD_ENCRYPTION_KEYS` is a list:
the first key encrypts, every key decrypts, so a key is rotated by putting a new one first and
re-saving the rows (`manage.py rotate_encryption_keys`). Lookups never decrypt: they compare an
HMAC-SHA256 of the normalised value under `CPR_HASH_KEY`.
"""

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty.")
    return MultiFernet([Fernet(k.encode()) for k in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A value could not be decrypted with any configured key."
        ) from exc


def keyed_hash(value: str) -> str:
    if not settings.CPR_HASH_KEY:
        raise ImproperlyConfigured("CPR_HASH_KEY is empty.")
    return hmac.new(settings.CPR_HASH_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """A text column that holds only ciphertext; Python sees the clear value."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return None if value in (None, "") else encrypt(value)
