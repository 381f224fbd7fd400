"""What an ad requires, read clause by clause, and what a CV shows of it."""

import pytest
from django.utils.translation import override

from occupations.requirements import labels, required_by, shown_by


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Kørekort C/CE for lastbil; B for varebil; ren straffeattest.", {"licence:C"}),
        ("Chauffør til distributionskørsel (C/E)", {"licence:CE"}),
        ("Du har C-kørekort og ADR-bevis.", {"licence:C", "cert:adr"}),
        ("Krav: kørekort kategori D og chaufføruddannelse", {"licence:D", "cert:trucker"}),
        ("Gyldigt truckcertifikat (B) er et krav.", {"cert:truck"}),
        ("Sikkerhedssko, mødestabilitet; truckcertifikat er et plus.", set()),
        ("Kørekort B er en fordel.", set()),
        ("Kørekort til bil og gode hænder", set()),
        ("Svejsecertifikat og kranbevis", {"cert:welding", "cert:crane"}),
        ("Chauffør (C/E)\nKørekort C/CE og B", {"licence:CE"}),
        ("", set()),
        ("\x00" * 3 + "kørekort C\x00", {"licence:C"}),
    ],
)
def test_an_ads_requirements_are_read_clause_by_clause(text, keys):
    assert required_by(text) == keys


def test_a_cv_shows_licences_by_category_and_certificates_in_its_own_words():
    shown = shown_by(["CE"], ["Truckcertifikat B", "Førstehjælp", ""])
    assert {"licence:B", "licence:C", "licence:CE", "cert:truck"} <= shown
    assert "licence:D" not in shown
    assert shown_by(["B"], ["Lagerstyring"]) == {"licence:B"}
    assert shown_by([], []) == frozenset()


def test_labels_read_in_danish_in_the_catalogues_order():
    with override("da"):
        assert labels({"cert:truck", "licence:C"}) == ["kørekort C", "truckcertifikat"]
