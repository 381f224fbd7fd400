"""accounts.policy with the scopes and rules the apps register (here, above citizens, whose
factory it needs)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from accounts import policy
from accounts.models import Role
from accounts.tests.factories import StaffFactory
from citizens.tests.factories import CitizenFactory


def test_every_rule_refuses_anonymous_users():
    for action in policy.RULES:
        assert not policy.can(AnonymousUser(), action)


def test_unknown_actions_are_a_programming_error(consultant):
    with pytest.raises(ValueError):
        policy.can(consultant, "citizen.delete_everything")


def test_citizen_scope_is_own_profile_only(citizen, other_citizen):
    assert list(policy.visible_to(citizen.user, "citizens")) == [citizen]
    assert not policy.can(citizen.user, "citizen.view", other_citizen)
    assert not policy.can(citizen.user, "citizen.list")
    assert policy.can(citizen.user, "own_lookups.view")


def test_staff_scope_is_own_job_centre(consultant, other_consultant, citizen):
    assert citizen in policy.visible_to(consultant, "citizens")
    assert citizen not in policy.visible_to(other_consultant, "citizens")
    assert policy.can(consultant, "citizen.view", citizen)
    assert not policy.can(other_consultant, "citizen.view", citizen)
    assert not policy.can(other_consultant, "citizen.edit", citizen)


@pytest.mark.parametrize(
    ("role", "may_create", "may_manage"),
    [
        (Role.JOB_CONSULTANT, True, False),
        (Role.BUSINESS_CONSULTANT, False, False),
        (Role.TEAM_LEADER, True, False),
        (Role.MANAGER, False, False),
        (Role.ADMINISTRATOR, True, True),
    ],
)
def test_roles(centre, role, may_create, may_manage):
    user = StaffFactory(job_centre=centre, role=role)
    assert policy.can(user, "citizen.create") is may_create
    assert policy.can(user, "centre.manage", centre) is may_manage
    assert policy.can(user, "citizen.view", CitizenFactory(job_centre=centre))


def test_administrator_manages_only_own_centre(admin_user, other_centre):
    assert policy.can(admin_user, "centre.manage", admin_user.job_centre)
    assert not policy.can(admin_user, "centre.manage", other_centre)


def test_deactivated_staff_may_do_nothing(consultant, citizen):
    consultant.is_active = False
    assert not policy.can(consultant, "citizen.view", citizen)


def test_the_centre_for_an_action_is_the_users_own_where_they_may_do_it(admin_user, consultant):
    assert policy.centre_for(admin_user, "centre.manage") == admin_user.job_centre
    with pytest.raises(PermissionDenied):
        policy.centre_for(consultant, "centre.manage")  # not theirs to do
    without_centre = StaffFactory.build(job_centre=None, role=Role.ADMINISTRATOR)
    for user in (without_centre, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            policy.centre_for(user, "labour.view")


def test_signed_in_is_the_user_itself_and_refuses_an_anonymous_one(consultant):
    assert policy.signed_in(consultant) is consultant
    with pytest.raises(PermissionDenied):
        policy.signed_in(AnonymousUser())
