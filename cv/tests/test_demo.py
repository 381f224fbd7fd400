"""The CV demo data (cv/demo.py, run after seed_demo) has the shape the demo needs."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from citizens.models import Citizen
from cv.completeness import cv_completeness
from cv.models import CV
from cv.selectors import cv_queryset

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())  # its seeders include cv.demo
        yield
        transaction.set_rollback(True)


def test_the_demo_citizens_have_cvs_of_varied_completeness(seeded):
    cvs = list(cv_queryset().filter(citizen__user__username__startswith="borger"))
    numbered = Citizen.objects.filter(user__username__regex=r"^borger\d{3}$").count()
    assert numbered == 100
    assert 70 <= len(cvs) <= 101
    percents = {cv_completeness(cv).percent for cv in cvs}
    assert 100 in percents and len(percents) >= 5
    assert any(p < 50 for p in percents)


def test_borger_is_fairly_complete_but_misses_something(seeded):
    cv = cv_queryset().get(citizen__user__username="borger")
    score = cv_completeness(cv)
    assert 80 <= score.percent < 100
    assert cv.sought_occupations.all()[0].occupation.title == "Lagerarbejder"
    assert cv.work_experiences.all() and cv.courses.all()


def test_every_demo_entry_is_valid(seeded):
    for cv in cv_queryset().filter(citizen__user__username__startswith="borger"):
        cv.full_clean()
        for relation in ("sought_occupations", "work_experiences", "educations", "courses"):
            for item in getattr(cv, relation).all():
                item.full_clean()
    assert CV.objects.filter(citizen__user__username="borger-nord").count() == 0
