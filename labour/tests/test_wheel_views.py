"""The annual wheel's pages: who may see, enter, change and delete, and what the year view shows."""

import re
import uuid

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from labour.models import CalendarFeed, WheelEvent
from labour.tests.factories import CompanyFactory, WheelEventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def business(centre):
    return StaffFactory(
        job_centre=centre, role=Role.BUSINESS_CONSULTANT, username="vk", name="Bo Virksomhed"
    )


@pytest.fixture
def event(centre):
    company = CompanyFactory(job_centre=centre, name="Lager X")
    return WheelEventFactory(
        job_centre=centre, company=company, title="20 lagermedarbejdere", positions=20
    )


def as_user(client, user):
    client.force_login(user)
    return client


def _data(**changes):
    return {
        "title": "20 lagermedarbejdere",
        "year": "2026",
        "week_from": "40",
        "week_to": "44",
        "submission_token": str(uuid.uuid4()),
        **changes,
    }


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("labour:wheel"))
    assert response.status_code == 302 and "log-ind" in response["Location"]


def test_citizens_get_403_everywhere(client, citizen, event):
    as_user(client, citizen.user)
    for url in [
        reverse("labour:wheel"),
        reverse("labour:wheel_event_create"),
        reverse("labour:wheel_event_edit", args=[event.public_id]),
        reverse("labour:wheel_feed_manage"),
        reverse("labour:wheel_ics"),
    ]:
        assert client.get(url).status_code in (403, 404), url
    assert client.get(reverse("labour:wheel")).status_code == 403
    assert client.get(reverse("labour:wheel_event_create")).status_code == 403


def test_a_job_consultant_sees_the_year_adds_but_cannot_edit(client, consultant, event):
    as_user(client, consultant)
    response = client.get(reverse("labour:wheel"), {"aar": 2026})
    assert response.status_code == 200
    assert "20 lagermedarbejdere" in response.text
    assert reverse("labour:wheel_event_edit", args=[event.public_id]) not in response.text
    # Adding a need is open to job consultants (issue 22): it waits for review.
    assert client.get(reverse("labour:wheel_event_create")).status_code == 200
    edit = reverse("labour:wheel_event_edit", args=[event.public_id])
    assert client.get(edit).status_code == 403
    assert client.post(edit, _data(title="Ændret")).status_code == 403
    delete = reverse("labour:wheel_event_delete", args=[event.public_id])
    assert client.post(delete).status_code == 403
    event.refresh_from_db()
    assert event.title == "20 lagermedarbejdere"


def test_another_centres_event_is_404(client, other_centre, event):
    stranger = StaffFactory(job_centre=other_centre, role=Role.BUSINESS_CONSULTANT)
    as_user(client, stranger)
    assert client.get(reverse("labour:wheel_event_edit", args=[event.public_id])).status_code == 404
    assert (
        client.post(reverse("labour:wheel_event_delete", args=[event.public_id])).status_code == 404
    )
    response = client.get(reverse("labour:wheel"), {"aar": 2026})
    assert "20 lagermedarbejdere" not in response.text
    assert WheelEvent.objects.filter(pk=event.pk).exists()


def test_a_business_consultant_adds_a_need_once(client, centre, business):
    company = CompanyFactory(job_centre=centre, name="Lager X")
    as_user(client, business)
    assert client.get(reverse("labour:wheel_event_create")).status_code == 200
    data = _data(company=str(company.pk), occupation="Lagerarbejder", positions="20")
    response = client.post(reverse("labour:wheel_event_create"), data)
    assert response.status_code == 302
    again = client.post(reverse("labour:wheel_event_create"), data)
    assert again.status_code == 302
    event = WheelEvent.objects.get()
    assert (event.company, event.positions, event.occupation.title) == (
        company,
        20,
        "Lagerarbejder",
    )
    assert response["Location"].endswith(f"?aar=2026#event-{event.public_id}")


def test_bad_weeks_show_a_message_and_save_nothing(client, business):
    as_user(client, business)
    response = client.post(
        reverse("labour:wheel_event_create"), _data(year="2027", week_from="50", week_to="53")
    )
    assert response.status_code == 400
    assert 'class="alert alert-error"' in response.text or "alert-error" in response.text
    assert not WheelEvent.objects.exists()


def test_a_business_consultant_edits_and_deletes(client, business, event):
    as_user(client, business)
    edit = reverse("labour:wheel_event_edit", args=[event.public_id])
    page = client.get(edit)
    assert page.status_code == 200 and 'value="20 lagermedarbejdere"' in page.text
    response = client.post(edit, _data(title="25 lagermedarbejdere", week_from="41"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.week_from) == ("25 lagermedarbejdere", 41)
    delete = reverse("labour:wheel_event_delete", args=[event.public_id])
    assert client.get(delete).status_code == 200
    assert client.post(delete).status_code == 302
    assert not WheelEvent.objects.exists()


def test_the_year_view_lists_every_event_with_weeks_and_dates(client, business, event):
    as_user(client, business)
    response = client.get(reverse("labour:wheel"), {"aar": "2026"})
    assert response.status_code == 200
    row = re.search(rf'<tr id="event-{event.public_id}".*?</tr>', response.text, re.S).group(0)
    assert "Lager X" in row
    assert "28. september 2026" in row and "1. november 2026" in row
    assert f'href="#event-{event.public_id}"' in response.text  # the bar leads to the row
    assert response.text.count('aria-current="date"') <= 1
    assert "?aar=2025" in response.text and "?aar=2027" in response.text


def test_the_year_view_tolerates_nonsense_in_the_query(client, business):
    as_user(client, business)
    response = client.get(reverse("labour:wheel"), {"aar": "abc", "branche": "x", "stilling": "?"})
    assert response.status_code == 200


def test_the_feed_address_is_shown_once_and_can_be_replaced(client, business, event):
    as_user(client, business)
    manage = reverse("labour:wheel_feed_manage")
    assert client.get(manage).status_code == 200
    response = client.post(manage, {"action": "create"})
    assert response.status_code == 200
    token = re.search(r"/aarshjul/kalender/([\w-]+)\.ics", response.text).group(1)
    assert token not in client.get(manage).text
    assert CalendarFeed.objects.get(user=business).token_hash != token

    client.logout()
    feed = client.get(reverse("labour:wheel_feed", args=[token]))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    assert b"20 lagermedarbejdere" in feed.content

    as_user(client, business)
    client.post(manage, {"action": "create"})
    client.logout()
    assert client.get(reverse("labour:wheel_feed", args=[token])).status_code == 404


def test_a_revoked_or_unknown_token_is_404(client, business):
    as_user(client, business)
    response = client.post(reverse("labour:wheel_feed_manage"), {"action": "create"})
    token = re.search(r"/aarshjul/kalender/([\w-]+)\.ics", response.text).group(1)
    assert client.post(reverse("labour:wheel_feed_manage"), {"action": "revoke"}).status_code == 302
    client.logout()
    assert client.get(reverse("labour:wheel_feed", args=[token])).status_code == 404
    assert client.get(reverse("labour:wheel_feed", args=["nonsense"])).status_code == 404


def test_a_deactivated_users_feed_stops(client, business):
    from labour import wheel

    token = wheel.calendar_feed_create(user=business)
    assert client.get(reverse("labour:wheel_feed", args=[token])).status_code == 200
    business.is_active = False
    business.save()
    assert client.get(reverse("labour:wheel_feed", args=[token])).status_code == 404


def test_the_download_is_an_ics_file_of_the_year(client, consultant, event):
    as_user(client, consultant)
    response = client.get(reverse("labour:wheel_ics"), {"aar": "2026"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="aarshjul-2026.ics"'
    assert b"BEGIN:VCALENDAR" in response.content and b"Lager X" in response.content
    assert b"Lager X" not in client.get(reverse("labour:wheel_ics"), {"aar": "2027"}).content
