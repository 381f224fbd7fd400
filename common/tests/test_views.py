import pytest
from django.test import Client
from django.urls import reverse


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def test_404_is_danish_and_styled(client, consultant):
    client.force_login(consultant)
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    body = response.content.decode()
    assert 'lang="da"' in body
    assert "Siden blev ikke fundet" in body
    assert "Traceback" not in body


def test_500_page_renders_without_context():
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Jobsamtale" in html


def test_tampered_csrf_token_gets_a_danish_403(strict_client, db):
    response = strict_client.post(
        reverse("accounts:login"),
        {"username": "x", "password": "y", "csrfmiddlewaretoken": "tampered"},
    )
    assert response.status_code == 403
    assert 'lang="da"' in response.content.decode()
    assert "Prøv igen" in response.content.decode() or "prøv igen" in response.content.decode()


def test_security_headers_and_csp(client, db):
    response = client.get(reverse("accounts:login"))
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "script-src 'self'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_health_answers_ok_to_anyone_without_a_query(client):
    # No database access is allowed in this test: a query would raise.
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Security-Policy"]
    assert client.post(reverse("health")).status_code == 405


def test_a_bad_host_header_gets_the_400_page_not_a_500(client, db):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400


def test_the_accessibility_statement_is_open_to_everyone_and_linked_from_every_page(client, db):
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "WCAG 2.1" in body and "Digitaliseringsstyrelsen" in body
    assert reverse("accessibility") in client.get(reverse("accounts:login")).content.decode()


def test_security_txt_says_where_to_report_a_vulnerability(client, settings):
    settings.SECURITY_CONTACT = "mailto:sikkerhed@kommune.example"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:sikkerhed@kommune.example"
    assert fields["Expires"].endswith("Z")
