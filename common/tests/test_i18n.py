from pathlib import Path

import polib
from django.conf import settings


def test_danish_catalogue_is_complete():
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale/da/LC_MESSAGES/django.po"))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not missing, missing
    assert not fuzzy, fuzzy
