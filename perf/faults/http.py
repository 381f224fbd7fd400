"""The app over HTTP as a browser or an API client uses it: log in, read a form's hidden
fields, book through the API. Plain `requests`; every call has a timeout."""

import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta

import requests

from accounts.demo_totp import demo_code, retry_wait
from perf.loadtest.server import BASE_DIR, base_env

TIMEOUT = 30
ERROR_PAGE = "Der er sket en fejl"


def hidden_fields(html: str) -> dict[str, str]:
    """The named inputs with a value in `html` (hidden tokens, the plan's version)."""
    fields = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([\w-]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and value:
            fields[name.group(1)] = value.group(1)
    return fields


#: Every demo user's password (README.md): public, for the demo data only.
DEMO_PASSWORD = "demo"  # noqa: S105


def login(base_url: str, username: str, password: str = DEMO_PASSWORD) -> requests.Session:
    """A session logged in through the login form, as a browser would."""
    session = requests.Session()
    page = session.get(f"{base_url}/konto/log-ind/", timeout=TIMEOUT)
    page.raise_for_status()
    token = hidden_fields(page.text)["csrfmiddlewaretoken"]
    done = session.post(
        f"{base_url}/konto/log-ind/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base_url}/konto/log-ind/"},
        timeout=TIMEOUT,
        allow_redirects=False,
    )
    if done.status_code != 302:
        raise RuntimeError(f"login as {username} answered {done.status_code}")
    if "/totrin/" in done.headers.get("Location", ""):
        _second_factor(session, base_url, username)
    return session


def _second_factor(session: requests.Session, base_url: str, username: str) -> None:
    """Demo staff confirm with their demo app's code; a code is good once per person, so a
    second login in the same 30 s uses the next step's, and then waits for a new one."""
    url = f"{base_url}/konto/totrin/bekraeft/"
    for attempt in range(4):
        token = hidden_fields(session.get(url, timeout=TIMEOUT).text)["csrfmiddlewaretoken"]
        data = {"code": demo_code(ahead=attempt % 2), "csrfmiddlewaretoken": token}
        if post_form(session, url, data, referer=url).status_code == 302:
            return
        time.sleep(retry_wait(attempt))
    raise RuntimeError(f"the second factor of {username} was refused")


def post_form(session: requests.Session, url: str, data: dict, referer: str) -> requests.Response:
    return session.post(
        url, data=data, headers={"Referer": referer}, timeout=TIMEOUT, allow_redirects=False
    )


_TOKENS = """
import json
from accounts.models import User
from api.services import api_token_create
out = {}
for name in json.loads(INPUT):
    out[name] = api_token_create(user=User.objects.get(username=name), name="faults")[1]
print("TOKENS" + json.dumps(out))
"""


def api_tokens(database_url: str, usernames: list[str]) -> dict[str, str]:
    """A fresh API token for each user, made in one `manage.py shell` (only hashes are kept in
    the database, so the secrets come back on stdout)."""
    code = _TOKENS.replace("INPUT", repr(json.dumps(usernames)))
    result = subprocess.run(  # noqa: S603 - our own fixed command line
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=BASE_DIR,
        env=base_env(database_url),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("TOKENS")), None)
    if line is None:
        raise RuntimeError(f"api tokens failed: {result.stdout}{result.stderr}")
    return json.loads(line[len("TOKENS") :])


@dataclass
class Api:
    """The JSON API as one citizen (bearer token)."""

    base_url: str
    secret: str

    def _headers(self, **extra) -> dict:
        return {"Authorization": f"Bearer {self.secret}", **extra}

    def get(self, path: str, **params) -> requests.Response:
        return requests.get(
            f"{self.base_url}/api/v1{path}", params=params, headers=self._headers(), timeout=TIMEOUT
        )

    def phone_topic(self) -> int:
        topics = self.get("/topics").json()
        return next(t["id"] for t in topics if any(m["id"] == "telefon" for m in t["modes"]))

    def slots(self, topic: int, first: date, days: int = 7) -> list[dict]:
        response = self.get(
            "/slots",
            topic=topic,
            date_from=first.isoformat(),
            date_to=(first + timedelta(days=days - 1)).isoformat(),
        )
        response.raise_for_status()
        return response.json()

    def book(self, topic: int, start: str, key: str) -> requests.Response:
        return requests.post(
            f"{self.base_url}/api/v1/bookings",
            json={"topic": topic, "start": start, "mode": "telefon", "note": "Fejltest"},
            headers=self._headers(**{"Idempotency-Key": key}),
            timeout=TIMEOUT,
        )


def wait_for(check, timeout: float, interval: float = 0.2):
    """Polls `check()` until it returns something truthy (returned) or `timeout` passes
    (None)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(interval)
    return None
