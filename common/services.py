import uuid
from collections.abc import Callable, Collection, Mapping
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, models, transaction

from common.models import Submission


def submit_once(*, token: uuid.UUID, user, create: Callable[[], str]) -> tuple[str, bool]:
    """Runs `create` at most once per form token and returns (URL of the result, created).

    The token is inserted under a unique constraint in the same transaction as the record, so
    a double click or a resubmitted page finds the first result instead of making a second
    record; if `create` raises, the token is released with everything else."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                submission = Submission.objects.create(token=token, user=user)
        except IntegrityError:
            earlier = Submission.objects.filter(token=token, user=user).first()
            return (earlier.result_url if earlier else ""), False
        submission.result_url = create()
        submission.save(update_fields=["result_url"])
        return submission.result_url, True


def model_update(
    *, instance: models.Model, data: Mapping[str, Any], fields: Collection[str] | None = None
) -> list[str]:
    """Sets the instance's fields from `data` and returns the names whose value changed (in
    `data`'s order); validating and saving are the caller's. With `fields`, a key of `data`
    outside them is a programming error (TypeError): nobody sets a field the service does
    not offer. A relation is compared by its key, so nothing is read from the database."""
    if fields is not None and (unknown := set(data) - set(fields)):
        raise TypeError(f"Not a {type(instance).__name__} field here: {', '.join(sorted(unknown))}")
    changed = []
    for name, value in data.items():
        try:
            attname = instance._meta.get_field(name).attname  # type: ignore[union-attr]
        except (FieldDoesNotExist, AttributeError):
            attname = name
        if attname == name:
            before, after = getattr(instance, name), value
        else:  # a foreign key: compare the ids
            before, after = getattr(instance, attname), getattr(value, "pk", value)
        if before != after:
            changed.append(name)
        setattr(instance, name, value)
    return changed
