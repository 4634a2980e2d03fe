"""Working days in Kazakhstan for the portal's deadlines and "waiting too long".

A working day is one the Labour Code and the Government's decrees make one: Monday to
Friday, less the public holidays (Nauryz, Independence Day, Kurban Ait, ...), less the days
off a holiday falling on a weekend is moved to, less the days off the Government transfers
from a weekend; plus the Saturdays and Sundays it makes working days in exchange. The
calendar is the `holidays` package's Kazakhstan ("KZ"): keep the package up to date, since
each year's transfers are decreed the year before and reach the package in a release.
"""

import datetime
import functools

import holidays

COUNTRY = "KZ"


@functools.lru_cache(maxsize=64)
def _calendar_of(year):
    """(days off, working weekend days) of ``year``. A day off moved from the next
    year's weekend (such as 3 January 2014, worked on 28 December 2013) is decreed with
    that year, so the neighbouring years are read too."""
    calendar = holidays.country_holidays(COUNTRY, years=(year - 1, year, year + 1))
    days_off = frozenset(day for day in calendar if day.year == year)
    working_weekend_days = frozenset(
        day for day in calendar.weekend_workdays if day.year == year
    )
    return days_off, working_weekend_days


def is_working_day(day):
    """Whether the date ``day`` is a working day in Kazakhstan."""
    days_off, working_weekend_days = _calendar_of(day.year)
    if day.weekday() >= 5:
        return day in working_weekend_days
    return day not in days_off


def add_working_days(start, days):
    """The date ``days`` working days after the date ``start`` (``start`` itself is not
    counted: a request received on a Friday with one working day is due the next working
    day)."""
    current = start
    added = 0
    while added < days:
        current += datetime.timedelta(days=1)
        if is_working_day(current):
            added += 1
    return current


def working_days_between(start, end):
    """Working days after the date ``start`` up to and including the date ``end`` (0 when
    end <= start)."""
    days = 0
    current = start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_working_day(current):
            days += 1
    return days
