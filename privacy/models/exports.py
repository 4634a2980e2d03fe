"""The export of a person's data (policy 5): the ZIP built for them."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from submissions.storage import private_storage

__all__ = ["DataExport"]


class DataExport(models.Model):
    """A ZIP of everything the portal holds about a person (policy 5), built in the
    background and downloadable by them for 24 hours."""

    BUILDING = "building"
    READY = "ready"
    FAILED = "failed"
    STATUSES = [
        (BUILDING, _("being prepared")),
        (READY, _("ready")),
        (FAILED, _("failed")),
    ]

    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="data_exports",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=STATUSES, default=BUILDING
    )
    file = models.FileField(
        _("file"),
        storage=private_storage,  # with the applicants' files, outside MEDIA_ROOT
        upload_to="exports/",
        blank=True,
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("link valid until"), null=True, blank=True)

    class Meta:
        db_table = "policy_dataexport"
        verbose_name = _("export of personal data")
        verbose_name_plural = _("exports of personal data")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.user} · {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def is_being_prepared(self):
        return self.status == self.BUILDING

    @property
    def has_failed(self):
        return self.status == self.FAILED

    @property
    def is_downloadable(self):
        return (
            self.status == self.READY
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )
