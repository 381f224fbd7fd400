"""The suggested approach to a conversation, from the method's table: a citizen with limited IT
or language skills, long unemployed, or with low motivation or a long history of unemployment
recorded (with the citizen's knowledge), is met "aktivt og håndholdt" (turn the screen, offer
IT and language development); a motivated citizen, unemployed a short while, is met with
"inddragelse og samarbejde" (motivate self-booking, let the citizen lead).

The threshold for long unemployment is the job centre's (`JobCentre.long_unemployment_months`).
`approach_for` reads no database rows once `citizen.job_centre` is loaded, so lists of many
citizens (the consultant's day) can call it per row."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from citizens.models import Citizen

ACTIVE = "active"
INVOLVING = "involving"


@dataclass(frozen=True)
class Approach:
    key: str
    label: str
    #: Why this approach: one short line per reason.
    reasons: tuple[str, ...]
    #: What to do, concretely, in the conversation.
    suggestions: tuple[str, ...]

    @property
    def is_active(self) -> bool:
        return self.key == ACTIVE


def months_between(first: date, last: date) -> int:
    """Whole months from `first` to `last` (0 if `last` is not after `first`)."""
    months = (last.year - first.year) * 12 + last.month - first.month
    if last.day < first.day:
        months -= 1
    return max(0, months)


def _support_reasons(citizen: Citizen) -> list[str]:
    reasons = []
    if citizen.needs_it_support:
        reasons.append(_("Needs help with IT"))
    if citizen.needs_language_support:
        reasons.append(_("Needs help with Danish"))
    if citizen.needs_reading_support:
        reasons.append(_("Needs help with reading"))
    if citizen.needs_interpreter:
        reasons.append(_("Needs an interpreter"))
    if citizen.low_motivation:
        reasons.append(_("Low motivation is recorded"))
    if citizen.long_unemployment_history:
        reasons.append(_("A long history of unemployment is recorded"))
    return reasons


def _unemployed_line(months: int) -> str:
    return ngettext(
        "Unemployed for %(months)d month", "Unemployed for %(months)d months", months
    ) % {"months": months}


def approach_for(citizen: Citizen, today: date) -> Approach:
    """The approach the method suggests for `citizen` on `today`."""
    months = months_between(citizen.registered_on, today)
    limit = citizen.job_centre.long_unemployment_months
    support = _support_reasons(citizen)
    long_unemployed = months >= limit
    if support or long_unemployed:
        reasons = [*support]
        if long_unemployed:
            reasons.append(_unemployed_line(months))
        suggestions = [
            _(
                "Turn the screen: let the citizen book, and write in the Joblog and CV, "
                "with you beside them (facilitated co-service)."
            )
        ]
        if citizen.needs_it_support:
            suggestions.append(_("Offer IT development, e.g. a course in Jobnet and e-mail."))
        if citizen.needs_language_support or citizen.needs_reading_support:
            suggestions.append(_("Offer language development: Danish and reading."))
        if citizen.needs_interpreter:
            suggestions.append(_("Make sure an interpreter takes part."))
        if citizen.low_motivation or citizen.long_unemployment_history:
            suggestions.append(
                _("Start from what the citizen wants and can do, and find one small goal together.")
            )
        suggestions.append(_("Agree small, concrete steps and follow up on them soon."))
        return Approach(ACTIVE, _("Active and hands-on"), tuple(reasons), tuple(suggestions))
    return Approach(
        INVOLVING,
        _("Involvement and cooperation"),
        (
            _("No need of help with IT, Danish or reading is registered"),
            _unemployed_line(months),
        ),
        (
            _("Let the citizen lead: start from their own words and their agenda."),
            _("Ask for the citizen's own ideas before you offer yours."),
            _(
                "Motivate self-booking through the conversation: agree that the citizen books "
                "the next conversation themselves."
            ),
        ),
    )
