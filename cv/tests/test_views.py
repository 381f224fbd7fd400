"""The citizen's own CV pages and the staff's read-only view, as the people using them see
them."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _

from audit.models import LookupLog, Purpose, Subject
from cv.models import CV, Course, CvSkill, Education, Language, SoughtOccupation, WorkExperience
from cv.tests.factories import (
    CourseFactory,
    CVFactory,
    CvSkillFactory,
    EducationFactory,
    LanguageFactory,
    SoughtOccupationFactory,
    WorkExperienceFactory,
)
from occupations.models import Occupation, Skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen_client(client, citizen):
    client.force_login(citizen.user)
    return client


def _text(response) -> str:
    return response.content.decode()


def _add_occupation(client, title, years="2", token=None, **extra):
    return client.post(
        reverse("cv:occupation_add"),
        {
            "occupation": title,
            "years_experience": years,
            "submission_token": token or uuid.uuid4(),
            **extra,
        },
    )


# --- The overview ---------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(reverse("cv:own"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_staff_cannot_open_the_citizens_own_pages(client, consultant):
    client.force_login(consultant)
    assert client.get(reverse("cv:own")).status_code == 403
    assert client.get(reverse("cv:occupation_add")).status_code == 403


def test_a_new_cv_starts_empty_at_zero_percent(citizen_client):
    response = citizen_client.get(reverse("cv:own"))
    assert response.status_code == 200
    assert response.context["completeness"].percent == 0
    assert 'value="0"' in _text(response)
    for url in ("cv:occupation_add", "cv:experience_add", "cv:skills", "cv:profile"):
        assert reverse(url) in _text(response)


def test_adding_an_occupation_raises_the_completeness(citizen_client, citizen):
    response = _add_occupation(citizen_client, "lagermedarbejder", has_education="on")
    assert response.status_code == 302
    assert response["Location"] == reverse("cv:own") + "#occupation"
    item = SoughtOccupation.objects.get(cv__citizen=citizen)
    assert (item.occupation.title, item.years_experience, item.has_education) == (
        "Lagerarbejder",
        2,
        True,
    )
    response = citizen_client.get(reverse("cv:own"))
    assert response.context["completeness"].percent == 30
    assert "Lagerarbejder" in _text(response)


def test_a_double_click_adds_the_occupation_once(citizen_client):
    token = uuid.uuid4()
    first = _add_occupation(citizen_client, "Kok", token=token)
    second = _add_occupation(citizen_client, "Kok", token=token)
    assert first.status_code == second.status_code == 302
    assert SoughtOccupation.objects.count() == 1


def test_an_unknown_occupation_is_refused_and_nothing_saved(citizen_client):
    response = _add_occupation(citizen_client, "Astronautassistent")
    assert response.status_code == 400
    assert "Astronautassistent" in _text(response)
    assert response.context["form"].errors["occupation"]
    assert not SoughtOccupation.objects.exists()


def test_the_same_occupation_twice_is_a_clear_message(citizen_client):
    _add_occupation(citizen_client, "Kok")
    response = _add_occupation(citizen_client, "kokkeassistent")
    assert response.status_code == 400
    assert (
        str(_("The occupation is already on your list."))
        in response.context["form"].non_field_errors()
    )
    assert SoughtOccupation.objects.count() == 1


@pytest.mark.parametrize("years", ["-1", "51", "1e9", "fem"])
def test_impossible_years_are_refused(citizen_client, years):
    assert _add_occupation(citizen_client, "Kok", years=years).status_code == 400
    assert not SoughtOccupation.objects.exists()


def test_changing_and_deleting_an_occupation(citizen_client, citizen):
    item = SoughtOccupationFactory(cv=CVFactory(citizen=citizen))
    url = reverse("cv:occupation_edit", args=[item.pk])
    page = citizen_client.get(url)
    assert f'value="{item.occupation.title}"' in _text(page)
    response = citizen_client.post(url, {"occupation": "Tømrer", "years_experience": "7"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.occupation.title, item.years_experience) == ("Tømrer", 7)
    delete_url = reverse("cv:occupation_delete", args=[item.pk])
    assert "Tømrer" in _text(citizen_client.get(delete_url))
    assert citizen_client.post(delete_url).status_code == 302
    assert not SoughtOccupation.objects.exists()


# --- Every section ------------------------------------------------------------------------

SECTION_POSTS = [
    (
        "experience",
        WorkExperience,
        {
            "job_title": "Lagermedarbejder",
            "employer": "Dagrofa",
            "occupation": "Lagerarbejder",
            "started_on": "2019-03",
            "ended_on": "06/2024",
            "description": "Plukning og pakning",
        },
    ),
    (
        "education",
        Education,
        {
            "title": "Lager- og terminaluddannelsen",
            "institution": "Tradium",
            "started_on": "2015-08",
            "ended_on": "2017-06",
            "completed": "on",
        },
    ),
    (
        "course",
        Course,
        {"name": "Truckcertifikat B", "issuer": "AMU", "completed_on": "2022-04-07"},
    ),
    ("language", Language, {"name": "Dansk", "level": "native"}),
]


@pytest.mark.parametrize(("key", "model", "data"), SECTION_POSTS)
def test_each_section_adds_an_entry(citizen_client, citizen, key, model, data):
    assert citizen_client.get(reverse(f"cv:{key}_add")).status_code == 200
    response = citizen_client.post(
        reverse(f"cv:{key}_add"), {**data, "submission_token": uuid.uuid4()}
    )
    assert response.status_code == 302, response.context["form"].errors
    assert model.objects.filter(cv__citizen=citizen).count() == 1


def test_months_are_stored_as_their_first_day(citizen_client, citizen):
    citizen_client.post(
        reverse("cv:experience_add"), {**SECTION_POSTS[0][2], "submission_token": uuid.uuid4()}
    )
    item = WorkExperience.objects.get()
    assert (item.started_on.isoformat(), item.ended_on.isoformat()) == ("2019-03-01", "2024-06-01")
    assert item.occupation.title == "Lagerarbejder"


def test_skills_and_profile(citizen_client, citizen):
    excel = Skill.objects.get(name="Excel")
    response = citizen_client.post(
        reverse("cv:skills"), {"skills": [excel.pk], "other_skills": "Gaffeltruck"}
    )
    assert response.status_code == 302
    assert list(CvSkill.objects.values_list("skill__name", flat=True)) == ["Excel"]
    page = citizen_client.get(reverse("cv:skills"))
    assert f'value="{excel.pk}" class="form-checkbox" id="id_skills_' in _text(page)
    response = citizen_client.post(
        reverse("cv:profile"),
        {"profile_text": "Stabil", "driving_licences": ["B", "C"], "visible_to_employers": "on"},
    )
    assert response.status_code == 302
    cv = CV.objects.get(citizen=citizen)
    assert (cv.profile_text, cv.driving_licences, cv.visible_to_employers) == (
        "Stabil",
        ["B", "C"],
        True,
    )


# --- Bad input ------------------------------------------------------------------------------

LONG = "x" * 100_000


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("cv:profile", {"profile_text": LONG}),
        ("cv:skills", {"other_skills": LONG}),
        ("cv:occupation_add", {"occupation": LONG, "years_experience": "1"}),
        ("cv:experience_add", {**SECTION_POSTS[0][2], "description": LONG}),
        ("cv:experience_add", {**SECTION_POSTS[0][2], "employer": LONG}),
        ("cv:education_add", {**SECTION_POSTS[1][2], "title": LONG}),
        ("cv:course_add", {**SECTION_POSTS[2][2], "name": LONG}),
        ("cv:language_add", {"name": LONG, "level": "good"}),
    ],
)
def test_100_000_characters_are_refused_and_nothing_saved(citizen_client, citizen, url, data):
    response = citizen_client.post(reverse(url), {**data, "submission_token": uuid.uuid4()})
    assert response.status_code == 400
    assert " må højst have " in _text(response)  # the length limit, naming the field
    for model in (SoughtOccupation, WorkExperience, Education, Course, Language, CvSkill):
        assert not model.objects.exists()
    assert not CV.objects.filter(citizen=citizen).exclude(profile_text="", other_skills="")


@pytest.mark.parametrize(
    ("url", "data", "field"),
    [
        ("cv:experience_add", {"started_on": "2024-13"}, "started_on"),
        ("cv:experience_add", {"started_on": "2099-01"}, "started_on"),
        ("cv:experience_add", {"started_on": "1899-01"}, "started_on"),
        ("cv:experience_add", {"ended_on": "9999-12"}, "ended_on"),
        ("cv:experience_add", {"started_on": "2024-05", "ended_on": "2024-01"}, None),
        ("cv:education_add", {"ended_on": "2099-06"}, "ended_on"),
        ("cv:course_add", {"completed_on": "2026-02-30"}, "completed_on"),
        ("cv:course_add", {"completed_on": "9999-12-31"}, "completed_on"),
        ("cv:course_add", {"expires_on": "9999-12-31"}, "expires_on"),
        ("cv:course_add", {"completed_on": "2022-04-07", "expires_on": "2020-01-01"}, None),
    ],
)
def test_impossible_or_far_future_dates_are_refused(citizen_client, url, data, field):
    base = next(d for key, _, d in SECTION_POSTS if url == f"cv:{key}_add")
    response = citizen_client.post(reverse(url), {**base, **data, "submission_token": uuid.uuid4()})
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors[field] if field else form.non_field_errors()
    for model in (WorkExperience, Education, Course):
        assert not model.objects.exists()


SCRIPT = '<script>alert("x")</script><b>fed</b>'


def test_html_and_script_are_shown_as_text_everywhere(client, citizen, consultant):
    cv = CVFactory(citizen=citizen, profile_text=SCRIPT, other_skills=SCRIPT)
    WorkExperienceFactory(cv=cv, job_title=SCRIPT, employer=SCRIPT, description=SCRIPT)
    EducationFactory(cv=cv, title=SCRIPT, institution=SCRIPT)
    CourseFactory(cv=cv, name=SCRIPT, issuer=SCRIPT)
    LanguageFactory(cv=cv, name=SCRIPT)
    escaped = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;b&gt;fed&lt;/b&gt;"
    client.force_login(citizen.user)
    pages = [client.get(reverse("cv:own")), client.get(reverse("cv:print"))]
    item = WorkExperience.objects.get()
    pages.append(client.get(reverse("cv:experience_delete", args=[item.pk])))
    client.force_login(consultant)
    pages.append(client.get(reverse("cv:staff_view", args=[citizen.public_id])))
    for page in pages:
        assert page.status_code == 200
        assert '<script>alert("x")' not in _text(page)
        assert "<b>fed</b>" not in _text(page)
        assert escaped in _text(page)


def test_html_is_kept_as_typed(citizen_client, citizen):
    citizen_client.post(reverse("cv:profile"), {"profile_text": SCRIPT})
    assert CV.objects.get(citizen=citizen).profile_text == SCRIPT


# --- Another citizen's entries --------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "factory"),
    [
        ("occupation", SoughtOccupationFactory),
        ("experience", WorkExperienceFactory),
        ("education", EducationFactory),
        ("course", CourseFactory),
        ("language", LanguageFactory),
    ],
)
def test_another_citizens_entry_is_404_and_untouched(citizen_client, other_citizen, key, factory):
    theirs = factory(cv=CVFactory(citizen=other_citizen))
    edit = reverse(f"cv:{key}_edit", args=[theirs.pk])
    delete = reverse(f"cv:{key}_delete", args=[theirs.pk])
    assert citizen_client.get(edit).status_code == 404
    assert citizen_client.post(edit, {"name": "Mit"}).status_code == 404
    assert citizen_client.get(delete).status_code == 404
    assert citizen_client.post(delete).status_code == 404
    assert type(theirs).objects.filter(pk=theirs.pk).exists()
    assert citizen_client.get(reverse(f"cv:{key}_edit", args=[999_999])).status_code == 404


# --- Print -----------------------------------------------------------------------------------


def test_the_print_page_has_a_print_button_and_no_inline_script(citizen_client, citizen):
    cv = CVFactory(citizen=citizen, driving_licences=["B"])
    SoughtOccupationFactory(cv=cv, occupation=Occupation.objects.get(title="Kok"))
    response = citizen_client.get(reverse("cv:print"))
    html = _text(response)
    assert response.status_code == 200
    assert "data-print" in html
    assert "Kok" in html and citizen.name in html
    assert "<script>" not in html.replace('<script src="/static/js/app.js">', "")
    assert 'class="header"' not in html


# --- Staff ----------------------------------------------------------------------------------


def test_the_consultant_reads_the_cv_and_the_look_is_logged(client, citizen, consultant):
    cv = CVFactory(citizen=citizen, profile_text="Stabil og glad")
    SoughtOccupationFactory(cv=cv, occupation=Occupation.objects.get(title="Tømrer"))
    client.force_login(consultant)
    response = client.get(reverse("cv:staff_view", args=[citizen.public_id]))
    assert response.status_code == 200
    html = _text(response)
    assert "Tømrer" in html and "Stabil og glad" in html
    assert reverse("cv:occupation_add") not in html
    assert "/mit-cv/jeg-soeger/" not in html
    log = LookupLog.objects.get()
    assert (log.actor, log.citizen, log.subject, log.purpose) == (
        consultant,
        citizen,
        Subject.CV,
        Purpose.PREPARATION,
    )


def test_the_consultant_sees_a_cv_not_started(client, citizen, consultant):
    client.force_login(consultant)
    response = client.get(reverse("cv:staff_view", args=[citizen.public_id]))
    assert response.status_code == 200
    assert response.context["cv"] is None
    assert not CV.objects.exists()  # looking does not create one


def test_the_consultant_cannot_change_the_citizens_entries(client, citizen, consultant):
    item = SoughtOccupationFactory(cv=CVFactory(citizen=citizen))
    client.force_login(consultant)
    for url in (
        reverse("cv:occupation_edit", args=[item.pk]),
        reverse("cv:occupation_delete", args=[item.pk]),
        reverse("cv:profile"),
    ):
        assert client.post(url, {"years_experience": "40"}).status_code == 403
    item.refresh_from_db()
    assert item.years_experience == 3


def test_staff_of_another_centre_get_404(client, citizen, other_consultant):
    client.force_login(other_consultant)
    assert client.get(reverse("cv:staff_view", args=[citizen.public_id])).status_code == 404
    assert not LookupLog.objects.exists()


def test_the_citizen_page_links_to_the_cv(client, citizen, consultant):
    client.force_login(consultant)
    html = _text(client.get(reverse("citizens:detail", args=[citizen.public_id])))
    assert reverse("cv:staff_view", args=[citizen.public_id]) in html


# --- Queries --------------------------------------------------------------------------------


def _fill(cv, n, start=0):
    occupations = list(Occupation.objects.order_by("pk")[start : start + n])
    skills = list(Skill.objects.order_by("pk")[start : start + n])
    for i in range(n):
        SoughtOccupationFactory(cv=cv, occupation=occupations[i])
        WorkExperienceFactory(cv=cv, occupation=occupations[i])
        EducationFactory(cv=cv)
        CourseFactory(cv=cv)
        CvSkillFactory(cv=cv, skill=skills[i])
        LanguageFactory(cv=cv)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["cv:own", "cv:print"])
def test_the_overview_costs_the_same_queries_however_long_the_cv(citizen_client, citizen, url_name):
    cv = CVFactory(citizen=citizen)
    _fill(cv, 1)
    few = _queries(citizen_client, reverse(url_name))
    _fill(cv, 6, start=1)
    assert _queries(citizen_client, reverse(url_name)) == few


def test_the_staff_view_costs_the_same_queries_however_long_the_cv(client, citizen, consultant):
    cv = CVFactory(citizen=citizen)
    _fill(cv, 1)
    client.force_login(consultant)
    url = reverse("cv:staff_view", args=[citizen.public_id])
    few = _queries(client, url)
    _fill(cv, 6, start=1)
    assert _queries(client, url) == few
