"""The access log (DESIGN.md): who viewed or downloaded which applicant's personal data
or file, and when. Registrations and applications both write to it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["AccessLog"]


class AccessLog(models.Model):
    """Who viewed or downloaded which applicant's personal data or file, and when.

    Its purposes are the applicant's right to know who accessed their data, and the
    staff's accountability for it. Both are served by the staff member's account
    (``actor``); of the request's address only its network is kept
    (``core.network.network_of``: a /24 for IPv4, a /48 for IPv6), enough to tell an
    opening from the office's network from one from elsewhere, never enough to name a
    device. The full address was kept until migration 0017, which reduced every row to
    its network.
    """

    VIEW = "view"
    DOWNLOAD = "download"
    ACTIONS = [(VIEW, _("viewed")), (DOWNLOAD, _("downloaded"))]

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("whose data"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="accesses_to_my_data",
    )
    action = models.CharField(_("action"), max_length=10, choices=ACTIONS)
    what = models.CharField(_("what"), max_length=255)
    at = models.DateTimeField(_("when"), default=timezone.now)
    network = models.CharField(
        _("IP network"),
        max_length=64,
        blank=True,
        help_text=_(
            "The network the request came from (e.g. 203.0.113.0/24), never the full "
            "address."
        ),
    )

    class Meta:
        verbose_name = _("access to personal data")
        verbose_name_plural = _("accesses to personal data")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.actor} {self.get_action_display()} {self.what}"
