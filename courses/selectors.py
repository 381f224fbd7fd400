"""Reads of company-oriented courses, scoped through the policy: staff reach their job centre's
citizens' courses, a citizen their own."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from accounts import policy
from accounts.models import User
from centres.models import JobCentre
from citizens.models import Citizen
from courses.models import JOB_OUTCOMES, Course, CourseApproval, Kind, Outcome, Status
from labour.models import Company


def courses_visible_to(user: User) -> QuerySet[Course]:
    return Course.objects.filter(citizen__in=policy.visible_to(user, "citizens"))


def _full(qs: QuerySet[Course]) -> QuerySet[Course]:
    return qs.select_related("citizen__user", "company", "contact", "consultant", "job_centre")


def course_list(
    *, user: User, status: str = "", kind: str = "", company: Company | None = None
) -> QuerySet[Course]:
    qs = _full(courses_visible_to(user))
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if company is not None:
        qs = qs.filter(company=company)
    return qs.order_by("-starts_on", "-id")


def course_get(*, user: User, public_id) -> Course:
    """The course with `public_id` if `user` may reach its citizen, else 404."""
    return get_object_or_404(_full(courses_visible_to(user)), public_id=public_id)


def own_courses(*, citizen: Citizen) -> list[Course]:
    """The citizen's courses for Min Plan, newest first, with the company (all Min Plan shows
    of the relations); cancelled drafts are left out."""
    return list(
        Course.objects.filter(citizen=citizen)
        .select_related("company")
        .exclude(status__in=[Status.DRAFT, Status.CANCELLED])
        .order_by("-starts_on", "-id")
    )


def course_history(*, course: Course):
    return course.events.select_related("actor")


def approvals_by_party(course: Course) -> dict[str, CourseApproval]:
    """The approvals of the agreement's present version, keyed by party value."""
    return {
        a.party: a
        for a in course.approvals.filter(version=course.version).select_related("approved_by_user")
    }


def companies_for(user: User) -> QuerySet[Company]:
    """The companies a course of the user's job centre may be with."""
    return Company.objects.filter(job_centre_id=user.job_centre_id).order_by("name")


def status_counts(*, user: User) -> list[tuple[str, str, int]]:
    """(status, label, number) for every status of the courses the user can reach."""
    found = dict(courses_visible_to(user).values_list("status").annotate(n=Count("id")).order_by())
    return [(value, str(label), found.get(value, 0)) for value, label in Status.choices]


@dataclass
class CourseCounts:
    """The figures leaders follow for a period (both days included)."""

    since: date
    until: date
    #: courses that began in the period, in all and by kind
    started: int = 0
    started_by_kind: dict[str, int] = field(default_factory=dict)
    #: courses that ended in the period, in all, by outcome, and into ordinary work
    ended: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    into_job: int = 0
    #: courses cancelled in the period
    cancelled: int = 0

    def started_rows(self) -> list[tuple[str, int]]:
        return [(str(label), self.started_by_kind[value]) for value, label in Kind.choices]

    def outcome_rows(self) -> list[tuple[str, int]]:
        return [(str(label), self.outcomes[value]) for value, label in Outcome.choices]


def course_counts(job_centre: JobCentre, *, since: date, until: date) -> CourseCounts:
    """What the job centre's courses came to between `since` and `until`, in three queries:
    started (by kind), ended (by outcome, and how many into a job), cancelled."""
    courses = Course.objects.filter(job_centre=job_centre)
    by_kind = dict(
        courses.filter(started_on__range=(since, until))
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_outcome = dict(
        courses.filter(status=Status.ENDED, ended_on__range=(since, until))
        .values_list("outcome")
        .annotate(n=Count("id"))
        .order_by()
    )
    cancelled = courses.filter(
        status=Status.CANCELLED,
        cancelled_at__date__range=(since, until),
    ).count()
    return CourseCounts(
        since=since,
        until=until,
        started=sum(by_kind.values()),
        started_by_kind={k: by_kind.get(k, 0) for k in Kind.values},
        ended=sum(by_outcome.values()),
        outcomes={o: by_outcome.get(o, 0) for o in Outcome.values},
        into_job=sum(by_outcome.get(o, 0) for o in JOB_OUTCOMES),
        cancelled=cancelled,
    )
