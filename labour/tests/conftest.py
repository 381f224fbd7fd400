"""People and clients for the labour tests (the suite's conftest has the centres, a job
consultant "jc", an administrator and citizens)."""

import pytest

from accounts.models import Role
from accounts.tests.factories import StaffFactory


@pytest.fixture
def business_consultant(centre):
    return StaffFactory(
        job_centre=centre, role=Role.BUSINESS_CONSULTANT, username="vk", name="Bo Virksomhed"
    )


@pytest.fixture
def other_business_consultant(other_centre):
    return StaffFactory(job_centre=other_centre, role=Role.BUSINESS_CONSULTANT, username="vk-2")


@pytest.fixture
def bc_client(client, business_consultant):
    client.force_login(business_consultant)
    return client
