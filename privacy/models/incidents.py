"""Incidents of loss or disclosure (policy 6.4), the notices sent to the applicants
they affect, and the record of the notice sent to the authorised body for personal-data
protection."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from core.working_days import add_working_days

__all__ = ["AuthorityChannel", "BreachIncident", "BreachNotice"]


class AuthorityChannel(models.TextChoices):
    """How the notice reached the authorised body."""

    E_PORTAL = "e_portal", _("through the authority's e-portal")
    LETTER = "letter", _("by letter")
    EMAIL = "email", _("by e-mail")
    OTHER = "other", _("otherwise (see the note)")


class BreachIncident(models.Model):
    """An incident of loss or disclosure of personal data, recorded by an administrator;
    each affected applicant is told by e-mail and the authority's notice is exported."""

    what = models.TextField(_("what happened"))
    detected_at = models.DateTimeField(_("detected at"), default=timezone.now)
    data_affected = models.TextField(_("which data"))
    measures = models.TextField(_("measures taken"))
    applicants = models.ManyToManyField(
        "accounts.User",
        verbose_name=_("affected applicants"),
        blank=True,
        related_name="breach_incidents",
    )
    recorded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    # The notice to the authorised body for personal-data protection, recorded by an
    # administrator once it is sent (admin_views.incident_authority_notice).
    authority_notified_at = models.DateTimeField(
        _("notice to the authority sent at"), null=True, blank=True
    )
    authority_notice_channel = models.CharField(
        _("how it was sent"),
        max_length=10,
        choices=AuthorityChannel.choices,
        blank=True,
    )
    authority_notice_reference = models.CharField(
        _("reference (outgoing number)"), max_length=100, blank=True
    )
    authority_notice_note = models.TextField(_("note"), blank=True)
    authority_notice_recorded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("notice to the authority recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("what"),
        FieldPanel("detected_at"),
        FieldPanel("data_affected"),
        FieldPanel("measures"),
        FieldPanel("applicants"),
    ]

    class Meta:
        db_table = "policy_breachincident"
        verbose_name = _("incident of loss or disclosure")
        verbose_name_plural = _("incidents of loss or disclosure")
        ordering = ["-detected_at"]

    def __str__(self):
        return (
            f"{timezone.localtime(self.detected_at):%d.%m.%Y %H:%M} · {self.what[:60]}"
        )

    @property
    def notice_due(self):
        """The applicants are to be told within one working day of detection."""

        return add_working_days(timezone.localdate(self.detected_at), 1)

    @property
    def hours_since_detection(self):
        return int((timezone.now() - self.detected_at).total_seconds() // 3600)

    @property
    def deadline_display(self):
        sent = self.notices.filter(status=BreachNotice.SENT).count()
        total = self.applicants.count()
        return gettext(
            "detected %(hours)s h ago; notices due by %(date)s; sent %(sent)s of %(total)s"
        ) % {
            "hours": self.hours_since_detection,
            "date": date_format(self.notice_due),
            "sent": sent,
            "total": total,
        }

    @property
    def authority_notice_due(self):
        """The authorised body is to be told within
        ``settings.BREACH_AUTHORITY_NOTICE_WORKING_DAYS`` working days of detection."""

        return add_working_days(
            timezone.localdate(self.detected_at),
            settings.BREACH_AUTHORITY_NOTICE_WORKING_DAYS,
        )

    @property
    def authority_notice_overdue(self):
        return (
            self.authority_notified_at is None
            and self.authority_notice_due < timezone.localdate()
        )

    @property
    def authority_notice_display(self):
        """Until the notice is recorded, its deadline; then when, how, by whom and its
        outgoing number."""
        if self.authority_notified_at is None:
            if self.authority_notice_overdue:
                text = gettext("notice to the authority due by %(date)s — overdue")
            else:
                text = gettext("notice to the authority due by %(date)s")
            return text % {"date": date_format(self.authority_notice_due)}
        return gettext(
            "authority notified %(when)s %(channel)s, no. %(reference)s, "
            "recorded by %(who)s"
        ) % {
            "when": date_format(
                timezone.localtime(self.authority_notified_at), "SHORT_DATETIME_FORMAT"
            ),
            "channel": self.get_authority_notice_channel_display(),
            "reference": self.authority_notice_reference,
            "who": self.authority_notice_recorded_by or "—",
        }


class BreachNotice(models.Model):
    """The e-mail telling one applicant about an incident, and whether it went out."""

    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"
    STATUSES = [(QUEUED, _("queued")), (SENT, _("sent")), (FAILED, _("failed"))]

    incident = models.ForeignKey(
        BreachIncident,
        verbose_name=_("incident"),
        on_delete=models.PROTECT,
        related_name="notices",
    )
    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("applicant"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField(_("e-mail"))
    status = models.CharField(
        _("status"), max_length=10, choices=STATUSES, default=QUEUED
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        db_table = "policy_breachnotice"
        verbose_name = _("notice of an incident")
        verbose_name_plural = _("notices of incidents")
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "user"], name="one_notice_per_person"
            )
        ]

    def __str__(self):
        return f"{self.email} · {self.get_status_display()}"
