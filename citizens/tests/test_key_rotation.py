import io

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from citizens.identifiers import cpr_hash
from citizens.management.commands.rotate_encryption_keys import encrypted_models
from citizens.models import Citizen
from citizens.tests.factories import CitizenFactory

CPRS = ["0101901234", "0202802345", "0303703456"]


@pytest.fixture
def citizens(db):
    return [CitizenFactory(cpr=cpr, cpr_hash=cpr_hash(cpr)) for cpr in CPRS]


def stored(column: str) -> list[str]:
    return list(Citizen.objects.order_by("pk").values_list(column, flat=True))


def test_rotation_moves_every_cpr_to_the_new_key_so_the_old_can_be_dropped(citizens, settings):
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]

    call_command("rotate_encryption_keys", stdout=io.StringIO())

    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key is gone
    assert [c.cpr for c in Citizen.objects.order_by("pk")] == CPRS
    settings.FIELD_ENCRYPTION_KEYS = [old_key]  # and the old key opens nothing any more
    with pytest.raises(ImproperlyConfigured):
        list(Citizen.objects.all())


def test_rehash_moves_the_lookups_to_a_new_hash_key(citizens, settings):
    settings.CPR_HASH_KEY = "a-new-cpr-hash-key"
    assert not Citizen.objects.filter(cpr_hash=cpr_hash(CPRS[1])).exists()

    call_command("rotate_encryption_keys", "--rehash", stdout=io.StringIO())

    assert Citizen.objects.get(cpr_hash=cpr_hash(CPRS[1])) == citizens[1]


def test_rotation_covers_every_encrypted_column():
    assert {model._meta.label: fields for model, fields in encrypted_models()} == {
        "citizens.Citizen": ["cpr"]
    }
