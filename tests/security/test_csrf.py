"""CSRF: every URL of the site, posted to without a CSRF token by a logged-in user, answers 403
and changes nothing. The URLs come from the resolver, so a new view is covered the day it is
added; a view that opts out of CSRF (csrf_exempt) fails the test unless it is listed below with
the reason it is safe."""

import re
import uuid

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from api.tests.conftest import bearer_client, bookable_start, booking_body
from booking.models import Booking
from booking.tests.factories import BookingFactory, TopicFactory, working_week

#: Views allowed to skip Django's CSRF middleware, by URL prefix, and why that is safe.
EXEMPT = {
    # django-ninja marks its views csrf_exempt and checks CSRF itself, in api.auth.SessionAuth,
    # for a session; a bearer token is not sent by a browser on its own (tested below).
    "api/v1/": "the API checks CSRF for session callers itself",
    # The identity provider posts its signed SAML response across sites (HTTP-POST binding).
    "sso/": "the SAML response is signed and answers a request we made",
}

SAMPLES = ["1", str(uuid.UUID(int=1)), "x", "2026-01-05", "2026", "2026-W02"]


def _patterns(resolver=None, prefix="", namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name or ''}", entry


def _sample(regex: str) -> str | None:
    return next((s for s in SAMPLES if re.fullmatch(regex, s)), None)


def _url(name: str, pattern: URLPattern) -> str | None:
    """A URL that resolves to the pattern, with made-up values for its arguments (CSRF is
    checked before the view looks at them)."""
    converters = getattr(pattern.pattern, "converters", {})
    regex = pattern.pattern.regex.pattern
    kwargs = {}
    for group in pattern.pattern.regex.groupindex:
        if group in converters:
            kwargs[group] = _sample(converters[group].regex)
        else:  # a re_path group, such as the admin's (?P<app_label>auth|axes|...)
            sub = re.search(rf"\(\?P<{group}>((?:[^()]|\([^()]*\))*)\)", regex)
            assert sub is not None, (name, group)
            kwargs[group] = _sample(sub.group(1)) or sub.group(1).split("|")[0]
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def site_urls() -> list[tuple[str, str, bool]]:
    """(route, url, csrf_exempt) for every named URL of the site."""
    found = []
    for route, name, pattern in _patterns():
        if not pattern.name:
            continue
        url = _url(name, pattern)
        assert url is not None, f"cannot build a URL for {name} ({route})"
        found.append((route, url, bool(getattr(pattern.callback, "csrf_exempt", False))))
    return found


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model is not Session and model._meta.managed and not model._meta.proxy
    }


def test_only_the_listed_views_skip_csrf():
    exempt = {route for route, _url, is_exempt in site_urls() if is_exempt}
    assert exempt, "the API's views are csrf_exempt (ninja): the enumeration is broken"
    unexpected = {r for r in exempt if not r.startswith(tuple(EXEMPT))}
    assert not unexpected, f"csrf_exempt views without a reason in EXEMPT: {sorted(unexpected)}"


@pytest.fixture
def people(centre, citizen, consultant):
    working_week(consultant)
    topic = TopicFactory(job_centre=centre, consultants=[consultant])
    BookingFactory(citizen=citizen, topic=topic, consultant=consultant, start=bookable_start(3))
    return {
        "citizen": citizen.user,
        "consultant": consultant,
        "administrator": StaffFactory(job_centre=centre, role=Role.ADMINISTRATOR),
        "manager": StaffFactory(job_centre=centre, role=Role.MANAGER),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["citizen", "consultant", "administrator", "manager"])
def test_every_post_without_a_csrf_token_is_refused(people, role):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people[role])
    before = row_counts()
    checked = 0
    for route, url, is_exempt in site_urls():
        if is_exempt:
            continue
        response = client.post(url, {"name": "x", "note": "x", "text": "x", "confirm": "1"})
        assert response.status_code == 403, (route, url, response.status_code)
        # Refused by the CSRF check (its own page), not by the view's policy.
        assert "403_csrf.html" in {t.name for t in response.templates}, route
        checked += 1
    assert row_counts() == before
    assert checked > 100


@pytest.mark.django_db
def test_a_form_post_with_the_token_gets_past_csrf(people):
    """The control: the same client with its CSRF token is let through (here to log out)."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["consultant"])
    client.get(reverse("dashboard:home"))
    token = client.cookies["csrftoken"].value
    response = client.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_api_with_a_session_needs_the_csrf_token(centre, citizen, consultant):
    working_week(consultant)
    topic = TopicFactory(job_centre=centre, consultants=[consultant])
    body = booking_body(topic, bookable_start())
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen.user)

    refused = client.post("/api/v1/bookings", body, content_type="application/json")
    assert refused.status_code == 403
    assert "detail" in refused.json()
    assert not Booking.objects.filter(citizen=citizen).exists()

    client.get(reverse("dashboard:home"))
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        "/api/v1/bookings", body, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert accepted.status_code == 201, accepted.content
    assert Booking.objects.filter(citizen=citizen).count() == 1


@pytest.mark.django_db
def test_the_api_with_a_bearer_token_needs_no_csrf_token(centre, citizen, consultant):
    working_week(consultant)
    topic = TopicFactory(job_centre=centre, consultants=[consultant])
    client = bearer_client(citizen.user, enforce_csrf_checks=True)
    response = client.post(
        "/api/v1/bookings", booking_body(topic, bookable_start()), content_type="application/json"
    )
    assert response.status_code == 201, response.content
