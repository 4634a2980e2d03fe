"""Requests of the data subject (policy 5): withdraw consent, block data during a check,
correct, export, delete. Each is a moderated snippet in the "Data requests" workflow, with
a due date in working days; the form page is reached from the applicant's dashboard."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import (
    AbstractGroupApprovalTask,
    DraftStateMixin,
    LockableMixin,
    Page,
    RevisionMixin,
    WorkflowMixin,
)

__all__ = [
    "DataRequestKind",
    "DataRequestStatus",
    "DataSubjectRequest",
    "DataRequestTask",
    "DataRequestFormPage",
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
        verbose_name = _("data-subject request")
        verbose_name_plural = _("data-subject requests")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.email}"

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


class DataRequestTask(AbstractGroupApprovalTask):
    """Reviewers carry out a data-subject request ("done") or refuse it with reasons."""

    def get_actions(self, obj, user):
        if not (user.is_superuser or self._user_in_groups(user)):
            return []
        return [
            ("decline", _("Refuse with reasons"), True),
            ("approve", _("Mark as done"), True),
        ]

    def get_form_for_action(self, action):
        from ..data_requests import form_for_action

        return form_for_action(action) or super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        from ..data_requests import on_action

        if on_action(task_state, user, action_name, **kwargs) is False:
            return super().on_action(task_state, user, action_name, **kwargs)
        return None

    @classmethod
    def get_description(cls):
        return _("Reviewers answer a request of the data subject.")

    class Meta:
        verbose_name = _("data request task")
        verbose_name_plural = _("data request tasks")


class DataRequestFormPage(RoutablePageMixin, Page):
    """The form for requests about one's personal data (login required), reached from
    the dashboard. Editors word what follows from each kind of request."""

    page_cache = False  # a form: never kept in the shared page cache (home.page_cache)

    intro = RichTextField(_("introduction"), blank=True)
    withdrawal_text = RichTextField(
        _("what follows a withdrawal of consent"),
        blank=True,
        help_text=_(
            "Plainly: applications under review stop, the account is closed, and what "
            "the law still lets the company keep."
        ),
    )
    delete_text = RichTextField(_("what follows a deletion"), blank=True)
    thank_you_text = RichTextField(_("thank-you text"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("withdrawal_text"),
        FieldPanel("delete_text"),
        FieldPanel("thank_you_text"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("data request form page")

    @path("")
    def form(self, request):
        from ..data_requests import form_page

        return form_page(self, request)

    def get_sitemap_urls(self, request=None):
        return []
