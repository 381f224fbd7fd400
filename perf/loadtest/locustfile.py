"""Mixed traffic of citizens and staff, as the load test sends it (`python -m perf.loadtest mixed`,
or `locust -f perf/loadtest/locustfile.py --headless -u 100 -r 5 -t 10m --host http://...`).

Each simulated user logs in once, through the real login form with its CSRF token, and then
visits its pages at a steady pace: `LOADTEST_USER_RPS` requests a second (requests, not tasks,
so a booking's four requests count four), times the shared `PACE["factor"]` that the spike
raises tenfold. A 409 on a booking POST (two users chose the same time) is a correct answer,
counted apart; anything else that is not a 2xx/3xx is a failure, and 5xx a server error.

`LOADTEST_DATASET=scale` uses the users of `python -m perf.scale` (c1-borger1 ...) instead of
the demo's (borger001 ...)."""

import itertools
import os
import random
import sys
import time
from datetime import date, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

from locust import FastHttpUser, task

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository

from accounts.demo_totp import demo_code, retry_wait
from perf.loadtest.html import find_form, links

#: The staff second factor (accounts.views.SecondFactorVerifyView).
VERIFY = "/konto/totrin/bekraeft/"

PASSWORD = "demo"  # noqa: S105 - the documented demo password
#: Requests a second per simulated user; the spike multiplies it by PACE["factor"].
USER_RPS = float(os.environ.get("LOADTEST_USER_RPS", "1.5"))
PACE = {"factor": 1.0}
DATASET = os.environ.get("LOADTEST_DATASET", "demo")
#: Correct answers that are not 2xx: a booking that lost its time to another user.
COUNTERS = {"booking_409": 0, "booking_created": 0, "login_failed": 0}


def _pool(demo: list[str], scale: list[str]) -> "itertools.cycle[str]":
    return itertools.cycle(scale if DATASET == "scale" else demo)


def _scale(kind: str, centres: int, per_centre: int) -> list[str]:
    names = (f"c{c}-{kind}{n}" for n in range(1, per_centre + 1) for c in range(1, centres + 1))
    return list(names)


CITIZENS = _pool(
    [f"borger{n:03d}" for n in range(1, 101)], _scale("borger", centres=10, per_centre=20)
)
CONSULTANTS = _pool(
    ["konsulent", *(f"konsulent{n:02d}" for n in range(2, 15))],
    _scale("konsulent", centres=10, per_centre=3),
)
BUSINESS = _pool(["virksomhed", "virksomhed2"], _scale("virksomhed", centres=10, per_centre=1))
LEADERS = _pool(["leder", "teamleder"], [f"c{c}-leder" for c in range(1, 11)])


def monday(offset_weeks: int = 0) -> date:
    today = date.today()
    return today - timedelta(days=today.weekday()) + timedelta(weeks=offset_weeks)


class PacedUser(FastHttpUser):
    """Logs in once; then a steady number of requests a second, whatever the tasks."""

    abstract = True
    usernames: "itertools.cycle[str]"
    network_timeout = 120.0
    connection_timeout = 30.0
    #: The server's clock at its last answer (_read_server_time); None before the first.
    server_time: float | None = None

    def on_start(self) -> None:
        self.username = next(self.usernames)
        self._sent = 0
        self._due = time.monotonic() + random.uniform(0, 1 / USER_RPS)
        page = self.get("/konto/log-ind/", "login form")
        form = find_form(page, "/konto/log-ind/")
        fields = {**(form.fields if form else {}), "username": self.username}
        fields["password"] = PASSWORD
        with self.client.post(
            "/konto/log-ind/",
            data=fields,
            name="login POST",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                COUNTERS["login_failed"] += 1
                message = f"login as {self.username} answered {response.status_code}"
                response.failure(message)
                print(message, response.error or "", file=sys.stderr)
                self.stop()
            second_factor = "/totrin/" in (response.headers.get("Location") or "")
        self._sent += 1
        if second_factor:
            self.second_factor()

    def second_factor(self) -> None:
        """Staff confirm with the demo app's code (accounts.demo_totp). A code is good once
        per person, and users share a few staff names: a second login in the same 30 s takes
        the next step's code, and after that waits for a new step."""
        for attempt in range(4):
            page = self.get(VERIFY, "second factor form")
            form = find_form(page, VERIFY)
            code = demo_code(ahead=attempt % 2, now=self.server_time)
            fields = {**(form.fields if form else {}), "code": code}
            with self.client.post(
                VERIFY,
                data=fields,
                name="second factor POST",
                allow_redirects=False,
                catch_response=True,
            ) as response:
                if response.status_code == 302:
                    return
                response.success()  # a used code is the shared demo name, not the server
            time.sleep(retry_wait(attempt, now=self.server_time))
        COUNTERS["login_failed"] += 1
        print(f"the second factor of {self.username} was refused", file=sys.stderr)
        self.stop()

    def wait_time(self) -> float:
        """Constant throughput in requests: the next task starts when the requests sent so
        far are due, never earlier, and never tries to catch up a backlog in a burst."""
        now = time.monotonic()
        self._due += self._sent / (USER_RPS * PACE["factor"])
        self._sent = 0
        if self._due < now:
            self._due = now
        return self._due - now

    def get(self, path: str, name: str, expect: tuple[int, ...] = (200,)) -> str:
        """GETs `path` (following no redirect); fails the request unless it answers `expect`."""
        self._sent += 1
        with self.client.get(
            path, name=name, allow_redirects=False, catch_response=True
        ) as response:
            self._read_server_time(response.headers.get("Date"))
            if response.status_code not in expect:
                response.failure(f"{path} answered {response.status_code}")
                return ""
            return response.text or ""

    def _read_server_time(self, date_header: str | None) -> None:
        """The server's clock, from its Date header (to the second): the second factor's code
        is the one for the server's time, not this load host's (a skewed clock, or a test
        server whose clock is pinned by --clock)."""
        try:
            self.server_time = parsedate_to_datetime(date_header or "").timestamp()
        except (TypeError, ValueError):
            self.server_time = None

    def post(self, path: str, data: dict, name: str, expect: tuple[int, ...] = (302,)):
        self._sent += 1
        with self.client.post(
            path, data=data, name=name, allow_redirects=False, catch_response=True
        ) as response:
            status = response.status_code
            if status == 409 and 409 in expect:
                COUNTERS["booking_409"] += 1
                response.success()
            elif status not in expect:
                response.failure(f"POST {path} answered {status}")
            return status, response.headers.get("Location", "") if response.headers else ""


class Citizen(PacedUser):
    weight = 80
    usernames = CITIZENS

    def on_start(self) -> None:
        super().on_start()
        self.topics: list[str] = []
        self.joblog_page = ""

    @task(10)
    def home(self) -> None:
        self.get("/", "citizen home")

    def _topics(self) -> list[str]:
        if not self.topics:
            page = self.get("/samtaler/book/", "booking topics")
            self.topics = [t.split("emne=")[1] for t in links(page, r"^/samtaler/book/\?emne=")]
        return self.topics

    def _week(self, weeks_ahead: int) -> str:
        topics = self._topics()
        if not topics:
            return ""
        week = monday(weeks_ahead).isoformat()
        path = f"/samtaler/book/?emne={random.choice(topics)}&konsulent=alle&uge={week}"
        return self.get(path, "booking week view")

    @task(6)
    def booking_week(self) -> None:
        self._week(random.randint(0, 3))

    @task(1)
    def book_and_cancel(self) -> None:
        """Week view, a free time, the confirmation page, the POST; then cancels it again so
        the citizen stays under the rule's limit of coming bookings."""
        page = self._week(random.randint(1, 3))
        times = links(page, r"[?&]tid=")
        if not times:
            return
        confirm = random.choice(times)
        form = find_form(self.get(confirm, "booking confirm", expect=(200, 302)), "/samtaler/")
        if form is None:
            return
        data = {**form.fields, "talk_about": "Min jobsøgning og mit CV", "take_away": ""}
        modes = form.choices.get("mode") or ["telefon"]
        data["mode"] = "telefon" if "telefon" in modes else modes[0]
        status, location = self.post(form.action, data, "booking POST", expect=(302, 409))
        if status != 302 or not location.startswith("/samtaler/"):
            return
        COUNTERS["booking_created"] += 1
        self.get(location, "booking detail")
        cancel_url = location.rstrip("/") + "/aflys/"
        page = self.get(cancel_url, "booking cancel form")
        cancel = find_form(page, "/aflys/", page_url=cancel_url)
        if cancel is not None:
            self.post(cancel.action, {**cancel.fields, "confirm": "on"}, "booking cancel POST")

    @task(6)
    def joblog_list(self) -> None:
        self.joblog_page = self.get("/joblog/", "joblog list")

    @task(2)
    def joblog_add(self) -> None:
        form = find_form(self.joblog_page, "/joblog/ny/") if self.joblog_page else None
        if form is None:
            self.joblog_list()
            return
        data = {**form.fields, "employer": "Belastning ApS", "job_title": "Lagermedarbejder"}
        data["occupation"] = "Lagermedarbejder"
        data["date"] = date.today().isoformat()
        self.post(form.action, data, "joblog add POST")
        self.joblog_page = ""  # its submission token is spent

    @task(4)
    def min_plan(self) -> None:
        self.get("/min-plan/", "min plan")

    @task(4)
    def suggestions(self) -> None:
        self.get("/jobforslag/", "job suggestions")


class Consultant(PacedUser):
    weight = 12
    usernames = CONSULTANTS

    def on_start(self) -> None:
        super().on_start()
        self.prepare: list[str] = []

    @task(3)
    def calendar_day(self) -> None:
        self.get("/kalender/", "consultant calendar day")

    @task(2)
    def calendar_week(self, offset: int | None = None) -> None:
        week = monday(random.randint(-1, 1) if offset is None else offset).isoformat()
        page = self.get(f"/kalender/uge/?uge={week}", "consultant calendar week")
        found = links(page, r"^/kalender/samtale/[^/]+/forbered/$")
        if found:
            self.prepare = found

    @task(4)
    def preparation(self) -> None:
        # A conversation to prepare: from this week's or next week's calendar when the random
        # week had none (last week's, late on a Friday, may have none left to prepare).
        for offset in (0, 1):
            if self.prepare:
                break
            self.calendar_week(offset)
        if self.prepare:
            self.get(random.choice(self.prepare), "preparation view")


class Business(PacedUser):
    weight = 4
    usernames = BUSINESS

    @task(4)
    def board(self) -> None:
        self.get("/jobtavle/", "openings board")

    @task(1)
    def home(self) -> None:
        self.get("/", "staff home")


class Leader(PacedUser):
    weight = 4
    usernames = LEADERS

    @task(4)
    def dashboard(self) -> None:
        self.get("/ledelse/", "leader dashboard")

    @task(1)
    def home(self) -> None:
        self.get("/", "staff home")
