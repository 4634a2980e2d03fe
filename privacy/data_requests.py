"""Requests of the data subject: filing one (with its due date), and the reviewers'
"Data requests" workflow carrying it out or refusing it with reasons; the requester gets
an e-mail at each step."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django_tasks import task
from wagtail.forms import TaskStateCommentForm
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask

from accounts.login_identity import normalised_login
from accounts.mail import absolute, send_portal_mail
from accounts.roles import REVIEWERS, members_of
from core import rate_limits
from core.pages import render_page
from core.working_days import add_working_days
from policy.consent import withdraw_consent
from policy.models import ConsentRecord
from privacy.anonymise import anonymise
from privacy.blocking import block_applicant
from privacy.data_export import request_export
from privacy.forms import DataRequestForm
from privacy.models.data_requests import (
    DataRequestKind,
    DataRequestStatus,
    DataSubjectRequest,
)


def due_date(kind, received=None):
    received = timezone.localdate(received or timezone.now())
    return add_working_days(received, settings.DATA_REQUEST_WORKING_DAYS[kind])


@transaction.atomic
def file_request(user, data):
    """Record the request, put it in the "Data requests" workflow, tell everyone."""
    request = DataSubjectRequest(
        requester=user,
        email=user.email,
        kind=data["kind"],
        purpose=data.get("purpose") or "",
        details=data.get("details", "").strip(),
        due_date=due_date(data["kind"]),
        live=False,
    )
    request.save()
    request.save_revision(user=user)
    workflow = request.get_workflow()
    if workflow is not None:
        workflow.start(request, user)
    notify(request, DataRequestStatus.RECEIVED)
    return request


def notify(data_request, step, to=None):
    """E-mail the requester (at ``to`` when their address is about to be anonymised)."""
    transaction.on_commit(
        lambda: send_data_request_mail.enqueue(data_request.pk, step, to)
    )


class RefusalForm(TaskStateCommentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = True
        self.fields["comment"].label = gettext_lazy("Reasons, for the requester")


class DoneForm(TaskStateCommentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].label = gettext_lazy("What was done, for the requester")


def form_for_action(action):
    return {"decline": RefusalForm, "approve": DoneForm}.get(action)


def carry_out(data_request, user):
    """What the portal does itself when a request is marked done: a withdrawal marks the
    ledger rows withdrawn and, for the consent to processing, ends the sessions and
    anonymises the person; a deletion anonymises them."""
    person = data_request.requester
    if person is None:
        return
    reason = _("Request no. %(pk)s") % {"pk": data_request.pk}
    if data_request.kind == "withdraw_consent":
        purposes = (
            [p for p, _label in ConsentRecord.PURPOSES]
            if data_request.purpose == "all"
            else [data_request.purpose]
        )
        for record in ConsentRecord.objects.filter(
            user=person, purpose__in=purposes, withdrawn_at__isnull=True
        ):
            withdraw_consent(record, reason=reason)
        if ConsentRecord.PERSONAL_DATA_PROCESSING in purposes:
            anonymise(person, by=user, reason=reason)
    elif data_request.kind == DataRequestKind.DELETE:
        anonymise(person, by=user, reason=reason)
    elif data_request.kind == DataRequestKind.EXPORT:
        request_export(person)  # the link appears on their dashboard
    elif data_request.kind == DataRequestKind.BLOCK:
        profile = getattr(person, "applicant_profile", None)
        if profile is not None:
            block_applicant(profile, user, reason)


def on_action(task_state, user, action_name, **kwargs):
    """Done or refused; False for Wagtail's own handling of anything else."""
    data_request = task_state.workflow_state.content_object
    comment = kwargs.get("comment", "")
    if action_name == "approve":
        address = data_request.email  # before any anonymisation
        carry_out(data_request, user)
        task_state.approve(user=user, comment=comment)
        answer(data_request, DataRequestStatus.DONE, comment, to=address)
        return None
    if action_name == "decline":
        if not comment:
            raise PermissionDenied("A refusal needs its reasons.")
        task_state.comment = comment
        task_state.save(update_fields=["comment"])
        log(instance=data_request, action="opi.data_request.refuse", user=user)
        task_state.workflow_state.cancel(user=user)
        answer(data_request, DataRequestStatus.REFUSED, comment)
        return None
    return False


def answer(data_request, status, text, to=None):
    DataSubjectRequest.objects.filter(pk=data_request.pk).update(
        status=status, answer=text, answered_at=timezone.now()
    )
    notify(data_request, status, to)


@task()
def send_data_request_mail(request_id, step, to=None):
    data_request = DataSubjectRequest.objects.select_related("requester").get(
        pk=request_id
    )
    language = (
        data_request.requester.language
        if data_request.requester
        else settings.LANGUAGE_CODE
    )
    context = {
        "data_request": data_request,
        "user": data_request.requester,
        "refusal_days": settings.DATA_REQUEST_REFUSAL_WORKING_DAYS,
    }
    send_portal_mail(
        f"privacy/emails/data_request_{step}",
        context,
        to or data_request.email,
        language,
        kind=f"data_request_{step}",
        record_as=data_request.email,  # the pseudonym, once the person is anonymised
    )
    if step == DataRequestStatus.RECEIVED:
        link = absolute(
            reverse(
                "wagtailsnippets_privacy_datasubjectrequest:edit",
                args=[data_request.pk],
            )
        )
        for reviewer in members_of(REVIEWERS):
            send_portal_mail(
                "privacy/emails/data_request_for_reviewers",
                {**context, "user": reviewer, "link": link},
                reviewer.email,
                reviewer.language,
            )


def form_page(page, request):
    """The form (login required); after filing, the dashboard lists the request."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = DataRequestForm(request.POST or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        # each request e-mails the requester and every reviewer
        refusal = rate_limits.attempt(
            request, "data_request", normalised_login(request.user.email)
        )
        if refusal:
            rate_limits.refuse(form, refusal)
    if request.method == "POST" and form.is_valid():
        data_request = file_request(request.user, form.cleaned_data)
        messages.success(
            request,
            _("Your request is received; it is due by %(date)s.")
            % {"date": data_request.due_date.strftime("%d.%m.%Y")},
        )
        return redirect("account")

    return render_page(page, request, status=429 if refusal else 200, form=form)


# the names its migrations gave the workflow and task, for the audit log in words
# (core.wagtail_hooks)
WORKFLOW_NAMES = (
    gettext_noop("Data requests"),
    gettext_noop("Answer by the reviewers"),
)


class DataRequestTask(AbstractGroupApprovalTask):
    """Reviewers carry out a data-subject request ("done") or refuse it with reasons."""

    done_messages = {
        "approve": gettext_lazy("Request marked done; the requester has been told."),
        "decline": gettext_lazy("Request refused; the requester has been told why."),
    }

    def get_actions(self, obj, user):
        if not (user.is_superuser or self._user_in_groups(user)):
            return []
        return [
            ("decline", gettext_lazy("Refuse with reasons"), True),
            ("approve", gettext_lazy("Mark as done"), True),
        ]

    def get_form_for_action(self, action):
        return form_for_action(action) or super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        if on_action(task_state, user, action_name, **kwargs) is False:
            return super().on_action(task_state, user, action_name, **kwargs)
        return None

    @classmethod
    def get_description(cls):
        return gettext_lazy("Reviewers answer a request of the data subject.")

    class Meta:
        db_table = "submissions_datarequesttask"
        verbose_name = gettext_lazy("data request task")
        verbose_name_plural = gettext_lazy("data request tasks")
