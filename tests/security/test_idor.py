"""IDOR: every URL that names an object, written to (POST) by everyone who may not read it.

tests/security/test_access_matrix.py visits every object URL with GET as the owner, another
citizen, staff, an administrator, another centre's administrator and an anonymous visitor (and
fails when an object URL has no row). It never POSTs, and several object URLs are POST only
(GET is 405 there for everyone). This takes the same rows and the same people and posts to each
URL as each of them whom the matrix refuses (403/404), plus, on the POST-only URLs, another
citizen and another centre's administrator: each must be refused (403/404, or 405 where the URL
takes no POST at all) and the database must be unchanged."""

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.security import test_access_matrix as matrix
from tests.security.test_access_matrix import ACTORS, MATRIX, _actor_user

#: The matrix's people and their objects, as a fixture of this module too.
world = matrix.world

#: Field names the site's forms use, so that a refused POST is not refused for being empty.
FORM = {
    "name": "x",
    "title": "x",
    "note": "x",
    "text": "x",
    "reason": "x",
    "shared": "on",
    "confirm": "1",
    "status": "cancelled",
    "code": "123456",
}


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        # Sessions and axes' login log change with every login, not with a refused write.
        if model is not Session
        and model._meta.app_label != "axes"
        and model._meta.managed
        and not model._meta.proxy
    }


#: POST-only object URLs every citizen of the object's centre may post to, and why: there
#: another citizen of the centre is no outsider.
SHARED = {
    "jobclubs:book": "a job club is open to every citizen of its centre: any of them books a seat",
}


def attackers(url_name: str) -> list[str]:
    expected = dict(zip(ACTORS, MATRIX[url_name][1], strict=True))
    refused = [a for a, code in expected.items() if a != "anonymous" and code in (403, 404)]
    if expected["other_citizen"] == 405:  # POST only: outsiders at least
        refused += ["other_centre_admin"]
        if url_name not in SHARED:
            refused += ["other_citizen"]
    return sorted(set(refused))


#: Object URLs everyone in the matrix may read, and why.
OPEN = {
    "labour:wheel_feed": "the calendar feed's URL is its secret token; GET only",
    "guidance:guide": "names a guide, not an object: each reads their own centre's; GET only",
}


def test_every_url_has_someone_to_refuse():
    assert {n for n in MATRIX if not attackers(n)} == set(OPEN)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_posting_to_someone_elses_object_is_refused_and_changes_nothing(client, world, url_name):
    build, expected = MATRIX[url_name]
    url = build(world)
    before = row_counts()
    for actor in attackers(url_name):
        client.force_login(_actor_user(world, actor))
        response = client.post(url, FORM)
        assert response.status_code in (403, 404, 405), (url_name, actor, response.status_code)
        assert row_counts() == before, (url_name, actor)
    client.logout()
    anonymous = client.post(url, FORM)
    if url_name in OPEN and expected[-1] != 302:  # open even to those not logged in
        assert anonymous.status_code == 405
    else:
        assert anonymous.status_code == 302
        assert anonymous["Location"].startswith(reverse("accounts:login"))
    assert row_counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_the_next_ids_are_not_found_either(client, world, url_name):
    """Counting up from an object's id (or changing its uuid) finds nothing for an outsider."""
    build, _expected = MATRIX[url_name]
    url = build(world)
    client.force_login(_actor_user(world, "other_centre_admin"))
    parts = url.rstrip("/").split("/")
    guesses = []
    for i, part in enumerate(parts):
        if part.isdigit():
            guesses += [
                "/".join([*parts[:i], str(int(part) + n), *parts[i + 1 :]]) + "/"
                for n in (1, 2, 50)
            ]
    for guess in guesses:
        for response in (client.get(guess), client.post(guess, FORM)):
            assert response.status_code in (403, 404, 405), (guess, response.status_code)
