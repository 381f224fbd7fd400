"""ISO weeks and calendar months, the last `count` up to the one today lies in."""

from datetime import date

import pytest

from kpis.models import PeriodKind
from kpis.periods import DEFAULT_COUNT, Period, period_containing, period_start, periods

WEDNESDAY = date(2026, 11, 25)


def test_weeks_are_iso_weeks_monday_to_sunday_and_the_current_one_counts_up_to_today():
    weeks = periods(PeriodKind.WEEK, today=WEDNESDAY, count=3)
    assert [(w.start, w.end) for w in weeks] == [
        (date(2026, 11, 9), date(2026, 11, 15)),
        (date(2026, 11, 16), date(2026, 11, 22)),
        (date(2026, 11, 23), date(2026, 11, 29)),
    ]
    assert all(w.start.isocalendar().weekday == 1 for w in weeks)
    assert [w.through for w in weeks] == [date(2026, 11, 15), date(2026, 11, 22), WEDNESDAY]
    assert weeks[-1].is_current and not weeks[0].is_current
    assert weeks[0].weeks == 1 and weeks[-1].days == 3
    assert weeks[-1].weeks == pytest.approx(3 / 7)


def test_months_are_calendar_months_across_a_new_year():
    months = periods(PeriodKind.MONTH, today=date(2026, 2, 10), count=4)
    assert [(m.start, m.end) for m in months] == [
        (date(2025, 11, 1), date(2025, 11, 30)),
        (date(2025, 12, 1), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 1, 31)),
        (date(2026, 2, 1), date(2026, 2, 28)),
    ]
    assert months[-1].through == date(2026, 2, 10)
    assert months[1].weeks == pytest.approx(31 / 7)


def test_a_year_of_trend_plus_the_current_period_by_default():
    assert len(periods(PeriodKind.MONTH, today=WEDNESDAY)) == DEFAULT_COUNT[PeriodKind.MONTH] == 13
    assert len(periods(PeriodKind.WEEK, today=WEDNESDAY)) == DEFAULT_COUNT[PeriodKind.WEEK] == 13
    months = periods(PeriodKind.MONTH, today=WEDNESDAY)
    assert months[0].start == date(2025, 11, 1) and months[-1].start == date(2026, 11, 1)


def test_week_53_and_leap_february():
    # 2026 has an ISO week 53 (Monday 28 December 2026 - Sunday 3 January 2027).
    week = period_containing(PeriodKind.WEEK, date(2027, 1, 2), today=date(2027, 3, 1))
    assert week == Period(PeriodKind.WEEK, date(2026, 12, 28), date(2027, 1, 3), date(2027, 1, 3))
    assert week.start.isocalendar().week == 53
    february = period_containing(PeriodKind.MONTH, date(2028, 2, 14), today=date(2028, 5, 1))
    assert february.end == date(2028, 2, 29) and february.days == 29


def test_the_last_day_of_a_period_is_its_own_current_period_in_full():
    sunday = date(2026, 11, 29)
    week = periods(PeriodKind.WEEK, today=sunday, count=1)[0]
    assert week.through == week.end == sunday and not week.is_current


def test_bad_kind_or_count_is_refused():
    with pytest.raises(ValueError):
        period_start("year", WEDNESDAY)
    with pytest.raises(ValueError):
        periods(PeriodKind.WEEK, today=WEDNESDAY, count=0)
