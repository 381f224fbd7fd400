import pytest
from django.core.exceptions import ValidationError

from privacy.models import CorrectionStatus, RetentionRule
from privacy.services import (
    correction_request_create,
    correction_request_resolve,
    retention_rule_set,
    retention_rules_save,
)


def test_a_request_is_accepted_with_a_note(citizen, consultant):
    item = correction_request_create(
        citizen=citizen, what_is_wrong=" Mit telefonnummer ", should_be="20 12 34 56"
    )
    assert item.job_centre == citizen.job_centre and item.what_is_wrong == "Mit telefonnummer"
    done = correction_request_resolve(
        request=item, by=consultant, accepted=True, answer="Nummeret er rettet."
    )
    assert done.status == CorrectionStatus.ACCEPTED
    assert done.resolved_by == consultant and done.resolved_at is not None


def test_a_rejection_needs_a_reason_and_an_answer_is_given_once(citizen, consultant):
    item = correction_request_create(citizen=citizen, what_is_wrong="x", should_be="y")
    with pytest.raises(ValidationError):
        correction_request_resolve(request=item, by=consultant, accepted=False, answer="  ")
    item.refresh_from_db()
    assert item.status == CorrectionStatus.OPEN
    correction_request_resolve(request=item, by=consultant, accepted=False, answer="Det er rigtigt")
    with pytest.raises(ValidationError):
        correction_request_resolve(request=item, by=consultant, accepted=True, answer="Igen")
    item.refresh_from_db()
    assert item.status == CorrectionStatus.REJECTED and item.resolution == "Det er rigtigt"


def test_the_lookup_log_can_only_be_deleted(centre):
    with pytest.raises(ValidationError):
        retention_rule_set(
            job_centre=centre, data_type="lookup_log", years=5, months=0, action="anonymise"
        )
    with pytest.raises(ValidationError):
        retention_rule_set(
            job_centre=centre, data_type="notifications", years=0, months=0, action="delete"
        )
    assert not RetentionRule.objects.filter(job_centre=centre).exists()


def test_saving_the_default_keeps_no_own_rule(centre):
    rules = [
        {"data_type": "notifications", "years": 1, "months": 0, "action": "delete"},
        {"data_type": "lookup_log", "years": 3, "months": 6, "action": "delete"},
    ]
    retention_rules_save(job_centre=centre, rules=rules)
    own = RetentionRule.objects.filter(job_centre=centre)
    assert [(r.data_type, r.years, r.months) for r in own] == [("lookup_log", 3, 6)]
