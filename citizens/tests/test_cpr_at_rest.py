"""The CPR number at rest: encrypted in the citizens' table, found by its keyed hash
(from common/tests/test_crypto.py, which tests the cipher itself)."""

from django.db import connection

from citizens.identifiers import cpr_hash
from citizens.tests.factories import CitizenFactory
from common import crypto


def test_database_holds_no_clear_cpr(db):
    citizen = CitizenFactory(cpr="0101901234", cpr_hash=cpr_hash("0101901234"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT cpr, cpr_hash FROM citizens_citizen WHERE id = %s", [citizen.pk])
        stored_cpr, stored_hash = cursor.fetchone()
    assert "0101901234" not in stored_cpr and "010190" not in stored_cpr
    assert stored_hash == crypto.keyed_hash("0101901234") != "0101901234"
    citizen.refresh_from_db()
    assert citizen.cpr == "0101901234"
    assert citizen.cpr_masked == "010190-XXXX"


def test_keyed_hash_depends_on_the_key(settings):
    first = crypto.keyed_hash("0101901234")
    settings.CPR_HASH_KEY = "another-key"
    assert crypto.keyed_hash("0101901234") != first
