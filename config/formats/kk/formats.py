"""Kazakh dates and numbers, which Django has no formats for (it would write Kazakh
dates in English order, "Желтоқсан 1, 2026").

The standard Kazakh order is year, day, month: "2026 жылғы 1 желтоқсан" ("of the year
2026, 1 December"). ``E`` is the month as it stands after a day; the portal's Kazakh
catalogue gives it in lower case (``msgctxt "alt. month"``), as Kazakh writes month
names in running text. Characters outside ASCII are not format characters, so "жылғы"
needs no escaping.
"""

DATE_FORMAT = "Y жылғы j E"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y жылғы j E, H:i"
YEAR_MONTH_FORMAT = "Y жылғы F"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
NUMBER_GROUPING = 3
