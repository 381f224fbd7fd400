"""Inviting guests of the method, ending their access, and the guest's own comment."""

from datetime import date, timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Role, User
from learning.models import GuestAccess, Observation, SparringEvent

#: The longest access a team leader can give at a time.
LONGEST_DAYS = 183


def _check_ends_on(ends_on: date) -> None:
    today = timezone.localdate()
    if ends_on < today:
        raise ValidationError({"ends_on": _("Choose an end date from today.")})
    if ends_on > today + timedelta(days=LONGEST_DAYS):
        raise ValidationError(
            {"ends_on": _("A guest can be invited for at most half a year at a time.")}
        )


@transaction.atomic
def guest_invite(
    *,
    leader: User,
    observation: Observation | None = None,
    sparring_event: SparringEvent | None = None,
    name: str,
    username: str,
    email: str = "",
    password: str = "",
    ends_on: date,
) -> GuestAccess:
    """Gives a guest access to one observation or one sparring event of the leader's team until
    `ends_on`. A new username makes the guest's account (they set up their authenticator app
    at the first login); an existing guest of the same job centre is invited again, and an
    invitation to what they were invited to before opens that access until the new date."""
    if (observation is None) == (sparring_event is None):
        raise ValidationError(_("Choose one observation or one sparring event."))
    _check_ends_on(ends_on)
    team_id = leader.team_id
    assert team_id is not None  # learning.lead needs a team
    guest = User.objects.filter(username__iexact=username).first()
    if guest is None:
        guest = User(
            username=username, name=name, email=email, role=Role.GUEST, job_centre=leader.job_centre
        )
        if not password:
            raise ValidationError({"password": _("Give the new guest a password.")})
        validate_password(password, guest)
        guest.set_password(password)
        guest.save()
    elif guest.role != Role.GUEST or guest.job_centre_id != leader.job_centre_id:
        raise ValidationError({"username": _("The username is taken.")})
    # Invited again to the same (to give more time, or after the access ended): the same
    # access, open until the new date.
    access, _created = GuestAccess.objects.update_or_create(
        guest=guest,
        observation=observation,
        sparring_event=sparring_event,
        defaults={"team_id": team_id, "ends_on": ends_on, "invited_by": leader},
    )
    return access


def guest_access_end(*, access: GuestAccess) -> GuestAccess:
    """Ends the access today: from tomorrow the guest reaches nothing."""
    yesterday = timezone.localdate() - timedelta(days=1)
    if access.ends_on > yesterday:
        access.ends_on = yesterday
        access.save(update_fields=["ends_on"])
    return access


def guest_comment_save(*, access: GuestAccess, comment: str) -> GuestAccess:
    """The guest's comment to the team, while the access is open."""
    if not access.is_open:
        raise ValidationError(
            _("Your guest access ended on %(date)s. Nothing was saved.")
            % {"date": date_format(access.ends_on, "j. F Y")}
        )
    access.comment = comment.strip()
    access.commented_at = timezone.now()
    access.save(update_fields=["comment", "commented_at"])
    return access
