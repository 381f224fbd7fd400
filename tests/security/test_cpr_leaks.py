"""No CPR number in any page, export, API answer, e-mail, SMS or log line: a realistic flow
(staff register a citizen with a CPR number and search for it, open every page of the citizen,
the citizen logs in and opens every page, downloads and exports, the API, error pages with the
CPR number in the address and the body, a server error whose exception carries it), with every
response body and every log record at DEBUG grepped for CPR-shaped numbers.

Staff and the citizen see the number masked (DDMMYY-XXXX) on the citizen's details: the birth
date is readable, the serial number never shows, so no page shows a whole CPR number."""

import io
import logging
import re
import zipfile
from contextlib import contextmanager
from datetime import date
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import PASSWORD
from api.services import api_token_create
from api.tests.conftest import bookable_start
from booking.tests.factories import BookingFactory, TopicFactory, working_week
from citizens.models import Citizen
from common.logging import RedactCprFilter
from notifications.backends import LocmemSmsBackend
from tests.security.test_csrf import site_urls

CPR = "2403854417"
CPR_DASHED = "240385-4417"
MASKED = "240385-XXXX"

#: Ten digits, maybe with a hyphen after six, not inside a longer number.
_CANDIDATE = re.compile(r"(?<![\d])(\d{2})(\d{2})(\d{2})[- ]?(\d{4})(?![\d])")
#: A UUID (submission tokens, public ids): random hex that may hold ten digits in a row.
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
#: A Django password hash ("algorithm$...$digest"), as the SQL log shows a password saved.
_PASSWORD_HASH = re.compile(r"\b(?:md5|pbkdf2_sha\d+|argon2|bcrypt(?:_sha256)?|scrypt)\$[^\s'\"]+")

pytestmark = pytest.mark.django_db


def cpr_numbers_in(text: str) -> list[str]:
    """The CPR-shaped numbers in `text`: ten digits whose first six are a real date."""
    found = []
    text = _PASSWORD_HASH.sub("<password hash>", _UUID.sub("<uuid>", text))
    for match in _CANDIDATE.finditer(text):
        day, month, year = (int(g) for g in match.groups()[:3])
        try:
            date(1900 + year, month, day)
        except ValueError:
            continue
        found.append(match.group(0))
    return found


def test_the_pattern_finds_cpr_numbers_and_not_other_numbers():
    assert cpr_numbers_in(f"a {CPR} b {CPR_DASHED} c") == [CPR, CPR_DASHED]
    assert cpr_numbers_in(f"{MASKED} +4520123456 12345678901 2026-11-23") == []
    # A form's random submission token can end in ten date-shaped digits (CI met one).
    assert cpr_numbers_in('value="3f2b1c8a-2f4b-4d6e-9a57-2704400492ab"') == []
    # Nor can a password hash in the SQL log (its salt is random and its digest hex; CI met one).
    logged = "SET \"password\" = 'md5$z3EwFJoHPBJi7Yv$59d5c9c0e2530a4b2704400492ab'"
    assert cpr_numbers_in(logged) == []
    assert cpr_numbers_in(f"{logged}, {CPR}") == [CPR]
    assert cpr_numbers_in("'pbkdf2_sha256$1000000$Ab12$0101901234abcdefABCDEF+/='") == []


def body_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":  # XLSX: the XML inside
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    text = content.decode("utf-8", "replace")
    return text + "\n" + "\n".join(f"{k}: {v}" for k, v in response.items())


class _Raw(logging.Handler):
    """Every record as the code logged it, before any handler's filter."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record):
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        self.lines.append(f"{record.name}: {text}")


@contextmanager
def every_log_line():
    """DEBUG for every logger (SQL too, through a debug cursor); yields the raw records and
    what the site's configured handlers write."""
    root = logging.getLogger()
    loggers = [root] + [logging.getLogger(n) for n in logging.root.manager.loggerDict]
    levels = {lg: lg.level for lg in loggers}
    handlers = [h for h in root.handlers if isinstance(h, logging.StreamHandler)]
    assert any(isinstance(f, RedactCprFilter) for h in handlers for f in h.filters)
    written = io.StringIO()
    streams = {h: h.setStream(written) for h in handlers}
    raw = _Raw()
    root.handlers.insert(0, raw)
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
    debug_cursor = connection.force_debug_cursor
    connection.force_debug_cursor = True
    try:
        yield raw.lines, written
    finally:
        connection.force_debug_cursor = debug_cursor
        root.handlers.remove(raw)
        for h, stream in streams.items():
            h.setStream(stream)
        for lg, level in levels.items():
            lg.setLevel(level)


@pytest.fixture
def flow(centre, consultant, admin_user):
    working_week(consultant)
    topic = TopicFactory(job_centre=centre, consultants=[consultant])
    return {"topic": topic}


def _visit_all(client, pages, skip=("api/", "konto/log-af/", "django-admin/"), kwargs=None):
    """GET every URL of the site without arguments, and those that take one uuid with the
    given value; returns (url, response) pairs."""
    for route, url, _exempt in site_urls():
        if route.startswith(skip):
            continue
        if "<" in route:
            if not kwargs or not re.fullmatch(r"[^<]*<uuid:(public_id|citizen_id)>[^<]*", route):
                continue
            url = re.sub(r"<uuid:\w+>", str(kwargs), route)
            url = "/" + url
        pages.append((url, client.get(url)))


def test_no_cpr_number_in_any_page_export_mail_or_log(flow, centre, consultant, admin_user):
    pages = []
    with every_log_line() as (raw, written):
        # Staff register the citizen, search by the CPR number, open every page of theirs.
        staff = Client(raise_request_exception=False)
        staff.force_login(consultant)
        created = staff.post(
            "/borgere/opret/",
            {
                "name": "Mette Kirstine Hansen",
                "cpr": CPR_DASHED,
                "email": "mette@example.dk",
                "benefit_type": "dagpenge",
                "target_group": "jobparat",
                "registered_on": "2026-10-01",
                "mobile": "20 12 34 56",
                "submission_token": "5b1c8a52-2f4b-4d6e-9a57-1d2f3c4b5a69",
            },
        )
        assert created.status_code == 302, body_text(created)
        pages.append(("register", created))
        citizen = Citizen.objects.get()
        assert citizen.cpr == CPR
        citizen.user.set_password(PASSWORD)
        citizen.user.save()
        BookingFactory(
            citizen=citizen,
            topic=flow["topic"],
            consultant=consultant,
            start=bookable_start(3),
        )
        for query in (CPR, CPR_DASHED):
            found = staff.post("/borgere/", {"query": query})
            assert citizen.user.name in found.content.decode()
            pages.append(("search", found))
            pages.append(
                ("search htmx", staff.post("/borgere/", {"query": query}, HTTP_HX_REQUEST="true"))
            )
        detail = staff.get(reverse("citizens:detail", args=[citizen.public_id]))
        assert MASKED in detail.content.decode()
        _visit_all(staff, pages, kwargs=citizen.public_id)
        administrator = Client(raise_request_exception=False)
        administrator.force_login(admin_user)
        _visit_all(administrator, pages, kwargs=citizen.public_id)

        # The citizen logs in with the password and opens every page, exports included.
        own = Client(raise_request_exception=False)
        login = own.post(
            reverse("accounts:login"), {"username": citizen.user.username, "password": PASSWORD}
        )
        assert login.status_code == 302
        own_profile = own.get(reverse("citizens:own_profile"))
        assert MASKED in own_profile.content.decode()
        _visit_all(own, pages)
        pages.append(("joblog csv", own.get(reverse("joblog:export_csv"))))
        pages.append(("joblog xlsx", own.get(reverse("joblog:export_xlsx"))))

        # The API, with the CPR number where a caller might put it.
        _token, secret = api_token_create(user=citizen.user, name="t")
        api = Client(raise_request_exception=False, headers={"Authorization": f"Bearer {secret}"})
        for url in (
            "/api/v1/topics",
            "/api/v1/bookings",
            f"/api/v1/slots?topic={CPR}",
            f"/api/v1/bookings/{CPR}/cancel",
            f"/api/v1/{CPR}",
        ):
            pages.append((url, api.get(url)))
        pages.append(
            (
                "api post",
                api.post(
                    "/api/v1/bookings",
                    {"topic": CPR, "start": CPR, "mode": CPR},
                    content_type="application/json",
                ),
            )
        )

        # Error pages: 404 with the number in the address and the body; a 500 whose exception
        # carries it; a form error echoing it.
        pages.append(("404", staff.get(f"/findes-ikke/{CPR}/?cpr={CPR}")))
        pages.append(("404 post", staff.post(f"/findes-ikke/?cpr={CPR}", {"cpr": CPR})))
        with mock.patch(
            "citizens.views.CitizenListView.post",
            side_effect=ValueError(f"no citizen with CPR {CPR}"),
        ):
            failed = staff.post(f"/borgere/?cpr={CPR}", {"query": CPR})
        assert failed.status_code == 500
        pages.append(("500", failed))
        # A registration with an error shows the number again in its field, to the staff member
        # who just typed it (no one else): the one page allowed to hold it, checked below.
        bad_form = staff.post("/borgere/opret/", {"cpr": CPR_DASHED, "name": ""})

    assert len(pages) > 50
    assert any(line.startswith("django.db.backends: (") for line in raw)  # SQL was captured
    leaks = [(where, cpr_numbers_in(body_text(r))) for where, r in pages]
    assert [leak for leak in leaks if leak[1]] == [], [leak for leak in leaks if leak[1]]
    assert bad_form.status_code == 400
    assert cpr_numbers_in(body_text(bad_form)) == [CPR_DASHED]
    assert f'value="{CPR_DASHED}"' in bad_form.content.decode()
    messages = [m.body + m.subject for m in mail.outbox] + [
        str(m) for m in getattr(LocmemSmsBackend, "outbox", [])
    ]
    assert [m for m in messages if cpr_numbers_in(m)] == []
    # What the site's log handlers write: not one CPR number, though the exception had one.
    output = written.getvalue()
    assert "no citizen with CPR ******-****" in output
    assert cpr_numbers_in(output) == []
    # What the code logs in the first place: the number only where the caller put it (a path
    # Django reports as not found, the planted exception), never from the database or a form.
    planted = ("django.request: Not Found: /", "no citizen with CPR")
    unplanted = [
        line for line in raw if cpr_numbers_in(line) and not any(p in line for p in planted)
    ]
    assert unplanted == [], unplanted


# --- Outside the pages: the login records, the server's access log, a database error.


def _rows(model) -> list[str]:
    """Every row of `model` as text, every field."""
    return [
        " ".join(str(getattr(row, f.attname)) for f in model._meta.concrete_fields)
        for row in model.objects.all()
    ]


def test_a_cpr_number_typed_as_a_user_name_is_not_kept_by_django_axes(citizen):
    """Citizens type their CPR number where the user name goes. django-axes keeps the login
    attempts for 90 days: not one of its tables may hold the number, while five failures
    still lock that "name" out from that address."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    browser = Client()
    login = reverse("accounts:login")
    for typed in (CPR_DASHED, CPR, f" {CPR_DASHED} "):
        browser.post(
            f"{login}?next=/borgere/{CPR}/",
            {"username": typed, "password": "forkert-kodeord-123"},
            HTTP_ACCEPT=f"text/html;q={CPR}",
        )
    citizen.user.set_password(PASSWORD)
    citizen.user.save()
    browser.post(login, {"username": citizen.user.username, "password": PASSWORD})
    rows = _rows(AccessAttempt) + _rows(AccessFailureLog) + _rows(AccessLog)
    assert AccessAttempt.objects.exists() and AccessLog.objects.exists()
    assert [r for r in rows if cpr_numbers_in(r)] == []
    # The lockout still counts them: two more failures make five.
    for _ in range(2):
        locked = Client().post(login, {"username": CPR_DASHED, "password": "forkert-kodeord-123"})
    assert locked.status_code == 429


def test_the_gunicorn_access_log_masks_cpr_numbers_in_the_path():
    """The production access log, formatted by gunicorn's own logger with our configuration:
    a path with a CPR number (someone typed it into the address bar) is masked."""
    import datetime
    import runpy
    from pathlib import Path
    from types import SimpleNamespace

    from gunicorn.config import Config

    namespace = runpy.run_path(str(Path(__file__).resolve().parents[2] / "config/gunicorn.conf.py"))
    config = Config()
    for name in ("access_log_format", "logger_class", "accesslog"):
        config.set(name, namespace[name])
    logger = config.logger_class(config)
    written = io.StringIO()
    for handler in logger.access_log.handlers:
        handler.setStream(written)
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": f"/borgere/{CPR_DASHED}/x{CPR}",
        "QUERY_STRING": f"cpr={CPR}",
        "RAW_URI": f"/borgere/{CPR_DASHED}/x{CPR}?cpr={CPR}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.1",
        "HTTP_REFERER": f"https://jobsamtale.example.dk/borgere/{CPR}/",
    }
    response = SimpleNamespace(status="404 Not Found", response_length=10, headers=[], sent=10)
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    logger.access(response, request, environ, datetime.timedelta(seconds=0.01))
    line = written.getvalue()
    assert '"GET /borgere/******-****/x******-****" 404' in line
    assert cpr_numbers_in(line) == []
    # And the error log (a bad request line is logged there with the path).
    errors = io.StringIO()
    for handler in logger.error_log.handlers:
        handler.setStream(errors)
    logger.warning("Invalid request from ip=10.0.0.1: /borgere/%s", CPR)
    assert "******-****" in errors.getvalue() and cpr_numbers_in(errors.getvalue()) == []


def test_a_duplicate_cpr_error_in_the_log_carries_no_keyed_hash(citizen):
    """The database names the duplicate key's value in its error (PostgreSQL: "Key
    (cpr_hash)=(…) already exists"): the keyed hash is a stable pseudonym of the CPR number
    and must not reach the log either."""
    from django.db import IntegrityError, transaction

    with every_log_line() as (_raw, written):
        try:
            with transaction.atomic():
                Citizen.objects.create(
                    user=citizen.user,
                    job_centre=citizen.job_centre,
                    cpr=citizen.cpr,
                    cpr_hash=citizen.cpr_hash,
                    benefit_type=citizen.benefit_type,
                    target_group=citizen.target_group,
                    registered_on=citizen.registered_on,
                )
        except IntegrityError:
            logging.getLogger("django.request").exception("failed: %s", citizen.cpr_hash)
    output = written.getvalue()
    assert "failed: " in output and "IntegrityError" in output
    assert citizen.cpr_hash not in output
    assert re.search(r"[0-9a-f]{64}", output) is None


def test_every_log_handler_redacts():
    """Django's own handlers (its DEBUG console for the `django` logger, the development
    server's request lines, mail to ADMINS) would write a CPR number in a path unmasked: every
    handler any logger writes to carries the filter."""
    loggers = [logging.getLogger()] + [
        lg for lg in logging.root.manager.loggerDict.values() if isinstance(lg, logging.Logger)
    ]
    unfiltered = [
        (lg.name, type(h).__name__)
        for lg in loggers
        for h in lg.handlers
        if not any(isinstance(f, RedactCprFilter) for f in [*h.filters, *lg.filters])
        and not isinstance(h, logging.NullHandler)
        and not type(h).__module__.startswith("_pytest")
    ]
    assert unfiltered == [], unfiltered
