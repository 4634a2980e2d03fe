"""Kazakhstan's business and individual identification numbers (BIN and IIN): 12 digits,
the last a check digit. Registrations and the portal settings (the operator's BIN) check them."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FIRST_WEIGHTS = range(1, 12)
SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def check_digit(first_eleven):
    """The 12th digit of a BIN or IIN: the sum of the digits weighted 1…11 modulo 11; if
    that is 10, again with the weights 3…11, 1, 2; a second 10 means no valid number."""
    digits = [int(d) for d in first_eleven]
    for weights in (FIRST_WEIGHTS, SECOND_WEIGHTS):
        control = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if control != 10:
            return control
    return None


def is_valid_bin_iin(value):
    return (
        len(value) == 12
        and value.isdigit()
        and check_digit(value[:11]) == int(value[11])
    )


def validate_bin_iin(value, kind="bin"):
    """A BIN (legal entity) or IIN (individual): 12 digits with a valid check digit; an
    IIN also starts with a real date of birth (YYMMDD)."""
    value = (value or "").strip()
    if len(value) != 12 or not value.isdigit():
        raise ValidationError(_("Enter exactly 12 digits."), code="length")
    if kind == "iin":
        century = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}
        try:
            datetime.date(
                century.get(value[6], 1900) + int(value[:2]),
                int(value[2:4]),
                int(value[4:6]),
            )
        except ValueError:
            raise ValidationError(
                _("The first six digits of an IIN are the date of birth (YYMMDD)."),
                code="date",
            ) from None
    if not is_valid_bin_iin(value):
        raise ValidationError(
            _("This number has a wrong check digit: please check it for a typo."),
            code="checksum",
        )
    return value


# What an uploaded registration document may be, judged by its content, not its name.
