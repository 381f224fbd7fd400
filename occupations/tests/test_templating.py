"""The balance badge says the prospect in words (colour is never alone), reads a map or an
area without a query per occupation, and the transfer box lists proposals."""

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from centres.tests.factories import JobCentreFactory
from citizens.tests.factories import CitizenFactory
from occupations.models import Occupation, Prospect
from occupations.selectors import balance_for
from occupations.tests.factories import LabourBalanceFactory
from places.models import Area

pytestmark = pytest.mark.django_db


def _render(source: str, **context) -> str:
    with translation.override("en"):
        return engines["jinja2"].from_string(source).render(context)


@pytest.fixture
def balances():
    titles = ["Lagerarbejder", "Sygeplejerske", "Kontorassistent"]
    prospects = [Prospect.GOOD, Prospect.SHORTAGE, Prospect.LESS_GOOD]
    for title, prospect in zip(titles, prospects, strict=True):
        LabourBalanceFactory(occupation=Occupation.objects.get(title=title), prospect=prospect)
    return Occupation.objects.filter(title__in=titles).order_by("title")


def test_the_badge_names_the_prospect_with_a_dkfds_class(balances):
    html = _render(
        "{% for o in occupations %}[{{ balance_badge(o, balances) }}]{% endfor %}",
        occupations=balances,
        balances=balance_for(balances, Area.HOVEDSTADEN),
    )
    assert (
        '<span class="badge" title="Labour-market balance, Hovedstaden 2026-2">'
        "Less good job prospects</span>"
    ) in html
    assert '<span class="badge badge-info"' in html and ">Good job prospects<" in html
    assert '<span class="badge badge-success"' in html and ">Shortage of labour<" in html


def test_nothing_is_shown_without_a_balance(balances):
    carpenter = Occupation.objects.get(title="Tømrer")
    assert _render("{{ balance_badge(o, area) }}", o=carpenter, area=Area.HOVEDSTADEN).strip() == ""
    assert _render("{{ balance_badge(o, area) }}", o=balances[0], area="").strip() == ""
    assert _render("{{ balance_badge(o, area) }}", o=None, area=Area.FYN).strip() == ""


def test_with_an_area_the_page_reads_the_balance_once(balances, django_assert_num_queries):
    request = RequestFactory().get("/")
    occupations = list(Occupation.objects.all())
    template = engines["jinja2"].from_string(
        "{% for o in occupations %}{{ balance_badge(o, area) }}"
        "{{ balance_badge(o.title, area) }}{{ balance_badge(o.pk, area) }}{% endfor %}"
    )
    with django_assert_num_queries(1):
        html = template.render(
            {"occupations": occupations, "area": Area.HOVEDSTADEN}, request=request
        )
    assert html.count("<span") == 9  # three occupations with a balance, three ways each
    with django_assert_num_queries(0):  # the same request: already read
        template.render({"occupations": occupations, "area": Area.HOVEDSTADEN}, request=request)


def test_citizen_area_takes_the_first_citizen_given():
    citizen = CitizenFactory(job_centre=JobCentreFactory(name="Jobcenter Nord", postcode="9900"))
    assert _render("{{ citizen_area(a, b) }}", a=None, b=citizen) == "nordjylland"
    assert _render("[{{ citizen_area(a) }}]", a="") == "[]"
