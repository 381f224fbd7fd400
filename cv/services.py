"""Writes to the citizen's CV. Every write validates the whole record (field limits, plausible
dates, one line per occupation and language) before it is saved; the database constraints are
the last guard. Items are always reached through the citizen's own CV."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models.functions import Now
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from citizens.models import Citizen
from cv.completeness import cv_completeness
from cv.models import CV, CvSkill, DrivingLicence
from cv.selectors import cv_queryset
from notifications.models import Notification
from notifications.services import notify
from occupations.models import Skill

#: Days after registration when an incomplete CV earns the citizen one reminder.
REMINDER_AFTER_DAYS = 14
REMINDER_KEY = "cv-incomplete:{pk}"


def cv_get_or_create(*, citizen: Citizen) -> CV:
    cv, _created = CV.objects.get_or_create(citizen=citizen)
    return cv


def _touch(cv: CV) -> None:
    CV.objects.filter(pk=cv.pk).update(updated_at=Now())


def cv_item_save(*, citizen: Citizen, item: models.Model) -> models.Model:
    """Adds `item` (a section entry) to the citizen's CV, or saves the changes to one that is
    already there. An item of another CV is refused."""
    cv = cv_get_or_create(citizen=citizen)
    if item.pk is None:
        item.cv = cv  # type: ignore[attr-defined]
    elif item.cv_id != cv.pk:  # type: ignore[attr-defined]
        raise PermissionError("Not this citizen's CV entry.")
    item.full_clean()
    with transaction.atomic():
        item.save()
        _touch(cv)
    return item


def cv_item_delete(*, citizen: Citizen, item: models.Model) -> None:
    cv = cv_get_or_create(citizen=citizen)
    if item.cv_id != cv.pk:  # type: ignore[attr-defined]
        raise PermissionError("Not this citizen's CV entry.")
    with transaction.atomic():
        item.delete()
        _touch(cv)


def cv_profile_update(
    *,
    citizen: Citizen,
    profile_text: str,
    driving_licences: Iterable[str],
    visible_to_employers: bool,
) -> CV:
    cv = cv_get_or_create(citizen=citizen)
    wanted = set(driving_licences)
    cv.profile_text = profile_text.strip()
    # Kept in the order of the choices, and only known categories.
    cv.driving_licences = [code for code in DrivingLicence.values if code in wanted]
    cv.visible_to_employers = visible_to_employers
    cv.full_clean()
    cv.save()
    return cv


def cv_skills_set(*, citizen: Citizen, skills: Iterable[Skill], other_skills: str) -> CV:
    """The citizen's skills become exactly `skills` (from the shared list) plus their own
    words in `other_skills`."""
    cv = cv_get_or_create(citizen=citizen)
    cv.other_skills = other_skills.strip()
    cv.full_clean()
    wanted = {skill.pk for skill in skills}
    with transaction.atomic():
        cv.save()
        cv.skills.exclude(skill_id__in=wanted).delete()
        present = set(cv.skills.values_list("skill_id", flat=True))
        CvSkill.objects.bulk_create(
            [CvSkill(cv=cv, skill_id=pk) for pk in sorted(wanted - present)]
        )
    return cv


def _reminder_text(missing: list[str]) -> tuple[str, str]:
    subject = _("Your CV is not complete yet")
    body = "\n".join(
        [
            _(
                "Employers and your job consultant use your CV. It is not complete yet; "
                "this is what is missing:"
            ),
            "",
            *(f"- {hint}" for hint in missing),
            "",
            _("Fill in your CV: %(link)s") % {"link": settings.SITE_URL + reverse("cv:own")},
        ]
    )
    return subject, body


def remind_incomplete(today: date) -> int:
    """One reminder, ever, to each active citizen registered at least REMINDER_AFTER_DAYS ago
    whose CV is not complete, telling what is missing. Returns how many were reminded."""
    registered_by = today - timedelta(days=REMINDER_AFTER_DAYS)
    reminded = {
        int(key.rsplit(":", 1)[1])
        for key in Notification.objects.filter(key__startswith="cv-incomplete:").values_list(
            "key", flat=True
        )
    }
    candidates = (
        Citizen.objects.filter(registered_on__lte=registered_by, user__is_active=True)
        .exclude(pk__in=reminded)
        .select_related("user")
        .order_by("pk")
    )
    count = 0
    for chunk_start in range(0, candidates.count(), 500):
        chunk = list(candidates[chunk_start : chunk_start + 500])
        cvs = {cv.citizen_id: cv for cv in cv_queryset().filter(citizen__in=chunk)}
        for citizen in chunk:
            with override(settings.LANGUAGE_CODE):
                score = cv_completeness(cvs.get(citizen.pk))
                subject, body = _reminder_text(score.missing)
            if score.complete:
                continue
            if notify(
                recipient=citizen.user,
                key=REMINDER_KEY.format(pk=citizen.pk),
                about=f"cv:{citizen.pk}",
                kind="reminder",
                subject=subject,
                body=body,
            ):
                count += 1
    return count
