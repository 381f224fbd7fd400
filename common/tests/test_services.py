import uuid

import pytest
from django.core.exceptions import ValidationError

from centres.models import Team
from common.models import Submission
from common.services import submit_once


def test_the_same_token_creates_one_record(consultant):
    token = uuid.uuid4()

    def create():
        Team.objects.create(job_centre=consultant.job_centre, name=f"Team {Team.objects.count()}")
        return "/teams/"

    assert submit_once(token=token, user=consultant, create=create) == ("/teams/", True)
    assert submit_once(token=token, user=consultant, create=create) == ("/teams/", False)
    assert Team.objects.count() == 1
    assert Submission.objects.filter(token=token).count() == 1


def test_a_failed_create_releases_the_token(consultant):
    token = uuid.uuid4()

    def fail():
        raise ValidationError("nope")

    with pytest.raises(ValidationError):
        submit_once(token=token, user=consultant, create=fail)
    assert not Submission.objects.filter(token=token).exists()
    assert submit_once(token=token, user=consultant, create=lambda: "/ok/") == ("/ok/", True)
