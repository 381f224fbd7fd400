"""Every citizen page on a 390 px phone, as a first-time citizen meets it: no control smaller
than 44 by 44 CSS px, nothing wider than the screen and no table to scroll sideways, the header
passed in at most 3 Tab presses, axe without violations, and no English words or ISO dates
among the Danish. (vnu checks the same pages' HTML at the end of the run: tests/browser/vnu.py.)"""

import re
from datetime import date, datetime, time, timedelta
from pprint import pformat

import pytest
from django.test import Client
from django.utils import timezone

from accounts.tests.factories import PASSWORD
from audit.models import Purpose, Subject
from audit.services import lookup_record
from booking.tests.factories import BookingFactory, RoomFactory, TopicFactory, working_week
from coservice.tests.factories import HelpPlaceFactory
from cv.tests.factories import CVFactory, WorkExperienceFactory
from demo.citizen_pages import citizen_pages
from jobclubs.tests.factories import JobClubFactory, SeatFactory
from joblog.tests.factories import EntryFactory, OccupationFactory
from plans.tests.factories import AgreementFactory, HomeworkFactory, PlanFactory
from suggestions.tests.factories import BatchFactory, SuggestionFactory
from tests.browser.conftest import axe_violations, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

#: The citizen's pages; "{booking}" is the booked conversation's id, "{topic}" its topic's,
#: "{monday}" next week's Monday and "{time}" a free time that week (the booking's four steps).
PAGES = [
    "/",
    "/samtaler/",
    "/samtaler/book/",
    "/samtaler/book/?emne={topic}",
    "/samtaler/book/?emne={topic}&konsulent=alle&uge={monday}",
    "/samtaler/book/?emne={topic}&konsulent=alle&uge={monday}&tid={time}",
    "/samtaler/{booking}/",
    "/samtaler/{booking}/flyt/",
    "/samtaler/{booking}/aflys/",
    "/samtaler/{booking}/aftalekort/",
    "/joblog/",
    "/joblog/ny/",
    "/joblog/fremgang/",
    "/joblog/udskriv/",
    "/mit-cv/",
    "/mit-cv/kompetencer/",
    "/mit-cv/profil/",
    "/mit-cv/udskriv/",
    "/min-plan/",
    "/min-plan/historik/",
    "/jobforslag/",
    "/mine-oplysninger/",
    "/mine-oplysninger/kontakt/",
    "/mine-oplysninger/hvem-har-set/",
    "/mine-data/",
    "/mine-data/rettelser/",
]

#: English words that are not also Danish words a page could use.
ENGLISH = {
    "the", "and", "your", "you", "with", "this", "that", "which", "from", "please", "click",
    "here", "download", "page", "settings", "save", "cancel", "delete", "edit", "yes", "none",
    "true", "false", "view", "back", "next", "previous", "search", "home", "skip", "content",
    "close", "choose", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "may", "june", "july", "october", "who", "what",
}  # fmt: skip

SMALL_TARGETS = """() => {
  const out = [];
  const shown = (el) => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && r.right > 0
      && r.left < innerWidth && !el.closest('[aria-hidden=true], .sr-only, .skipnav');
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' '
    + (el.innerText || el.value || el.name || '').trim().slice(0, 30);
  const check = (el, box) => {
    const r = box.getBoundingClientRect();
    if (r.width < 44 || r.height < 44)
      out.push(`${name(el)}: ${Math.round(r.width)}x${Math.round(r.height)}`);
  };
  document.querySelectorAll(`button, a.button, a.function-link, header a, nav a, summary,
      [role=button], select, textarea,
      input:not([type=hidden]):not([type=radio]):not([type=checkbox])`).forEach((el) => {
    if (shown(el)) check(el, el);
  });
  document.querySelectorAll('input[type=radio], input[type=checkbox]').forEach((el) => {
    const label = el.labels && el.labels[0];
    if (label && shown(label)) check(el, label);
  });
  return out;
}"""

SIDEWAYS = """() => {
  const out = [];
  const width = document.documentElement.scrollWidth;
  if (width > innerWidth) out.push('page ' + width);
  document.querySelectorAll('main *').forEach((el) => {
    const s = getComputedStyle(el);
    if (['auto', 'scroll'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1)
      out.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + el.scrollWidth);
  });
  return out;
}"""

FOCUS_IN_HEADER = """() => {
  const el = document.activeElement;
  return !!el && el !== document.body
    && (el.classList.contains('skipnav') || !!el.closest('header'));
}"""


@pytest.fixture
def citizen_with_data(centre, consultant, citizen):
    working_week(consultant)
    topic = TopicFactory(job_centre=centre, name="Min jobsøgning", consultants=[consultant])
    monday = next_monday()
    start = timezone.make_aware(datetime.combine(monday + timedelta(days=2), time(10, 0)))
    booking = BookingFactory(
        citizen=citizen,
        consultant=consultant,
        topic=topic,
        room=RoomFactory(job_centre=centre),
        start=start,
    )
    occupation = OccupationFactory(title="Lagermedarbejder", disco_code="9333")
    EntryFactory.create_batch(3, citizen=citizen, occupation=occupation)
    WorkExperienceFactory(cv=CVFactory(citizen=citizen), employer="Bageriet")
    plan = PlanFactory(citizen=citizen)
    HomeworkFactory(plan=plan)
    AgreementFactory(plan=plan)
    SuggestionFactory(batch=BatchFactory(citizen=citizen), opening__title="Lagerarbejder")
    HelpPlaceFactory(job_centre=centre, name="Brøndby Bibliotek")
    club = JobClubFactory(job_centre=centre, start=start + timedelta(days=2))
    SeatFactory(club=club, citizen=citizen)
    lookup_record(actor=consultant, citizen=citizen, subject=Subject.CV, purpose=Purpose.CASEWORK)
    return booking


def next_monday() -> date:
    today = timezone.localdate()
    return today + timedelta(days=7 - today.weekday())


def header_tabs(page) -> int:
    """Tab presses from the top of the page until the focus leaves the skip link and header."""
    page.locator("body").focus()
    for presses in range(1, 12):
        page.keyboard.press("Tab")
        if not page.evaluate(FOCUS_IN_HEADER):
            return presses - 1
    return presses


def english_words(page) -> list[str]:
    text = page.locator("body").inner_text()
    words = {w.lower() for w in re.findall(r"[A-Za-zÆØÅæøå]+", text)}
    iso = re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text)
    return sorted(words & ENGLISH) + iso


def every_page(citizen, booking) -> list[str]:
    """The pages named above, then every other page the walk of the citizen's site finds
    (demo.citizen_pages: the guides, the job clubs, co-service, what is added later)."""
    named = [
        path.format(
            booking=booking.public_id,
            topic=booking.topic_id,
            monday=next_monday().isoformat(),
            time=f"{next_monday() + timedelta(days=3)}T11:00",
        )
        for path in PAGES
    ]
    client = Client()
    client.force_login(citizen.user)
    walked = [url for _name, url in citizen_pages(client, citizen)]
    return list(dict.fromkeys([*named, *walked]))


def test_every_citizen_page_works_on_a_phone(page, citizen, citizen_with_data):
    page.set_viewport_size(PHONE)
    urls = every_page(citizen, citizen_with_data)
    assert len(urls) > len(PAGES) + 6  # the walk found the guides and more
    login(page, citizen.user.username, PASSWORD)
    found = {}
    for number, url in enumerate(urls):
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        problems = {
            "small": page.evaluate(SMALL_TARGETS),
            "sideways": page.evaluate(SIDEWAYS),
            "english": english_words(page),
            "axe": axe_violations(page),
        }
        tabs = header_tabs(page)
        if tabs > 3:
            problems["header tabs"] = [tabs]
        problems = {k: v for k, v in problems.items() if v}
        if problems:
            found[url] = problems
        screenshot(page, f"phone-{number:02d}", full_page=True)
    assert found == {}, pformat(found, width=100)
