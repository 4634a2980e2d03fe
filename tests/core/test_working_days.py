"""Working days are Kazakhstan's: public holidays, the days off a holiday on a weekend
moves to, and the weekend days the Government makes working days (the `holidays`
package's calendar)."""

import datetime

import pytest

from core.working_days import add_working_days, is_working_day, working_days_between

D = datetime.date


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # 2026: Nauryz is Saturday 21 to Monday 23 March; its Saturday and Sunday move
        # to Tuesday 24 and Wednesday 25. A day after Friday 20 March is Thursday 26.
        (D(2026, 3, 20), 1, D(2026, 3, 26)),
        (D(2026, 3, 20), 3, D(2026, 3, 30)),
        # 2025: Nauryz is Friday 21 to Sunday 23 March, moved on to Monday 24 and
        # Tuesday 25.
        (D(2025, 3, 20), 1, D(2025, 3, 26)),
        # An ordinary week: Friday → Monday.
        (D(2026, 11, 27), 1, D(2026, 11, 30)),
    ],
)
def test_nauryz_is_not_counted(start, days, due):
    assert add_working_days(start, days) == due


def test_a_holiday_on_a_weekend_moves_the_day_off_to_monday():
    # Constitution Day 2025 is Saturday 30 August: Monday 1 September is a day off.
    assert not is_working_day(D(2025, 9, 1))
    assert add_working_days(D(2025, 8, 29), 1) == D(2025, 9, 2)
    # Republic Day 2026 is Sunday 25 October: Monday 26 October is a day off.
    assert not is_working_day(D(2026, 10, 26))
    assert add_working_days(D(2026, 10, 23), 1) == D(2026, 10, 27)


def test_a_transferred_working_day_counts():
    # 2024: the Government moved the day off from Saturday 4 May to Wednesday 8 May,
    # between Defender of the Fatherland Day (7 May) and Victory Day (9 May).
    assert is_working_day(D(2024, 5, 4))
    assert not is_working_day(D(2024, 5, 8))
    assert add_working_days(D(2024, 5, 3), 1) == D(2024, 5, 4)  # the Saturday
    assert add_working_days(D(2024, 5, 6), 1) == D(2024, 5, 10)  # 7, 8, 9 are off
    # 2025: Friday 3 January was a day off, worked on Sunday 5 January instead.
    assert not is_working_day(D(2025, 1, 3))
    assert is_working_day(D(2025, 1, 5))
    assert add_working_days(D(2024, 12, 31), 1) == D(2025, 1, 5)
    # An ordinary weekend stays off.
    assert not is_working_day(D(2025, 1, 4)) and not is_working_day(D(2025, 1, 12))


def test_working_days_between_counts_the_same_calendar():
    assert working_days_between(D(2026, 3, 20), D(2026, 3, 27)) == 2  # 26, 27
    # Saturday 4 May 2024 (worked), Monday 6, Friday 10; 7, 8 and 9 are off.
    assert working_days_between(D(2024, 5, 3), D(2024, 5, 10)) == 3
    assert working_days_between(D(2026, 3, 27), D(2026, 3, 20)) == 0
    assert working_days_between(D(2026, 3, 20), D(2026, 3, 20)) == 0
