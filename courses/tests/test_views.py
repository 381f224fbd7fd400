"""The staff's list, the tablet form and the approval page, the course page and its actions,
and the citizen's own read-only view; who reaches what. Pages are read in English (the
language switch's cookie) so the assertions hold whatever the Danish translation says."""

import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.tests.factories import StaffFactory
from audit.models import LookupLog, Purpose, Subject
from citizens.tests.factories import CitizenFactory
from courses.models import Course, Kind, Outcome, Party, Status
from courses.tests.factories import CourseFactory
from labour.tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db

LIST = reverse("courses:list")
CREATE = reverse("courses:create")


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def url(name, course):
    return reverse(f"courses:{name}", args=[course.public_id])


def body(response) -> str:
    return response.content.decode()


def form_data(citizen, consultant, today, **changes):
    data = {
        "submission_token": str(uuid.uuid4()),
        "citizen": str(citizen.public_id),
        "kind": Kind.INTERNSHIP,
        "starts_on": (today + timedelta(days=7)).isoformat(),
        "ends_on": (today + timedelta(days=20)).isoformat(),
        "hours_per_week": "30",
        "tasks": "Plukke varer",
        "mentor_name": "Ole",
        "mentor_phone": "",
        "consultant": str(consultant.pk),
        "next": "approve",
    }
    data.update(changes)
    return data


# The list


def test_staff_see_their_centres_courses_with_counts_and_filters(
    english, consultant, draft, running, other_centre
):
    CourseFactory(
        citizen=CitizenFactory(job_centre=other_centre),
        company=CompanyFactory(job_centre=other_centre),
        consultant=StaffFactory(job_centre=other_centre),
        created_by=StaffFactory(job_centre=other_centre),
    )
    english.force_login(consultant)
    page = body(english.get(LIST))
    assert page.count('href="/forloeb/') >= 2 and "Lager X" in page
    assert Course.objects.count() == 3
    assert page.count(f'href="{url("detail", draft)}"') == 1
    running_only = body(english.get(LIST, {"status": Status.RUNNING}))
    assert url("detail", running) in running_only and url("detail", draft) not in running_only
    assert "Awaiting approval" in page and "Running" in page


def test_citizens_cannot_see_the_list_and_the_anonymous_log_in(client, citizen):
    assert client.get(LIST).status_code == 302
    client.force_login(citizen.user)
    assert client.get(LIST).status_code == 403
    assert client.get(CREATE).status_code == 403


# Creating on the tablet


def test_without_a_company_the_first_step_chooses_one(english, consultant, company, citizen):
    english.force_login(consultant)
    page = body(english.get(CREATE, {"borger": citizen.public_id}))
    assert "Lager X" in page and 'name="virksomhed"' in page
    assert f'name="borger" value="{citizen.public_id}"' in page


def test_the_form_is_one_page_for_the_tablet(english, consultant, company, contact, citizen):
    english.force_login(consultant)
    page = body(english.get(CREATE, {"virksomhed": company.public_id, "borger": citizen.public_id}))
    assert f'data-draft="course-new-{company.public_id}"' in page
    assert 'name="submission_token"' in page
    assert f'<option value="{citizen.public_id}" selected>' in page
    assert "Mette Hansen (Lagerchef)" in page
    assert page.count('type="radio"') == 3 + 1  # the kinds, the one contact
    assert 'type="date"' in page and 'inputmode="numeric"' in page


def test_a_company_of_another_centre_is_not_found(client, consultant, other_centre):
    client.force_login(consultant)
    elsewhere = CompanyFactory(job_centre=other_centre)
    assert client.get(CREATE, {"virksomhed": elsewhere.public_id}).status_code == 404
    assert client.get(CREATE, {"virksomhed": "nope"}).status_code == 404


def test_creating_goes_to_approval_once_however_often_it_is_sent(
    client, consultant, company, citizen, today
):
    client.force_login(consultant)
    data = form_data(citizen, consultant, today)
    address = f"{CREATE}?virksomhed={company.public_id}"
    first = client.post(address, data)
    second = client.post(address, data)
    course = Course.objects.get()
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == url("approve", course)
    assert course.status == Status.AWAITING_APPROVAL and course.created_by == consultant


def test_saving_as_draft(client, consultant, company, citizen, today):
    client.force_login(consultant)
    data = form_data(citizen, consultant, today, next="draft")
    response = client.post(f"{CREATE}?virksomhed={company.public_id}", data)
    course = Course.objects.get()
    assert response.url == url("detail", course) and course.status == Status.DRAFT


def test_bad_input_keeps_what_was_typed_and_saves_nothing(
    english, consultant, company, citizen, today
):
    english.force_login(consultant)
    data = form_data(
        citizen,
        consultant,
        today,
        ends_on=(today - timedelta(days=1)).isoformat(),
        hours_per_week="40",
        tasks="Pakke paller",
    )
    response = english.post(f"{CREATE}?virksomhed={company.public_id}", data)
    page = body(response)
    assert response.status_code == 400
    assert "The hours per week must be from 1 to 37." in page
    assert "Pakke paller" in page
    assert not Course.objects.exists()


def test_a_citizen_of_another_centre_cannot_be_chosen(
    client, consultant, company, today, other_centre
):
    client.force_login(consultant)
    stranger = CitizenFactory(job_centre=other_centre)
    response = client.post(
        f"{CREATE}?virksomhed={company.public_id}", form_data(stranger, consultant, today)
    )
    assert response.status_code == 400 and not Course.objects.exists()


def test_the_service_refusal_shows_on_the_field(english, consultant, company, citizen, today):
    english.force_login(consultant)
    data = form_data(citizen, consultant, today, ends_on=(today + timedelta(days=60)).isoformat())
    page = body(english.post(f"{CREATE}?virksomhed={company.public_id}", data))
    assert "Internship can last at most 4 weeks for this citizen." in page
    assert not Course.objects.exists()


# The course page and the lookup log


def test_the_course_page_shows_the_agreement_and_history_and_is_logged(
    english, consultant, awaiting
):
    english.force_login(consultant)
    page = body(english.get(url("detail", awaiting)))
    assert "Plukke varer og pakke ordrer" in page and "Mette Hansen" in page
    assert "Sent for approval" in page and "Created" in page
    log = LookupLog.objects.get()
    assert (log.citizen, log.subject, log.purpose) == (
        awaiting.citizen,
        Subject.COURSE,
        Purpose.COURSE,
    )


def test_other_centres_staff_and_other_citizens_find_nothing(
    client, draft, other_consultant, other_citizen
):
    for user in (other_consultant, other_citizen.user):
        client.force_login(user)
        for name in ("detail", "edit", "approve", "end", "cancel"):
            assert client.get(url(name, draft)).status_code == 404, (user, name)
        assert client.get(url("own_detail", draft)).status_code == 404
    assert not LookupLog.objects.exists()


def test_the_citizen_cannot_reach_the_staff_pages_nor_approve(client, awaiting, citizen):
    client.force_login(citizen.user)
    assert client.get(url("detail", awaiting)).status_code == 403
    response = client.post(
        url("approve", awaiting),
        {
            "party": Party.COMPANY,
            "company-version": "1",
            "company-by_name": "Mig",
            "company-confirm": "on",
        },
    )
    assert response.status_code == 403
    assert not awaiting.approvals.exists()


# Approval on the tablet


def test_both_parties_approve_on_the_tablet(english, consultant, awaiting, contact):
    english.force_login(consultant)
    page = body(english.get(url("approve", awaiting)))
    assert "The company&#39;s approval" in page and "The job centre&#39;s approval" in page
    assert "I approve the agreement" in page
    response = english.post(
        url("approve", awaiting),
        {
            "party": Party.COMPANY,
            "company-version": "1",
            "company-contact": str(contact.pk),
            "company-by_name": "",
            "company-confirm": "on",
        },
    )
    assert response.status_code == 302
    page = body(english.get(url("approve", awaiting)))
    assert "Approved by Mette Hansen (Lager X)" in page
    english.post(
        url("approve", awaiting),
        {"party": Party.JOB_CENTRE, "centre-version": "1", "centre-confirm": "on"},
    )
    awaiting.refresh_from_db()
    assert awaiting.status == Status.APPROVED
    page = body(english.get(url("approve", awaiting)))
    assert f"Approved by {consultant.name} (Jobcenter Test)" in page
    assert "The agreement is approved by both parties." in page


def test_the_company_must_tick_the_box_and_give_a_name(english, consultant, awaiting):
    english.force_login(consultant)
    response = english.post(
        url("approve", awaiting),
        {"party": Party.COMPANY, "company-version": "1", "company-by_name": ""},
    )
    page = body(response)
    assert response.status_code == 400
    assert "Tick the box to approve the agreement." in page
    assert "Please choose your name or write it." in page
    assert not awaiting.approvals.exists()


def test_a_typed_name_is_recorded(client, consultant, awaiting):
    client.force_login(consultant)
    client.post(
        url("approve", awaiting),
        {
            "party": Party.COMPANY,
            "company-version": "1",
            "company-by_name": "Jens Vikar",
            "company-confirm": "on",
        },
    )
    approval = awaiting.approvals.get()
    assert (approval.approved_by_name, approval.approved_by_user) == ("Jens Vikar", consultant)


def test_an_approval_of_a_changed_agreement_is_refused(english, consultant, awaiting):
    english.force_login(consultant)
    Course.objects.filter(pk=awaiting.pk).update(version=2)
    response = english.post(
        url("approve", awaiting),
        {"party": Party.JOB_CENTRE, "centre-version": "1", "centre-confirm": "on"},
        follow=True,
    )
    assert "changed since this page was opened" in body(response)
    assert not awaiting.approvals.exists()


# Editing, starting, ending, cancelling


def test_editing_the_agreement(english, consultant, awaiting, today):
    english.force_login(consultant)
    page = body(english.get(url("edit", awaiting)))
    assert f'data-draft="course-{awaiting.public_id}"' in page
    data = form_data(awaiting.citizen, consultant, today, hours_per_week="20", version="1")
    response = english.post(url("edit", awaiting), data)
    assert response.status_code == 302 and response.url == url("approve", awaiting)
    awaiting.refresh_from_db()
    assert (awaiting.hours_per_week, awaiting.version) == (20, 2)
    stale = english.post(url("edit", awaiting), {**data, "hours_per_week": "10"})
    assert stale.status_code == 409
    assert "changed since this page was opened" in body(stale)


def test_an_approved_agreement_is_not_edited(client, consultant, approved):
    client.force_login(consultant)
    assert client.get(url("edit", approved)).url == url("detail", approved)


def test_start_end_and_cancel(english, consultant, citizen, company):
    from courses.tests.conftest import course_in_period

    course = course_in_period(citizen, company, consultant, starts_ago=1, days=10)
    english.force_login(consultant)
    assert english.get(url("start", course)).status_code == 405
    english.post(url("start", course), {"on": ""})
    course.refresh_from_db()
    assert course.status == Status.RUNNING
    assert english.post(url("cancel", course), {"reason": "x"}).status_code == 400
    response = english.post(url("end", course), {"outcome": Outcome.OTHER, "note": ""})
    assert response.status_code == 400 and "Please write what the course led to." in body(response)
    english.post(url("end", course), {"outcome": Outcome.JOB_ELSEWHERE, "note": "Netto"})
    course.refresh_from_db()
    assert (course.status, course.outcome) == (Status.ENDED, Outcome.JOB_ELSEWHERE)
    assert "Ended on" in body(english.get(url("detail", course)))


def test_cancel_page(english, consultant, draft):
    english.force_login(consultant)
    assert "Why is the course cancelled?" in body(english.get(url("cancel", draft)))
    english.post(url("cancel", draft), {"reason": "Borgeren er syg"})
    draft.refresh_from_db()
    assert draft.status == Status.CANCELLED


# The citizen


def test_the_citizen_sees_their_courses_in_min_plan(english, citizen, approved, draft):
    english.force_login(citizen.user)
    page = body(english.get(reverse("plans:own")))
    assert url("own_detail", approved) in page  # approved
    assert "Internship: Lager X" in page
    detail = body(english.get(url("own_detail", approved)))
    assert "Plukke varer og pakke ordrer" in detail and "Approved by Mette Hansen" in detail
    assert "Recorded on the tablet" not in detail


def test_a_draft_is_not_shown_to_the_citizen_in_min_plan(english, citizen, draft):
    english.force_login(citizen.user)
    assert url("own_detail", draft) not in body(english.get(reverse("plans:own")))


def test_staff_do_not_use_the_citizens_page(client, consultant, approved):
    client.force_login(consultant)
    assert client.get(url("own_detail", approved)).status_code == 403
