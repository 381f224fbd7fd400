"""The text an opening is found by: its title, occupation and description, stemmed with the
Danish Snowball stemmer so "sygeplejersker" finds "sygeplejerske" on any database."""

import re

import snowballstemmer

_stemmer = snowballstemmer.stemmer("danish")
_WORD = re.compile(r"\w+", re.UNICODE)


def stems(text: str) -> list[str]:
    return _stemmer.stemWords([w.lower() for w in _WORD.findall(text)])


def document_for(opening) -> str:
    """What `JobOpening.search_document` holds; services set it before every save."""
    parts = [opening.title, str(opening.occupation or ""), opening.description]
    return " ".join(stems(" ".join(parts)))
