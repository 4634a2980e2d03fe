"""E-mails about applications: who is told what, in their language, after the transaction
commits (never for work that rolled back), each one recorded (``accounts.mail``).

To the applicant: submitted, resubmitted, changes requested, approved, rejected, a new
message (optional: they may turn it off), a conclusion. To the reviewers: a new or
resubmitted application, a withdrawal, a message from the applicant, an expert's
declared conflict of interest or decline (to the responsible reviewer, or every reviewer
when there is none; only those the access policy lets see the application). To the
experts: an application to assess.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django_tasks import task
from wagtail.admin import signal_handlers
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.signals import (
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from accounts.mail import absolute, send_portal_mail
from accounts.roles import REVIEWERS, members_of
from submissions.models.applications import Application, Disclosure
from submissions.permissions import can_see_application, hidden_from

APPLICANT_KINDS = {
    "submitted",
    "resubmitted",
    "changes_requested",
    "approved",
    "rejected",
    "message",
    "conclusion",
}
REVIEWER_KINDS = {"submitted", "resubmitted", "withdrawn", "applicant_message"}
EXPERT_KINDS = {"assessment_assigned"}
# about the experts, to the reviewers in charge: an expert's conflict or decline
IN_CHARGE_KINDS = {"expert_withdrew"}
OPTIONAL_KINDS = {"message"}


def after_commit(kind, application, **extra):
    """Queue the e-mails of ``kind`` about ``application`` once the transaction commits."""
    transaction.on_commit(
        lambda: send_application_notices.enqueue(kind, application.pk, extra)
    )


def admin_link(application):
    return absolute(
        reverse("wagtailsnippets_submissions_application:edit", args=[application.pk])
    )


def assessment_link(application):
    """The expert's own screen of ``application``, where they assess it."""
    return absolute(reverse("application_assessment", args=[application.pk]))


def applicant_link(application, language):
    with translation.override(language):
        return absolute(reverse("account_application", args=[application.pk]))


@task()
def send_application_notices(kind, application_id, extra):
    application = Application.objects.select_related("applicant").get(pk=application_id)
    context = {"application": application, "kind": kind, **extra}
    reference = application.reference or ""
    if kind in APPLICANT_KINDS:
        applicant = application.applicant
        if kind not in OPTIONAL_KINDS or applicant.message_emails:
            send_portal_mail(
                f"submissions/emails/application_{kind}",
                {
                    **context,
                    "user": applicant,
                    "link": applicant_link(application, applicant.language),
                },
                applicant.email,
                applicant.language,
                kind=f"application_{kind}",
                reference=reference,
                optional=kind in OPTIONAL_KINDS,
            )
    staff = []
    if kind in REVIEWER_KINDS:
        staff = list(members_of(REVIEWERS))
    elif kind in IN_CHARGE_KINDS:
        staff = reviewers_in_charge(application)
        context["declaration"] = Disclosure.objects.select_related("expert").get(
            pk=extra["disclosure"]
        )
        context["experts_left"] = application.experts.count()
    elif kind in EXPERT_KINDS:
        staff = list(application.experts.filter(is_active=True))
        if extra.get("only"):
            staff = [person for person in staff if person.pk in extra["only"]]
    for person in staff:
        send_portal_mail(
            "submissions/emails/application_for_staff",
            {
                **context,
                "user": person,
                "link": assessment_link(application)
                if kind in EXPERT_KINDS
                else admin_link(application),
            },
            person.email,
            person.language,
            kind=f"staff_{kind}",
            reference=reference,
        )


def reviewers_in_charge(application):
    """Who is told about the experts of ``application``: its responsible reviewer, or
    every reviewer when it has none; only those the access policy lets see it (never
    while the applicant's data is hidden from them)."""
    reviewer = application.reviewer
    people = (
        [reviewer]
        if reviewer is not None and reviewer.is_active
        else list(members_of(REVIEWERS))
    )
    return [
        person
        for person in people
        if can_see_application(person, application)
        and not hidden_from(person, application.applicant_id)
    ]


# --- Wagtail's own workflow e-mails ---------------------------------------------------------


class PagesOnly:
    """One of Wagtail's workflow e-mail notifiers, kept for pages (the policy's approval)
    and silent for the moderated snippets (applicants' submissions), which have the portal's own e-mails: in the
    applicant's language, without admin links, and recorded."""

    def __init__(self, notifier):
        self.notifier = notifier

    def __call__(self, sender, instance, **kwargs):
        state = getattr(instance, "workflow_state", instance)
        if not isinstance(state.content_object, Page):
            return None  # a snippet: registrations, applications, data requests
        return self.notifier(sender=sender, instance=instance, **kwargs)


def keep_wagtail_workflow_emails_for_pages_only():
    for signal, sender, notifier, uid in (
        (
            task_submitted,
            TaskState,
            signal_handlers.task_submission_email_notifier,
            "group_approval_task_submitted_email_notification",
        ),
        (
            workflow_submitted,
            WorkflowState,
            signal_handlers.workflow_submission_email_notifier,
            "workflow_state_submitted_email_notification",
        ),
        (
            workflow_rejected,
            WorkflowState,
            signal_handlers.workflow_rejection_email_notifier,
            "workflow_state_rejected_email_notification",
        ),
        (
            workflow_approved,
            WorkflowState,
            signal_handlers.workflow_approval_email_notifier,
            "workflow_state_approved_email_notification",
        ),
    ):
        signal.disconnect(sender=sender, dispatch_uid=uid)
        signal.connect(PagesOnly(notifier), sender=sender, dispatch_uid=uid, weak=False)
