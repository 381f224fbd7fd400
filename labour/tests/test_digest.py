"""The tirsdagsmail: exactly the openings and wheel events that are new since the last digest
(and still open), grouped by industry; sent once a week to those who opted in."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from labour import digest, tasks
from labour.digest import digest_build, digest_text
from labour.models import DigestSubscription, Industry
from labour.tests.factories import CompanyFactory, OpeningFactory, WheelEventFactory
from notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def now():
    """Tuesday 07:00 local time this week (or the week before, on a Monday or Tuesday early)."""
    return digest.last_tuesday() + timedelta(hours=7)


@pytest.fixture
def last_sent(now):
    return now - timedelta(days=7)


@pytest.fixture
def business(centre):
    return StaffFactory(job_centre=centre, role=Role.BUSINESS_CONSULTANT, username="vk")


def created(obj, when):
    type(obj).objects.filter(pk=obj.pk).update(created_at=when)
    obj.refresh_from_db()
    return obj


@pytest.fixture
def world(centre, other_centre, now, last_sent):
    storage = Industry.objects.get(code="521000")
    care = Industry.objects.get(code="873000")
    lager = CompanyFactory(job_centre=centre, name="Lager X", industry=storage)
    plejehjem = CompanyFactory(job_centre=centre, name="Solhjem", industry=care)
    no_industry = CompanyFactory(job_centre=centre, name="Ukendt ApS", industry=None)
    day = timedelta(days=1)
    return {
        "new": [
            created(
                OpeningFactory(job_centre=centre, company=lager, title="Lagerarbejder"), now - day
            ),
            created(
                OpeningFactory(job_centre=centre, company=plejehjem, title="SOSU-hjælper"),
                last_sent + timedelta(minutes=1),
            ),
            created(
                OpeningFactory(
                    job_centre=centre, company=None, employer_name="Ny kunde", title="Kok"
                ),
                now - timedelta(hours=1),
            ),
            created(
                OpeningFactory(
                    job_centre=centre, company=lager, title="Truckfører", valid_through=None
                ),
                now - 2 * day,
            ),
        ],
        "old": [
            created(
                OpeningFactory(job_centre=centre, company=lager, title="Gammel"), last_sent - day
            ),
            created(
                OpeningFactory(job_centre=centre, company=lager, title="Lige før"),
                last_sent,
            ),
            created(
                OpeningFactory(
                    job_centre=centre,
                    company=plejehjem,
                    title="Udløbet",
                    valid_through=timezone.localdate(now) - day,
                ),
                now - day,
            ),
            created(OpeningFactory(job_centre=other_centre, title="Andet jobcenter"), now - day),
        ],
        "events": [
            created(
                WheelEventFactory(job_centre=centre, company=lager, title="20 lagerfolk"),
                now - day,
            ),
            created(
                WheelEventFactory(job_centre=centre, company=no_industry, title="Sommerhjælp"),
                now - day,
            ),
        ],
        "old_events": [
            created(
                WheelEventFactory(job_centre=centre, company=lager, title="Gammel"), last_sent - day
            ),
            created(WheelEventFactory(job_centre=other_centre, title="Andres"), now - day),
        ],
        "storage": storage,
        "care": care,
    }


def test_the_digest_holds_exactly_the_new_open_openings_and_events(centre, world, now, last_sent):
    result = digest.digest_build(centre=centre, since=last_sent, now=now)
    openings = [o for g in result.groups for o in g.openings]
    events = [e for g in result.groups for e in g.events]
    assert sorted(o.pk for o in openings) == sorted(o.pk for o in world["new"])
    assert sorted(e.pk for e in events) == sorted(e.pk for e in world["events"])
    assert (result.opening_count, result.event_count) == (4, 2)


def test_grouped_by_industry_with_no_industry_last(centre, world, now, last_sent):
    with override("en"):
        result = digest.digest_build(centre=centre, since=last_sent, now=now)
    labels = [g.label for g in result.groups]
    assert labels == [*sorted([world["storage"].name, world["care"].name]), "No industry"]
    storage = next(g for g in result.groups if g.label == world["storage"].name)
    assert [o.title for o in storage.openings] == ["Lagerarbejder", "Truckfører"]
    assert [e.title for e in storage.events] == ["20 lagerfolk"]
    last = result.groups[-1]
    assert [o.title for o in last.openings] == ["Kok"]
    assert [e.title for e in last.events] == ["Sommerhjælp"]


def test_since_the_last_digest_or_else_last_tuesday(business, now, last_sent):
    assert digest.digest_since(business, now) == digest.last_tuesday(now)
    DigestSubscription.objects.create(user=business, last_sent_at=last_sent)
    assert digest.digest_since(business, now) == last_sent


def test_last_tuesday_is_midnight_local_and_a_week_back_on_a_tuesday():
    tz = timezone.get_current_timezone()
    wednesday = datetime(2026, 11, 25, 12, 0, tzinfo=tz)
    assert digest.last_tuesday(wednesday) == datetime(2026, 11, 24, 0, 0, tzinfo=tz)
    tuesday = datetime(2026, 11, 24, 7, 0, tzinfo=tz)
    assert digest.last_tuesday(tuesday) == datetime(2026, 11, 17, 0, 0, tzinfo=tz)
    monday = datetime(2026, 11, 23, 23, 30, tzinfo=tz)
    assert digest.last_tuesday(monday) == datetime(2026, 11, 17, 0, 0, tzinfo=tz)


def _subscribe(user, last_sent, active=True):
    return DigestSubscription.objects.create(user=user, active=active, last_sent_at=last_sent)


def test_the_task_sends_each_subscriber_once_a_week(business, consultant, world, now, last_sent):
    subscription = _subscribe(business, last_sent)
    assert digest.send_digests(now=now) == 1
    mail = Notification.objects.get()
    iso = timezone.localdate(now).isocalendar()
    assert mail.key == f"digest:{business.pk}:{iso.year}-W{iso.week:02d}"
    assert mail.recipient == business and mail.channel == "email"
    assert timezone.localtime(mail.scheduled_for).hour == 9  # held until 09:00
    for opening in world["new"]:
        assert opening.title in mail.body
    for title in ["Gammel", "Lige før", "Udløbet", "Andet jobcenter", "Andres"]:
        assert title not in mail.body
    assert settings.SITE_URL + reverse("labour:digest") in mail.body
    subscription.refresh_from_db()
    assert subscription.last_sent_at == now

    created(
        OpeningFactory(job_centre=business.job_centre, title="Senere"), now + timedelta(minutes=1)
    )
    assert digest.send_digests(now=now + timedelta(minutes=2)) == 0
    assert Notification.objects.count() == 1


def test_the_periodic_task_sends_this_weeks_digest_once(business, centre):
    DigestSubscription.objects.create(user=business)
    created(OpeningFactory(job_centre=centre, title="Ny"), timezone.now() - timedelta(minutes=5))
    assert tasks.send_weekly_digests.call_local() == 1
    assert tasks.send_weekly_digests.call_local() == 0
    assert Notification.objects.filter(recipient=business).count() == 1


def test_not_to_the_unsubscribed(business, consultant, admin_user, world, now, last_sent):
    _subscribe(business, last_sent, active=False)
    _subscribe(admin_user, last_sent)
    admin_user.is_active = False
    admin_user.save()
    assert digest.send_digests(now=now) == 0  # consultant never opted in
    assert not Notification.objects.exists()


def test_an_empty_digest_is_not_sent_but_recorded(business, now, last_sent):
    subscription = _subscribe(business, last_sent)
    assert digest.send_digests(now=now) == 0
    assert not Notification.objects.exists()
    subscription.refresh_from_db()
    assert subscription.last_sent_at == now


def test_a_first_digest_covers_since_last_tuesday(business, centre, now):
    DigestSubscription.objects.create(user=business)
    created(OpeningFactory(job_centre=centre, title="Ny i denne uge"), now - timedelta(hours=2))
    created(OpeningFactory(job_centre=centre, title="For længe siden"), now - timedelta(days=9))
    assert digest.send_digests(now=now) == 1
    body = Notification.objects.get().body
    assert "Ny i denne uge" in body and "For længe siden" not in body


def test_a_citizen_subscription_sends_nothing(citizen, centre, now, last_sent):
    _subscribe(citizen.user, last_sent)
    created(OpeningFactory(job_centre=centre), now - timedelta(hours=2))
    assert digest.send_digests(now=now) == 0


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        (datetime(2026, 11, 24, 6, 0), True),  # winter: 07:00 CET
        (datetime(2026, 6, 2, 5, 0), True),  # summer: 07:00 CEST
        (datetime(2026, 11, 24, 7, 0), False),  # 08:00 in Copenhagen
        (datetime(2026, 11, 24, 6, 1), False),
        (datetime(2026, 11, 25, 6, 0), False),  # a Wednesday
        (datetime(2026, 11, 24, 6, 0, tzinfo=UTC), True),
    ],
)
def test_the_task_runs_tuesdays_at_seven_copenhagen_time(utc, expected):
    assert tasks.send_weekly_digests.task_class().validate_datetime(utc) is expected


def test_the_page_shows_the_digest_since_the_last_one(client, business, world, last_sent):
    _subscribe(business, last_sent)
    client.force_login(business)
    response = client.get(reverse("labour:digest"))
    assert response.status_code == 200
    for opening in world["new"]:
        assert opening.title in response.text
    for title in ["Gammel", "Lige før", "Udløbet", "Andet jobcenter"]:
        assert f"{title}<" not in response.text and f">{title}" not in response.text
    since_tuesday = client.get(reverse("labour:digest"), {"siden": "tirsdag"})
    assert since_tuesday.status_code == 200


def test_the_page_without_a_digest_shows_since_last_tuesday(client, consultant, centre, now):
    recent = created(OpeningFactory(job_centre=centre, title="Helt ny"), timezone.now())
    created(
        OpeningFactory(job_centre=centre, title="Forældet"),
        digest.last_tuesday() - timedelta(days=1),
    )
    client.force_login(consultant)
    response = client.get(reverse("labour:digest"))
    assert recent.title in response.text and "Forældet" not in response.text


def test_opt_in_and_out(client, consultant):
    client.force_login(consultant)
    assert not DigestSubscription.objects.exists()  # staff are not subscribed by default
    assert client.post(reverse("labour:digest_subscription"), {"active": "on"}).status_code == 302
    assert DigestSubscription.objects.get(user=consultant).active
    assert client.post(reverse("labour:digest_subscription"), {}).status_code == 302
    assert not DigestSubscription.objects.get(user=consultant).active


def test_citizens_and_strangers_cannot(client, citizen):
    client.force_login(citizen.user)
    assert client.get(reverse("labour:digest")).status_code == 403
    assert client.post(reverse("labour:digest_subscription"), {"active": "on"}).status_code == 403
    assert not DigestSubscription.objects.exists()
    client.logout()
    assert client.get(reverse("labour:digest")).status_code == 302


def test_the_subscription_needs_csrf(consultant):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(consultant)
    assert strict.post(reverse("labour:digest_subscription"), {"active": "on"}).status_code == 403
    assert not DigestSubscription.objects.exists()


@override_settings(LABOUR_DIGEST_OPENINGS_SHOWN=3)
def test_a_large_week_lists_the_first_openings_per_industry_and_counts_the_rest(
    client, business, centre, now, django_assert_max_num_queries
):
    lager = CompanyFactory(job_centre=centre, industry=Industry.objects.get(code="521000"))
    for n in range(8):
        created(OpeningFactory(job_centre=centre, company=lager, title=f"Lager {n}"), now)
    created(OpeningFactory(job_centre=centre, company=None, title="Uden branche"), now)
    digest = digest_build(centre=centre, since=now - timedelta(days=1), now=now)
    storage, none = digest.groups
    assert [o.title for o in storage.openings] == ["Lager 0", "Lager 1", "Lager 2"]
    assert (storage.opening_count, storage.more, digest.opening_count) == (8, 5, 9)
    assert storage.board_query == f"new=on&industry={lager.industry_id}"
    assert (none.opening_count, none.more) == (1, 0)

    _subject, body = digest_text(digest, centre_name=centre.name)
    assert "Lager 2" in body and "Lager 3" not in body
    assert (
        f"- og 5 flere: {settings.SITE_URL}{reverse('labour:board')}?{storage.board_query}" in body
    )

    client.force_login(business)
    with time_machine.travel(now, tick=False), django_assert_max_num_queries(25):
        page = client.get(reverse("labour:digest")).text
    assert "8 stillinger" in page and "og 5 flere på jobtavlen" in page
