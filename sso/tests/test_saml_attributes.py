from sso.saml import CPR_ATTRIBUTE, LOA_ATTRIBUTE, OIOSAML2_LOA_ATTRIBUTE, level_from_attributes


def test_nsis_levels_in_english_and_danish():
    for value, level in [
        ("Low", "Low"),
        ("Lav", "Low"),
        ("Substantial", "Substantial"),
        ("Betydelig", "Substantial"),
        ("High", "High"),
        ("Høj", "High"),
        ("HØJ", "High"),
        ("Ukendt", ""),
    ]:
        assert level_from_attributes({LOA_ATTRIBUTE: [value]}) == level


def test_oiosaml2_numeric_levels():
    assert level_from_attributes({OIOSAML2_LOA_ATTRIBUTE: ["2"]}) == "Low"
    assert level_from_attributes({OIOSAML2_LOA_ATTRIBUTE: ["3"]}) == "Substantial"
    assert level_from_attributes({OIOSAML2_LOA_ATTRIBUTE: ["4"]}) == "High"


def test_no_level_is_no_level():
    assert level_from_attributes({CPR_ATTRIBUTE: ["0101901234"]}) == ""
