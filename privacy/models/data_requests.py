"""Requests of the data subject (policy 5): withdraw consent, block data during a check,
correct, export, delete. Each is a moderated snippet in the "Data requests" workflow, with
a due date in working days; the form page is reached from the applicant's dashboard."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    WorkflowMixin,
)

__all__ = [
    "DataRequestKind",
    "DataRequestStatus",
    "DataSubjectRequest",
]


class DataRequestKind(models.TextChoices):
    WITHDRAW_CONSENT = "withdraw_consent", _("withdraw consent")
    BLOCK = "block", _("block my data during a check")
    CORRECT = "correct", _("correct my data")
    EXPORT = "export", _("export my data")
    DELETE = "delete", _("delete my account")


class DataRequestStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    DONE = "done", _("done")
    REFUSED = "refused", _("refused with reasons")


class DataSubjectRequest(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model
):
    """One request of a person about their personal data, with the date it is due."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requester"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="data_requests",
    )
    email = models.EmailField(_("e-mail of the requester"))
    kind = models.CharField(
        _("request"), max_length=20, choices=DataRequestKind.choices
    )
    purpose = models.CharField(
        _("consent withdrawn"),
        max_length=32,
        blank=True,
        help_text=_("For a withdrawal: which consent."),
    )
    details = models.TextField(_("details"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DataRequestStatus.choices,
        default=DataRequestStatus.RECEIVED,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("received at"), default=timezone.now)
    due_date = models.DateField(_("due by"))
    answer = models.TextField(_("answer to the requester"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        db_table = "submissions_datasubjectrequest"
        verbose_name = _("data-subject request")
        verbose_name_plural = _("data-subject requests")
        ordering = ["due_date", "pk"]

    def __str__(self):
        profile = getattr(self.requester, "applicant_profile", None)
        if profile is not None and profile.is_blocked:
            return f"{self.get_kind_display()} · {_('blocked')}"
        return f"{self.get_kind_display()} · {self.email}"

    @property
    def is_awaiting_answer(self):
        return self.status == DataRequestStatus.RECEIVED

    def with_content_json(self, content):
        """A revision holds the request as sent; the answer, the status and any
        anonymisation since stay as they are now when a revision is published."""
        obj = super().with_content_json(content)
        for name in ("email", "status", "answer", "answered_at", "requester_id"):
            setattr(obj, name, getattr(self, name))
        return obj

    @property
    def is_overdue(self):
        return (
            self.status == DataRequestStatus.RECEIVED
            and self.due_date < timezone.localdate()
        )

    @property
    def due_display(self):
        """The due date, and "overdue" in words when it has passed unanswered."""
        if self.is_overdue:
            return _("%(date)s — overdue") % {
                "date": self.due_date.strftime("%d.%m.%Y")
            }
        return self.due_date.strftime("%d.%m.%Y")
