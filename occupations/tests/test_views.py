"""The balance pages: the list for staff, the import for business consultants and
administrators; a job consultant and a citizen get 403, the anonymous are sent to log in."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from occupations.models import LabourBalance, Occupation, Prospect
from occupations.tests.factories import LabourBalanceFactory
from places.models import Area

pytestmark = pytest.mark.django_db

LIST = reverse("occupations:balance")
IMPORT = reverse("occupations:balance_import")
GOOD = "occupation;disco;area;prospect\nLagerarbejder;9333;Hovedstaden;Mangel på arbejdskraft\n"


@pytest.fixture
def business_consultant(centre):
    return StaffFactory(job_centre=centre, role=Role.BUSINESS_CONSULTANT, username="vk")


def _upload(client, text: bytes | str, **data):
    content = text.encode() if isinstance(text, str) else text
    return client.post(
        IMPORT, {"file": SimpleUploadedFile("balance.csv", content, "text/csv"), **data}
    )


@pytest.mark.parametrize(
    ("who", "url", "status"),
    [
        ("consultant", LIST, 200),
        ("business_consultant", LIST, 200),
        ("admin_user", LIST, 200),
        ("citizen", LIST, 403),
        ("consultant", IMPORT, 403),
        ("citizen", IMPORT, 403),
        ("business_consultant", IMPORT, 200),
        ("admin_user", IMPORT, 200),
    ],
)
def test_who_may_see_what(client, request, who, url, status):
    client.force_login(
        request.getfixturevalue(who).user if who == "citizen" else request.getfixturevalue(who)
    )
    assert client.get(url).status_code == status


def test_a_consultant_cannot_post_an_import(client, consultant):
    client.force_login(consultant)
    assert _upload(client, GOOD).status_code == 403
    assert not LabourBalance.objects.exists()


@pytest.mark.parametrize("url", [LIST, IMPORT])
def test_the_anonymous_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "next=" in response["Location"]


def test_the_list_shows_the_centres_area_by_default(client, consultant):
    consultant.job_centre.postcode = "2605"
    consultant.job_centre.save()
    warehouse = Occupation.objects.get(title="Lagerarbejder")
    LabourBalanceFactory(occupation=warehouse, prospect=Prospect.SHORTAGE)
    LabourBalanceFactory(occupation=Occupation.objects.get(title="Kok"), area=Area.NORDJYLLAND)
    client.force_login(consultant)
    page = client.get(LIST).content.decode()
    assert "Lagerarbejder" in page and "Mangel på arbejdskraft" in page
    assert ">Kok<" not in page
    every = client.get(LIST, {"area": ""}).content.decode()
    assert ">Kok<" in every and "Lagerarbejder" in every
    north = client.get(LIST, {"area": Area.NORDJYLLAND, "prospect": Prospect.GOOD})
    assert ">Kok<" in north.content.decode()
    assert "Importér balancen" not in page  # a job consultant does not import


def test_a_business_consultant_imports_a_file(client, business_consultant):
    client.force_login(business_consultant)
    with translation.override("en"):
        response = _upload(client, GOOD, period="2026-2")
    assert response.status_code == 200
    assert "1 nye, 0 opdaterede, 0 uændrede" in response.content.decode()
    balance = LabourBalance.objects.get()
    assert (balance.area, balance.prospect, balance.period) == (
        Area.HOVEDSTADEN,
        Prospect.SHORTAGE,
        "2026-2",
    )


def test_bad_rows_are_listed_by_line_and_the_good_imported(client, business_consultant):
    client.force_login(business_consultant)
    with translation.override("en"):
        response = _upload(client, GOOD + "Astronaut;;Fyn;Gode\n")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<th scope="row">3</th>' in html and "Astronaut" in html
    assert LabourBalance.objects.count() == 1


def test_all_or_nothing_imports_nothing(client, business_consultant):
    client.force_login(business_consultant)
    with translation.override("en"):
        response = _upload(client, GOOD + "Astronaut;;Fyn;Gode\n", all_or_nothing="on")
    assert response.status_code == 400
    assert "Intet blev importeret" in response.content.decode()
    assert not LabourBalance.objects.exists()


def test_a_wrong_encoding_is_a_message_on_the_field(client, business_consultant):
    client.force_login(business_consultant)
    response = _upload(client, GOOD.encode("cp1252"))
    assert response.status_code == 400
    assert "UTF-8" in response.content.decode()
    assert not LabourBalance.objects.exists()


def test_a_bad_period_is_refused(client, business_consultant):
    client.force_login(business_consultant)
    response = _upload(client, GOOD, period="efterår")
    assert response.status_code == 400
    assert not LabourBalance.objects.exists()
