"""Playwright on Debian's Chromium against pytest-django's live server, with axe-core."""

import os
import time
from pathlib import Path

import pytest

from conftest import CHROMIUM
from tests.browser import vnu

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between page actions are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


@pytest.fixture(scope="session", autouse=True)
def record_pages():
    """Every full HTML page the live server serves to a browser test is kept for vnu
    (tests/browser/vnu.py); htmx fragments are not pages and are left out."""
    from django.core.handlers.base import BaseHandler

    serve = BaseHandler.get_response

    def get_response(self, request):
        response = serve(self, request)
        if (
            "HX-Request" not in request.headers
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        ):
            vnu.record_page(
                method=request.method,
                path=request.path,
                status=response.status_code,
                body=response.content,
            )
        return response

    BaseHandler.get_response = get_response  # type: ignore[method-assign]
    yield
    BaseHandler.get_response = serve  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A page whose context bypasses CSP only so that axe can be injected; the CSP itself is
    checked by test_no_csp_violations with a context that enforces it."""
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(30_000)  # a busy CI machine; nothing waits on purpose
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]


def login(page, username: str, password: str) -> None:
    """Logs in through the real forms. Staff then pass their second factor: the helper gives
    the user a confirmed authenticator app if they have none (factory users start without)
    and types the code it would show now (`accounts.tests.factories.next_code`)."""
    from accounts.models import User
    from accounts.tests.factories import app_device_for, next_code
    from accounts.two_factor import requires_second_factor

    user = User.objects.get(username=username)
    device = app_device_for(user) if requires_second_factor(user) else None
    page.goto("/konto/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    if device is not None:
        page.wait_for_url("**/konto/totrin/bekraeft/**")
        page.locator("input[name=code]").fill(next_code(device))
        page.locator("main form[action$='/bekraeft/'] button[type=submit]").click()
    page.wait_for_url("**/")


#: Where screenshots go when asked (JOBSAMTALE_SCREENSHOTS=/some/folder): a person looks at them.
SHOTS = os.environ.get("JOBSAMTALE_SCREENSHOTS")


def screenshot(page, name: str, **kwargs) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), **kwargs)


def eventually(read, timeout: float = 20.0):
    """What `read()` returns once it is truthy, polled every 0.1 s for up to `timeout` s, for
    what the browser does that the test cannot wait for on the page (a beacon sent as the tab
    closes). On SQLite the live server shares the test's in-memory database, and a read while
    its request writes fails at once with "database table is locked"; that read is tried again.
    """
    from django.db import OperationalError

    deadline = time.monotonic() + timeout
    while True:
        try:
            if result := read():
                return result
        except OperationalError:
            if time.monotonic() > deadline:
                raise
        if time.monotonic() > deadline:
            return read()
        time.sleep(0.1)
