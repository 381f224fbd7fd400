from datetime import date

from common.public_holidays import public_holiday


def test_danish_public_holidays_by_their_danish_names():
    assert public_holiday(date(2026, 12, 25)) == "Juledag"
    assert public_holiday(date(2027, 3, 25)) == "Skærtorsdag"  # Easter moves every year
    # Christmas Eve, Constitution Day and (since 2024) Store Bededag are ordinary days: a
    # centre that closes then enters a closing day of its own.
    for day in (date(2026, 12, 24), date(2026, 6, 5), date(2026, 5, 1), date(2027, 4, 23)):
        assert public_holiday(day) is None
