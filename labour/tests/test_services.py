"""Companies, contacts, agreements and openings as the services write them."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import override

from labour import selectors
from labour.models import JobOpening
from labour.search import document_for
from labour.services import companies as services
from labour.tests.factories import (
    VALID_CVRS,
    AgreementFactory,
    CompanyFactory,
    ContactFactory,
    OpeningFactory,
)

pytestmark = pytest.mark.django_db


def company_data(**changes):
    data = {"cvr": VALID_CVRS[0], "name": "Lager Nord A/S", "postcode": "2605", "town": "Brøndby"}
    data.update(changes)
    return data


def test_a_company_is_saved_with_its_cvr_number_compacted(centre):
    company = services.company_create(job_centre=centre, data=company_data(cvr="13 58 56 28"))
    assert company.cvr == "13585628" and company.job_centre == centre


def test_a_cvr_number_whose_check_digit_fails_is_refused_in_danish(centre):
    with pytest.raises(ValidationError) as refused:
        services.company_create(job_centre=centre, data=company_data(cvr="13585629"))
    assert refused.value.code == "checksum"
    with override("en"), pytest.raises(ValidationError) as refused:
        services.cvr_clean("13585629")
    assert "check digit" in refused.value.messages[0]


def test_a_cvr_number_of_the_wrong_length_says_so(centre):
    with pytest.raises(ValidationError) as refused:
        services.cvr_clean("1234")
    assert refused.value.code == "format"


def test_the_same_cvr_number_twice_in_a_centre_names_the_company_that_has_it(centre):
    CompanyFactory(job_centre=centre, cvr=VALID_CVRS[0], name="Først A/S")
    with pytest.raises(ValidationError) as refused, override("en"):
        services.company_create(job_centre=centre, data=company_data())
    assert "Først A/S" in refused.value.message_dict["cvr"][0]


def test_another_centre_may_register_the_same_company(centre, other_centre):
    CompanyFactory(job_centre=other_centre, cvr=VALID_CVRS[0])
    assert services.company_create(job_centre=centre, data=company_data()).pk


def test_updating_a_company_keeps_its_own_cvr_number(centre):
    company = CompanyFactory(job_centre=centre, cvr=VALID_CVRS[1])
    services.company_update(company=company, data={"cvr": VALID_CVRS[1], "tone": "Direkte"})
    company.refresh_from_db()
    assert company.tone == "Direkte"


def test_one_primary_contact_per_company(centre):
    company = CompanyFactory(job_centre=centre)
    first = services.contact_create(company=company, data={"name": "Anne", "is_primary": True})
    second = services.contact_create(company=company, data={"name": "Bent", "is_primary": True})
    first.refresh_from_db()
    assert (first.is_primary, second.is_primary) == (False, True)


def test_an_agreement_ends_and_cannot_end_before_it_starts(centre):
    agreement = AgreementFactory(company=CompanyFactory(job_centre=centre))
    today = timezone.localdate()
    services.agreement_end(agreement=agreement, on=today)
    assert agreement.ends_on == today
    with pytest.raises(ValidationError):
        services.agreement_end(agreement=agreement, on=today + timedelta(days=1))
    with pytest.raises(ValidationError):
        services.agreement_create(
            company=agreement.company,
            data={"title": "X", "starts_on": today, "ends_on": today - timedelta(days=1)},
        )


def test_an_opening_gets_its_search_document_and_today_as_posted(centre, business_consultant):
    opening = services.opening_create(
        job_centre=centre,
        consultant=business_consultant,
        data={"title": "Sygeplejersker til akutmodtagelsen", "employer_name": "Hvidovre Hospital"},
    )
    assert opening.date_posted == timezone.localdate()
    assert "sygeplejersk" in opening.search_document
    services.opening_update(opening=opening, data={"title": "Lagerarbejdere"})
    opening.refresh_from_db()
    assert opening.search_document == document_for(opening)
    assert "lagerarbejd" in opening.search_document


def test_an_opening_needs_an_employer_and_a_contact_from_its_company(centre):
    with pytest.raises(ValidationError) as refused:
        services.opening_create(job_centre=centre, consultant=None, data={"title": "Kok"})
    assert "company" in refused.value.message_dict
    company = CompanyFactory(job_centre=centre)
    stranger = ContactFactory(company=CompanyFactory(job_centre=centre))
    with pytest.raises(ValidationError) as refused:
        services.opening_create(
            job_centre=centre,
            consultant=None,
            data={"title": "Kok", "company": company, "contact": stranger},
        )
    assert "contact" in refused.value.message_dict


def test_taking_an_opening_off_the_board_ends_it_yesterday(centre):
    opening = OpeningFactory(job_centre=centre)
    today = timezone.localdate()
    services.opening_end(opening=opening, today=today)
    assert opening.valid_through == today - timedelta(days=1)
    assert not JobOpening.objects.filter(selectors.open_q(today), pk=opening.pk).exists()
    with pytest.raises(ValidationError):
        services.opening_end(opening=opening, today=today)


@pytest.mark.parametrize(
    ("now", "tuesday"),
    [
        (datetime(2026, 11, 23, 9, 0), date(2026, 11, 17)),  # Monday
        (datetime(2026, 11, 24, 0, 0), date(2026, 11, 17)),  # Tuesday: the one before
        (datetime(2026, 11, 24, 23, 59), date(2026, 11, 17)),  # Tuesday evening
        (datetime(2026, 11, 25, 0, 0), date(2026, 11, 24)),  # Wednesday
        (datetime(2026, 11, 29, 12, 0), date(2026, 11, 24)),  # Sunday
        (datetime(2026, 4, 1, 8, 0), date(2026, 3, 31)),  # after the switch to summer time
        (datetime(2026, 3, 30, 8, 0), date(2026, 3, 24)),  # before it, a Monday
    ],
)
def test_last_tuesday_is_the_tuesday_before_today_at_midnight_local_time(now, tuesday):
    local = timezone.make_aware(now)
    result = selectors.last_tuesday(local)
    assert timezone.localtime(result).date() == tuesday
    assert timezone.localtime(result).time() == datetime.min.time()
    assert result <= local


def test_last_tuesday_from_a_utc_moment_uses_the_danish_day():
    # Tuesday 23:30 UTC is already Wednesday 00:30 in Copenhagen (winter time).
    utc_moment = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
    result = selectors.last_tuesday(utc_moment)
    assert timezone.localtime(result).date() == date(2026, 11, 24)
