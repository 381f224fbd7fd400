from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from booking.tests.factories import BookingFactory
from joblog.models import Channel
from notifications.models import Notification
from plans import services
from plans.models import Agreement, Homework, JobTrack, Plan, PlanChange
from plans.tests.factories import HomeworkFactory, JobTrackFactory

pytestmark = pytest.mark.django_db

CONFLICT = (
    "The plan has been changed in another tab or by someone else since you opened it. "
    "See the changes and try again."
)


def _update(plan, version, actor, **changes):
    data = {
        "job_goal": plan.job_goal,
        "strategy": plan.strategy,
        "required_searches": plan.required_searches,
        "required_period_days": plan.required_period_days,
        "geography": plan.geography,
        "channels": plan.channels,
        "required_occupations": [],
    }
    data.update(changes)
    return services.plan_update(plan=plan, version=version, actor=actor, **data)


def test_update_saves_bumps_the_version_and_writes_history(plan, citizen, lager):
    _update(
        plan,
        1,
        citizen.user,
        job_goal="Lagerchef",
        channels=[Channel.NETWORK, Channel.JOB_AD],
        required_occupations=[lager],
    )
    plan.refresh_from_db()
    assert plan.job_goal == "Lagerchef" and plan.version == 2
    assert plan.channels == [Channel.JOB_AD, Channel.NETWORK]
    assert list(plan.required_occupations.all()) == [lager]
    change = PlanChange.objects.get(plan=plan)
    assert change.changed_by == citizen.user
    assert str(Plan._meta.get_field("job_goal").verbose_name) in change.summary


def test_two_tabs_the_second_save_is_refused_and_the_first_is_kept(plan, citizen):
    loaded = plan.version  # both tabs opened the plan at this version
    _update(plan, loaded, citizen.user, job_goal="Fra fane 1")
    with pytest.raises(ValidationError) as refused:
        _update(Plan.objects.get(pk=plan.pk), loaded, citizen.user, job_goal="Fra fane 2")
    assert refused.value.messages == [_(CONFLICT)]
    plan.refresh_from_db()
    assert plan.job_goal == "Fra fane 1" and plan.version == loaded + 1
    assert PlanChange.objects.filter(plan=plan).count() == 1


def test_no_change_is_no_new_version(plan, citizen):
    _update(plan, 1, citizen.user)
    plan.refresh_from_db()
    assert plan.version == 1 and not PlanChange.objects.exists()


def test_the_citizens_own_change_keeps_their_approval(plan, citizen):
    services.plan_approve(plan=plan, version=1, actor=citizen.user)
    _update(plan, plan.version, citizen.user, strategy="Ny strategi")
    plan.refresh_from_db()
    assert plan.approved_at is not None and plan.approval_lapsed_at is None
    assert PlanChange.objects.filter(plan=plan).count() == 2
    assert not Notification.objects.exists()


def _approved(plan, citizen):
    services.plan_approve(plan=plan, version=plan.version, actor=citizen.user)
    plan.refresh_from_db()
    return plan.version


STAFF_CHANGES = {
    "agreement": lambda plan, staff: services.agreement_add(
        plan=plan, text="Du søger også Plan B.", author=staff
    ),
    "homework": lambda plan, staff: services.homework_add(
        plan=plan, author=staff, title="Ring til to vognmænd", due=timezone.localdate()
    ),
    "track": lambda plan, staff: services.track_update(
        plan=plan,
        letter="B",
        version=plan.version,
        actor=staff,
        occupations=[],
        description="Chauffør",
        widen_from=None,
    ),
    "goal and strategy": lambda plan, staff: _update(
        plan, plan.version, staff, job_goal="Lagerchef", strategy="Netværk"
    ),
}


@pytest.mark.parametrize("change", STAFF_CHANGES)
def test_a_change_by_staff_lapses_the_approval_and_asks_the_citizen_once(
    plan, citizen, consultant, change
):
    loaded = _approved(plan, citizen)
    STAFF_CHANGES[change](plan, consultant)
    plan.refresh_from_db()
    assert plan.approved_at is None and plan.approval_lapsed_at is not None
    assert plan.version > loaded  # an approve sent from the page as it was is refused
    with pytest.raises(ValidationError):
        services.plan_approve(plan=plan, version=loaded, actor=citizen.user)
    told = Notification.objects.filter(recipient=citizen.user)
    assert told.values("key").distinct().count() == 1
    assert "godkend" in told.first().body and "/min-plan/" in told.first().body
    STAFF_CHANGES["agreement"](plan, consultant)  # a second change before the citizen looks
    assert told.values("key").distinct().count() == 1


def test_approving_again_after_a_lapse(plan, citizen, consultant):
    _approved(plan, citizen)
    STAFF_CHANGES["agreement"](plan, consultant)
    plan.refresh_from_db()
    services.plan_approve(plan=plan, version=plan.version, actor=citizen.user)
    plan.refresh_from_db()
    assert plan.approved_at is not None and plan.approval_lapsed_at is None


def test_a_change_by_staff_to_a_plan_never_approved_tells_nobody(plan, consultant):
    STAFF_CHANGES["agreement"](plan, consultant)
    plan.refresh_from_db()
    assert plan.approved_at is None and plan.approval_lapsed_at is None
    assert not Notification.objects.exists()


def test_approving_a_stale_version_is_refused(plan, citizen):
    _update(plan, 1, citizen.user, job_goal="Nyt mål")
    with pytest.raises(ValidationError):
        services.plan_approve(plan=plan, version=1, actor=citizen.user)
    plan.refresh_from_db()
    assert plan.approved_at is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("job_goal", "x" * 100_000),
        ("strategy", "x" * 100_000),
        ("geography", "x" * 201),
        ("required_searches", 51),
        ("required_period_days", 3),
        ("channels", ["carrier_pigeon"]),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(plan, citizen, field, value):
    with pytest.raises(ValidationError) as refused:
        _update(plan, 1, citizen.user, **{field: value})
    assert field in refused.value.error_dict
    plan.refresh_from_db()
    assert plan.version == 1 and not PlanChange.objects.exists()


def test_track_update_creates_sets_and_writes_history(plan, citizen, lager, chauffeur):
    widen = timezone.localdate() + timedelta(days=60)
    track = services.track_update(
        plan=plan,
        letter="A",
        version=1,
        actor=citizen.user,
        occupations=[lager, chauffeur],
        description="Drømmejobbet",
        widen_from=widen,
    )
    assert set(track.occupations.all()) == {lager, chauffeur}
    assert track.widen_from == widen and track.set_at == timezone.localdate()
    plan.refresh_from_db()
    assert plan.version == 2
    assert "Lagerarbejder" in PlanChange.objects.get().summary


def test_track_dates_are_checked(plan, citizen):
    today = timezone.localdate()
    for bad in (today + timedelta(days=3 * 365), date(1999, 1, 1)):
        with pytest.raises(ValidationError) as refused:
            services.track_update(
                plan=plan,
                letter="A",
                version=1,
                actor=citizen.user,
                occupations=[],
                description="",
                widen_from=bad,
            )
        assert "widen_from" in refused.value.error_dict
    JobTrackFactory(plan=plan, letter="A", widen_from=today + timedelta(days=60))
    with pytest.raises(ValidationError):  # Plan B's date before Plan A's
        services.track_update(
            plan=plan,
            letter="B",
            version=1,
            actor=citizen.user,
            occupations=[],
            description="",
            widen_from=today + timedelta(days=30),
        )
    assert not JobTrack.objects.filter(letter="B").exists()


def test_track_update_with_a_stale_version_is_refused(plan, citizen, lager):
    _update(plan, 1, citizen.user, job_goal="Ændret i fane 1")
    with pytest.raises(ValidationError):
        services.track_update(
            plan=plan,
            letter="A",
            version=1,
            actor=citizen.user,
            occupations=[lager],
            description="",
            widen_from=None,
        )
    assert not JobTrack.objects.exists()


def test_homework_done_once_with_note_and_history(plan, citizen):
    homework = HomeworkFactory(plan=plan)
    services.homework_done(homework=homework, actor=citizen.user, note="Sendt to ansøgninger")
    homework.refresh_from_db()
    assert homework.done_at is not None and homework.done_note == "Sendt to ansøgninger"
    assert homework.title in PlanChange.objects.get().summary
    with pytest.raises(ValidationError):
        services.homework_done(homework=homework, actor=citizen.user, note="igen")
    homework.refresh_from_db()
    assert homework.done_note == "Sendt to ansøgninger"


def test_homework_note_too_long_saves_nothing(plan, citizen):
    homework = HomeworkFactory(plan=plan)
    with pytest.raises(ValidationError):
        services.homework_done(homework=homework, actor=citizen.user, note="x" * 100_000)
    homework.refresh_from_db()
    assert homework.done_at is None


def test_homework_add_by_staff_due_at_most_two_years_ahead(plan, consultant, citizen):
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.homework_add(
            plan=plan, author=consultant, title="Ring", due=today + timedelta(days=800)
        )
    with pytest.raises(ValidationError):
        services.homework_add(plan=plan, author=citizen.user, title="Ring", due=today)
    services.homework_add(plan=plan, author=consultant, title="Ring", due=today + timedelta(7))
    assert Homework.objects.get().created_by == consultant


def test_agreement_add_by_staff_only(plan, consultant, citizen, other_consultant):
    services.agreement_add(plan=plan, text="Du søger også Plan B.", author=consultant)
    for someone in (citizen.user, other_consultant):
        with pytest.raises(ValidationError):
            services.agreement_add(plan=plan, text="Nej", author=someone)
    with pytest.raises(ValidationError):
        services.agreement_add(plan=plan, text="x" * 100_000, author=consultant)
    assert Agreement.objects.get().created_by == consultant
    assert PlanChange.objects.get().changed_by == consultant


def test_agreements_and_homework_wait_for_their_conversation_to_begin(plan, citizen, consultant):
    start = timezone.now() + timedelta(hours=20)
    booking = BookingFactory(citizen=citizen, consultant=consultant, start=start)
    before = start - timedelta(minutes=1)
    with pytest.raises(ValidationError) as refused:
        services.agreement_add(
            plan=plan, text="Søg 3 job", author=consultant, conversation=booking, now=before
        )
    assert refused.value.code == "not_begun"
    with pytest.raises(ValidationError):
        services.homework_add(
            plan=plan,
            author=consultant,
            title="Ring",
            due=timezone.localdate() + timedelta(days=3),
            conversation=booking,
            now=before,
        )
    assert not Agreement.objects.exists() and not Homework.objects.exists()
    plan.refresh_from_db()
    assert plan.version == 1 and not PlanChange.objects.exists()
    services.agreement_add(
        plan=plan, text="Søg 3 job", author=consultant, conversation=booking, now=start
    )
    assert Agreement.objects.get().conversation == booking
