from datetime import date

import pytest

from joblog.tests.factories import OccupationFactory

#: A Monday; the tests' "today".
TODAY = date(2026, 11, 23)


@pytest.fixture
def occupation(db):
    return OccupationFactory(title="Ordreplukker i test", synonyms="Testplukker")


@pytest.fixture
def citizen_client(client, citizen):
    client.force_login(citizen.user)
    return client


@pytest.fixture
def consultant_client(client, consultant):
    client.force_login(consultant)
    return client
