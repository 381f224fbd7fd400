"""common.services (submit_once, model_update) tried on a team: common has no model of its own
with a relation to compare, and it sits below centres (docs/ARCHITECTURE.md, "Layers")."""

import uuid

import pytest
from django.core.exceptions import ValidationError

from centres.models import Team
from common.models import Submission
from common.services import model_update, submit_once


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


def test_model_update_sets_the_fields_and_names_those_that_changed(consultant, centre):
    team = Team.objects.create(job_centre=centre, name="Nord", description="Gamle")
    changed = model_update(instance=team, data={"name": "Nord", "description": "Nye"})
    assert changed == ["description"] and team.description == "Nye"


def test_model_update_compares_a_relation_by_its_key_without_reading_it(
    consultant, centre, django_assert_num_queries
):
    team = Team.objects.create(job_centre=centre, name="Nord")
    team = Team.objects.get(pk=team.pk)  # the centre is not read yet
    with django_assert_num_queries(0):
        assert model_update(instance=team, data={"job_centre": centre}) == []
    assert team.job_centre == centre


def test_model_update_refuses_a_field_the_service_does_not_offer(centre):
    team = Team(job_centre=centre, name="Nord")
    with pytest.raises(TypeError):
        model_update(instance=team, fields=("name",), data={"name": "Syd", "job_centre": None})
    assert team.name == "Nord"
