"""Who may see and do what: the one place authorization is decided.

Rules are data: an action name maps to a predicate over (user, object). Views call `require`,
templates ask `can` (templatetag `policy`), and every queryset of personal data starts from a
scope, `visible_to(user, name)`, so a citizen sees only their own data and staff only their own
job centre's.

`accounts` sits low in the layers (docs/ARCHITECTURE.md): it imports no app but `common`. The
apps above register their own rules and scopes here in their `AppConfig.ready()`
(`register_rules`, `register_scopes`), where they can name their own models; this module knows
the job centre and the team only as the models `User.job_centre` and `User.team` point at.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from accounts.models import CASEWORK_ROLES, SECOND_FACTOR_ROLES, STAFF_ROLES, Role, User

Rule = Callable[[User, Any], bool]
Scope = Callable[[User], QuerySet]


def _model_of(field: str) -> Any:
    """The model a field of `User` points at: `job_centre` (centres.JobCentre) or `team`."""
    return User._meta.get_field(field).related_model


#: Staff who register citizens and correct their details.
CITIZEN_CARE_ROLES = frozenset({Role.JOB_CONSULTANT, Role.TEAM_LEADER, Role.ADMINISTRATOR})


def _staff(user: User, obj: Any = None) -> bool:
    """Staff who work with citizens' data: never a co-service helper (CASEWORK_ROLES)."""
    return user.role in CASEWORK_ROLES and user.job_centre_id is not None


def _same_centre(user: User, obj: Any) -> bool:
    centre_id = obj.id if isinstance(obj, _model_of("job_centre")) else obj.job_centre_id
    return _staff(user) and centre_id == user.job_centre_id


def _role(*roles: Role) -> Rule:
    def rule(user: User, obj: Any = None) -> bool:
        return _staff(user) and user.role in roles

    return rule


def _role_in_centre(*roles: Role) -> Rule:
    def rule(user: User, obj: Any) -> bool:
        return _role(*roles)(user, obj) and _same_centre(user, obj)

    return rule


def _own_citizen(user: User, obj: Any = None) -> bool:
    return user.role == Role.CITIZEN and hasattr(user, "citizen")


def _own_booking(user: User, obj: Any) -> bool:
    return _own_citizen(user) and obj.citizen_id == user.citizen.pk


def _booking_staff(user: User, obj: Any) -> bool:
    """The booking's consultant, or the centre's team leaders and administrators."""
    return _same_centre(user, obj) and (
        obj.consultant_id == user.pk or user.role in (Role.TEAM_LEADER, Role.ADMINISTRATOR)
    )


#: Staff who hold conversations with citizens and so have a calendar.
CONVERSATION_ROLES = (Role.JOB_CONSULTANT, Role.TEAM_LEADER)


def _runs_conversation(user: User, obj: Any) -> bool:
    """The conversation's own consultant, or a team leader of its job centre (who may step in)."""
    return (
        _same_centre(user, obj)
        and user.role in CONVERSATION_ROLES
        and (obj.consultant_id == user.pk or user.role == Role.TEAM_LEADER)
    )


def _own_record(user: User, obj: Any) -> bool:
    """Anything of the citizen's own that carries a `citizen_id`."""
    return _own_citizen(user) and obj.citizen_id == user.citizen.pk


#: Staff who hold the labour-market knowledge: companies, openings, the annual wheel.
LABOUR_ROLES = (Role.BUSINESS_CONSULTANT, Role.TEAM_LEADER, Role.ADMINISTRATOR)
#: Staff who match citizens and openings and set up company-oriented courses.
MATCHING_ROLES = (Role.JOB_CONSULTANT, Role.BUSINESS_CONSULTANT, Role.TEAM_LEADER)


#: Staff who train the method in their own conversations (action learning, issue 7).
LEARNING_ROLES = (Role.JOB_CONSULTANT, Role.TEAM_LEADER)


def _learner(user: User, obj: Any = None) -> bool:
    return _role(*LEARNING_ROLES)(user, obj) and user.team_id is not None


def _team_leader_of(user: User, obj: Any) -> bool:
    """The team leader of `obj`'s team (obj: a team, or anything with a `team_id`)."""
    team_id = obj.pk if isinstance(obj, _model_of("team")) else obj.team_id
    return _role(Role.TEAM_LEADER)(user, obj) and user.team_id == team_id


def _leads_a_team(user: User, obj: Any = None) -> bool:
    return _learner(user) and user.role == Role.TEAM_LEADER


def _team_member(user: User, obj: Any) -> bool:
    """A member (consultant or team leader) of `obj`'s team: the learning group."""
    team_id = obj.pk if isinstance(obj, _model_of("team")) else obj.team_id
    return _learner(user) and user.team_id == team_id


def _own_logbook_entry(user: User, obj: Any) -> bool:
    return _learner(user) and obj.consultant_id == user.pk


def _readable_logbook_entry(user: User, obj: Any) -> bool:
    """Private entries are the writer's alone; a shared one is read by the writer's team."""
    return _own_logbook_entry(user, obj) or (
        obj.shared and _learner(user) and user.team_id == obj.consultant.team_id
    )


def _observed(user: User, obj: Any) -> bool:
    return _learner(user) and obj.observed_id == user.pk


def _observer(user: User, obj: Any) -> bool:
    return _learner(user) and obj.observer_id == user.pk


def _facilitates(user: User, obj: Any) -> bool:
    return _learner(user) and (obj.facilitator_id == user.pk or _team_leader_of(user, obj))


def _consultant_in_team(user: User, obj: Any) -> bool:
    return _team_member(user, obj) and user.role == Role.JOB_CONSULTANT


RULES: dict[str, Rule] = {
    # Citizens' data, seen by staff (each look is written to the lookup log).
    "citizen.list": _staff,
    "citizen.view": _same_centre,
    "citizen.create": _role(*CITIZEN_CARE_ROLES),
    "citizen.edit": _role_in_centre(*CITIZEN_CARE_ROLES),
    # A citizen's own pages.
    "own_profile.view": _own_citizen,
    "own_profile.edit": _own_citizen,
    "own_lookups.view": _own_citizen,
    # GDPR rights (privacy): the citizen's data download and correction requests; staff who
    # correct details answer the requests; leaders export observation consents; the
    # administrator sets the centre's retention rules.
    "own_data.download": _own_citizen,
    "correction.request": _own_citizen,
    "correction.resolve": _role_in_centre(*CITIZEN_CARE_ROLES),  # obj: centre or request
    "consent.export": _role_in_centre(Role.TEAM_LEADER, Role.MANAGER),
    "retention.manage": _role_in_centre(Role.ADMINISTRATOR),
    # Self-booking. Staff never book in a citizen's name: they summon citizens exempt from
    # self-booking, or turn the screen so the citizen chooses ("facilitated").
    "booking.book_own": _own_citizen,
    "booking.change_own": _own_booking,
    "booking.manage": _booking_staff,
    "booking.configure": _role_in_centre(Role.ADMINISTRATOR, Role.TEAM_LEADER),
    "calendar.view": _role(*CONVERSATION_ROLES),
    "citizen.summon": _role_in_centre(*CONVERSATION_ROLES),
    "citizen.facilitate": _role_in_centre(*CONVERSATION_ROLES),
    "deadline.manage": _role_in_centre(*CONVERSATION_ROLES),
    # The citizen's own tools: Joblog, CV, Min Plan. Staff who hold conversations read them
    # (each look logged) but never edit the citizen's own entries.
    "joblog.use": _own_citizen,
    "cv.use": _own_citizen,
    "plan.use": _own_citizen,
    "job_search.read": _role_in_centre(*CONVERSATION_ROLES),
    "joblog.exempt": _role_in_centre(*CONVERSATION_ROLES),
    "joblog.configure": _role_in_centre(Role.ADMINISTRATOR, Role.TEAM_LEADER),
    # The conversation: preparation, guide, journal note and self-rating (obj: the booking).
    # The citizen evaluates their own held conversation; answers are only ever seen aggregated,
    # by leaders, over enough answers (evaluations.selectors).
    "conversation.run": _runs_conversation,
    # "evaluation.give" (the citizen's own held conversation): evaluations.access.
    "evaluation.aggregate": _role(Role.TEAM_LEADER, Role.MANAGER),
    # Overviews for leaders.
    # Labour-market knowledge (issue 6); obj is the job centre or the company/opening/event.
    "labour.view": _same_centre,
    "labour.edit": _role_in_centre(*LABOUR_ROLES),
    "taxonomy.import": _role(Role.BUSINESS_CONSULTANT, Role.ADMINISTRATOR),
    "matching.citizen": _role_in_centre(*MATCHING_ROLES),  # obj: the citizen
    "matching.opening": _role_in_centre(*MATCHING_ROLES),  # obj: the opening
    "suggestions.use": _own_citizen,
    "suggestion.respond": _own_record,
    "suggestions.follow": _role_in_centre(*CONVERSATION_ROLES),  # obj: the citizen
    "course.manage": _role_in_centre(*MATCHING_ROLES),  # obj: the centre or the course
    "course.view_own": _own_record,
    # Action learning (issue 7): a consultant's logbook is private unless shared with the
    # learning group (the team); an observation is between the observed and the observer;
    # meetings and sparring events belong to a team and are run by its team leader.
    "learning.use": _learner,
    "learning.lead": _leads_a_team,
    "team.techniques": _team_leader_of,  # obj: the team (techniques, feedback template)
    "logbook_entry.view": _readable_logbook_entry,
    "logbook_entry.edit": _own_logbook_entry,
    "observation.view": lambda user, obj: _observed(user, obj) or _observer(user, obj),
    "observation.manage": _observed,  # consent, cancel, acknowledge
    "observation.answer": _observer,  # accept, decline, give feedback
    "meeting.view": _team_member,
    "meeting.manage": _team_leader_of,  # obj: the team or the meeting
    "meeting.facilitate": _facilitates,
    "sparring.view": _team_member,
    "sparring.manage": _team_leader_of,  # obj: the team or the event
    "sparring.bring": _consultant_in_team,  # obj: the event
    # Leaders' figures (issue 8), obj: the job centre (or a team for "kpi.team"). Team leaders
    # see the centre's totals and their own team; managers and administrators every team.
    "kpi.view": _role_in_centre(Role.TEAM_LEADER, Role.MANAGER, Role.ADMINISTRATOR),
    "kpi.team": lambda user, obj: (
        _role_in_centre(Role.MANAGER, Role.ADMINISTRATOR)(user, obj)
        or (_team_leader_of(user, obj) and _same_centre(user, obj))
    ),
    "kpi.targets": _role_in_centre(Role.MANAGER),
    "kpi.recompute": _role_in_centre(Role.MANAGER, Role.ADMINISTRATOR, Role.TEAM_LEADER),
    "implementation.manage": _role_in_centre(Role.MANAGER),
    "team.overview": _role(Role.TEAM_LEADER),
    "centre.overview": _role(Role.MANAGER, Role.ADMINISTRATOR),
    # The job centre's settings, staff and teams.
    "centre.manage": _role_in_centre(Role.ADMINISTRATOR),
    "staff.manage": _role_in_centre(Role.ADMINISTRATOR),  # also resets a second factor
    "second_factor.own": lambda user, obj: user.is_superuser or user.role in SECOND_FACTOR_ROLES,
    "team.manage": _role_in_centre(Role.ADMINISTRATOR),
}


def can(user: Any, action: str, obj: Any = None) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    try:
        rule = RULES[action]
    except KeyError:
        raise ValueError(f"Unknown action {action!r}: add it to accounts.policy.RULES") from None
    return bool(rule(user, obj))


def require(user: Any, action: str, obj: Any = None) -> None:
    if not can(user, action, obj):
        raise PermissionDenied(action)


def signed_in(user: User | AnonymousUser) -> User:
    """`request.user` as the signed-in User it is in every view LoginRequiredMiddleware guards
    (PermissionDenied should an anonymous user ever get this far)."""
    if not isinstance(user, User):
        raise PermissionDenied("signed_in")
    return user


def centre_for(user: Any, action: str) -> Any:
    """The user's own job centre (a `centres.JobCentre`), where they may do `action`;
    PermissionDenied when they have no job centre or may not do it there."""
    centre = getattr(user, "job_centre", None)
    if centre is None:
        raise PermissionDenied(action)
    require(user, action, centre)
    return centre


def staff_visible_to(user: User) -> QuerySet:
    if not _staff(user):
        return User.objects.none()
    return User.objects.filter(job_centre_id=user.job_centre_id, role__in=STAFF_ROLES)


def is_staff(user: Any) -> bool:
    """Staff of a job centre: the first question of every scope."""
    return _staff(user)


def is_own_citizen(user: Any) -> bool:
    """A citizen with their own profile."""
    return _own_citizen(user)


#: The scopes by name: "staff" here, the others registered by their apps (`register_scopes`):
#: "citizens" (citizens.access), "bookings" and "topics" (booking.access), "teams"
#: (centres.access), "correction_requests" (privacy.access).
SCOPES: dict[str, Scope] = {"staff": staff_visible_to}


def register_rules(rules: Mapping[str, Rule]) -> None:
    """An app above adds the rules that name its own models (from its `AppConfig.ready()`)."""
    _register(RULES, rules, "rule")


def register_scopes(scopes: Mapping[str, Scope]) -> None:
    """An app above adds the scopes over its own models (from its `AppConfig.ready()`)."""
    _register(SCOPES, scopes, "scope")


def _register(registry: dict, entries: Mapping, kind: str) -> None:
    for name, entry in entries.items():
        if registry.get(name, entry) is not entry:
            raise ValueError(f"The {kind} {name!r} is already registered.")
        registry[name] = entry


def visible_to(user: Any, name: str) -> QuerySet:
    """The rows of `name` ("citizens", "bookings", ...) that `user` may reach."""
    try:
        scope = SCOPES[name]
    except KeyError:
        raise ValueError(f"Unknown scope {name!r}: register it with register_scopes") from None
    return scope(user)
