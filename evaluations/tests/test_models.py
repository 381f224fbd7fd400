"""An answer is stored apart from the conversation: nothing in it points at a booking, a
citizen or a person."""

from django.db import models

from evaluations.models import Evaluation, EvaluationReceipt


def test_an_evaluation_points_at_no_booking_citizen_or_user():
    targets = {
        f.related_model._meta.label
        for f in Evaluation._meta.get_fields()
        if f.is_relation and f.related_model is not None
    }
    assert targets == {"centres.JobCentre", "centres.Team"}
    assert {f.name for f in Evaluation._meta.concrete_fields} == {
        "id",
        "job_centre",
        "team",
        "answered_on",
        "score",
        "words",
    }


def test_an_evaluation_has_a_random_key_and_no_time_of_day():
    assert isinstance(Evaluation._meta.pk, models.UUIDField)
    assert isinstance(Evaluation._meta.get_field("answered_on"), models.DateField)
    assert not isinstance(Evaluation._meta.get_field("answered_on"), models.DateTimeField)


def test_the_receipt_says_nothing_about_the_answer():
    assert {f.name for f in EvaluationReceipt._meta.concrete_fields} == {"id", "booking"}
    assert EvaluationReceipt._meta.get_field("booking").one_to_one
