from datetime import timedelta

import pytest
from django.utils import timezone

from sso.models import ConsumedSamlRequest
from sso.services import saml_request_consume, saml_requests_prune
from sso.tasks import prune_consumed_saml_requests

pytestmark = pytest.mark.django_db


def test_a_request_id_is_consumed_once():
    assert saml_request_consume(request_id="id-1") is True
    assert saml_request_consume(request_id="id-1") is False
    assert saml_request_consume(request_id="id-2") is True


def test_old_request_ids_are_pruned_and_recent_ones_kept():
    saml_request_consume(request_id="old")
    saml_request_consume(request_id="new")
    ConsumedSamlRequest.objects.filter(request_id="old").update(
        consumed_at=timezone.now() - timedelta(hours=25)
    )
    assert saml_requests_prune() == 1
    assert list(ConsumedSamlRequest.objects.values_list("request_id", flat=True)) == ["new"]
    assert prune_consumed_saml_requests.call_local() == 0
