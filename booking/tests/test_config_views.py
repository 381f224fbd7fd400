import uuid
from datetime import time, timedelta

import pytest
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from booking.calendar import next_working_day, public_holiday
from booking.models import (
    DEFAULT_RULE,
    Absence,
    BookingRule,
    ClosingDay,
    MeetingMode,
    Room,
    Topic,
    WorkingDay,
)
from booking.tests.factories import BookingFactory, RoomFactory, TopicFactory, working_week

pytestmark = pytest.mark.django_db

BASE = "/indstillinger/booking/"


def da(message: str) -> str:
    """The message as a Danish page shows it (whether or not it is translated yet)."""
    with translation.override("da"):
        return escape(gettext(message))


def body(response) -> str:
    return response.content.decode()


def token() -> str:
    return str(uuid.uuid4())


def coming_workday(days_ahead: int = 30):
    return next_working_day(timezone.localdate() + timedelta(days=days_ahead))


@pytest.fixture
def leader(centre):
    return StaffFactory(job_centre=centre, role=Role.TEAM_LEADER, username="tl")


@pytest.fixture
def other_admin(other_centre):
    return StaffFactory(job_centre=other_centre, role=Role.ADMINISTRATOR, username="adm-other")


# --- Who may


CONFIG_PAGES = ["", "emner/", "emner/opret/", "lokaler/", "lokaler/opret/", "lukkedage/"]
CONFIG_PAGES += ["regler/", "arbejdstider/"]


@pytest.mark.parametrize("page", CONFIG_PAGES)
def test_administrators_and_team_leaders_configure_booking(client, admin_user, leader, page):
    for user in (admin_user, leader):
        client.force_login(user)
        assert client.get(BASE + page).status_code == 200, (user.role, page)


@pytest.mark.parametrize("page", CONFIG_PAGES)
@pytest.mark.parametrize("role", [Role.JOB_CONSULTANT, Role.BUSINESS_CONSULTANT, Role.MANAGER])
def test_other_staff_may_not_configure_booking(client, centre, page, role):
    client.force_login(StaffFactory(job_centre=centre, role=role))
    assert client.get(BASE + page).status_code == 403


def test_citizens_may_not_configure_booking(client, citizen):
    client.force_login(citizen.user)
    assert client.get(BASE + "emner/").status_code == 403
    assert client.get(BASE + "mine-arbejdstider/").status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(BASE + "emner/")
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_objects_of_another_job_centre_are_not_found(client, admin_user, other_centre):
    client.force_login(admin_user)
    topic = TopicFactory(job_centre=other_centre)
    room = RoomFactory(job_centre=other_centre)
    closing_day = ClosingDay.objects.create(
        job_centre=other_centre, date=coming_workday(), name="Lukket"
    )
    foreign_consultant = StaffFactory(job_centre=other_centre)
    for url in [
        f"emner/{topic.pk}/",
        f"emner/{topic.pk}/slet/",
        f"lokaler/{room.pk}/",
        f"lukkedage/{closing_day.pk}/slet/",
        f"arbejdstider/{foreign_consultant.pk}/",
    ]:
        assert client.get(BASE + url).status_code == 404, url
        assert client.post(BASE + url, {"name": "Overtaget"}).status_code == 404, url
    assert ClosingDay.objects.filter(pk=closing_day.pk).exists()
    assert Topic.objects.get(pk=topic.pk).name != "Overtaget"


def test_the_centres_settings_link_to_the_booking_settings(client, admin_user):
    client.force_login(admin_user)
    assert f'href="{BASE}"' in body(client.get("/indstillinger/"))


# --- Topics


def topic_data(consultant, **overrides):
    data = {
        "name": "Min jobsøgning",
        "description": "Vi taler om, hvordan det går.",
        "duration_minutes": "45",
        "consultants": [consultant.pk],
        "target_groups": ["jobparat"],
        "modes": [MeetingMode.IN_PERSON, MeetingMode.PHONE],
        "active": "on",
        "submission_token": token(),
    }
    return {**data, **overrides}


def test_topic_form_offers_the_centres_conversation_staff(client, admin_user, consultant, leader):
    business = StaffFactory(job_centre=admin_user.job_centre, role=Role.BUSINESS_CONSULTANT)
    other = StaffFactory(username="elsewhere")
    client.force_login(admin_user)
    page = body(client.get(BASE + "emner/opret/"))
    assert consultant.name in page and leader.name in page
    assert business.name not in page and other.name not in page
    assert 'type="checkbox"' in page


def test_admin_creates_a_topic_once(client, admin_user, consultant):
    client.force_login(admin_user)
    data = topic_data(consultant)
    assert client.post(BASE + "emner/opret/", data).status_code == 302
    assert client.post(BASE + "emner/opret/", data).status_code == 302
    topic = Topic.objects.get()
    assert topic.job_centre == admin_user.job_centre
    assert list(topic.consultants.all()) == [consultant]
    assert topic.modes == ["fremmoede", "telefon"] and topic.target_groups == ["jobparat"]
    assert "Min jobsøgning" in body(client.get(BASE + "emner/"))


def test_admin_sets_what_the_preparation_opens_with_and_a_renamed_topic_keeps_it(
    client, admin_user, consultant
):
    client.force_login(admin_user)
    form = body(client.get(BASE + "emner/opret/"))
    assert "Forberedelsen starter med" in form and "Brancheskift: fag" in form
    data = topic_data(consultant, name="Skift fag", preparation="transfer")
    assert client.post(BASE + "emner/opret/", data).status_code == 302
    topic = Topic.objects.get()
    assert topic.preparation == "transfer"
    bad = client.post(BASE + "emner/opret/", topic_data(consultant, name="X", preparation="<b>"))
    assert bad.status_code == 400 and Topic.objects.count() == 1


def test_topic_form_errors_are_shown_and_nothing_is_saved(client, admin_user, consultant):
    client.force_login(admin_user)
    response = client.post(
        BASE + "emner/opret/", topic_data(consultant, name="", modes=[], duration_minutes="5")
    )
    assert response.status_code == 400
    page = body(response)
    assert "Skriv navn" in page
    assert da("Choose at least one meeting mode.") in page
    assert "større end eller lig 15" in page  # every error at once
    assert not Topic.objects.exists()


def test_topic_duration_is_checked_in_danish(client, admin_user, consultant):
    client.force_login(admin_user)
    response = client.post(BASE + "emner/opret/", topic_data(consultant, duration_minutes="5"))
    assert response.status_code == 400
    assert "større end eller lig 15" in body(response)
    assert not Topic.objects.exists()


def test_topic_may_not_be_offered_by_another_centres_consultant(
    client, admin_user, consultant, other_consultant
):
    client.force_login(admin_user)
    data = topic_data(consultant, consultants=[other_consultant.pk])
    assert client.post(BASE + "emner/opret/", data).status_code == 400
    assert not Topic.objects.exists()


def test_team_leader_edits_a_topic(client, leader, consultant):
    topic = TopicFactory(job_centre=leader.job_centre, name="Gammelt navn")
    client.force_login(leader)
    page = body(client.get(f"{BASE}emner/{topic.pk}/"))
    assert "Gammelt navn" in page and da("Delete the topic") in page
    data = topic_data(consultant, name="Nyt navn", active="", target_groups=[])
    response = client.post(f"{BASE}emner/{topic.pk}/", data)
    assert response.status_code == 302
    topic.refresh_from_db()
    assert (topic.name, topic.active, topic.target_groups) == ("Nyt navn", False, [])


def test_a_duplicate_topic_name_is_refused(client, admin_user, consultant):
    TopicFactory(job_centre=admin_user.job_centre, name="Min jobsøgning")
    client.force_login(admin_user)
    response = client.post(BASE + "emner/opret/", topic_data(consultant))
    assert response.status_code == 400
    assert da("The job centre already has a topic with this name.") in body(response)
    assert Topic.objects.count() == 1


def test_a_topic_without_bookings_is_deleted_after_confirming(client, admin_user):
    topic = TopicFactory(job_centre=admin_user.job_centre)
    client.force_login(admin_user)
    assert client.get(f"{BASE}emner/{topic.pk}/slet/").status_code == 200
    assert Topic.objects.exists()
    assert client.post(f"{BASE}emner/{topic.pk}/slet/").status_code == 302
    assert not Topic.objects.exists()


def test_a_topic_with_bookings_is_deactivated_not_deleted(client, admin_user, consultant, citizen):
    topic = TopicFactory(job_centre=admin_user.job_centre, consultants=[consultant])
    BookingFactory(
        citizen=citizen,
        consultant=consultant,
        topic=topic,
        start=timezone.now() + timedelta(days=3),
    )
    client.force_login(admin_user)
    assert da("Deactivate the topic") in body(client.get(f"{BASE}emner/{topic.pk}/"))
    client.post(f"{BASE}emner/{topic.pk}/slet/")
    topic.refresh_from_db()
    assert not topic.active


# --- Rooms


def test_admin_creates_and_edits_a_room(client, admin_user):
    client.force_login(admin_user)
    data = {"name": "Lokale 1", "location": "Stuen", "submission_token": token()}
    assert client.post(BASE + "lokaler/opret/", data).status_code == 302
    room = Room.objects.get()
    assert room.active and room.job_centre == admin_user.job_centre
    response = client.post(f"{BASE}lokaler/{room.pk}/", {"name": "Lokale 2", "location": ""})
    assert response.status_code == 302
    room.refresh_from_db()
    assert (room.name, room.active) == ("Lokale 2", False)


def test_room_needs_a_name(client, admin_user):
    client.force_login(admin_user)
    response = client.post(BASE + "lokaler/opret/", {"name": "", "submission_token": token()})
    assert response.status_code == 400
    assert "Skriv navn" in body(response)
    assert not Room.objects.exists()


# --- Closing days


def test_closing_days_are_listed_beside_the_public_holidays(client, admin_user, other_centre):
    day = coming_workday()
    ClosingDay.objects.create(job_centre=admin_user.job_centre, date=day, name="Personaledag")
    ClosingDay.objects.create(job_centre=other_centre, date=day, name="Andres lukkedag")
    ClosingDay.objects.create(
        job_centre=admin_user.job_centre,
        date=timezone.localdate() - timedelta(days=3),
        name="Overstået",
    )
    client.force_login(admin_user)
    page = body(client.get(BASE + "lukkedage/"))
    assert "Personaledag" in page
    assert "Andres lukkedag" not in page and "Overstået" not in page
    assert "Påskedag" in page and "Juledag" in page


def test_admin_adds_a_closing_day(client, admin_user):
    client.force_login(admin_user)
    day = coming_workday()
    data = {"date": day.isoformat(), "name": "Personaledag", "submission_token": token()}
    assert client.post(BASE + "lukkedage/", data).status_code == 302
    assert ClosingDay.objects.get().date == day


def test_closing_day_in_danish_date_format(client, admin_user):
    client.force_login(admin_user)
    day = coming_workday()
    data = {"date": day.strftime("%d.%m.%Y"), "name": "Personaledag", "submission_token": token()}
    assert client.post(BASE + "lukkedage/", data).status_code == 302
    assert ClosingDay.objects.get().date == day


def _first(predicate):
    day = timezone.localdate() + timedelta(days=1)
    while not predicate(day):
        day += timedelta(days=1)
    return day


@pytest.mark.parametrize(
    "pick, message",
    [
        (
            lambda d: d.weekday() == 5,
            "The job centre is closed on Saturdays and Sundays anyway.",
        ),
        (lambda d: d.weekday() < 5 and public_holiday(d) is not None, None),
        (lambda d: False, "There is already a closing day on this date."),
    ],
    ids=["weekend", "public holiday", "duplicate"],
)
def test_closing_day_errors_are_shown_and_nothing_is_saved(client, admin_user, pick, message):
    client.force_login(admin_user)
    if message == "There is already a closing day on this date.":
        day = coming_workday()
        ClosingDay.objects.create(job_centre=admin_user.job_centre, date=day, name="Allerede")
    else:
        day = _first(pick)
    before = ClosingDay.objects.count()
    data = {"date": day.isoformat(), "name": "Lukket", "submission_token": token()}
    response = client.post(BASE + "lukkedage/", data)
    assert response.status_code == 400
    assert escape(public_holiday(day) or "") in body(response)
    if message:
        assert da(message) in body(response)
    assert ClosingDay.objects.count() == before


def test_a_closing_day_is_deleted_after_confirming(client, admin_user):
    day = ClosingDay.objects.create(
        job_centre=admin_user.job_centre, date=coming_workday(), name="Personaledag"
    )
    client.force_login(admin_user)
    assert "Personaledag" in body(client.get(f"{BASE}lukkedage/{day.pk}/slet/"))
    assert ClosingDay.objects.exists()
    assert client.post(f"{BASE}lukkedage/{day.pk}/slet/").status_code == 302
    assert not ClosingDay.objects.exists()


# --- Booking rules


def rule_data(prefix, **overrides):
    values = {**DEFAULT_RULE, **overrides}
    return {f"{prefix}-{k}": str(v) for k, v in values.items()}


def test_rules_show_the_defaults_until_saved(client, admin_user):
    client.force_login(admin_user)
    page = body(client.get(BASE + "regler/"))
    assert page.count('name="rule-all-max_days_ahead" value="42"') == 1
    assert 'name="rule-jobparat-max_days_ahead" value="42"' in page
    assert 'name="rule-aktivitetsparat-max_days_ahead" value="42"' in page
    assert page.count('name="target_group"') == 3


def test_admin_saves_rules_for_a_citizen_group(client, admin_user):
    client.force_login(admin_user)
    data = {
        "target_group": "aktivitetsparat",
        **rule_data("rule-aktivitetsparat", buffer_minutes=30),
    }
    assert client.post(BASE + "regler/", data).status_code == 302
    rule = BookingRule.objects.get()
    assert (rule.target_group, rule.buffer_minutes) == ("aktivitetsparat", 30)
    data["rule-aktivitetsparat-buffer_minutes"] = "45"
    client.post(BASE + "regler/", data)
    assert BookingRule.objects.get().buffer_minutes == 45


def test_admin_saves_rules_for_all_groups(client, admin_user):
    client.force_login(admin_user)
    data = {"target_group": "", **rule_data("rule-all", min_notice_hours=24)}
    assert client.post(BASE + "regler/", data).status_code == 302
    rule = BookingRule.objects.get()
    assert (rule.target_group, rule.min_notice_hours) == ("", 24)
    page = body(client.get(BASE + "regler/"))
    assert 'name="rule-jobparat-min_notice_hours" value="24"' in page


def test_invalid_rules_are_explained_in_danish_and_not_saved(client, admin_user):
    client.force_login(admin_user)
    data = {"target_group": "jobparat", **rule_data("rule-jobparat", max_days_ahead=500)}
    response = client.post(BASE + "regler/", data)
    assert response.status_code == 400
    assert "mindre end eller lig 180" in body(response)
    assert not BookingRule.objects.exists()


def test_a_rule_that_lets_nothing_be_changed_is_refused_with_both_fields_named(client, admin_user):
    client.force_login(admin_user)
    data = {
        "target_group": "jobparat",
        **rule_data("rule-jobparat", max_days_ahead=7, cancel_cutoff_hours=200),
    }
    response = client.post(BASE + "regler/", data)
    assert response.status_code == 400
    page = body(response)
    assert "aflys eller flyt indtil (timer før)" in page and "hvor langt frem (dage)" in page
    assert not BookingRule.objects.exists()


def test_a_cut_off_longer_than_the_notice_saves_and_the_page_warns(client, admin_user):
    client.force_login(admin_user)
    data = {
        "target_group": "",
        **rule_data("rule-all", min_notice_hours=24, cancel_cutoff_hours=24),
    }
    assert client.post(BASE + "regler/", data).status_code == 302
    page = body(client.get(BASE + "regler/"))
    assert "kan ikke flyttes eller aflyses online" not in page  # 24 and 24: no trap
    data = {
        "target_group": "",
        **rule_data("rule-all", min_notice_hours=2, cancel_cutoff_hours=48),
    }
    assert client.post(BASE + "regler/", data).status_code == 302
    assert BookingRule.objects.get().cancel_cutoff_hours == 48
    page = body(client.get(BASE + "regler/"))
    # Shown for all groups and for both groups that follow it.
    assert page.count("kan ikke flyttes eller aflyses online") == 3
    assert 'class="alert alert-warning"' in page


def test_rules_for_an_unknown_group_are_refused(client, admin_user):
    client.force_login(admin_user)
    data = {"target_group": "andet", **rule_data("rule-andet")}
    assert client.post(BASE + "regler/", data).status_code == 400
    assert not BookingRule.objects.exists()


# --- Working hours


def hours_data(days=range(5), start="08:30", end="15:00", break_start="12:00", break_end="12:30"):
    data = {}
    for d in days:
        data |= {
            f"{d}_start": start,
            f"{d}_end": end,
            f"{d}_break_start": break_start,
            f"{d}_break_end": break_end,
        }
    return data


def test_working_hours_list_shows_the_conversation_staff(client, admin_user, consultant, leader):
    working_week(consultant)
    business = StaffFactory(job_centre=admin_user.job_centre, role=Role.BUSINESS_CONSULTANT)
    client.force_login(admin_user)
    page = body(client.get(BASE + "arbejdstider/"))
    assert consultant.name in page and leader.name in page and business.name not in page
    assert "09.00\N{EN DASH}15.00" in page


def test_admin_replaces_a_consultants_working_hours(client, admin_user, consultant):
    working_week(consultant)
    client.force_login(admin_user)
    page = body(client.get(f"{BASE}arbejdstider/{consultant.pk}/"))
    assert 'type="time"' in page and 'value="09:00"' in page
    response = client.post(f"{BASE}arbejdstider/{consultant.pk}/", hours_data(days=[0, 1, 2]))
    assert response.status_code == 302
    days = WorkingDay.objects.filter(consultant=consultant).order_by("weekday")
    assert [(w.weekday, w.start, w.break_end) for w in days] == [
        (d, time(8, 30), time(12, 30)) for d in (0, 1, 2)
    ]


@pytest.mark.parametrize(
    "data, message",
    [
        (hours_data(start="15:00", end="08:00"), "The working day must end after it starts."),
        (hours_data(break_start="07:00"), "The break must lie within the working hours."),
        (hours_data(start="", end=""), "A break needs working hours that day."),
        (hours_data(end=""), "Fill in when the working day ends."),
        (hours_data(break_end="11:00"), "The break must end after it starts."),
    ],
)
def test_invalid_working_hours_are_explained_and_nothing_changes(
    client, leader, consultant, data, message
):
    working_week(consultant)
    client.force_login(leader)
    response = client.post(f"{BASE}arbejdstider/{consultant.pk}/", data)
    assert response.status_code == 400
    assert da(message) in body(response)
    assert WorkingDay.objects.filter(consultant=consultant, start=time(9)).count() == 5


def test_a_time_that_is_not_a_time_is_explained_in_danish(client, admin_user, consultant):
    client.force_login(admin_user)
    response = client.post(f"{BASE}arbejdstider/{consultant.pk}/", hours_data(start="kl. otte"))
    assert response.status_code == 400
    assert "Skriv mandag fra som et klokkeslæt, fx 09:30" in body(response)
    assert not WorkingDay.objects.exists()


def test_working_hours_only_for_conversation_staff(client, admin_user):
    business = StaffFactory(job_centre=admin_user.job_centre, role=Role.BUSINESS_CONSULTANT)
    client.force_login(admin_user)
    assert client.get(f"{BASE}arbejdstider/{business.pk}/").status_code == 404
    assert client.get(f"{BASE}arbejdstider/{admin_user.pk}/").status_code == 404


# --- A consultant's own working hours and absence


def test_consultant_edits_own_working_hours(client, consultant):
    client.force_login(consultant)
    assert client.get(BASE + "mine-arbejdstider/").status_code == 200
    data = {"section": "hours", **hours_data(days=[1, 3], break_start="", break_end="")}
    assert client.post(BASE + "mine-arbejdstider/", data).status_code == 302
    assert list(
        WorkingDay.objects.filter(consultant=consultant).values_list("weekday", "break_start")
    ) == [(1, None), (3, None)]


def test_consultant_cannot_edit_others_working_hours(client, consultant, leader):
    client.force_login(consultant)
    assert client.get(f"{BASE}arbejdstider/{leader.pk}/").status_code == 403
    assert client.post(f"{BASE}arbejdstider/{leader.pk}/", hours_data()).status_code == 403
    assert not WorkingDay.objects.exists()


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.BUSINESS_CONSULTANT, Role.MANAGER])
def test_staff_without_a_calendar_have_no_own_working_hours(client, centre, role):
    client.force_login(StaffFactory(job_centre=centre, role=role))
    assert client.get(BASE + "mine-arbejdstider/").status_code == 403


def test_consultant_registers_absence(client, consultant):
    client.force_login(consultant)
    first = timezone.localdate() + timedelta(days=7)
    data = {
        "section": "absence",
        "first_day": first.isoformat(),
        "last_day": (first + timedelta(days=4)).isoformat(),
        "note": "Ferie",
        "submission_token": token(),
    }
    assert client.post(BASE + "mine-arbejdstider/", data).status_code == 302
    assert client.post(BASE + "mine-arbejdstider/", data).status_code == 302
    absence = Absence.objects.get()
    assert (absence.consultant, absence.first_day) == (consultant, first)
    assert "Ferie" in body(client.get(BASE + "mine-arbejdstider/"))


def test_absence_with_bookings_warns_that_they_stay(client, consultant, citizen):
    start = timezone.now() + timedelta(days=7)
    BookingFactory(citizen=citizen, consultant=consultant, start=start)
    client.force_login(consultant)
    day = timezone.localdate(start)
    data = {
        "section": "absence",
        "first_day": day.isoformat(),
        "last_day": day.isoformat(),
        "submission_token": token(),
    }
    response = client.post(BASE + "mine-arbejdstider/", data, follow=True)
    assert Absence.objects.exists()
    assert len([m for m in response.context["messages"] if m.level_tag == "warning"]) == 1


@pytest.mark.parametrize(
    "first, last, message",
    [
        (-1, 2, "The absence cannot start in the past."),
        (5, 3, "The last day cannot be before the first day."),
    ],
)
def test_invalid_absence_is_explained_and_not_saved(client, consultant, first, last, message):
    client.force_login(consultant)
    today = timezone.localdate()
    data = {
        "section": "absence",
        "first_day": (today + timedelta(days=first)).isoformat(),
        "last_day": (today + timedelta(days=last)).isoformat(),
        "submission_token": token(),
    }
    response = client.post(BASE + "mine-arbejdstider/", data)
    assert response.status_code == 400
    assert da(message) in body(response)
    assert not Absence.objects.exists()


def test_consultant_deletes_own_absence_but_no_one_elses(client, consultant, leader):
    soon = timezone.localdate() + timedelta(days=3)
    own = Absence.objects.create(consultant=consultant, first_day=soon, last_day=soon)
    others = Absence.objects.create(consultant=leader, first_day=soon, last_day=soon)
    client.force_login(consultant)
    assert client.get(f"{BASE}mine-arbejdstider/fravaer/{others.pk}/slet/").status_code == 404
    assert client.post(f"{BASE}mine-arbejdstider/fravaer/{others.pk}/slet/").status_code == 404
    assert client.get(f"{BASE}mine-arbejdstider/fravaer/{own.pk}/slet/").status_code == 200
    assert client.post(f"{BASE}mine-arbejdstider/fravaer/{own.pk}/slet/").status_code == 302
    assert list(Absence.objects.all()) == [others]
