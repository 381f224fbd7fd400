"""Hostile input everywhere: every form of the site and every operation of the API, posted with
generated hostile values as each role that may post there, never gives a server error, changes
nothing in the database when it is refused (4xx), and never echoes a `<script>` unescaped.

The forms are found the way a person finds them: the demo data (`seed_demo`) is built once for
the module, every URL of the resolver is filled with a Demo object (test_isolation.OBJECT_URLS)
and read as each of Demo's roles, and each `<form>` on the page is parsed for its fields. The
API's operations come from its OpenAPI document. Values come from hypothesis strategies per
field type (NUL and control characters, 10,000 characters, right-to-left and combining
characters, HTML and `<script>`, spreadsheet formulas, numbers at and beyond ±2^15, ±2^31,
±2^63, 1e309, inf and nan, dates at the ends of the calendar, ISO weeks, wrong types), with a
fixed seed and a bounded number of examples. Each test prints its own count:
"fuzz (forms): N requests, 0 server errors"."""

import io
import json
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from operator import attrgetter
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import signals
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Role, User
from api.services import api_token_create
from api.v1 import api
from centres.models import JobCentre
from tests.security.test_isolation import (
    NOT_VISITED,
    OBJECT_URLS,
    PAGE_PARAMETERS,
    _demo_object,
    _make_missing,
    _patterns,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"

#: Text a person would not type: control characters, very long, right-to-left and combining
#: characters, markup, spreadsheet formulas.
HOSTILE_TEXT = st.one_of(
    st.sampled_from(
        [
            "a\x00b",
            "\x00",
            "\x1b[31mred\x1b[0m",
            "line\x0bbreak\x07",
            "\x7f\x85\x9f",
            "x" * 10_000,
            "\u202egnp.exe\u202c",
            "שלום مرحبا",
            "e\u0301\u0302\u0303\u0304" * 50,
            "\ufeff\u200b\u2028\u2029",
            SCRIPT,
            f'"><{SCRIPT[1:]}',
            '=HYPERLINK("http://evil.example","Klik")',
            "+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "'; DROP TABLE accounts_user; --",
            "{{ 7*7 }}{% now 'Y' %}",
            "%s%s%n",
            "../../etc/passwd",
            "",
            " ",
        ]
    ),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40),
)
HOSTILE_NUMBER = st.one_of(
    st.sampled_from(
        [
            str(n)
            for bits in (15, 31, 63)
            for n in (2**bits - 1, 2**bits, -(2**bits), -(2**bits) - 1)
        ]
        + ["1e309", "-1e309", "inf", "-inf", "nan", "NaN", "1e-400", "0", "-0", "1.5", "0x10"]
        + ["99999999999999999999", "", "abc", "1,5", "٣"]
    ),
    st.integers().map(str),
)
HOSTILE_DATE = st.sampled_from(
    [
        "0001-01-01",
        "9999-12-31",
        "9999-W52",
        "9999-W52-7",
        "0000-00-00",
        "2026-02-30",
        "31-12-9999",
        "1899-12-31",
        "2101-01-01",
        "2026-01-01T25:61",
        "9999-12-31T23:59",
        "",
    ]
)
ANY_HOSTILE = st.one_of(HOSTILE_TEXT, HOSTILE_NUMBER, HOSTILE_DATE)

#: Kinds of field and what is thrown at them.
BY_KIND = {
    "text": HOSTILE_TEXT,
    "number": st.one_of(HOSTILE_NUMBER, HOSTILE_TEXT),
    "date": st.one_of(HOSTILE_DATE, HOSTILE_TEXT),
    "choice": ANY_HOSTILE,
}
INPUT_KINDS = {
    "number": "number",
    "range": "number",
    "date": "date",
    "datetime-local": "date",
    "time": "date",
    "week": "date",
    "month": "date",
}

#: Pages not read and forms not posted, by URL name (or its start), and why.
SKIPPED_URLS = {
    "accounts:logout": "ends the session",
    "sso:": "single sign-on: answers the identity provider, not a form of ours",
    "admin:": "superusers only",
    "api:": "the API is fuzzed from its OpenAPI document below",
}

MAX_EXAMPLES_FORMS = 2
MAX_EXAMPLES_API = 12

# --- Forms in pages ---------------------------------------------------------------------


@dataclass
class FormField:
    name: str
    kind: str  # text, number, date, choice, hidden, checkbox
    value: str = ""
    options: list[str] = field(default_factory=list)


@dataclass
class PageForm:
    action: str
    method: str
    fields: dict[str, FormField] = field(default_factory=dict)


class _FormParser(HTMLParser):
    """The <form>s of a page with their fields, as a browser would submit them."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url, self.current = url, None
        self.forms: list[PageForm] = []
        self.select: FormField | None = None
        self.textarea: FormField | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            action = urlsplit(urljoin(self.url, a.get("action") or self.url))
            path = action.path + (f"?{action.query}" if action.query else "")
            self.current = PageForm(path, (a.get("method") or "get").lower())
            self.forms.append(self.current)
            return
        if tag == "option" and self.select is not None:
            self.select.options.append(a.get("value", ""))
            if "selected" in a or not self.select.value:
                self.select.value = a.get("value", "")
            return
        if self.current is None or not a.get("name") or "disabled" in a:
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                known = self.current.fields.setdefault(name, FormField(name, "choice"))
                known.options.append(a.get("value", "on"))
                if "checked" in a:
                    known.value = a.get("value", "on")
                return
            if kind == "hidden":
                self.current.fields[name] = FormField(name, "hidden", a.get("value", ""))
                return
            self.current.fields[name] = FormField(
                name, INPUT_KINDS.get(kind, "text"), a.get("value", "")
            )
        elif tag == "select":
            self.select = self.current.fields[name] = FormField(name, "choice")
        elif tag == "textarea":
            self.textarea = self.current.fields[name] = FormField(name, "text")

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def page_forms(url: str, html: str) -> list[PageForm]:
    parser = _FormParser(url)
    parser.feed(html)
    return [f for f in parser.forms if not _skipped(_url_name(f.action.split("?")[0]))]


def _url_name(path: str) -> str:
    try:
        return resolve(path).view_name
    except Resolver404:
        return ""


def _skipped(name: str) -> bool:
    return any(name.startswith(prefix) for prefix in SKIPPED_URLS)


@dataclass
class Target:
    form: PageForm
    role: str
    page: str


@dataclass
class World:
    clients: dict[str, Client]
    targets: list[Target]
    pages: int


def _roles(demo: JobCentre) -> dict[str, User]:
    from citizens.models import Citizen

    people = {
        str(role): User.objects.filter(job_centre=demo, role=role, is_active=True)
        .order_by("pk")
        .first()
        for role in Role
        if role != Role.CITIZEN
    }
    citizen = Citizen.objects.filter(job_centre=demo).order_by("pk").first()
    assert citizen is not None
    people["citizen"] = citizen.user
    missing = [role for role, user in people.items() if user is None]
    assert not missing, f"seed_demo made no Demo user with the role {missing}"
    return people  # type: ignore[return-value]


def _site_urls(demo: JobCentre) -> Iterator[tuple[str, str]]:
    for name, pattern in _patterns():
        if name in NOT_VISITED or _skipped(name):
            continue
        if name in OBJECT_URLS:
            spec = OBJECT_URLS[name]
            made = _demo_object(spec, demo)
            kwargs = {key: attrgetter(path)(made) for key, path in spec.kwargs.items()}
            yield name, reverse(name, kwargs={**kwargs, **spec.constants})
        elif not pattern.pattern.converters or name in PAGE_PARAMETERS:
            yield name, reverse(name, kwargs=PAGE_PARAMETERS.get(name))


def _client(user: User) -> Client:
    """A client logged in as `user`, a staff session with its second factor passed (as the
    suite's conftest does for function-scoped clients)."""
    from accounts.two_factor import MFA_BY_IDP, requires_second_factor

    client = Client(raise_request_exception=False)
    client.force_login(user)
    if requires_second_factor(user):
        session = client.session
        session[MFA_BY_IDP] = True
        session.save()
    return client


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        demo = JobCentre.objects.get(name="Jobcenter Demo")
        _make_missing(demo)
        clients = {role: _client(user) for role, user in _roles(demo).items()}
        t0 = time.monotonic()
        targets: list[Target] = []
        seen: set[tuple] = set()
        pages = 0
        for _name, url in _site_urls(demo):
            for role, client in clients.items():
                response = client.get(url)
                pages += 1
                if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                    continue
                for form in page_forms(url, response.content.decode()):
                    # The same form of every row of a list (or on every page) once per role.
                    view = _url_name(form.action.split("?")[0])
                    key = (view, form.method, role, tuple(sorted(form.fields)))
                    if form.fields and key not in seen:
                        seen.add(key)
                        targets.append(Target(form, role, url))
        print(f"fuzz: {pages} pages read, {len(targets)} forms found, {time.monotonic() - t0:.1f}s")
        yield World(clients, targets, pages)
        transaction.set_rollback(True)


# --- What is checked after each request -------------------------------------------------

#: Tables that change by themselves on any request (the session, the lockout log).
UNCOUNTED = {
    Session._meta.db_table,
    "axes_accesslog",
    "axes_accessattempt",
    "axes_accessfailurelog",
}


def _count_sql() -> str:
    tables = sorted(
        {
            m._meta.db_table
            for m in apps.get_models(include_auto_created=True)
            if m._meta.managed and not m._meta.proxy and m._meta.db_table not in UNCOUNTED
        }
    )
    quote = connection.ops.quote_name
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)  # noqa: S608
    return f"SELECT {counts}"


class Checker:
    """Runs requests and keeps the count: server errors, rows changed by a refused request,
    `<script>` echoed unescaped."""

    def __init__(self) -> None:
        self.count: Counter = Counter()
        self.statuses: Counter = Counter()
        self.problems: list[str] = []
        self.sql = _count_sql()
        self.exceptions: list[BaseException] = []

    def _rows(self) -> tuple:
        with connection.cursor() as cursor:
            cursor.execute(self.sql)
            return cursor.fetchone()

    def request(self, what: str, sent: str, send, *args, **kwargs):
        """`send(*args, **kwargs)` (a test client's get, post or generic), checked; `sent` is
        what went out, as text."""
        before = self._rows()
        self.exceptions.clear()
        response = send(*args, **kwargs)
        self.count["requests"] += 1
        status = response.status_code
        self.statuses[status] += 1
        if status >= 500:
            self.count["server errors"] += 1
            cause = repr(self.exceptions[-1])[:200] if self.exceptions else ""
            self.problems.append(f"{status} {what}: {cause}")
        elif 400 <= status < 500:
            self.count["refused"] += 1
            if self._rows() != before:
                self.problems.append(f"{status} {what}: the database changed")
        content = b"" if getattr(response, "streaming", False) else response.content
        html = "html" in response.get("Content-Type", "")
        if SCRIPT in sent and html and SCRIPT.encode() in content:
            self.problems.append(f"{status} {what}: <script> echoed unescaped")
        return response

    def _record(self, sender, request=None, **kwargs):
        import sys

        self.exceptions.append(sys.exc_info()[1] or RuntimeError("unknown"))

    def __enter__(self):
        signals.got_request_exception.connect(self._record)
        return self

    def __exit__(self, *exc):
        signals.got_request_exception.disconnect(self._record)

    def report(self, label: str, record_property) -> str:
        line = (
            f"fuzz ({label}): {self.count['requests']} requests, "
            f"{self.count['server errors']} server errors, {self.count['refused']} refused"
        )
        print(line, dict(sorted(self.statuses.items(), key=str)))
        record_property("fuzz", line)
        return line


FUZZ = settings(
    max_examples=MAX_EXAMPLES_FORMS,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


#: Two fixed passes before the generated ones: every field of every form gets the sharpest
#: value of its kind at once (generated examples mix them with plausible values).
SHARP = [
    {"text": "a\x00b", "number": "99999999999999999999", "date": "9999-W52", "choice": "\x00"},
    {
        "text": f'{SCRIPT}=HYPERLINK("http://evil.example")\u202e',
        "number": "1e309",
        "date": "9999-12-31",
        "choice": str(-(2**63) - 1),
    },
]


def _value(data, form_field: FormField) -> str | list[str]:
    """The field's own value (as the page has it) or a hostile one, half and half."""
    if form_field.kind == "hidden" or not data.draw(st.booleans()):
        return form_field.value
    return data.draw(BY_KIND.get(form_field.kind, HOSTILE_TEXT))


def test_hostile_form_input_never_gives_a_server_error(world, record_property):
    assert len(world.targets) > 50, "the walk found too few forms: is it broken?"
    with Checker() as checker:

        def submit(target: Target, body: dict) -> None:
            client = world.clients[target.role]
            what = f"{target.form.method.upper()} {target.form.action} as {target.role}"
            send = client.post if target.form.method == "post" else client.get
            checker.request(what, json.dumps(body), send, target.form.action, body)

        for sharp in SHARP:
            for target in world.targets:
                fields = target.form.fields.values()
                submit(target, {f.name: sharp.get(f.kind, f.value) for f in fields})

        @FUZZ
        @given(st.data())
        def post_everywhere(data):
            for target in world.targets:
                submit(target, {name: _value(data, f) for name, f in target.form.fields.items()})

        post_everywhere()
        line = checker.report("forms", record_property)
    assert not checker.problems, f"{line}\n" + "\n".join(sorted(set(checker.problems)))


# --- The API ----------------------------------------------------------------------------


def _operations() -> list[tuple[str, str, dict]]:
    document = api.get_openapi_schema()
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]


def _resolve(schema: dict, document: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return schema


def _json_value(data, schema: dict, document: dict):
    """A hostile JSON value for a property: of its own type or of any other."""
    schema = _resolve(schema, document)
    kind = schema.get("type") or next(
        (s.get("type") for s in schema.get("anyOf", []) if s.get("type") != "null"), "string"
    )
    hostile_number = st.one_of(
        st.sampled_from([2**15, 2**31, 2**63, -(2**63) - 1, 10**20, 1e308, -0.0, 0.5]),
        HOSTILE_NUMBER,
    )
    choices = {
        "integer": hostile_number,
        "number": hostile_number,
        "string": st.one_of(
            HOSTILE_TEXT, HOSTILE_DATE.map(lambda d: f"{d}T10:00+01:00"), HOSTILE_DATE
        ),
        "boolean": st.sampled_from([True, "true", "\x00"]),
    }
    wrong_type: st.SearchStrategy = st.sampled_from(
        [None, [], {}, [[[]]], {"a": {"b": 1}}, True, "", 1]
    )
    return data.draw(st.one_of(choices.get(kind, HOSTILE_TEXT), wrong_type))


RAW_BODIES = [
    "[" * 5000 + "]" * 5000,
    '{"a":' * 200 + "1" + "}" * 200,
    '{"topic": 1e309, "start": "9999-12-31T23:59:59+01:00", "mode": "telefon"}',
    '{"topic": NaN, "note": Infinity}',
    '{"note": "\\u0000\\ud800"}',
    "\x00",
    "not json",
    "",
]


def _api_clients(centre, citizen, consultant) -> dict[str, Client]:
    clients = {}
    for role, user in (("citizen", citizen.user), ("consultant", consultant)):
        _token, secret = api_token_create(user=user, name="fuzz")
        clients[role] = Client(
            headers={"Authorization": f"Bearer {secret}"}, raise_request_exception=False
        )
    return clients


def _path(path: str, data) -> str:
    return re.sub(
        r"\{[^}]+\}",
        lambda _m: data.draw(
            st.sampled_from(["00000000-0000-0000-0000-000000000000", "x", "%00", "9" * 30])
        ),
        path,
    )


def test_hostile_api_input_never_gives_a_server_error(centre, citizen, consultant, record_property):
    from booking.tests.factories import BookingFactory, TopicFactory, working_week

    working_week(consultant)
    topic = TopicFactory(job_centre=centre, consultants=[consultant])
    from api.tests.conftest import bookable_start

    BookingFactory(citizen=citizen, topic=topic, consultant=consultant, start=bookable_start(3))
    clients = _api_clients(centre, citizen, consultant)
    document = api.get_openapi_schema()
    operations = _operations()
    assert {path for _m, path, _o in operations} >= {"/api/v1/bookings", "/api/v1/slots"}

    with Checker() as checker:

        @settings(FUZZ, max_examples=MAX_EXAMPLES_API)
        @given(st.data())
        def call_every_operation(data):
            for method, path, operation in operations:
                for role, client in clients.items():
                    query = {
                        p["name"]: _json_value(data, p.get("schema", {}), document)
                        for p in operation.get("parameters", [])
                        if p["in"] == "query" and data.draw(st.booleans())
                    }
                    if "topic" in query and data.draw(st.booleans()):
                        query["topic"] = topic.pk
                    query = {k: "" if v is None else str(v) for k, v in query.items()}
                    url = _path(path, data)
                    what = f"{method} {url} as {role}"
                    if method == "GET":
                        checker.request(what, json.dumps(query), client.get, url, query)
                        continue
                    body_schema = (
                        operation.get("requestBody", {})
                        .get("content", {})
                        .get("application/json", {})
                        .get("schema")
                    )
                    if body_schema is None or data.draw(st.integers(0, 4)) == 0:
                        body = data.draw(st.sampled_from(RAW_BODIES))
                    else:
                        properties = _resolve(body_schema, document).get("properties", {})
                        payload = {
                            name: (
                                _json_value(data, prop, document)
                                if data.draw(st.booleans())
                                else {"topic": topic.pk, "mode": "telefon"}.get(name, "")
                            )
                            for name, prop in properties.items()
                        }
                        body = json.dumps(payload)
                    checker.request(
                        what, body, client.generic, method, url, body, "application/json"
                    )

        call_every_operation()
        line = checker.report("API", record_property)
    assert not checker.problems, f"{line}\n" + "\n".join(sorted(set(checker.problems)))
