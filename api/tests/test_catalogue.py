from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext, override

from accounts.models import Role
from accounts.tests.factories import StaffFactory, UserFactory
from api.tests.conftest import API, bearer_client
from booking.calendar import next_working_day
from booking.models import MeetingMode
from booking.tests.factories import BookingFactory, TopicFactory, working_week
from citizens.models import TargetGroup

pytestmark = pytest.mark.django_db


def _danish(message: str) -> str:
    with override("da"):
        return gettext(message)


def test_a_citizen_sees_the_topics_their_group_may_book(citizen_api, topic, consultant, centre):
    TopicFactory(job_centre=centre, name="Kun aktivitetsparate", target_groups=["aktivitetsparat"])
    TopicFactory(job_centre=centre, name="Lukket", active=False)
    TopicFactory(name="Et andet jobcenters emne")
    response = citizen_api.get(f"{API}/topics")
    assert response.status_code == 200
    assert response.json() == [
        {
            "id": topic.pk,
            "name": "Min jobsøgning",
            "description": topic.description,
            "duration_minutes": 45,
            "modes": [{"id": m.value, "name": _danish(m.label)} for m in MeetingMode],
            "consultants": [{"id": consultant.pk, "name": consultant.name}],
        }
    ]


def test_staff_see_their_centres_active_topics(consultant_api, topic, centre):
    TopicFactory(job_centre=centre, name="Kun aktivitetsparate", target_groups=["aktivitetsparat"])
    TopicFactory(job_centre=centre, name="Lukket", active=False)
    TopicFactory(name="Et andet jobcenters emne")
    names = [t["name"] for t in consultant_api.get(f"{API}/topics").json()]
    assert names == ["Kun aktivitetsparate", "Min jobsøgning"]


def test_slots_are_local_iso_times_with_the_free_consultants(citizen_api, topic, consultant):
    day = next_working_day(timezone.localdate() + timedelta(days=7))  # a Sunday clock: Monday
    response = citizen_api.get(
        f"{API}/slots", {"topic": topic.pk, "date_from": day, "date_to": day + timedelta(days=6)}
    )
    assert response.status_code == 200
    slots = response.json()
    assert slots
    first = slots[0]
    start = datetime.fromisoformat(first["start"])
    assert first["start"].endswith(("+01:00", "+02:00"))
    assert start.utcoffset() == timezone.localtime(start).utcoffset()
    assert datetime.fromisoformat(first["end"]) - start == timedelta(minutes=45)
    assert first["consultants"] == [consultant.pk]
    # No meeting room exists, so no time can be booked in person.
    assert first["modes"] == ["telefon", "video"]
    assert all(day <= datetime.fromisoformat(s["start"]).date() for s in slots)


def test_slots_leave_out_booked_times_and_filter_by_consultant(
    citizen_api, topic, consultant, citizen, centre
):
    other = StaffFactory(job_centre=centre)
    working_week(other)
    topic.consultants.add(other)
    day = next_working_day(timezone.localdate() + timedelta(days=7))  # a Sunday clock: Monday
    both = citizen_api.get(f"{API}/slots", {"topic": topic.pk, "date_from": day, "date_to": day})
    assert any(s["consultants"] == [consultant.pk, other.pk] for s in both.json())
    only_other = citizen_api.get(
        f"{API}/slots",
        {"topic": topic.pk, "consultant": other.pk, "date_from": day, "date_to": day},
    ).json()
    assert only_other and all(s["consultants"] == [other.pk] for s in only_other)
    taken = datetime.fromisoformat(only_other[0]["start"])
    BookingFactory(citizen=citizen, topic=topic, consultant=other, start=taken)
    again = citizen_api.get(
        f"{API}/slots",
        {"topic": topic.pk, "consultant": other.pk, "date_from": day, "date_to": day},
    ).json()
    assert only_other[0]["start"] not in [s["start"] for s in again]


def test_slots_default_to_a_week_from_today(citizen_api, topic):
    slots = citizen_api.get(f"{API}/slots", {"topic": topic.pk}).json()
    last = timezone.localdate() + timedelta(days=6)
    assert all(datetime.fromisoformat(s["start"]).date() <= last for s in slots)


def test_slots_of_another_centres_topic_or_consultant_are_404(citizen_api, topic, other_consultant):
    foreign = TopicFactory(name="Et andet jobcenters emne", consultants=[other_consultant])
    response = citizen_api.get(f"{API}/slots", {"topic": foreign.pk})
    assert response.status_code == 404
    assert response.json() == {"detail": _danish("Not found.")}
    response = citizen_api.get(
        f"{API}/slots", {"topic": topic.pk, "consultant": other_consultant.pk}
    )
    assert response.status_code == 404
    assert citizen_api.get(f"{API}/slots", {"topic": 999999}).status_code == 404


def test_slots_of_a_topic_closed_to_the_citizens_group_are_404(citizen_api, centre):
    closed = TopicFactory(job_centre=centre, target_groups=[TargetGroup.ACTIVITY_READY])
    assert citizen_api.get(f"{API}/slots", {"topic": closed.pk}).status_code == 404


def test_malformed_parameters_are_422_in_danish(citizen_api, topic):
    response = citizen_api.get(
        f"{API}/slots", {"topic": "abc", "consultant": "x", "date_from": "1. december"}
    )
    assert response.status_code == 422
    assert response.json() == {
        "errors": {
            "topic": ["Indtast et heltal."],
            "consultant": ["Indtast et heltal."],
            "date_from": ["Indtast en gyldig dato."],
        }
    }
    response = citizen_api.get(f"{API}/slots")
    assert response.json() == {"errors": {"topic": ["Dette felt er påkrævet."]}}


def test_slots_cover_at_most_31_days_and_in_order(citizen_api, topic):
    day = timezone.localdate()
    too_long = citizen_api.get(
        f"{API}/slots",
        {"topic": topic.pk, "date_from": day, "date_to": day + timedelta(days=31)},
    )
    assert too_long.status_code == 422
    assert too_long.json() == {
        "errors": {"date_to": [_danish("Ask for at most %(days)s days at a time.") % {"days": 31}]}
    }
    backwards = citizen_api.get(
        f"{API}/slots",
        {"topic": topic.pk, "date_from": day, "date_to": day - timedelta(days=1)},
    )
    assert backwards.status_code == 422
    longest = citizen_api.get(
        f"{API}/slots",
        {"topic": topic.pk, "date_from": day, "date_to": day + timedelta(days=30)},
    )
    assert longest.status_code == 200


def test_staff_see_slots_of_their_centres_topics_only(consultant_api, topic, other_consultant):
    assert consultant_api.get(f"{API}/slots", {"topic": topic.pk}).status_code == 200
    foreign = TopicFactory(name="Et andet jobcenters emne", consultants=[other_consultant])
    assert consultant_api.get(f"{API}/slots", {"topic": foreign.pk}).status_code == 404


def test_a_user_who_is_neither_citizen_nor_staff_is_403(centre):
    orphan = UserFactory(job_centre=centre, role=Role.CITIZEN)  # no citizen profile
    response = bearer_client(orphan).get(f"{API}/topics")
    assert response.status_code == 403
    assert response.json() == {"detail": _danish("You may not do this.")}


def test_a_citizens_slots_leave_out_her_own_other_conversation(
    citizen_api, topic, consultant, citizen, centre
):
    """Another consultant is free then, but the citizen has a conversation: the times over it
    are not hers to book (the booking would be refused), as in the week view."""
    other = StaffFactory(job_centre=centre)
    working_week(other)
    topic.consultants.add(other)
    day = next_working_day(timezone.localdate() + timedelta(days=7))  # a Sunday clock: Monday
    query = {"topic": topic.pk, "date_from": day, "date_to": day}
    before = [s["start"] for s in citizen_api.get(f"{API}/slots", query).json()]
    mine = BookingFactory(citizen=citizen, topic=topic, consultant=consultant,
                          start=datetime.fromisoformat(before[2]))  # fmt: skip
    after = [s["start"] for s in citizen_api.get(f"{API}/slots", query).json()]
    assert before[2] not in after and before[0] in after
    assert all(
        not (
            datetime.fromisoformat(s) < mine.end
            and mine.start < datetime.fromisoformat(s) + timedelta(minutes=45)
        )
        for s in after
    )
