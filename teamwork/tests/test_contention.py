"""Fifty team leaders' clicks pairing one job consultant at once, each on its own connection:
the database keeps one current partner (a partial unique constraint); every other click ends
its earlier pair or gets a clean Danish refusal, never another error."""

from collections import Counter

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from booking.tests.concurrency import at_once, own_connections
from teamwork import services
from teamwork.models import PartnerPair

pytestmark = pytest.mark.django_db(transaction=True)


def test_fifty_pairings_of_one_job_consultant_at_once_leave_one_current_partner(
    centre, consultant, tmp_path
):
    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER)
    partners = [StaffFactory(job_centre=centre, role=Role.BUSINESS_CONSULTANT) for _ in range(50)]
    calls = [
        (
            lambda p=p: services.pair_start(
                user=leader, job_consultant=consultant, business_consultant=p
            )
        )
        for p in partners
    ]
    with own_connections(tmp_path) as connect:
        results = at_once(calls, connect)
        kinds = Counter(
            "paired"
            if isinstance(r, PartnerPair)
            else "refused"
            if isinstance(r, ValidationError)
            else repr(r)
            for r in results
        )
        assert set(kinds) <= {"paired", "refused"}, kinds
        assert kinds["paired"] >= 1
        assert (
            PartnerPair.objects.filter(job_consultant=consultant, ended_on__isnull=True).count()
            == 1
        )
        assert PartnerPair.objects.count() == kinds["paired"]


def test_the_same_pair_formed_by_a_double_click_at_once_is_one_pair(centre, consultant, tmp_path):
    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER)
    partner = StaffFactory(job_centre=centre, role=Role.BUSINESS_CONSULTANT)
    call = lambda: services.pair_start(  # noqa: E731
        user=leader, job_consultant=consultant, business_consultant=partner
    )
    with own_connections(tmp_path) as connect:
        results = at_once([call, call], connect)
        assert all(isinstance(r, PartnerPair) for r in results), results
        assert PartnerPair.objects.count() == 1
