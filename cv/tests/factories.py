from datetime import date

import factory

from citizens.tests.factories import CitizenFactory
from cv.models import (
    CV,
    Course,
    CvSkill,
    Education,
    Language,
    LanguageLevel,
    SoughtOccupation,
    WorkExperience,
)
from occupations.models import Occupation, Skill


class CVFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CV

    citizen = factory.SubFactory(CitizenFactory)


class SoughtOccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SoughtOccupation

    cv = factory.SubFactory(CVFactory)
    occupation = factory.Iterator(Occupation.objects.order_by("pk"))
    years_experience = 3


class WorkExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkExperience

    cv = factory.SubFactory(CVFactory)
    job_title = "Lagermedarbejder"
    employer = "Dagrofa Logistik"
    started_on = date(2019, 3, 1)
    ended_on = date(2024, 6, 1)


class EducationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Education

    cv = factory.SubFactory(CVFactory)
    title = "Lager- og terminaluddannelsen"
    institution = "Tradium"
    started_on = date(2015, 8, 1)
    ended_on = date(2017, 6, 1)
    completed = True


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    cv = factory.SubFactory(CVFactory)
    name = "Truckcertifikat B"
    issuer = "AMU"
    completed_on = date(2022, 4, 7)


class CvSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CvSkill

    cv = factory.SubFactory(CVFactory)
    skill = factory.Iterator(Skill.objects.order_by("pk"))


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language

    cv = factory.SubFactory(CVFactory)
    name = factory.Sequence(lambda n: f"Sprog {n}")
    level = LanguageLevel.GOOD


def complete_cv(citizen):
    """A CV with something in every section that counts towards completeness."""
    cv = CVFactory(citizen=citizen, profile_text="Mødestabil og glad for lagerarbejde.")
    SoughtOccupationFactory(cv=cv, occupation=Occupation.objects.get(title="Lagerarbejder"))
    WorkExperienceFactory(cv=cv)
    EducationFactory(cv=cv)
    CourseFactory(cv=cv)
    CvSkillFactory(cv=cv, skill=Skill.objects.get(name="Truckcertifikat"))
    LanguageFactory(cv=cv, name="Dansk", level=LanguageLevel.NATIVE)
    return cv
