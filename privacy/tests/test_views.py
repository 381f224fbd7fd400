import json
import uuid
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from audit.models import LookupLog
from citizens.tests.factories import CitizenFactory
from learning.models import ConsentMethod
from privacy.models import CorrectionRequest, CorrectionStatus, RetentionRule
from privacy.services import correction_request_create


def test_the_citizen_downloads_their_data_as_json(client, citizen):
    client.force_login(citizen.user)
    response = client.get(reverse("privacy:own_data_download"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="mine-data-')
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["areas"][0]["rows"][0]["name"] == citizen.user.name
    assert citizen.cpr not in response.content.decode()


def test_the_readable_page_has_a_heading_per_area(client, citizen):
    client.force_login(citizen.user)
    response = client.get(reverse("privacy:own_data"))
    body = response.content.decode()
    assert response.status_code == 200
    assert f"{citizen.cpr[:6]}-XXXX" in body and citizen.cpr not in body
    assert body.count('<h2 id="area-') >= 10


def test_the_readable_page_shows_rows_with_their_children(client, citizen):
    from cv.tests.factories import CVFactory, WorkExperienceFactory

    WorkExperienceFactory(cv=CVFactory(citizen=citizen), employer="Bageriet ApS")
    client.force_login(citizen.user)
    body = client.get(reverse("privacy:own_data")).content.decode()
    assert "Bageriet ApS" in body


def test_the_consent_page_lists_the_centres_consents(client, citizen, consultant):
    _consent(consultant, citizen)
    client.force_login(StaffFactory(job_centre=citizen.job_centre, role=Role.MANAGER))
    response = client.get(reverse("privacy:consents"))
    assert response.status_code == 200
    assert citizen.user.name in response.content.decode()


def test_staff_have_no_data_download(client, consultant):
    client.force_login(consultant)
    assert client.get(reverse("privacy:own_data_download")).status_code == 403


def test_a_correction_request_is_made_once_per_form(client, citizen):
    client.force_login(citizen.user)
    token = str(uuid.uuid4())
    data = {"what_is_wrong": "Postnummer", "should_be": "8000", "submission_token": token}
    for _ in range(2):
        response = client.post(reverse("privacy:own_corrections"), data)
        assert response.status_code == 302
    assert CorrectionRequest.objects.filter(citizen=citizen).count() == 1


def test_an_empty_request_is_refused_and_nothing_saved(client, citizen):
    client.force_login(citizen.user)
    response = client.post(
        reverse("privacy:own_corrections"),
        {"what_is_wrong": "", "should_be": "", "submission_token": str(uuid.uuid4())},
    )
    assert response.status_code == 400
    assert not CorrectionRequest.objects.exists()


def test_staff_see_only_their_centres_requests_and_answer_them(
    client, citizen, consultant, other_centre
):
    mine = correction_request_create(citizen=citizen, what_is_wrong="Navn", should_be="Nyt")
    theirs = correction_request_create(
        citizen=CitizenFactory(job_centre=other_centre), what_is_wrong="Andet", should_be="x"
    )
    client.force_login(consultant)
    listing = client.get(reverse("privacy:corrections")).content.decode()
    assert citizen.user.name in listing and theirs.citizen.user.name not in listing
    assert client.get(reverse("privacy:correction_resolve", args=[theirs.pk])).status_code == 404

    assert client.get(reverse("privacy:correction_resolve", args=[mine.pk])).status_code == 200
    assert LookupLog.objects.filter(citizen=citizen, actor=consultant).count() == 1
    response = client.post(
        reverse("privacy:correction_resolve", args=[mine.pk]),
        {"decision": "accept", "answer": "Navnet er rettet."},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == CorrectionStatus.ACCEPTED

    client.force_login(citizen.user)
    own = client.get(reverse("privacy:own_corrections")).content.decode()
    assert "Navnet er rettet." in own


def test_a_business_consultant_does_not_answer_requests(client, centre):
    client.force_login(StaffFactory(job_centre=centre, role=Role.BUSINESS_CONSULTANT))
    assert client.get(reverse("privacy:corrections")).status_code == 403


def test_an_administrator_sets_the_centres_retention_rules(client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("privacy:retention"))
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["lookup_log_years"] = 2
    response = client.post(reverse("privacy:retention"), data)
    assert response.status_code == 302
    own = RetentionRule.objects.get(job_centre=admin_user.job_centre)
    assert (own.data_type, own.years) == ("lookup_log", 2)


def test_a_zero_period_is_refused(client, admin_user):
    client.force_login(admin_user)
    form = client.get(reverse("privacy:retention")).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update(notifications_years=0, notifications_months=0)
    assert client.post(reverse("privacy:retention"), data).status_code == 400
    assert not RetentionRule.objects.filter(job_centre=admin_user.job_centre).exists()


def test_consultants_cannot_set_retention(client, consultant):
    client.force_login(consultant)
    assert client.get(reverse("privacy:retention")).status_code == 403


def _consent(consultant, citizen):
    from booking.tests.factories import BookingFactory
    from learning.tests.factories import ObservationFactory

    booking = BookingFactory(
        citizen=citizen, consultant=consultant, start=timezone.now() + timedelta(days=1)
    )
    return ObservationFactory(
        booking=booking, consent_at=timezone.now(), consent_method=ConsentMethod.WRITTEN
    )


def test_a_team_leader_downloads_the_centres_consents(client, citizen, consultant, other_centre):
    _consent(consultant, citizen)
    other_staff = StaffFactory(job_centre=other_centre)
    other = CitizenFactory(job_centre=other_centre)
    _consent(other_staff, other)
    client.force_login(StaffFactory(job_centre=citizen.job_centre, role=Role.TEAM_LEADER))
    response = client.get(reverse("privacy:consents_csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    body = response.content.decode("utf-8-sig")
    lines = body.strip().split("\r\n")
    assert len(lines) == 2
    assert citizen.user.name in lines[1] and other.user.name not in body
    assert citizen.cpr not in body


def test_a_consultant_cannot_export_consents(client, consultant):
    client.force_login(consultant)
    assert client.get(reverse("privacy:consents_csv")).status_code == 403


def test_the_answer_page_is_reached_only_by_the_centres_care_staff(
    client, citizen, other_citizen, consultant, admin_user, other_centre
):
    """The row `tests/security/test_access_matrix.py` needs for this URL:
    owner 403, other citizen 404, consultant 200, admin 200, other centre's admin 404,
    anonymous 302."""
    url = reverse(
        "privacy:correction_resolve",
        args=[correction_request_create(citizen=citizen, what_is_wrong="x", should_be="y").pk],
    )
    other_admin = StaffFactory(job_centre=other_centre, role=Role.ADMINISTRATOR)
    actors = [citizen.user, other_citizen.user, consultant, admin_user, other_admin, None]
    codes = []
    for actor in actors:
        client.logout()
        if actor is not None:
            client.force_login(actor)
        codes.append(client.get(url).status_code)
    assert codes == [403, 404, 200, 200, 404, 302]
