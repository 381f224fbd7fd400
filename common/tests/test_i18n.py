from pathlib import Path

import polib
from django.conf import settings


def test_danish_catalogue_is_complete():
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale/da/LC_MESSAGES/django.po"))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not missing, missing
    assert not fuzzy, fuzzy


def test_no_translated_text_inside_an_f_string():
    """makemessages (xgettext) does not see a gettext call inside an f-string's braces, so
    its text would silently lose its Danish at the next `make messages`."""
    import re

    pattern = re.compile(r"""\bf(["'])[^"'\n]*\{\s*_\(""")
    root = Path(settings.BASE_DIR)
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        if not {".venv", "node_modules", "var"} & set(path.relative_to(root).parts)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not found, found
