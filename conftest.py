"""Suite-wide test setup: the session's clock, what may be skipped where, and the people of
two job centres."""

import os
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
NO_SKIP = os.environ.get("JOBSAMTALE_NO_SKIP") == "1"
COPENHAGEN = ZoneInfo("Europe/Copenhagen")

#: vnu over every page the browser tests were served, once at the end of the run.
pytest_plugins = ["tests.browser.vnu"]


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        default=os.environ.get("JOBSAMTALE_CLOCK") or None,
        help="start the whole test session at this moment and let the clock tick from there "
        "(ISO 8601; without an offset it is Copenhagen time), e.g. 2026-10-25T02:30+01:00 "
        "for the repeated hour of the daylight-saving night. Also JOBSAMTALE_CLOCK.",
    )


def clock_moment(value: str) -> datetime:
    """The moment `--clock`/`JOBSAMTALE_CLOCK` names: an ISO 8601 date and time, read as
    Copenhagen time when it names no offset (the first of a repeated hour)."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise pytest.UsageError(
            f"--clock/JOBSAMTALE_CLOCK: {value!r} is not an ISO 8601 time "
            "such as 2026-12-06T23:30 or 2026-10-25T02:30+01:00"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=COPENHAGEN)


#: The session's pinned clock: the moment it started at and the real time.monotonic() then.
SESSION_CLOCK: dict[str, Any] = {}


def start_clock(moment: datetime):
    """Pin the process's clock (time-machine patches it at the C level, so every thread shares
    it) at `moment`, ticking from now on; the travel, to stop it. time-machine's clock starts
    ticking at its first reading, so it is read at once."""
    import time_machine

    travel = time_machine.travel(moment, tick=True)
    travel.start()
    time.time_ns()
    return travel


def _missing() -> dict[str, str]:
    """Why tests with a marker cannot run on this machine, by marker: the system programs the
    README asks for only where available (Chromium, xmlsec1) and PostgreSQL."""
    from django.conf import settings
    from django.db import connection

    reasons = {}
    if not CHROMIUM.exists():
        reasons["browser"] = (
            f"browser test skipped: no Chromium at {CHROMIUM} (install Debian's 'chromium')"
        )
    xmlsec1 = Path(settings.SAML_XMLSEC_BINARY)
    if not (xmlsec1.is_file() and os.access(xmlsec1, os.X_OK)):
        reasons["xmlsec1"] = (
            f"SAML test skipped: no xmlsec1 at {xmlsec1} (install Debian's 'xmlsec1', "
            "or set SAML_XMLSEC_BINARY)"
        )
    from tests.browser.vnu import missing_reason

    if vnu_missing := missing_reason():
        reasons["vnu"] = f"vnu test skipped: {vnu_missing}"
    if connection.vendor != "postgresql":
        reasons["postgres"] = (
            "PostgreSQL-only test skipped: set DATABASE_URL=postgres://... to run it"
        )
    return reasons


@pytest.hookimpl(trylast=True)  # after `-m` has deselected what this run does not want
def pytest_collection_modifyitems(config, items):
    from django.db import connection

    if connection.vendor != "sqlite":
        # SQLite's own behaviour has no counterpart to test elsewhere: not a skip.
        other = [item for item in items if "sqlite" in item.keywords]
        if other:
            config.hook.pytest_deselected(items=other)
            items[:] = [item for item in items if "sqlite" not in item.keywords]
    reasons = _missing()
    for item in items:
        for marker, reason in reasons.items():
            if marker in item.keywords:
                if NO_SKIP:
                    raise pytest.UsageError(f"CI skips nothing: {item.nodeid}: {reason}")
                item.add_marker(pytest.mark.skip(reason=reason))


def pytest_report_header(config):
    if moment := SESSION_CLOCK.get("moment"):
        return f"clock: the session started at {moment.isoformat()} (--clock/JOBSAMTALE_CLOCK)"
    return None


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = terminalreporter.stats.get("skipped", [])
    if skipped:
        terminalreporter.write_line(
            f"NOTE: {len(skipped)} test(s) skipped on this machine; see the reasons above. "
            "CI installs Chromium and xmlsec1, uses PostgreSQL, and skips nothing.",
            yellow=True,
        )


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if NO_SKIP and reporter and reporter.stats.get("skipped"):
        session.exitstatus = 1


#: What the data migrations load (the occupation list with skills and related occupations,
#: postcodes, industries), serialized before the first test when transactional tests (browser,
#: live server, fault tests) are in the run: their flush empties it, and
#: `_reference_data_present` puts it back before the next transactional test.
REFERENCE_MODELS = [
    "occupations.Skill",
    "occupations.Occupation",
    "occupations.OccupationSkill",
    "places.Postcode",
    "labour.Industry",
]
REFERENCE_DATA: list[str] = []


def _flushes(item) -> bool:
    """Whether a test runs outside a transaction, so that its end flushes the database."""
    marker = item.get_closest_marker("django_db")
    return bool(
        item.get_closest_marker("browser")
        or (marker and marker.kwargs.get("transaction"))
        or {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


@pytest.fixture(scope="session", autouse=True)
def reference_data(request) -> None:
    if not any(_flushes(item) for item in request.session.items):
        return
    from django.apps import apps
    from django.core import serializers

    request.getfixturevalue("django_db_setup")
    with request.getfixturevalue("django_db_blocker").unblock():
        objects = [o for m in REFERENCE_MODELS for o in apps.get_model(m).objects.all()]
        REFERENCE_DATA.append(serializers.serialize("json", objects))


@pytest.fixture(autouse=True)
def _reference_data_present(request) -> None:
    """A transactional test starts after another's flush may have emptied the migrations'
    reference data: put it back (see `reference_data`)."""
    if not REFERENCE_DATA or not _flushes(request.node):
        return
    from django.core import serializers

    from occupations.models import Occupation

    request.getfixturevalue("transactional_db")
    if not Occupation.objects.exists():
        items = list(serializers.deserialize("json", REFERENCE_DATA[0]))
        for item in items:
            item.save(save_m2m=False)
        for item in items:  # related occupations, once every occupation is back
            for name, ids in (item.m2m_data or {}).items():
                getattr(item.object, name).set(ids)


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's language (Danish), whatever the test before it
    activated, so that a test's outcome never depends on the order tests run in."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def pytest_configure(config):
    """Travel to `--clock` before anything reads the time, in every process: pytest's own and
    each xdist worker (which get the option and the environment variable). time-machine
    patches the C-level clock of the whole process, so the live server's threads share it; it
    ticks from there, so timeouts and waits still run. A test's own `time_machine.travel`
    nests inside it and comes back to it.

    The race tests post 30 to 50 requests at once to a live server; Django's development
    server listens with a queue of 10, which a loaded machine overflows (with SYN cookies the
    surplus connections are reset, seen once in CI). Production's gunicorn queues 2,048."""
    from django.core.servers.basehttp import WSGIServer

    WSGIServer.request_queue_size = 128
    if value := config.getoption("--clock"):
        moment = clock_moment(value)
        config.add_cleanup(start_clock(moment).stop)
        SESSION_CLOCK.update(moment=moment, monotonic=time.monotonic())
    config.addinivalue_line(
        "markers",
        "xmlsec1: needs the xmlsec1 program (Debian package xmlsec1), which pysaml2 signs "
        "and checks SAML messages with",
    )
    config.addinivalue_line(
        "markers",
        "unverified: force_login leaves a staff session without its second factor "
        "(see _force_login_passes_second_factor)",
    )


@pytest.fixture(autouse=True)
def _force_login_passes_second_factor(request, monkeypatch):
    """`client.force_login(staff)` also marks the session as having passed the second factor,
    so the suite's hundreds of force_login calls test their pages, not the verify step.

    It sets `mfa_by_idp` (the way single sign-on marks a session whose identity provider
    asserted multi-factor authentication), not a django-otp device: no device is created and
    no device query is added to each request, so tests that count queries are unchanged.
    A test of the refusal itself is marked `@pytest.mark.unverified` (force_login then leaves
    the session unverified) or logs in through the real forms."""
    if request.node.get_closest_marker("unverified"):
        return
    from django.test.client import ClientMixin

    from accounts.two_factor import MFA_BY_IDP, requires_second_factor

    original = ClientMixin.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if requires_second_factor(user):
            session = self.session
            session[MFA_BY_IDP] = True
            session.save()

    monkeypatch.setattr(ClientMixin, "force_login", force_login)


@pytest.fixture(autouse=True)
def _person_names_per_test():
    """Each test draws its people's names afresh (accounts.tests.factories.person_name: no
    name inside another's within a test), so the run never runs out of them."""
    from accounts.tests.factories import _last_names_by_first

    _last_names_by_first.clear()


@pytest.fixture(autouse=True)
def _axes_reset(settings):
    """Login lockout counts are per test."""
    settings.AXES_ENABLED = True


@pytest.fixture
def centre(db):
    from centres.tests.factories import JobCentreFactory

    return JobCentreFactory(name="Jobcenter Test")


@pytest.fixture
def other_centre(db):
    from centres.tests.factories import JobCentreFactory

    return JobCentreFactory(name="Jobcenter Andet")


@pytest.fixture
def consultant(centre):
    from accounts.tests.factories import StaffFactory

    return StaffFactory(job_centre=centre, username="jc", name="Jonna Konsulent")


@pytest.fixture
def admin_user(centre):
    from accounts.models import Role
    from accounts.tests.factories import StaffFactory

    return StaffFactory(job_centre=centre, role=Role.ADMINISTRATOR, username="adm")


@pytest.fixture
def other_consultant(other_centre):
    from accounts.tests.factories import StaffFactory

    return StaffFactory(job_centre=other_centre, username="jc-other")


@pytest.fixture
def citizen(centre, consultant):
    from citizens.tests.factories import CitizenFactory

    return CitizenFactory(job_centre=centre, responsible_consultant=consultant, user__username="b1")


@pytest.fixture
def other_citizen(centre):
    from citizens.tests.factories import CitizenFactory

    return CitizenFactory(job_centre=centre, user__username="b2")


@pytest.fixture(autouse=True, scope="session")
def _jinja2_templates_report_their_context():
    """The test client's `response.context` and `response.templates` for Jinja2 pages: Django
    instruments only its own engine, so each Jinja2 render sends the same signal it would."""
    from django.template.backends import jinja2 as backend
    from django.test.signals import template_rendered

    render = backend.Template.render

    def instrumented(self, context=None, request=None):
        context = {} if context is None else context
        html = render(self, context, request)
        template_rendered.send(sender=self, template=self, context=dict(context))
        return html

    backend.Template.render = instrumented  # type: ignore[method-assign]
    backend.Template.name = property(lambda self: self.template.name)  # type: ignore[attr-defined]
    yield
    backend.Template.render = render  # type: ignore[method-assign]
