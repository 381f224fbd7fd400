"""Reads of CVs. The whole CV is read in a fixed number of queries, however long it is."""

from django.db.models import Prefetch, QuerySet

from citizens.models import Citizen
from cv.models import CV, CvSkill, SoughtOccupation, WorkExperience


def cv_queryset() -> QuerySet[CV]:
    return CV.objects.select_related("citizen__user").prefetch_related(
        Prefetch(
            "sought_occupations",
            queryset=SoughtOccupation.objects.select_related("occupation"),
        ),
        Prefetch("work_experiences", queryset=WorkExperience.objects.select_related("occupation")),
        "educations",
        "courses",
        Prefetch("skills", queryset=CvSkill.objects.select_related("skill")),
        "languages",
    )


def cv_detail(*, citizen: Citizen) -> CV | None:
    """The citizen's whole CV with every section, or None if they have not started one.
    The caller has already checked that the user may see this citizen's CV."""
    return cv_queryset().filter(citizen=citizen).first()
