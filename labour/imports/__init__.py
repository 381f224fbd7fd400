"""Importing job openings: schema.org JobPosting as JSON-LD (a file, or a page's source with
`<script type="application/ld+json">` blocks, `@graph`s and lists) and CSV with the columns
documented in docs/import-formats.md.

Two phases. Parsing (`openings_read`) turns the input into `Posting`s, or into `Problem`s
naming the posting (or CSV row) and what is wrong with it, in Danish. Saving (`openings_save`)
then matches each posting to what is already there, a chunk of postings per transaction: the
same identifier (or, without one, the same URL) updates the opening instead of adding another,
and a posting that would change nothing is counted as unchanged. With "all or nothing", any
problem means nothing is saved. Large uploads are imported by a worker (`labour.imports.runs`)."""

from labour.imports.csv import CSV_COLUMNS, REQUIRED_COLUMNS, decode, parse_csv
from labour.imports.jsonld import parse_jsonld
from labour.imports.readers import html_to_text, skill_names
from labour.imports.records import CSV, JSONLD, ImportReport, Posting, Problem
from labour.imports.saving import openings_import, openings_read, openings_save

__all__ = [
    "CSV",
    "CSV_COLUMNS",
    "JSONLD",
    "REQUIRED_COLUMNS",
    "ImportReport",
    "Posting",
    "Problem",
    "decode",
    "html_to_text",
    "openings_import",
    "openings_read",
    "openings_save",
    "parse_csv",
    "parse_jsonld",
    "skill_names",
]
