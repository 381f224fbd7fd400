from datetime import datetime, time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from api.services import api_token_create
from booking.calendar import next_working_day
from booking.tests.factories import TopicFactory, working_week

API = "/api/v1"


def bearer_client(user, **kwargs) -> Client:
    """A client that sends a fresh API token of `user`, and no cookies."""
    _token, secret = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {secret}"}, **kwargs)


def bookable_start(days_ahead: int = 2, at: time = time(10, 0)) -> datetime:
    """A time on the grid of a coming Danish working day, inside the default booking window
    (at least 2 hours' notice, at most 42 days ahead) and clear of the cancel cut-off."""
    day = next_working_day(timezone.localdate() + timedelta(days=days_ahead))
    return datetime.combine(day, at, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def topic(centre, consultant):
    working_week(consultant)
    return TopicFactory(job_centre=centre, name="Min jobsøgning", consultants=[consultant])


@pytest.fixture
def start():
    return bookable_start()


@pytest.fixture
def citizen_api(citizen):
    return bearer_client(citizen.user)


@pytest.fixture
def consultant_api(consultant):
    return bearer_client(consultant)


def booking_body(topic, when, **changes) -> dict:
    body = {"topic": topic.pk, "start": when.isoformat(), "mode": "telefon", "note": "Mit CV"}
    body.update(changes)
    return body
