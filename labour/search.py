"""The text an opening is found by: its title, occupation and description, stemmed with the
Danish Snowball stemmer so "sygeplejersker" finds "sygeplejerske" on any database.

`JobOpening.search_document` holds the stemmed words on every database. On PostgreSQL a GIN
index over `to_tsvector('danish', search_document)` (migration 0004) answers `text_match`; the
query words go through the same stemmer first, so both sides are stemmed alike (the `danish`
configuration then stems each side once more, and drops the same stop words). On SQLite
`text_match` looks for each stemmed word between spaces in the same column."""

import re
from collections.abc import Sequence
from functools import lru_cache, reduce
from operator import and_, or_

import snowballstemmer
from django.db import connections
from django.db.models import Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Concat

_stemmer = snowballstemmer.stemmer("danish")
_WORD = re.compile(r"\w+", re.UNICODE)

#: Snowball's Danish stop words, the list PostgreSQL's `danish` configuration drops.
_STOP_WORDS = """
    og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har
    om vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal
    selv her alle vil blev kunne ind når være dog noget ville jo deres efter ned skulle denne
    end dette mit også under have dig anden hende mine alt meget sit sine vor mod disse hvis
    din nogle hos blive mange ad bliver hendes været thi jer sådan"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

#: A phrase to look for: the stems of its words, all of which must occur.
Phrase = tuple[str, ...]


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """One word's stem; Danish job ads repeat their words, so a cache saves most of the
    stemmer's work (a large import: about 9 of 10 calls)."""
    return _stemmer.stemWord(word)


def stems(text: str) -> list[str]:
    return [_stem(w.lower()) for w in _WORD.findall(text)]


def document_for(opening) -> str:
    """What `JobOpening.search_document` holds; services set it before every save."""
    parts = [opening.title, str(opening.occupation or ""), opening.description]
    return " ".join(stems(" ".join(parts)))


@lru_cache(maxsize=4096)
def phrase(text: str) -> Phrase:
    """The stems of `text`'s words, stop words left out: "Social- og sundhedsassistent" is
    ("social", "sundhedsassist")."""
    words = [w.lower() for w in _WORD.findall(text)]
    return tuple(_stemmer.stemWords([w for w in words if w not in STOP_WORDS]))


def phrase_in(words: frozenset[str] | set[str], wanted: Phrase) -> bool:
    """Whether every stem of `wanted` is among `words` (a stemmed document's words)."""
    return bool(wanted) and all(stem in words for stem in wanted)


@lru_cache(maxsize=4096)
def _prefixes(wanted: Phrase) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(rf"\b{re.escape(stem)}", re.IGNORECASE) for stem in wanted)


def phrase_starts_words_in(text: str, wanted: Phrase) -> bool:
    """Whether every stem of `wanted` starts a word of the (unstemmed) `text`. A Danish Snowball
    stem is always a prefix of its word, so this tells cheaply whether e.g. a title says
    "Sygeplejersker til akutmodtagelsen" for ("sygeplejersk",)."""
    return bool(wanted) and all(p.search(text) for p in _prefixes(wanted))


class DanishVector(Func):
    """`to_tsvector('danish'::regconfig, <column>)`: the expression migration 0004 indexes."""

    template = "to_tsvector('danish'::regconfig, %(expressions)s)"

    def __init__(self, expression, **extra):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(expression, output_field=SearchVectorField(), **extra)


def text_match(queryset: QuerySet, phrases: Sequence[Phrase]) -> tuple[QuerySet, Q]:
    """The openings whose search document holds any of `phrases` (each with all its words):
    returns the queryset with what the condition needs and the condition, to be combined
    (e.g. `qs.filter(condition | Q(occupation__in=...))`). On PostgreSQL the condition is
    answered by the GIN index."""
    phrases = [p for p in phrases if p]
    if not phrases:
        return queryset, Q(pk__in=[])
    if connections[queryset.db].vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        query = reduce(
            or_,
            (SearchQuery(" ".join(p), config="danish", search_type="plain") for p in phrases),
        )
        return queryset.alias(_danish=DanishVector("search_document")), Q(_danish=query)
    # The plain substring test first: it is cheap and rules out most rows before the padded
    # copy of the document is made for the whole-word test.
    padded = Concat(Value(" "), "search_document", Value(" "), output_field=TextField())
    condition = reduce(
        or_,
        (
            reduce(
                and_,
                (
                    Q(search_document__contains=stem) & Q(_padded__contains=f" {stem} ")
                    for stem in p
                ),
            )
            for p in phrases
        ),
    )
    return queryset.alias(_padded=padded), condition
