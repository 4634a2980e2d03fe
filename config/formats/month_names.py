"""The month names dates are written with (``E`` in a date format), listed so that the
portal's catalogue holds them: Django's own Kazakh catalogue capitalises them
("1 Желтоқсан"), while Kazakh writes month names in running text in lower case
("2026 жылғы 1 желтоқсан"). The portal's catalogue is read before Django's, so its
entries win; the Russian ones are Django's genitive forms, the same as before."""

from django.utils.translation import pgettext_lazy

MONTHS_AFTER_A_DAY = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
