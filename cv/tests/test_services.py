from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from citizens.tests.factories import CitizenFactory
from cv import services, tasks
from cv.models import CV, SoughtOccupation, WorkExperience
from cv.tests.factories import CVFactory, SoughtOccupationFactory, complete_cv
from notifications.models import Notification
from occupations.models import Occupation, Skill

pytestmark = pytest.mark.django_db


def _occupation(title: str) -> Occupation:
    return Occupation.objects.get(title=title)


def test_an_item_is_added_to_the_citizens_own_cv(citizen):
    item = SoughtOccupation(occupation=_occupation("Kok"), years_experience=4)
    services.cv_item_save(citizen=citizen, item=item)
    assert item.cv == CV.objects.get(citizen=citizen)


def test_the_same_occupation_twice_is_refused(citizen):
    kok = _occupation("Kok")
    services.cv_item_save(citizen=citizen, item=SoughtOccupation(occupation=kok))
    with pytest.raises(ValidationError) as caught:
        services.cv_item_save(citizen=citizen, item=SoughtOccupation(occupation=kok))
    assert str(_("The occupation is already on your list.")) in caught.value.messages
    assert SoughtOccupation.objects.count() == 1


def test_another_citizens_item_is_refused(citizen, other_citizen):
    theirs = SoughtOccupationFactory(cv=CVFactory(citizen=other_citizen))
    theirs.years_experience = 9
    with pytest.raises(PermissionError):
        services.cv_item_save(citizen=citizen, item=theirs)
    with pytest.raises(PermissionError):
        services.cv_item_delete(citizen=citizen, item=theirs)
    theirs.refresh_from_db()
    assert theirs.years_experience == 3


@pytest.mark.parametrize(
    ("started_on", "ended_on"),
    [
        (date(1900, 1, 1), None),  # before 1940
        (date(2099, 1, 1), None),  # the future
        (date(2020, 1, 1), date(9999, 12, 1)),  # far future
        (date(2020, 5, 1), date(2019, 1, 1)),  # ends before it starts
    ],
)
def test_implausible_work_dates_are_refused(citizen, started_on, ended_on):
    item = WorkExperience(
        job_title="Lagermedarbejder", employer="X", started_on=started_on, ended_on=ended_on
    )
    with pytest.raises(ValidationError):
        services.cv_item_save(citizen=citizen, item=item)
    assert not WorkExperience.objects.exists()


def test_the_profile_keeps_only_known_licences_in_order(citizen):
    cv = services.cv_profile_update(
        citizen=citizen,
        profile_text="  Hej  ",
        driving_licences=["CE", "B", "X"],
        visible_to_employers=True,
    )
    assert (cv.profile_text, cv.driving_licences, cv.visible_to_employers) == (
        "Hej",
        ["B", "CE"],
        True,
    )


def test_a_too_long_profile_is_refused(citizen):
    with pytest.raises(ValidationError):
        services.cv_profile_update(
            citizen=citizen,
            profile_text="x" * 100_000,
            driving_licences=[],
            visible_to_employers=False,
        )
    assert CV.objects.get(citizen=citizen).profile_text == ""


def test_skills_become_exactly_the_chosen(citizen):
    truck, excel, office = (
        Skill.objects.get(name=n) for n in ("Truckcertifikat", "Excel", "Microsoft Office")
    )
    services.cv_skills_set(citizen=citizen, skills=[truck, excel], other_skills="")
    cv = services.cv_skills_set(citizen=citizen, skills=[excel, office], other_skills=" Svejsning ")
    assert {s.skill.name for s in cv.skills.all()} == {"Excel", "Microsoft Office"}
    assert cv.other_skills == "Svejsning"


# --- The reminder -------------------------------------------------------------------------

TODAY = date(2026, 11, 23)


def _registered(days_ago: int, **kwargs):
    return CitizenFactory(registered_on=TODAY - timedelta(days=days_ago), **kwargs)


def test_an_incomplete_cv_after_14_days_gets_one_reminder_ever(centre):
    late = _registered(14, job_centre=centre)
    CVFactory(citizen=late)
    assert services.remind_incomplete(TODAY) == 1
    notes = Notification.objects.filter(recipient=late.user)
    assert {n.key for n in notes} == {f"cv-incomplete:{late.pk}"}
    body = notes.first().body
    assert "/mit-cv/" in body
    assert "- " in body  # the list of what is missing
    # The next days, and after a change that still leaves it incomplete: nothing more.
    SoughtOccupationFactory(cv=late.cv)
    assert services.remind_incomplete(TODAY + timedelta(days=1)) == 0
    assert services.remind_incomplete(TODAY + timedelta(days=30)) == 0
    assert Notification.objects.filter(recipient=late.user).count() == notes.count()


def test_no_reminder_before_14_days_or_for_a_complete_cv(centre):
    _registered(13, job_centre=centre)
    complete_cv(_registered(40, job_centre=centre))
    assert services.remind_incomplete(TODAY) == 0
    assert not Notification.objects.exists()


def test_a_citizen_without_a_cv_is_reminded_of_everything(centre):
    citizen = _registered(20, job_centre=centre)
    assert services.remind_incomplete(TODAY) == 1
    body = Notification.objects.filter(recipient=citizen.user).first().body
    assert body.count("\n- ") == 6


def test_the_daily_task_runs_the_reminder(centre, monkeypatch):
    citizen = _registered(15, job_centre=centre)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    tasks.remind_incomplete_cvs.call_local()
    tasks.remind_incomplete_cvs.call_local()
    assert Notification.objects.filter(key=f"cv-incomplete:{citizen.pk}").exists()
    assert services.remind_incomplete(TODAY) == 0
