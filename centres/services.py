"""Writes for a job centre's own settings, teams and staff (its administrators' work)."""

from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import COSERVICE_ROLES, STAFF_ROLES, User
from centres.models import HelpPlace, JobCentre, Team
from common.services import model_update


def centre_update_settings(*, centre: JobCentre, **values) -> JobCentre:
    allowed = {
        "address",
        "postcode",
        "town",
        "hide_staff_names_in_lookup_log",
        "staff_session_timeout_minutes",
        "citizen_session_timeout_minutes",
        "long_unemployment_months",
        "travel_radius_with_car_km",
        "travel_radius_without_car_km",
        "phone",
        "email",
        "opening_hours",
        "quiet_hours_start",
        "quiet_hours_end",
        "reminder_lead_hours",
        "small_number_threshold",
        "coservice_idle_minutes",
    }
    model_update(instance=centre, fields=allowed, data=values)
    centre.full_clean()
    centre.save()
    return centre


def team_create(*, centre: JobCentre, name: str, description: str = "") -> Team:
    team = Team(job_centre=centre, name=name, description=description)
    team.full_clean()
    team.save()
    return team


def team_update(*, team: Team, name: str, description: str = "") -> Team:
    team.name, team.description = name, description
    team.full_clean()
    team.save()
    return team


def _check_staff(*, centre: JobCentre, role: str, team: Team | None) -> None:
    if role not in STAFF_ROLES:
        raise ValidationError({"role": _("Choose a staff role.")})
    if team is not None and team.job_centre_id != centre.id:
        raise ValidationError({"team": _("Choose a team from the same job centre.")})


def _set_help_places(user: User, places: Iterable[HelpPlace]) -> None:
    places = list(places) if user.role in COSERVICE_ROLES else []
    if any(place.job_centre_id != user.job_centre_id for place in places):
        raise ValidationError({"help_places": _("Choose places of the same job centre.")})
    user.help_places.set(places)


@transaction.atomic
def staff_create(
    *,
    centre: JobCentre,
    username: str,
    name: str,
    role: str,
    password: str,
    email: str = "",
    team: Team | None = None,
    help_places: Iterable[HelpPlace] = (),
) -> User:
    _check_staff(centre=centre, role=role, team=team)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("The username is taken.")})
    user = User(username=username, name=name, email=email, role=role, job_centre=centre, team=team)
    validate_password(password, user)
    user.set_password(password)
    user.save()
    _set_help_places(user, help_places)
    return user


@transaction.atomic
def staff_update(
    *,
    user: User,
    name: str,
    role: str,
    email: str = "",
    team: Team | None,
    is_active: bool,
    help_places: Iterable[HelpPlace] = (),
) -> User:
    if user.job_centre is None:
        raise ValueError("Superusers are not staff of a job centre.")
    _check_staff(centre=user.job_centre, role=role, team=team)
    user.name, user.role, user.email, user.team, user.is_active = name, role, email, team, is_active
    user.save(update_fields=["name", "role", "email", "team", "is_active"])
    _set_help_places(user, help_places)
    return user
