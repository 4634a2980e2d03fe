"""Working days (Monday to Friday) for the portal's deadlines and "waiting too long"."""

import datetime


def add_working_days(start, days):
    """The date ``days`` working days after the date ``start``."""
    current = start
    added = 0
    while added < days:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5:
            added += 1
    return current


def working_days_between(start, end):
    """Working days from the date ``start`` to the date ``end`` (0 when end <= start)."""
    if end <= start:
        return 0
    days = 0
    current = start
    while current < end:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5:
            days += 1
    return days
