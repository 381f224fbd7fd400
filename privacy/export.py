"""Everything stored about a citizen, collected generically for the right of access.

It starts from the profile and follows every relation to the citizen
(`Citizen._meta.related_objects`) and, below each, the rows that belong to it (a CV's
sections, a plan's agreements, a conversation's journal note) up to `MAX_DEPTH`, so a new app
with a key to the citizen is included without a change here. Left out, each with its reason:
the models in `EXCLUDED`, and internal secrets (keyed hashes, encrypted columns, tokens, keys).
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit.selectors import lookups_for_citizen
from citizens.models import Citizen
from common.crypto import EncryptedTextField
from joblog.models import Channel

#: How far below the citizen the collection follows relations (citizen → CV → sections is 2).
MAX_DEPTH = 3

#: Models related to a citizen's data that the export leaves out on purpose.
EXCLUDED: dict[str, str] = {
    "evaluations.EvaluationReceipt": (
        "Evaluations are anonymous by design: the answer is stored apart with no key to the "
        "citizen, and the receipt only stops a second question."
    ),
    "learning.LogbookEntry": (
        "The consultant's own learning logbook about their technique; it never names the "
        "citizen and is not the citizen's data."
    ),
    "booking.BookingDeadline": "Exported from the citizen directly, not again under a booking.",
    "suggestions.JobSuggestion": "Exported from the citizen directly, not again under a batch.",
}

#: For models where only part of the row is the citizen's: the fields to export.
ONLY_FIELDS: dict[str, tuple[str, ...]] = {
    # An observation's feedback is about the consultant; the citizen's part is the consent.
    "learning.Observation": ("status", "requested_at", "consent_at", "consent_method"),
}

#: Rows addressed to the citizen's login rather than the profile: (model label, field to user).
USER_RELATIONS = (("notifications.Notification", "recipient"),)

_SECRET = re.compile(r"(^|_)(hash|token|secret|password|key|idempotency_key|public_id)($|_)")
_CITIZEN_FIELDS = ("user", "job_centre", "cpr", "cpr_hash", "public_id", "id")


@dataclass
class Row:
    values: dict[str, Any]
    display: list[tuple[str, str]]
    children: list["Section"] = field(default_factory=list)


@dataclass
class Section:
    key: str
    title: str
    columns: list[tuple[str, str]]
    rows: list[Row] = field(default_factory=list)

    @property
    def has_children(self) -> bool:
        return any(row.children for row in self.rows)

    def as_json(self) -> dict:
        return {
            "area": self.key,
            "title": self.title,
            "fields": dict(self.columns),
            "rows": [
                {
                    **row.values,
                    **({"related": [c.as_json() for c in row.children]} if row.children else {}),
                }
                for row in self.rows
            ],
        }


#: Danish-first labels for the columns whose field has no verbose name of its own (Django would
#: show the attribute's English name) and for the few models without one.
FIELD_LABELS = {
    "action": _("action"),
    "actor": _("who"),
    "actor_role": _("role"),
    "approved_at": _("approved"),
    "approved_by": _("approved by"),
    "approved_by_user": _("approved by (person)"),
    "at": _("time"),
    "author": _("written by"),
    "blocked_until": _("blocked until"),
    "cancelled_at": _("cancelled"),
    "changed_at": _("changed"),
    "changed_by": _("changed by"),
    "consent_at": _("consent given"),
    "consultant": _("consultant"),
    "conversation": _("conversation"),
    "created_at": _("created"),
    "created_by": _("created by"),
    "detail": _("details"),
    "event": _("sparring week"),
    "facilitated_by": _("facilitated by"),
    "field": _("field"),
    "finalised_by": _("finalised by"),
    "finished_at": _("finished"),
    "job_centre": _("job centre"),
    "missed_at": _("missed"),
    "origin": _("origin"),
    "part": _("part"),
    "purpose": _("purpose"),
    "requested_at": _("requested"),
    "rescheduled_at": _("moved"),
    "room": _("room"),
    "skill": _("skill"),
    "slot": _("time"),
    "started_at": _("started"),
    "started_by": _("started by"),
    "status": _("status"),
    "status_changed_at": _("status changed"),
    "status_changed_by": _("status changed by"),
    "subject": _("what was seen"),
    "submitted_at": _("submitted"),
    "text": _("text"),
    "topic": _("topic"),
    "updated_at": _("updated"),
    "updated_by": _("updated by"),
    "version": _("version"),
}
#: JSON list fields that hold choice codes: "Mine data" shows their names (the JSON, the codes).
LIST_CHOICES = {("plans.Plan", "channels"): Channel.choices}
MODEL_LABELS = {
    "cv.CvSkill": _("Skills"),
    "audit.LookupLog": _("Who has seen your data"),
    "conversations.GuideNote": _("Notes from the conversation guide"),
    "conversations.Timeout": _("Timeouts in the conversation"),
}


def field_label(f) -> str:
    unnamed = f.verbose_name == f.name.replace("_", " ")
    return str(FIELD_LABELS[f.name]) if unnamed and f.name in FIELD_LABELS else str(f.verbose_name)


def model_label(model: type[models.Model]) -> str:
    if model._meta.label in MODEL_LABELS:
        return str(MODEL_LABELS[model._meta.label])
    return str(model._meta.verbose_name_plural).capitalize()


def _exported_fields(model: type[models.Model], parent: type[models.Model] | None) -> list:
    only = ONLY_FIELDS.get(model._meta.label)
    fields = []
    for f in model._meta.concrete_fields:
        if only is not None and f.name not in only:
            continue
        if f.primary_key or isinstance(f, EncryptedTextField) or _SECRET.search(f.name):
            continue
        if f.is_relation and f.related_model in (Citizen, parent):
            continue  # the citizen, or the row it is listed under
        fields.append(f)
    return fields


def _value(obj: models.Model, f) -> tuple[Any, str]:
    """(JSON value, display text) of one field."""
    if f.is_relation:
        target = getattr(obj, f.name)
        text = "" if target is None else str(target)
        return text, text
    raw = getattr(obj, f.name)
    if f.choices:
        return raw, str(getattr(obj, f"get_{f.name}_display")())
    if isinstance(raw, datetime):
        local = timezone.localtime(raw)
        return local.isoformat(), date_format(local, "SHORT_DATETIME_FORMAT")
    if isinstance(raw, date):
        return raw.isoformat(), date_format(raw, "SHORT_DATE_FORMAT")
    if isinstance(raw, bool):
        return raw, _("Yes") if raw else _("No")
    if raw is None:
        return None, ""
    if isinstance(raw, list):
        labels = dict(LIST_CHOICES.get((obj._meta.label, f.name), []))
        return raw, ", ".join(str(labels.get(item, item)) for item in raw)
    if isinstance(raw, dict):
        return raw, ", ".join(f"{key}: {item}" for key, item in raw.items())
    return (raw if isinstance(raw, (int, float, str)) else str(raw)), str(raw)


def _row(obj: models.Model, fields: list, depth: int) -> Row:
    values, display = {}, []
    for f in fields:
        value, text = _value(obj, f)
        values[f.name] = value
        display.append((field_label(f), text))
    children = _children(obj, depth + 1) if depth < MAX_DEPTH else []
    return Row(values=values, display=display, children=children)


def _section(model, objects, parent, depth: int) -> Section:
    fields = _exported_fields(model, parent)
    return Section(
        key=model._meta.label,
        title=model_label(model),
        columns=[(f.name, field_label(f)) for f in fields],
        rows=[_row(obj, fields, depth) for obj in objects],
    )


def _related(obj: models.Model, relation) -> list[models.Model]:
    accessor = relation.get_accessor_name()
    if relation.one_to_one:
        try:
            return [getattr(obj, accessor)]
        except relation.related_model.DoesNotExist:
            return []
    return list(getattr(obj, accessor).all())


def _has_citizen_key(model) -> bool:
    return any(f.is_relation and f.related_model is Citizen for f in model._meta.concrete_fields)


def _children(obj: models.Model, depth: int) -> list[Section]:
    sections = []
    for relation in type(obj)._meta.related_objects:
        model = relation.related_model
        if model._meta.label in EXCLUDED or _has_citizen_key(model):
            continue  # left out, or exported from the citizen directly
        objects = _related(obj, relation)
        if objects:
            sections.append(_section(model, objects, type(obj), depth))
    return sections


ModelAndParent = tuple[type[models.Model], type[models.Model] | None]


def exported_models() -> list[ModelAndParent]:
    """Every (model, parent) the export can show, walked as `_children` walks rows."""
    found: list[ModelAndParent] = []
    level: list[ModelAndParent] = [(r.related_model, None) for r in citizen_relations()]
    for _depth in range(MAX_DEPTH + 1):
        found += level
        level = [
            (r.related_model, model)
            for model, _parent in level
            for r in model._meta.related_objects
            if r.related_model._meta.label not in EXCLUDED and not _has_citizen_key(r.related_model)
        ]
    return found


def citizen_relations() -> list:
    """The relations from the citizen that the export follows."""
    return [r for r in Citizen._meta.related_objects if r.related_model._meta.label not in EXCLUDED]


def _profile(citizen: Citizen) -> Section:
    user = citizen.user
    fields = [f for f in Citizen._meta.concrete_fields if f.name not in _CITIZEN_FIELDS]
    values: dict[str, Any] = {
        "name": user.name,
        "email": user.email,
        "username": user.username,
        "cpr": citizen.cpr_masked,
        "job_centre": citizen.job_centre.name,
    }
    display = [
        (str(user._meta.get_field("name").verbose_name), user.name),
        (_("E-mail"), user.email),
        (_("Username"), user.username),
        (str(Citizen._meta.get_field("cpr").verbose_name), citizen.cpr_masked),
        (_("Job centre"), citizen.job_centre.name),
    ]
    for f in fields:
        value, text = _value(citizen, f)
        values[f.name] = value
        display.append((str(f.verbose_name), text))
    columns = [(k, label) for k, (label, _t) in zip(values, display, strict=True)]
    return Section(
        key="citizens.Citizen",
        title=_("Your details"),
        columns=columns,
        rows=[Row(values=values, display=display)],
    )


def _lookup_section(citizen: Citizen) -> Section:
    """Who looked at the citizen's data, through the audit app's own selector (which hides
    staff names where the job centre has chosen so)."""
    columns = [
        ("when", _("When")),
        ("who", _("Who")),
        ("role", _("Role")),
        ("job_centre", _("Job centre")),
        ("subject", _("What")),
        ("purpose", _("Purpose")),
    ]
    section = Section(key="audit.LookupLog", title=_("Who has seen your data"), columns=columns)
    number = 1
    while True:
        page = lookups_for_citizen(citizen=citizen, page=number, per_page=500)
        for line in page.object_list:
            local = timezone.localtime(line.when)
            values = {
                "when": local.isoformat(),
                "who": line.who,
                "role": line.role,
                "job_centre": line.job_centre,
                "subject": line.subject,
                "purpose": line.purpose,
            }
            display = [(label, str(values[name])) for name, label in columns]
            display[0] = (columns[0][1], date_format(local, "SHORT_DATETIME_FORMAT"))
            section.rows.append(Row(values=values, display=display))
        if not page.has_next():
            return section
        number += 1


def citizen_export(*, citizen: Citizen) -> list[Section]:
    """All the citizen's data as sections: the profile, the lookup log, then one section per
    relation (empty ones too, so the reader sees what the system can hold)."""
    sections = [_profile(citizen), _lookup_section(citizen)]
    for relation in citizen_relations():
        model = relation.related_model
        if model._meta.label == "audit.LookupLog":
            continue  # above, through the audit selector
        sections.append(_section(model, _related(citizen, relation), Citizen, 1))
    from django.apps import apps

    for label, user_field in USER_RELATIONS:
        model = apps.get_model(label)
        objects = model._default_manager.filter(**{user_field: citizen.user})
        sections.append(_section(model, objects, type(citizen.user), 1))
    return sections


def citizen_export_json(*, citizen: Citizen) -> dict:
    return {
        "generated_at": timezone.localtime().isoformat(),
        "job_centre": citizen.job_centre.name,
        "areas": [s.as_json() for s in citizen_export(citizen=citizen)],
    }
