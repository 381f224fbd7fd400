import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from api.models import ApiToken
from api.tests.conftest import API

pytestmark = pytest.mark.django_db


def test_create_api_token_prints_the_token_once_and_stores_its_hash(citizen):
    out, err = StringIO(), StringIO()
    call_command("create_api_token", citizen.user.username, name="Min app", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert token.name == "Min app" and token.user == citizen.user
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.key_prefix in err.getvalue() and secret not in err.getvalue()
    response = Client(headers={"Authorization": f"Bearer {secret}"}).get(f"{API}/topics")
    assert response.status_code == 200


def test_create_api_token_refuses_unknown_and_inactive_users(citizen):
    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody", name="x")
    citizen.user.is_active = False
    citizen.user.save()
    with pytest.raises(CommandError):
        call_command("create_api_token", citizen.user.username, name="x")
    assert not ApiToken.objects.exists()
