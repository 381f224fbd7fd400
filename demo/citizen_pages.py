"""Every page a citizen meets, found by walking the URLs as that citizen: the pages without an
object in the URL that answer the citizen with HTML (so a new citizen page is measured without
being listed), the pages of the citizen's own things (a coming conversation, a held one to
evaluate, a Joblog entry, a CV item, a job suggestion) and the four booking steps.

Used by `manage.py lix` and by the suite's plain-language and form-error checks."""

import logging
import re
from collections.abc import Iterator
from contextlib import suppress
from html import unescape

from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from booking.models import Booking, Status
from booking.selectors.bookings import topics_for
from citizens.models import Citizen
from cv.models import WorkExperience
from guidance.guides import GUIDES
from jobclubs.selectors import coming_for_citizen
from joblog.models import JoblogEntry
from suggestions.models import JobSuggestion

#: Pages that are no reading matter: files, redirects after an action, the way out.
NOT_PAGES = {"accounts:logout", "set_language", "health", "security_txt"}
#: Parts of the site a citizen never works in, though some answer anyone (staff sign-in, SSO).
NOT_CITIZEN_PREFIXES = ("admin:", "sso:", "api:", "django-admin")

_TIME_LINK = re.compile(r'href="([^"]*[?&](?:amp;)?tid=[^"#]+)')


def _patterns(resolver=None, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def _plain_urls() -> list[tuple[str, str]]:
    found = []
    for name, pattern in _patterns():
        if name in NOT_PAGES or name.startswith(NOT_CITIZEN_PREFIXES):
            continue
        if pattern.pattern.converters or "<" in str(pattern.pattern):
            continue
        with suppress(NoReverseMatch):  # a parent pattern names a part: not one page
            found.append((name, reverse(name)))
    return sorted(set(found))


def _object_urls(citizen: Citizen) -> list[tuple[str, str]]:
    now = timezone.now()
    urls = []
    bookings = Booking.objects.filter(citizen=citizen).order_by("start")
    coming = bookings.filter(status=Status.BOOKED, start__gt=now).first()
    if coming:
        for name in ("booking:detail", "booking:reschedule", "booking:cancel", "booking:card"):
            urls.append((name, reverse(name, args=[coming.public_id])))
    held = bookings.filter(status=Status.HELD).last()
    if held:
        urls.append(("booking:detail (held)", reverse("booking:detail", args=[held.public_id])))
        urls.append(("evaluations:give", reverse("evaluations:give", args=[held.public_id])))
    entry = JoblogEntry.objects.filter(citizen=citizen).order_by("-pk").first()
    if entry:
        urls.append(("joblog:update", reverse("joblog:update", args=[entry.pk])))
    experience = WorkExperience.objects.filter(cv__citizen=citizen).first()
    if experience:
        urls.append(("cv:experience_edit", reverse("cv:experience_edit", args=[experience.pk])))
    suggestion = JobSuggestion.objects.filter(citizen=citizen).order_by("-pk").first()
    if suggestion:
        urls.append(("suggestions:save", reverse("suggestions:save", args=[suggestion.pk])))
    urls.append(("plans:track", reverse("plans:track", args=["A"])))
    for guide in GUIDES:
        name = f"guidance:guide ({guide.slug})"
        urls.append((name, reverse("guidance:guide", args=[guide.slug])))
    clubs = coming_for_citizen(user=citizen.user, citizen=citizen, now=now)
    if clubs:
        urls.append(("jobclubs:detail", reverse("jobclubs:detail", args=[clubs[0].public_id])))
    return urls


def _booking_steps(client: Client, citizen: Citizen) -> list[tuple[str, str]]:
    start = reverse("booking:start")
    topics = topics_for(citizen)
    if not topics:
        return []
    topic = topics[0].pk
    steps = [
        ("booking:start (2 konsulent)", f"{start}?emne={topic}"),
    ]
    week = client.get(f"{start}?emne={topic}&konsulent=alle&uge=forste", follow=True)
    steps.append(("booking:start (3 tid)", week.redirect_chain[-1][0] if week.redirect_chain
                  else f"{start}?emne={topic}&konsulent=alle"))  # fmt: skip
    found = _TIME_LINK.search(week.content.decode())
    if found:
        steps.append(("booking:start (4 bekræft)", unescape(found.group(1))))
    return steps


def citizen_pages(client: Client, citizen: Citizen) -> list[tuple[str, str]]:
    """(name, url) of every HTML page (with a <main>) the logged-in citizen's client is
    answered 200 on."""
    candidates = [*_plain_urls(), *_object_urls(citizen), *_booking_steps(client, citizen)]
    pages = []
    quiet = logging.getLogger("django.request")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # the staff pages' refusals are expected here
    try:
        for name, url in candidates:
            response = client.get(url)
            if (
                response.status_code == 200
                and response["Content-Type"].startswith("text/html")
                and b"<main" in response.content  # a page, not a fragment htmx swaps in
            ):
                pages.append((name, url))
    finally:
        quiet.setLevel(level)
    return pages
