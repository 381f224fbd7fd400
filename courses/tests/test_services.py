"""Every transition of a course, allowed and refused; the agreement's rules; the figures."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import override

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from citizens.models import TargetGroup
from citizens.tests.factories import CitizenFactory
from courses import rules, selectors, services
from courses.models import Action, Course, CourseRule, Kind, Outcome, Party, Status
from courses.tests.conftest import course_in_period, terms
from courses.tests.factories import CourseFactory
from labour.tests.factories import CompanyFactory, ContactFactory

pytestmark = pytest.mark.django_db


def refused(call, field=None) -> str:
    """Runs `call`, which must be refused; returns the (English) message, of `field` if given."""
    with override("en"), pytest.raises(ValidationError) as caught:
        call()
    error = caught.value
    if field is not None:
        assert field in error.message_dict, error
        return " ".join(error.message_dict[field])
    return " ".join(error.messages)


def create(citizen, company, consultant, **changes):
    return services.course_create(
        job_centre=citizen.job_centre,
        citizen=citizen,
        company=company,
        terms=terms(consultant, **changes),
        created_by=consultant,
    )


# Creating: the agreement's rules


def test_a_new_course_is_a_draft_with_its_history(draft, consultant):
    assert draft.status == Status.DRAFT and draft.version == 1
    assert draft.contact.name == "Mette Hansen"
    assert list(draft.events.values_list("action", "actor")) == [(Action.CREATED, consultant.pk)]


def test_the_last_day_before_the_first_is_refused(citizen, company, consultant, today):
    message = refused(
        lambda: create(
            citizen, company, consultant, starts_on=today, ends_on=today - timedelta(days=1)
        ),
        "ends_on",
    )
    assert "cannot be before the first day" in message
    assert not Course.objects.exists()


@pytest.mark.parametrize("hours", [0, 38])
def test_hours_outside_1_to_37_are_refused(citizen, company, consultant, hours):
    message = refused(
        lambda: create(citizen, company, consultant, hours_per_week=hours), "hours_per_week"
    )
    assert "from 1 to 37" in message


def test_an_internship_longer_than_4_weeks_is_refused_for_a_job_ready_citizen(
    citizen, company, consultant, today
):
    start = today + timedelta(days=7)
    message = refused(
        lambda: create(
            citizen, company, consultant, starts_on=start, ends_on=start + timedelta(days=28)
        ),
        "ends_on",
    )
    assert "at most 4 weeks" in message
    assert create(citizen, company, consultant, starts_on=start, ends_on=start + timedelta(days=27))


def test_the_centre_sets_its_own_longest_period(citizen, company, consultant, today):
    CourseRule.objects.create(job_centre=citizen.job_centre, kind=Kind.INTERNSHIP, max_weeks=8)
    start = today + timedelta(days=7)
    assert create(citizen, company, consultant, starts_on=start, ends_on=start + timedelta(days=55))


def test_the_longest_period_follows_kind_and_target_group(citizen):
    assert rules.max_weeks(citizen=citizen, kind=Kind.INTERNSHIP) == 4
    assert rules.max_weeks(citizen=citizen, kind=Kind.WAGE_SUBSIDY) == 26
    assert rules.max_weeks(citizen=citizen, kind=Kind.ORDINARY_HOURS) is None
    citizen.target_group = TargetGroup.ACTIVITY_READY
    assert rules.max_weeks(citizen=citizen, kind=Kind.INTERNSHIP) == 13
    CourseRule.objects.create(
        job_centre=citizen.job_centre,
        kind=Kind.INTERNSHIP,
        target_group=TargetGroup.ACTIVITY_READY,
        max_weeks=10,
    )
    assert rules.max_weeks(citizen=citizen, kind=Kind.INTERNSHIP) == 10


def test_a_company_contact_or_consultant_of_elsewhere_is_refused(
    citizen, company, consultant, other_centre, other_consultant
):
    elsewhere = CompanyFactory(job_centre=other_centre)
    assert "company" in refused_dict(lambda: create(citizen, elsewhere, consultant))
    stranger = ContactFactory(company=CompanyFactory(job_centre=citizen.job_centre))
    assert "contact" in refused_dict(lambda: create(citizen, company, consultant, contact=stranger))
    assert "consultant" in refused_dict(lambda: create(citizen, company, other_consultant))
    assert not Course.objects.exists()


def refused_dict(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_the_database_refuses_a_backwards_period_and_too_many_hours(citizen, company, today):
    with pytest.raises(IntegrityError), transaction.atomic():
        CourseFactory(
            citizen=citizen, company=company, starts_on=today, ends_on=today - timedelta(days=1)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        CourseFactory(citizen=citizen, company=company, hours_per_week=38)
    with pytest.raises(IntegrityError), transaction.atomic():
        CourseFactory(citizen=citizen, company=company, outcome=Outcome.NO_JOB)


# Editing


def test_editing_a_draft_bumps_the_version_and_says_what_changed(draft, consultant):
    services.course_update(
        course=draft,
        version=1,
        terms=terms(consultant, contact=draft.contact, hours_per_week=20),
        actor=consultant,
    )
    draft.refresh_from_db()
    assert (draft.hours_per_week, draft.version) == (20, 2)
    assert draft.events.last().detail == "timer om ugen"  # written in Danish, as shown


def test_saving_without_a_change_keeps_the_version(draft, consultant):
    services.course_update(
        course=draft, version=1, terms=terms(consultant, contact=draft.contact), actor=consultant
    )
    assert draft.version == 1 and draft.events.count() == 1


def test_an_edit_from_a_stale_page_is_refused(draft, consultant):
    services.course_update(
        course=draft, version=1, terms=terms(consultant, hours_per_week=20), actor=consultant
    )
    message = refused(
        lambda: services.course_update(
            course=draft, version=1, terms=terms(consultant, hours_per_week=25), actor=consultant
        )
    )
    assert "changed since this page was opened" in message
    assert Course.objects.get().hours_per_week == 20


def test_editing_after_one_approval_drops_it(awaiting, consultant):
    services.course_approve(
        course=awaiting, party=Party.COMPANY, by_user=consultant, by_name="Mette Hansen", version=1
    )
    assert set(selectors.approvals_by_party(awaiting)) == {Party.COMPANY}
    services.course_update(
        course=awaiting, version=1, terms=terms(consultant, tasks="Kun pakning"), actor=consultant
    )
    assert selectors.approvals_by_party(awaiting) == {}
    assert awaiting.status == Status.AWAITING_APPROVAL
    # Both must approve the new text; the company's approval of the old one does not count.
    services.course_approve(course=awaiting, party=Party.JOB_CENTRE, by_user=consultant, version=2)
    assert Course.objects.get().status == Status.AWAITING_APPROVAL


def test_an_approved_agreement_cannot_be_edited(approved, consultant):
    message = refused(
        lambda: services.course_update(
            course=approved,
            version=approved.version,
            terms=terms(consultant, hours_per_week=5),
            actor=consultant,
        )
    )
    assert "before it is approved" in message


# Submitting and approving


def test_only_a_draft_is_sent_for_approval(awaiting, consultant):
    assert awaiting.status == Status.AWAITING_APPROVAL and awaiting.submitted_at
    assert "Only a draft" in refused(
        lambda: services.course_submit_for_approval(course=awaiting, actor=consultant)
    )


def test_a_draft_cannot_be_approved(draft, consultant):
    assert "awaiting approval" in refused(
        lambda: services.course_approve(
            course=draft, party=Party.JOB_CENTRE, by_user=consultant, version=1
        )
    )


def test_both_approvals_are_needed_and_each_records_who(awaiting, consultant):
    company = services.course_approve(
        course=awaiting,
        party=Party.COMPANY,
        by_user=consultant,
        by_name=" Mette Hansen ",
        version=1,
    )
    assert Course.objects.get().status == Status.AWAITING_APPROVAL
    assert (company.approved_by_name, company.approved_by_user) == ("Mette Hansen", consultant)
    assert company.agreement_hash == services.agreement_hash(awaiting)
    centre = services.course_approve(
        course=awaiting, party=Party.JOB_CENTRE, by_user=consultant, by_name="Nogen", version=1
    )
    assert centre.approved_by_name == consultant.name
    awaiting.refresh_from_db()
    assert awaiting.status == Status.APPROVED and awaiting.approved_at is not None
    assert list(awaiting.events.values_list("action", flat=True))[-3:] == [
        Action.APPROVED_COMPANY,
        Action.APPROVED_JOB_CENTRE,
        Action.APPROVED,
    ]


def test_the_job_centre_alone_does_not_approve(awaiting, consultant):
    services.course_approve(course=awaiting, party=Party.JOB_CENTRE, by_user=consultant, version=1)
    assert Course.objects.get().status == Status.AWAITING_APPROVAL


def test_the_same_party_cannot_approve_twice(awaiting, consultant):
    services.course_approve(
        course=awaiting, party=Party.COMPANY, by_user=consultant, by_name="Mette Hansen", version=1
    )
    message = refused(
        lambda: services.course_approve(
            course=awaiting, party=Party.COMPANY, by_user=consultant, by_name="Ib", version=1
        )
    )
    assert "already approved" in message


def test_the_company_must_give_a_name(awaiting, consultant):
    assert "choose your name" in refused(
        lambda: services.course_approve(
            course=awaiting, party=Party.COMPANY, by_user=consultant, by_name="  ", version=1
        ),
        "by_name",
    )


def test_an_approval_of_an_old_version_is_refused(awaiting, consultant):
    services.course_update(
        course=awaiting, version=1, terms=terms(consultant, hours_per_week=20), actor=consultant
    )
    assert "changed since" in refused(
        lambda: services.course_approve(
            course=awaiting, party=Party.JOB_CENTRE, by_user=consultant, version=1
        )
    )


def test_staff_of_another_centre_or_a_citizen_cannot_record_an_approval(
    awaiting, other_consultant, citizen
):
    for user in (other_consultant, citizen.user):
        assert "consultants" in refused(
            lambda u=user: services.course_approve(
                course=awaiting, party=Party.JOB_CENTRE, by_user=u, version=1
            )
        )


# Starting, ending, cancelling


def test_a_course_cannot_start_before_its_first_day(approved, consultant):
    assert "before its first day" in refused(
        lambda: services.course_start(course=approved, actor=consultant)
    )


def test_only_an_approved_course_starts(awaiting, consultant):
    assert "Only an approved" in refused(
        lambda: services.course_start(course=awaiting, actor=consultant)
    )


def test_an_approved_course_starts_on_or_after_its_first_day(citizen, company, consultant, today):
    course = course_in_period(citizen, company, consultant, starts_ago=2, days=14)
    assert "future" in refused(
        lambda: services.course_start(course=course, actor=consultant, on=today + timedelta(days=1))
    )
    services.course_start(course=course, actor=consultant, on=today - timedelta(days=1))
    course.refresh_from_db()
    assert (course.status, course.started_on) == (Status.RUNNING, today - timedelta(days=1))


def test_ending_needs_a_running_course_and_an_outcome(approved, running, consultant):
    assert "Only a running" in refused(
        lambda: services.course_end(course=approved, actor=consultant, outcome=Outcome.NO_JOB)
    )
    assert "choose what" in refused(
        lambda: services.course_end(course=running, actor=consultant, outcome="lottery"), "outcome"
    )
    assert "write what" in refused(
        lambda: services.course_end(course=running, actor=consultant, outcome=Outcome.OTHER), "note"
    )


def test_a_running_course_ends_with_its_outcome(running, consultant, today):
    services.course_end(
        course=running, actor=consultant, outcome=Outcome.JOB_AT_COMPANY, note="15 timer om ugen"
    )
    running.refresh_from_db()
    assert running.status == Status.ENDED
    assert (running.ended_on, running.outcome) == (today, Outcome.JOB_AT_COMPANY)
    assert "15 timer" in running.events.last().detail


def test_the_end_day_is_the_last_day_when_that_has_passed(citizen, company, consultant, today):
    course = course_in_period(citizen, company, consultant, starts_ago=20, days=14)
    services.course_start(course=course, actor=consultant, on=course.starts_on)
    services.course_end(course=course, actor=consultant, outcome=Outcome.NO_JOB)
    assert course.ended_on == course.ends_on == today - timedelta(days=7)


def test_a_draft_awaiting_or_approved_course_can_be_cancelled_with_a_reason(draft, consultant):
    assert "why" in refused(
        lambda: services.course_cancel(course=draft, actor=consultant, reason=" "), "reason"
    )
    services.course_cancel(course=draft, actor=consultant, reason="Borgeren fik job")
    draft.refresh_from_db()
    assert (draft.status, draft.cancel_reason) == (Status.CANCELLED, "Borgeren fik job")
    assert "already over" in refused(
        lambda: services.course_cancel(course=draft, actor=consultant, reason="igen")
    )


def test_a_running_course_is_ended_not_cancelled(running, consultant):
    assert "ended, with its outcome" in refused(
        lambda: services.course_cancel(course=running, actor=consultant, reason="Syg")
    )


def test_approved_courses_can_be_cancelled(approved, consultant):
    services.course_cancel(course=approved, actor=consultant, reason="Virksomheden lukker")
    assert Course.objects.get().status == Status.CANCELLED


# The leaders' figures


def test_course_counts_for_a_period(centre, company, consultant, today):
    def course(kind, starts_ago, days, outcome=None):
        c = CitizenFactory(job_centre=centre, responsible_consultant=consultant)
        course = course_in_period(
            c, company, consultant, starts_ago=starts_ago, days=days, kind=kind
        )
        services.course_start(course=course, actor=consultant, on=course.starts_on)
        if outcome:
            services.course_end(course=course, actor=consultant, outcome=outcome)
        return course

    course(Kind.INTERNSHIP, 20, 14, Outcome.JOB_AT_COMPANY)
    course(Kind.INTERNSHIP, 10, 14)
    course(Kind.WAGE_SUBSIDY, 40, 60)
    course(Kind.ORDINARY_HOURS, 25, 14, Outcome.EDUCATION)
    course(Kind.INTERNSHIP, 200, 14, Outcome.JOB_ELSEWHERE)  # long before the period
    cancelled = CourseFactory(
        citizen=CitizenFactory(job_centre=centre, responsible_consultant=consultant),
        company=company,
    )
    services.course_cancel(course=cancelled, actor=consultant, reason="Nej tak")
    CourseFactory(
        citizen=CitizenFactory(job_centre=centre, responsible_consultant=consultant),
        company=company,
    )

    counts = selectors.course_counts(centre, since=today - timedelta(days=30), until=today)
    assert counts.started == 3
    assert counts.started_by_kind == {
        Kind.INTERNSHIP: 2,
        Kind.WAGE_SUBSIDY: 0,
        Kind.ORDINARY_HOURS: 1,
    }
    assert counts.ended == 2 and counts.into_job == 1 and counts.cancelled == 1
    assert counts.outcomes[Outcome.JOB_AT_COMPANY] == 1
    assert counts.outcomes[Outcome.EDUCATION] == 1
    assert counts.outcomes[Outcome.JOB_ELSEWHERE] == 0

    year = selectors.course_counts(centre, since=today - timedelta(days=365), until=today)
    assert (year.started, year.ended, year.into_job) == (5, 3, 2)


def test_course_counts_stay_in_their_centre(running, other_centre, today):
    counts = selectors.course_counts(other_centre, since=today - timedelta(days=30), until=today)
    assert counts.started == 0 and set(counts.started_by_kind.values()) == {0}


def test_a_business_consultant_may_be_the_course_consultant(citizen, company, centre):
    business = StaffFactory(job_centre=centre, role=Role.BUSINESS_CONSULTANT)
    course = create(citizen, company, business)
    assert course.consultant == business
