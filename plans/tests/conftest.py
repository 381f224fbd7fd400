import pytest

from plans.tests.factories import OccupationFactory, PlanFactory


@pytest.fixture
def plan(citizen):
    return PlanFactory(citizen=citizen)


@pytest.fixture
def lager(db):
    return OccupationFactory(title="Lagerarbejder")


@pytest.fixture
def chauffeur(db):
    return OccupationFactory(title="Chauffør")


@pytest.fixture
def citizen_client(client, citizen):
    client.force_login(citizen.user)
    return client


@pytest.fixture
def consultant_client(client, consultant):
    client.force_login(consultant)
    return client
