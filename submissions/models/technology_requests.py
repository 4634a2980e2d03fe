"""What technology requests keep besides their pages
(``submissions.technology_requests``)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["ResultsAnnouncement"]


class ResultsAnnouncement(models.Model):
    """A request's results told to its applicants, once per request in all its
    languages (the translations share the ``translation_key``). Not a field of the page:
    a page's fields come back from each revision published."""

    translation_key = models.UUIDField(_("request (translation key)"), unique=True)
    announced_at = models.DateTimeField(_("announced at"), default=timezone.now)

    class Meta:
        verbose_name = _("announcement of a request's results")
        verbose_name_plural = _("announcements of requests' results")

    def __str__(self):
        return f"{self.translation_key} · {self.announced_at:%Y-%m-%d}"
