"""Every URL that names an object, visited by everyone who might try it.

Adding a URL with an object in it fails `test_every_object_url_is_in_the_matrix` until the
URL gets a row here."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from centres.tests.factories import TeamFactory
from citizens.tests.factories import CitizenFactory

ACTORS = ["owner", "other_citizen", "consultant", "admin", "other_centre_admin", "anonymous"]


def citizen_url(name):
    return lambda world: reverse(name, args=[world["citizen"].public_id])


def pk_url(name, key):
    return lambda world: reverse(name, args=[world[key].pk])


# url name: (how to build it, expected status per actor in ACTORS order)
MATRIX = {
    "citizens:detail": (citizen_url("citizens:detail"), [403, 404, 200, 200, 404, 302]),
    "citizens:update": (citizen_url("citizens:update"), [403, 404, 200, 200, 404, 302]),
    "centres:staff_update": (
        pk_url("centres:staff_update", "consultant"),
        [404, 404, 403, 200, 404, 302],
    ),
    "centres:team_update": (pk_url("centres:team_update", "team"), [404, 404, 403, 200, 404, 302]),
}


def _object_urls(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # Django's admin: superusers only, guarded by Django itself
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _object_urls(entry, inner)
        elif isinstance(entry, URLPattern) and entry.pattern.converters:
            yield f"{namespace}{entry.name}"


def test_every_object_url_is_in_the_matrix():
    assert set(_object_urls()) == set(MATRIX)


@pytest.fixture
def world(centre, other_centre):
    consultant = StaffFactory(job_centre=centre)
    return {
        "citizen": CitizenFactory(job_centre=centre, responsible_consultant=consultant),
        "other_citizen": CitizenFactory(job_centre=centre),
        "consultant": consultant,
        "admin": StaffFactory(job_centre=centre, role=Role.ADMINISTRATOR),
        "other_centre_admin": StaffFactory(job_centre=other_centre, role=Role.ADMINISTRATOR),
        "team": TeamFactory(job_centre=centre),
    }


def _actor_user(world, actor):
    return {
        "owner": world["citizen"].user,
        "other_citizen": world["other_citizen"].user,
        "consultant": world["consultant"],
        "admin": world["admin"],
        "other_centre_admin": world["other_centre_admin"],
        "anonymous": None,
    }[actor]


@pytest.mark.parametrize("url_name", sorted(MATRIX))
@pytest.mark.parametrize("actor", ACTORS)
def test_access(client, world, url_name, actor):
    build, expected = MATRIX[url_name]
    user = _actor_user(world, actor)
    if user is not None:
        client.force_login(user)
    response = client.get(build(world))
    assert response.status_code == expected[ACTORS.index(actor)], (url_name, actor)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("accounts:login"))
