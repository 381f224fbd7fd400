"""The guides read in plain Danish: LIX 35 or lower for each guide's text and for the main
text of its page, and every sentence translated."""

import pytest
from django.urls import reverse
from django.utils import translation

from common.lix import lix, page_lix
from guidance import demo
from guidance.guides import GUIDES

PLAIN = 35


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.slug)
def test_each_guide_reads_plainly_in_danish(guide):
    with translation.override("da"):
        texts = [str(text) for text in guide.texts()]
    with translation.override("en"):
        english = [str(text) for text in guide.texts()]
    untranslated = [t for t, e in zip(texts, english, strict=True) if t == e and t != "Dit CV"]
    assert not untranslated
    assert lix("\n".join(texts)).score <= PLAIN


@pytest.mark.django_db
@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.slug)
def test_each_guide_page_reads_plainly(client, citizen, guide):
    client.force_login(citizen.user)
    page = client.get(reverse("guidance:guide", args=[guide.slug])).content.decode()
    assert page_lix(page).score <= PLAIN


@pytest.mark.django_db
def test_the_help_index_reads_plainly(client, citizen):
    client.force_login(citizen.user)
    page = client.get(reverse("guidance:index")).content.decode()
    assert page_lix(page).score <= PLAIN


@pytest.mark.parametrize("text", demo.NOTES.values())
def test_the_demo_notes_read_plainly(text):
    assert lix(text).score <= PLAIN
