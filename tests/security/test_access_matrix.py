"""Every URL that names an object, visited by everyone who might try it.

Adding a URL with an object in it fails `test_every_object_url_is_in_the_matrix` until the
URL gets a row here."""

from datetime import date, timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from booking.calendar import next_working_day
from booking.models import Absence, BookingDeadline, ClosingDay, MeetingMode, Status
from booking.tests.factories import BookingFactory, RoomFactory, TopicFactory
from centres.tests.factories import TeamFactory
from citizens.tests.factories import CitizenFactory
from cv.tests.factories import (
    CourseFactory,
    EducationFactory,
    LanguageFactory,
    SoughtOccupationFactory,
    WorkExperienceFactory,
)
from plans.tests.factories import HomeworkFactory, PlanFactory
from privacy.services import correction_request_create

ACTORS = ["owner", "other_citizen", "consultant", "admin", "other_centre_admin", "anonymous"]


def citizen_url(name):
    return lambda world: reverse(name, args=[world["citizen"].public_id])


def pk_url(name, key):
    return lambda world: reverse(name, args=[world[key].pk])


def made_url(name, make):
    """For objects only these rows need: `make(world)` creates the object the URL names."""
    return lambda world: reverse(name, args=[make(world).pk])


def _coming_closing_day(world):
    day = next_working_day(timezone.localdate() + timedelta(days=30))
    return ClosingDay.objects.create(job_centre=world["admin"].job_centre, date=day, name="X")


def _coming_absence(world):
    day = timezone.localdate() + timedelta(days=7)
    return Absence.objects.create(consultant=world["consultant"], first_day=day, last_day=day)


#: Booking settings: administrators (and team leaders) of the centre only; the own-absence page
#: is the consultant's own.
BOOKING_CONFIG = [403, 403, 403, 200, 404, 302]


def _staff_booking_url(world):
    """The consultant's own conversation with the citizen, tomorrow."""
    start = timezone.now().replace(microsecond=0) + timedelta(days=1)
    booking = BookingFactory(
        citizen=world["citizen"],
        consultant=world["consultant"],
        start=start,
        mode=MeetingMode.PHONE,
    )
    return reverse("booking:staff_detail", args=[booking.public_id])


def _deadline_url(name):
    def build(world):
        today = timezone.localdate()
        item = BookingDeadline.objects.create(
            citizen=world["citizen"],
            deadline=today + timedelta(days=10),
            window_start=today,
            window_end=today + timedelta(days=24),
            created_by=world["consultant"],
        )
        return reverse(name, args=[world["citizen"].public_id, item.pk])

    return build


def _own_booking_url(name):
    """The citizen's own pages of their booking (receipt, move, cancel, .ics, card)."""

    def build(world):
        start = timezone.now().replace(microsecond=0) + timedelta(days=3)
        booking = BookingFactory(
            citizen=world["citizen"], consultant=world["consultant"], start=start
        )
        return reverse(name, args=[booking.public_id])

    return build


def _conversation_url(name, *args):
    """The consultant's own conversation with the citizen, begun ten minutes ago."""

    def build(world):
        booking = BookingFactory(
            citizen=world["citizen"],
            consultant=world["consultant"],
            start=timezone.now().replace(microsecond=0) - timedelta(minutes=10),
            mode=MeetingMode.PHONE,
        )
        return reverse(name, args=[booking.public_id, *args])

    return build


#: The conversation (preparation, guide, journal): its consultant (or a team leader); the
#: citizen and the administrator of the centre are refused, everyone else finds nothing.
#: The guide's writes are POST only (405 on a GET).
CONVERSATION = [403, 404, 200, 403, 404, 302]
CONVERSATION_POST = [403, 404, 405, 403, 404, 302]


def _held_booking_url(world):
    """The citizen's own conversation, held yesterday: theirs to evaluate."""
    booking = BookingFactory(
        citizen=world["citizen"],
        consultant=world["consultant"],
        start=timezone.now().replace(microsecond=0) - timedelta(days=1),
        mode=MeetingMode.PHONE,
        status=Status.HELD,
    )
    return reverse("evaluations:give", args=[booking.public_id])


#: The citizen's own booking: staff have their own page of it (booking:staff_detail).
OWN_BOOKING = [200, 404, 403, 403, 404, 302]


#: A citizen's conversations for staff: any staff of the centre may look (and is logged);
#: deadlines, absence and summons are for those who hold conversations.
STAFF_CITIZEN_VIEW = [403, 404, 200, 200, 404, 302]
STAFF_CITIZEN_ACT = [403, 404, 200, 403, 404, 302]


def _own_entry_url(name):
    """The citizen's own Joblog entry (edit, delete, status)."""

    def build(world):
        from joblog.tests.factories import EntryFactory

        return reverse(name, args=[EntryFactory(citizen=world["citizen"]).pk])

    return build


def _joblog_exemption_end_url(world):
    from joblog.models import JoblogExemption

    exemption = JoblogExemption.objects.create(
        citizen=world["citizen"],
        first_day=timezone.localdate(),
        reason="Sygdom",
        documentation="Lægeerklæring",
        created_by=world["consultant"],
    )
    return reverse("joblog:staff_exempt_end", args=[world["citizen"].public_id, exemption.pk])


#: The citizen's own Joblog entry: other citizens find nothing, staff never edit it.
OWN_JOBLOG_ENTRY = [200, 404, 403, 403, 403, 302]


def _labour_url(name, factory_name):
    """A company or opening of the centre, by its public id."""

    def build(world):
        from labour.tests import factories

        made = getattr(factories, factory_name)(job_centre=world["admin"].job_centre)
        return reverse(name, args=[made.public_id])

    return build


def _company_part_url(name, factory_name):
    """A contact person or cooperation agreement of a company of the centre."""

    def build(world):
        from labour.tests import factories

        company = factories.CompanyFactory(job_centre=world["admin"].job_centre)
        part = getattr(factories, factory_name)(company=company)
        return reverse(name, args=[company.public_id, part.pk])

    return build


def _wheel_event(world):
    from labour.tests.factories import WheelEventFactory

    return WheelEventFactory(job_centre=world["admin"].job_centre)


def _wheel_url(name):
    return lambda world: reverse(name, args=[_wheel_event(world).public_id])


def _review_url(world):
    from labour.tests.factories import OpeningFactory

    opening = OpeningFactory(job_centre=world["admin"].job_centre, status="proposed")
    return reverse("labour:review", args=["stilling", opening.public_id])


def _import_url(world):
    from labour.imports import runs as import_runs

    run = import_runs.opening_import_start(
        job_centre=world["admin"].job_centre,
        user=world["admin"],
        raw=b"title\nLagermedarbejder\n",
        kind="csv",
        all_or_nothing=False,
    )
    return reverse("labour:import_progress", args=[run.public_id])


def _feed_url(world):
    from labour.wheel import calendar_feed_create

    return reverse("labour:wheel_feed", args=[calendar_feed_create(user=world["consultant"])])


#: Labour-market knowledge is seen by all staff of the centre and edited by business
#: consultants, team leaders and administrators; citizens are refused and another centre
#: finds nothing.
LABOUR_VIEW = [403, 403, 200, 200, 404, 302]
LABOUR_EDIT = [403, 403, 403, 200, 404, 302]


def _course_url(name):
    def build(world):
        from courses.tests.factories import CourseFactory

        return reverse(name, args=[CourseFactory(citizen=world["citizen"]).public_id])

    return build


#: A company-oriented course: staff who arrange courses (not administrators); the citizen has
#: a page of their own (courses:own_detail). POST-only actions answer a GET with 405.
COURSE_STAFF = [403, 404, 200, 403, 404, 302]
COURSE_STAFF_POST = [403, 404, 405, 403, 404, 302]


def _job_club_url(name):
    """A job club of the centre in which the world's citizen holds a seat."""

    def build(world):
        from jobclubs.tests.factories import JobClubFactory, SeatFactory

        club = JobClubFactory(job_centre=world["consultant"].job_centre, host=world["consultant"])
        SeatFactory(club=club, citizen=world["citizen"], number=1)
        return reverse(name, args=[club.public_id])

    return build


#: Job clubs: every citizen and all staff of the centre see a club; job and business
#: consultants and team leaders plan it (not administrators); a seat is its citizen's own.
JOB_CLUB_PLAN = [403, 403, 200, 403, 404, 302]
JOB_CLUB_SEAT = [200, 404, 403, 403, 404, 302]


def _own_suggestion(world):
    from suggestions.tests.factories import SuggestionFactory

    return SuggestionFactory(batch__citizen=world["citizen"])


# url name: (how to build it, expected status per actor in ACTORS order)

# Action learning (issue 7): the world's consultant joins the world's team, so that they are a
# learner; the objects are theirs (or their team's). Administrators, citizens and other
# centres' staff are not learners and are refused before any object is looked up.


def _learner(world):
    consultant = world["consultant"]
    consultant.team = world["team"]
    consultant.save(update_fields=["team"])
    return consultant


def _learning_url(name, make, *extra):
    """`make(world, consultant)` returns the object (or the args) the URL names."""

    def build(world):
        made = make(world, _learner(world))
        args = made if isinstance(made, list) else [made.pk]
        return reverse(name, args=[*args, *extra])

    return build


def _own_logbook_entry(world, consultant):
    from learning.tests.factories import LogbookEntryFactory

    return LogbookEntryFactory(consultant=consultant)


def _team_technique(world, consultant):
    from learning.tests.factories import TechniqueFactory

    return TechniqueFactory(team=world["team"])


def _team_question(world, consultant):
    from learning.models import FeedbackQuestion

    return FeedbackQuestion.objects.create(team=world["team"], text="Hvordan gik kontrakten?")


def _observation_of_own_conversation(world, consultant):
    from learning.tests.factories import ObservationFactory, conversation_of

    leader = StaffFactory(
        job_centre=consultant.job_centre, role=Role.TEAM_LEADER, team=world["team"]
    )
    return ObservationFactory(booking=conversation_of(consultant), observer=leader)


def _team_meeting(world, consultant):
    from learning.tests.factories import LearningMeetingFactory

    return LearningMeetingFactory(team=world["team"])


def _meeting_round(world, consultant):
    from learning.models import AgendaKind
    from learning.tests.factories import AgendaItemFactory

    item = AgendaItemFactory(
        meeting=_team_meeting(world, consultant),
        kind=AgendaKind.ROUND,
        consultant=consultant,
        title="Runde",
        planned_minutes=10,
        reflection_minutes=5,
    )
    return [item.meeting.pk, item.pk]


def _team_sparring(world, consultant):
    from learning.tests.factories import SparringEventFactory

    return SparringEventFactory(team=world["team"])


def _programme_item(world, consultant):
    from learning.models import ProgrammeItem

    event = _team_sparring(world, consultant)
    item = ProgrammeItem.objects.create(event=event, day=event.starts_on, title="Opsøgende arbejde")
    return [event.pk, item.pk]


def _own_sparring_case(world, consultant):
    from learning.tests.factories import SparringCaseFactory

    case = SparringCaseFactory(
        event=_team_sparring(world, consultant), consultant=consultant, citizen=world["citizen"]
    )
    return [case.event.pk, case.pk]


#: Only learners (job consultants and team leaders in a team) reach action learning at all:
#: the logbook and the team's lists refuse anyone else (403). Observations, meetings and
#: sparring events are looked up among the user's own first, so to anyone outside them they
#: do not exist (404); inside, what is not theirs to do is a 403. POST-only actions answer a GET
#: with 405 (the sparring ones before they look at the user).
LEARNING_OWN = [403, 403, 200, 403, 403, 302]
LEARNING_OWN_POST = [403, 403, 405, 403, 403, 302]
LEARNING_REFUSED = [403, 403, 403, 403, 403, 302]
LEARNING_SCOPED = [404, 404, 200, 404, 404, 302]
LEARNING_SCOPED_POST = [404, 404, 405, 404, 404, 302]
LEARNING_SCOPED_REFUSED = [404, 404, 403, 404, 404, 302]
LEARNING_POST_ONLY = [405, 405, 405, 405, 405, 302]


# The leaders' figures (issue 8): team leaders, managers and administrators of the centre.
def _team_pk(world):
    return reverse("kpis:consultants", args=[world["team"].pk])


def _kpi_run(world):
    from kpis.models import SnapshotRun

    return reverse(
        "kpis:run_status",
        args=[SnapshotRun.objects.create(job_centre=world["admin"].job_centre).pk],
    )


def _target(name):
    def build(world):
        from kpis.models import Target

        target = Target.objects.create(
            job_centre=world["admin"].job_centre,
            kpi="self_booking_share",
            value=75,
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() + timedelta(days=90),
            created_by=world["admin"],
        )
        return reverse(name, args=[target.pk])

    return build


def _milestone(name):
    def build(world):
        from kpis.models import ImplementationPlan, Milestone

        plan, _new = ImplementationPlan.objects.get_or_create(job_centre=world["admin"].job_centre)
        milestone = Milestone.objects.create(
            plan=plan, title="Kick-off", due_on=timezone.localdate()
        )
        return reverse(name, args=[milestone.pk])

    return build


#: Figures: leaders of the centre; another centre's leaders find nothing of this one.
KPI_LEADERS = [403, 403, 403, 200, 404, 302]
#: Targets and the implementation plan are changed by the manager only.
KPI_MANAGER = [403, 403, 403, 403, 404, 302]


def _teamwork(name, make):
    def build(world):
        return reverse(name, args=[make(world).public_id])

    return build


def _follow_up(world):
    from teamwork.models import FollowUp, JointMeeting, StandingMeeting

    standing = StandingMeeting.objects.create(
        job_centre=world["consultant"].job_centre, weekday=1, starts_at="09:00"
    )
    meeting = JointMeeting.objects.create(standing=standing, held_on=date(2026, 12, 8))
    return FollowUp.objects.create(meeting=meeting, text="Ring til Nordic Pallet")


def _citizen_request(world):
    from occupations.models import Occupation
    from teamwork.models import CitizenRequest

    return CitizenRequest.objects.create(
        job_centre=world["consultant"].job_centre,
        asked_by=world["consultant"],
        occupation=Occupation.objects.get(title="Lagerarbejder"),
    )


def _partner_pair(world):
    from teamwork.models import PartnerPair

    centre = world["consultant"].job_centre
    return PartnerPair.objects.create(
        job_centre=centre,
        job_consultant=world["consultant"],
        business_consultant=StaffFactory(job_centre=centre, role=Role.BUSINESS_CONSULTANT),
        started_on=date(2026, 12, 1),
    )


#: Cooperation: job and business consultants and team leaders of the centre take part (POST
#: only: 405 to a GET); team leaders form and end pairs. Nobody else, whatever the centre.
TEAMWORK_POST = [403, 403, 405, 403, 403, 302]


def _guest_access(world):
    from learning.models import GuestAccess
    from learning.tests.factories import ObservationFactory, conversation_of

    consultant = _learner(world)
    leader = StaffFactory(
        job_centre=consultant.job_centre, role=Role.TEAM_LEADER, team=world["team"]
    )
    observation = ObservationFactory(booking=conversation_of(consultant), observer=leader)
    return GuestAccess.objects.create(
        guest=StaffFactory(job_centre=consultant.job_centre, role=Role.GUEST),
        team=world["team"],
        observation=observation,
        ends_on=timezone.localdate() + timedelta(days=7),
        invited_by=leader,
    )


def _guest_url(name):
    def build(world):
        return reverse(name, args=[_guest_access(world).public_id])

    return build


def _coservice_session_url(world):
    """A co-service session of the citizen's, running at a library of the centre."""
    from coservice.models import CoServiceSession
    from coservice.tests.factories import HelperFactory, HelpPlaceFactory

    centre, now = world["citizen"].job_centre, timezone.now()
    helper = HelperFactory(job_centre=centre)
    session = CoServiceSession.objects.create(
        job_centre=centre,
        place=HelpPlaceFactory(job_centre=centre, helpers=[helper]),
        helper=helper,
        citizen=world["citizen"],
        started_at=now,
        last_seen_at=now,
        closes_at=now + timedelta(hours=1),
    )
    return reverse("coservice:own_end", args=[session.public_id])


MATRIX = {
    # Co-service: the citizen ends their own session from their phone (POST only).
    "coservice:own_end": (_coservice_session_url, [405] * 5 + [302]),
    # Guests of the method: only the guest reaches their page (404 to everyone else); the
    # team leader ends it (POST).
    "learning:guest_page": (_guest_url("learning:guest_page"), [404, 404, 404, 404, 404, 302]),
    "learning:guest_end": (_guest_url("learning:guest_end"), [403, 403, 403, 403, 403, 302]),
    "teamwork:follow_up_done": (_teamwork("teamwork:follow_up_done", _follow_up), TEAMWORK_POST),
    "teamwork:request_answer": (
        _teamwork("teamwork:request_answer", _citizen_request),
        TEAMWORK_POST,
    ),
    "teamwork:pair_end": (
        _teamwork("teamwork:pair_end", _partner_pair),
        [403, 403, 403, 403, 403, 302],
    ),
    "citizens:detail": (citizen_url("citizens:detail"), [403, 404, 200, 200, 404, 302]),
    "citizens:update": (citizen_url("citizens:update"), [403, 404, 200, 200, 404, 302]),
    "centres:staff_update": (
        pk_url("centres:staff_update", "consultant"),
        [404, 404, 403, 200, 404, 302],
    ),
    "accounts:two_factor_reset": (
        pk_url("accounts:two_factor_reset", "consultant"),
        [403, 403, 403, 200, 404, 302],
    ),
    "centres:team_update": (pk_url("centres:team_update", "team"), [404, 404, 403, 200, 404, 302]),
    "privacy:correction_resolve": (
        made_url(
            "privacy:correction_resolve",
            lambda w: correction_request_create(
                citizen=w["citizen"], what_is_wrong="x", should_be="y"
            ),
        ),
        [403, 404, 200, 200, 404, 302],
    ),
    "booking_config:topic_update": (
        made_url(
            "booking_config:topic_update", lambda w: TopicFactory(job_centre=w["admin"].job_centre)
        ),
        BOOKING_CONFIG,
    ),
    "booking_config:topic_delete": (
        made_url(
            "booking_config:topic_delete", lambda w: TopicFactory(job_centre=w["admin"].job_centre)
        ),
        BOOKING_CONFIG,
    ),
    "booking_config:room_update": (
        made_url(
            "booking_config:room_update", lambda w: RoomFactory(job_centre=w["admin"].job_centre)
        ),
        BOOKING_CONFIG,
    ),
    "booking_config:closing_day_delete": (
        made_url("booking_config:closing_day_delete", _coming_closing_day),
        BOOKING_CONFIG,
    ),
    "booking_config:working_hours_update": (
        pk_url("booking_config:working_hours_update", "consultant"),
        BOOKING_CONFIG,
    ),
    "booking_config:own_absence_delete": (
        made_url("booking_config:own_absence_delete", _coming_absence),
        [403, 403, 200, 403, 403, 302],
    ),
    "booking:staff_detail": (_staff_booking_url, STAFF_CITIZEN_VIEW),
    "booking:citizen_bookings": (citizen_url("booking:citizen_bookings"), STAFF_CITIZEN_VIEW),
    "booking:deadline_withdraw": (_deadline_url("booking:deadline_withdraw"), STAFF_CITIZEN_ACT),
    "booking:deadline_card": (_deadline_url("booking:deadline_card"), STAFF_CITIZEN_ACT),
    "booking:citizen_absence": (citizen_url("booking:citizen_absence"), STAFF_CITIZEN_ACT),
    "booking:summon": (citizen_url("booking:summon"), STAFF_CITIZEN_ACT),
    "booking:facilitate": (citizen_url("booking:facilitate"), STAFF_CITIZEN_ACT),
    **{
        f"booking:{name}": (_own_booking_url(f"booking:{name}"), OWN_BOOKING)
        for name in ("detail", "reschedule", "cancel", "ics", "card")
    },
    # CV: entries of the citizen's own CV (another citizen's id is a 404); staff only read it.
    **{
        f"cv:{key}_{action}": (
            made_url(f"cv:{key}_{action}", lambda w, f=factory: f(cv__citizen=w["citizen"])),
            [200, 404, 403, 403, 403, 302],
        )
        for key, factory in [
            ("occupation", SoughtOccupationFactory),
            ("experience", WorkExperienceFactory),
            ("education", EducationFactory),
            ("course", CourseFactory),
            ("language", LanguageFactory),
        ]
        for action in ("edit", "delete")
    },
    "cv:staff_view": (citizen_url("cv:staff_view"), STAFF_CITIZEN_ACT),
    # Min Plan: the citizen's own pages (each citizen reaches only their own), and staff read.
    "plans:track": (lambda w: reverse("plans:track", args=["A"]), [200, 200, 403, 403, 403, 302]),
    "plans:homework_done": (
        made_url(
            "plans:homework_done", lambda w: HomeworkFactory(plan=PlanFactory(citizen=w["citizen"]))
        ),
        [200, 404, 403, 403, 403, 302],
    ),
    "plans:staff_view": (citizen_url("plans:staff_view"), STAFF_CITIZEN_ACT),
    # Joblog: the citizen's own entries; staff who hold conversations read (logged) and exempt.
    **{
        f"joblog:{name}": (_own_entry_url(f"joblog:{name}"), OWN_JOBLOG_ENTRY)
        for name in ("update", "delete", "status")
    },
    "joblog:staff_list": (citizen_url("joblog:staff_list"), STAFF_CITIZEN_ACT),
    "joblog:staff_exempt": (citizen_url("joblog:staff_exempt"), STAFF_CITIZEN_ACT),
    "joblog:staff_exempt_end": (_joblog_exemption_end_url, STAFF_CITIZEN_ACT),
    # Only the citizen evaluates their own held conversation; staff never see the answer.
    "evaluations:give": (_held_booking_url, OWN_BOOKING),
    # The conversation: preparation, guide and journal for the consultant who holds it.
    **{
        f"conversations:{name}": (_conversation_url(f"conversations:{name}"), CONVERSATION)
        for name in ("prepare", "guide", "journal")
    },
    "conversations:guide_note": (
        _conversation_url("conversations:guide_note", "purpose"),
        CONVERSATION_POST,
    ),
    **{
        f"conversations:{name}": (_conversation_url(f"conversations:{name}"), CONVERSATION_POST)
        for name in (
            "timeout",
            "agreement",
            "homework",
            "deadline",
            "finish",
            "finalise",
            "amend",
            "self_rating",
        )
    },
    # Companies and the job board.
    "labour:company": (_labour_url("labour:company", "CompanyFactory"), LABOUR_VIEW),
    **{
        f"labour:{name}": (_labour_url(f"labour:{name}", "CompanyFactory"), LABOUR_EDIT)
        for name in ("company_edit", "contact_create", "agreement_create")
    },
    "labour:contact_edit": (
        _company_part_url("labour:contact_edit", "ContactFactory"),
        LABOUR_EDIT,
    ),
    "labour:contact_delete": (
        _company_part_url("labour:contact_delete", "ContactFactory"),
        LABOUR_EDIT,
    ),
    "labour:agreement_end": (
        _company_part_url("labour:agreement_end", "AgreementFactory"),
        LABOUR_EDIT,
    ),
    "labour:opening": (_labour_url("labour:opening", "OpeningFactory"), LABOUR_VIEW),
    **{
        f"labour:{name}": (_labour_url(f"labour:{name}", "OpeningFactory"), LABOUR_EDIT)
        for name in ("opening_edit", "opening_end")
    },
    # Matching: a citizen's openings and an opening's citizens, for staff who match.
    "labour:citizen_matches": (citizen_url("labour:citizen_matches"), STAFF_CITIZEN_ACT),
    "labour:opening_matches": (
        _labour_url("labour:opening_matches", "OpeningFactory"),
        [403, 403, 200, 403, 404, 302],
    ),
    "labour:citizen_travel": (citizen_url("labour:citizen_travel"), STAFF_CITIZEN_VIEW),
    # The annual wheel: edited by those who hold labour-market knowledge; the feed's secret
    # address is its own key (an unknown token is a 404, see labour/tests/test_feeds.py).
    "labour:wheel_event_edit": (_wheel_url("labour:wheel_event_edit"), LABOUR_EDIT),
    "labour:wheel_event_delete": (_wheel_url("labour:wheel_event_delete"), LABOUR_EDIT),
    "labour:wheel_feed": (_feed_url, [200] * 6),
    # Colleagues add what they know of a company (issue 22); the review of an addition is
    # POST only (its refusals are in labour/tests/test_contributions.py).
    "labour:note_create": (_labour_url("labour:note_create", "CompanyFactory"), LABOUR_VIEW),
    "labour:review": (_review_url, [405] * 5 + [302]),
    # A large import's progress: the importing centre's editors only.
    "labour:import_progress": (_import_url, LABOUR_EDIT),
    # Company-oriented courses.
    **{
        f"courses:{name}": (_course_url(f"courses:{name}"), COURSE_STAFF)
        for name in ("detail", "edit", "approve", "end", "cancel")
    },
    **{
        f"courses:{name}": (_course_url(f"courses:{name}"), COURSE_STAFF_POST)
        for name in ("submit", "start")
    },
    "courses:own_detail": (_course_url("courses:own_detail"), [200, 404, 403, 403, 404, 302]),
    # Industry job clubs.
    "jobclubs:detail": (_job_club_url("jobclubs:detail"), [200, 200, 200, 200, 404, 302]),
    "jobclubs:edit": (_job_club_url("jobclubs:edit"), JOB_CLUB_PLAN),
    "jobclubs:cancel": (_job_club_url("jobclubs:cancel"), JOB_CLUB_PLAN),
    "jobclubs:book": (_job_club_url("jobclubs:book"), [405] * 5 + [302]),
    "jobclubs:seat_cancel": (_job_club_url("jobclubs:seat_cancel"), JOB_CLUB_SEAT),
    "jobclubs:ics": (_job_club_url("jobclubs:ics"), JOB_CLUB_SEAT),
    # Job suggestions: the citizen answers their own; staff who hold conversations follow them.
    "suggestions:citizen": (citizen_url("suggestions:citizen"), STAFF_CITIZEN_ACT),
    **{
        f"suggestions:{name}": (made_url(f"suggestions:{name}", _own_suggestion), OWN_JOBLOG_ENTRY)
        for name in ("seen", "not_relevant", "save")
    },
    # Action learning.
    **{
        f"learning:{name}": (_learning_url(f"learning:{name}", _own_logbook_entry), LEARNING_OWN)
        for name in ("logbook_entry", "logbook_entry_edit", "logbook_entry_delete")
    },
    "learning:logbook_entry_share": (
        _learning_url("learning:logbook_entry_share", _own_logbook_entry),
        LEARNING_OWN_POST,
    ),
    **{
        f"learning:technique_{name}": (
            _learning_url(f"learning:technique_{name}", _team_technique),
            LEARNING_REFUSED,
        )
        for name in ("edit", "move", "active")
    },
    **{
        f"learning:feedback_question_{name}": (
            _learning_url(f"learning:feedback_question_{name}", _team_question),
            LEARNING_REFUSED,
        )
        for name in ("edit", "move", "active")
    },
    "learning:observation": (
        _learning_url("learning:observation", _observation_of_own_conversation),
        LEARNING_SCOPED,
    ),
    **{
        f"learning:observation_{name}": (
            _learning_url(f"learning:observation_{name}", _observation_of_own_conversation),
            LEARNING_SCOPED_POST,
        )
        for name in ("cancel", "consent", "acknowledge")
    },
    **{
        f"learning:observation_{name}": (
            _learning_url(f"learning:observation_{name}", _observation_of_own_conversation),
            LEARNING_SCOPED_REFUSED,
        )
        for name in ("accept", "decline", "feedback")
    },
    "learning:meeting": (_learning_url("learning:meeting", _team_meeting), LEARNING_SCOPED),
    **{
        f"learning:meeting_{name}": (
            _learning_url(f"learning:meeting_{name}", _team_meeting),
            LEARNING_SCOPED_REFUSED,
        )
        for name in ("edit", "cancel", "facilitate", "start", "end")
    },
    **{
        f"learning:meeting_{name}": (
            _learning_url(f"learning:meeting_{name}", _meeting_round),
            LEARNING_SCOPED_REFUSED,
        )
        for name in ("item_next", "item_skip", "item_notes", "round_move", "round_absent")
    },
    "learning:sparring_event": (
        _learning_url("learning:sparring_event", _team_sparring),
        LEARNING_SCOPED,
    ),
    "learning:sparring_edit": (
        _learning_url("learning:sparring_edit", _team_sparring),
        LEARNING_SCOPED_REFUSED,
    ),
    "learning:sparring_programme_add": (
        _learning_url("learning:sparring_programme_add", _team_sparring),
        LEARNING_POST_ONLY,
    ),
    **{
        f"learning:sparring_programme_{name}": (
            _learning_url(f"learning:sparring_programme_{name}", _programme_item),
            LEARNING_POST_ONLY,
        )
        for name in ("done", "remove")
    },
    "learning:sparring_case_add": (
        _learning_url("learning:sparring_case_add", _team_sparring),
        LEARNING_SCOPED,
    ),
    "learning:sparring_case_remove": (
        _learning_url("learning:sparring_case_remove", _own_sparring_case),
        LEARNING_POST_ONLY,
    ),
    # The leaders' figures, targets and implementation plan.
    "kpis:trend": (
        lambda world: reverse("kpis:trend", args=["self_booking_share"]),
        [403, 403, 403, 200, 200, 302],
    ),
    # The guides for citizens name a guide, not an object: every citizen and staff member reads
    # their own centre's; each centre's administrator edits their own centre's note only.
    "guidance:guide": (
        lambda world: reverse("guidance:guide", args=["hjaelp"]),
        [200, 200, 200, 200, 200, 302],
    ),
    "guidance:note_edit": (
        lambda world: reverse("guidance:note_edit", args=["hjaelp"]),
        [403, 403, 403, 200, 200, 302],
    ),
    "kpis:consultants": (_team_pk, KPI_LEADERS),
    "kpis:run_status": (_kpi_run, KPI_LEADERS),
    "kpis:target_edit": (_target("kpis:target_edit"), KPI_MANAGER),
    "kpis:target_delete": (_target("kpis:target_delete"), KPI_MANAGER),
    "kpis:milestone_delete": (_milestone("kpis:milestone_delete"), KPI_MANAGER),
    **{
        f"kpis:milestone_{name}": (_milestone(f"kpis:milestone_{name}"), [405] * 5 + [302])
        for name in ("done", "reopen")
    },
}


def _object_urls(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # Django's admin: superusers only, guarded by Django itself
            if entry.namespace == "api":
                continue  # JSON API (POST, 401 not a redirect): its matrix is api/tests
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


@pytest.mark.parametrize(
    "url_name",
    # Not the secret addresses (a feed's token), which are open without a login.
    sorted(
        name
        for name, (_b, expected) in MATRIX.items()
        if expected[ACTORS.index("anonymous")] == 302
    ),
)
def test_a_co_service_helper_reaches_no_object_outside_a_session(client, world, url_name):
    """Reception and library staff (Role.HELPER) reach a citizen only inside a co-service
    session, as the citizen beside them: every object URL refuses them."""
    from coservice.tests.factories import HelperFactory

    build, _expected = MATRIX[url_name]
    client.force_login(HelperFactory(job_centre=world["citizen"].job_centre))
    response = client.get(build(world))
    assert response.status_code in (403, 404, 405), url_name
