import uuid
from collections.abc import Callable

from django.db import IntegrityError, transaction

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
