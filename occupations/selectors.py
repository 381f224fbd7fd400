from django.db.models import QuerySet

from occupations.models import Occupation


def occupation_search(query: str, limit: int = 20) -> QuerySet:
    """Occupations whose title or a synonym contains every word of the query."""
    qs = Occupation.objects.all()
    for word in query.lower().split()[:5]:
        qs = qs.filter(search_text__contains=word)
    return qs[:limit]


def occupation_by_title(title: str) -> Occupation | None:
    """The occupation with exactly this title or synonym (any case), else None."""
    wanted = title.strip().lower()
    if not wanted:
        return None
    for occupation in Occupation.objects.filter(search_text__contains=wanted):
        names = [occupation.title, *occupation.synonyms.splitlines()]
        if any(n.strip().lower() == wanted for n in names):
            return occupation
    return None
