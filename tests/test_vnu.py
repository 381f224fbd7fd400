"""The validator the browser tests' pages go through (tests/browser/vnu.py) finds what the
issue names (non-data htmx attributes, bad nesting, duplicate ids, unescaped text) and passes
a page written as ours are."""

from pathlib import Path

import pytest

from tests.browser.vnu import page_is_document, vnu_errors

pytestmark = pytest.mark.vnu

HEAD = '<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Side</title></head>'


def page(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / f"{name}.html"
    path.write_text(f"{HEAD}<body>{body}</body></html>", encoding="utf-8")
    return path


def test_vnu_finds_each_kind_of_error_and_passes_good_markup(tmp_path):
    bad = {
        "htmx": '<main><div hx-get="/x">Tekst</div></main>',
        "nesting": "<main><p><div>Tekst</div></p></main>",
        "ids": '<main><span id="a">1</span><span id="a">2</span></main>',
        "escaping": '<main><a href="/?a=1&b=<2">Link</a></main>',
    }
    good = page(
        tmp_path,
        "good",
        '<main><div data-hx-get="/x" data-hx-swap="outerHTML">Tekst &amp; mere</div></main>',
    )
    files = [page(tmp_path, name, body) for name, body in bad.items()] + [good]

    errors = vnu_errors(files)

    pages_with_errors = {Path(e["url"].removeprefix("file:")).stem for e in errors}
    assert pages_with_errors == set(bad)


def test_only_full_documents_are_pages():
    assert page_is_document(b"\n<!DOCTYPE html><html></html>")
    assert not page_is_document(b'<div id="fragment">htmx</div>')
