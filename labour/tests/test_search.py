"""Danish full-text search of the openings: inflections meet on SQLite and on PostgreSQL, and
on PostgreSQL the query is one the GIN index of migration 0004 answers."""

import pytest
from django.db import connection
from django.db.models import Q

from labour import search
from labour.models import JobOpening
from labour.tests.factories import OpeningFactory


def test_inflected_forms_share_a_stem():
    assert search.stems("Sygeplejersker") == search.stems("sygeplejerske")
    assert search.phrase("Social- og sundhedsassistent") == search.phrase(
        "social- og sundhedsassistenter"
    )
    assert "og" not in search.phrase("Social- og sundhedsassistent")


def test_a_stem_starts_its_word_so_titles_are_checked_without_stemming():
    wanted = search.phrase("Sygeplejerske")
    assert search.phrase_starts_words_in("Sygeplejersker til akutmodtagelsen", wanted)
    assert not search.phrase_starts_words_in("Afdelingssygeplejerske", wanted)
    assert not search.phrase_starts_words_in("Pædagog", wanted)


def found(centre, *texts: str) -> set[str]:
    queryset, condition = search.text_match(
        JobOpening.objects.filter(job_centre=centre), [search.phrase(t) for t in texts]
    )
    return set(queryset.filter(condition).values_list("title", flat=True))


@pytest.mark.django_db
def test_text_match_finds_inflections_in_title_and_description(centre):
    OpeningFactory(job_centre=centre, title="Sygeplejersker til akutmodtagelsen")
    OpeningFactory(job_centre=centre, title="Nattevagt", description="Vi søger en sygeplejerske.")
    OpeningFactory(
        job_centre=centre, title="Social- og sundhedsassistenter", description="Plejecenter"
    )
    OpeningFactory(job_centre=centre, title="Pædagog")
    assert found(centre, "Sygeplejerske") == {"Sygeplejersker til akutmodtagelsen", "Nattevagt"}
    assert found(centre, "Social- og sundhedsassistent") == {"Social- og sundhedsassistenter"}
    assert found(centre, "Social- og sundhedsassistent", "Pædagoger") == {
        "Social- og sundhedsassistenter",
        "Pædagog",
    }
    assert found(centre) == set()


@pytest.mark.django_db
def test_every_word_of_a_title_must_occur(centre):
    OpeningFactory(job_centre=centre, title="Chauffør til varebil")
    assert found(centre, "Chauffør (lastbil)") == set()
    assert found(centre, "Chauffør") == {"Chauffør til varebil"}


@pytest.mark.django_db
def test_text_match_combines_with_other_conditions(centre):
    OpeningFactory(job_centre=centre, title="Sygeplejersker", postcode="2605")
    OpeningFactory(job_centre=centre, title="Sygeplejersker", postcode="9000")
    queryset, condition = search.text_match(
        JobOpening.objects.filter(job_centre=centre), [search.phrase("sygeplejerske")]
    )
    assert queryset.filter(condition & Q(postcode="2605")).count() == 1
    assert queryset.filter(condition | Q(postcode="9000")).count() == 2


@pytest.mark.postgres
@pytest.mark.django_db
def test_on_postgresql_the_gin_index_answers_the_query(centre):
    OpeningFactory(job_centre=centre, title="Sygeplejersker til akutmodtagelsen")
    queryset, condition = search.text_match(
        JobOpening.objects.all(), [search.phrase("Sygeplejerske")]
    )
    with connection.cursor() as cursor:
        # A few rows would be read sequentially anyway; forbid that to see the index can answer.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.filter(condition).only("pk").explain()
    assert "labour_opening_search_danish" in plan
