"""Visitor statistics (policy 13.2): page views and unique visitors per day and page,
never an IP address. The key of the day that makes the visitor hashes is never stored
here (``privacy.visits``: it lives in the shared cache until midnight)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["PageVisits", "DailyVisitor"]


class PageVisits(models.Model):
    """Page views of one page on one day."""

    day = models.DateField(_("day"))
    path = models.CharField(_("page"), max_length=255)
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        db_table = "policy_pagevisits"
        verbose_name = _("page visits")
        verbose_name_plural = _("page visits")
        constraints = [
            models.UniqueConstraint(fields=["day", "path"], name="one_row_per_page_day")
        ]

    def __str__(self):
        return f"{self.day} {self.path}: {self.views}"


class DailyVisitor(models.Model):
    """That a visitor (a hash keyed with the day's secret, never an address) saw a page
    on a day: the unique visitors per day and per page are counted from these rows."""

    day = models.DateField(_("day"))
    path = models.CharField(_("page"), max_length=255)
    visitor = models.CharField(_("visitor (keyed hash)"), max_length=32)

    class Meta:
        db_table = "policy_dailyvisitor"
        verbose_name = _("visitor of the day")
        verbose_name_plural = _("visitors of the day")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "path", "visitor"], name="one_row_per_visitor_page_day"
            )
        ]

    def __str__(self):
        return f"{self.day} {self.path}"
