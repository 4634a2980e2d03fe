"""The applicant's own application page (/account/applications/<id>/): the timeline,
messages, requested files, withdrawal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from home.page_frame import frame_for
from submissions.applications.apply import answers_by_step, own_application
from submissions.applications.forms import ApplicantMessageForm, ApplicationFileForm
from submissions.applications.pages import ApplicationFormPage
from submissions.applications.review import (
    answer_request,
    post_message,
    timeline,
    what_is_asked,
    withdraw_application,
)
from submissions.models.applications import ApplicationStatus, FileCategory


@login_required
def account_application(request, pk):
    """/account/applications/<id>/: the status as a timeline, what is asked now, the
    answers, the files, the messages."""
    application = own_application(request, pk)
    thread = application.messages.filter(internal=False).select_related("author")
    open_requests = [message for message in thread if message.is_open_request]
    # the applicant's files and the conclusions, in one query
    files = list(application.files.all())
    return render(
        request,
        "submissions/account_application.html",
        {
            "application": application,
            "timeline": timeline(application),
            "asked": what_is_asked(application),
            "answers": answers_by_step(application),
            "files": [f for f in files if f.category != FileCategory.CONCLUSION],
            "conclusions": [f for f in files if f.category == FileCategory.CONCLUSION],
            "thread": thread,
            "open_requests": open_requests,
            "message_form": ApplicantMessageForm(),
            "upload_forms": {
                message.pk: ApplicationFileForm(
                    application=application,
                    categories=[
                        (
                            message.requested_category,
                            message.get_requested_category_display(),
                        )
                    ],
                    prefix=f"request-{message.pk}",
                )
                for message in open_requests
            },
            "apply_page": frame_for(request).form_page(ApplicationFormPage),
        },
    )


@login_required
@require_POST
def account_application_message(request, pk):
    application = own_application(request, pk)
    form = ApplicantMessageForm(request.POST)
    if form.is_valid() and application.status != ApplicationStatus.DRAFT:
        post_message(application, request.user, form.cleaned_data["body"])
        messages.success(request, _("Your message is sent to the reviewers."))
    else:
        messages.error(request, _("Write a message before sending it."))
    return redirect("account_application", application.pk)


@login_required
@require_POST
def account_application_upload(request, pk, message_id):
    """The applicant answers a request for materials with a file."""
    application = own_application(request, pk)
    message = get_object_or_404(
        application.messages.filter(internal=False, answered_at__isnull=True).exclude(
            requested_category=""
        ),
        pk=message_id,
    )
    form = ApplicationFileForm(
        request.POST,
        request.FILES,
        application=application,
        categories=[
            (message.requested_category, message.get_requested_category_display())
        ],
        prefix=f"request-{message.pk}",
    )
    if form.is_valid():
        answer_request(application, message, form.cleaned_data["file"], request.user)
        messages.success(request, _("The file is sent to the reviewers."))
    else:
        errors = "; ".join(str(e) for field in form.errors.values() for e in field)
        messages.error(
            request, _("The file was not sent: %(errors)s") % {"errors": errors}
        )
    return redirect("account_application", application.pk)


@login_required
@require_http_methods(["GET", "POST"])
def account_application_withdraw(request, pk):
    """Ask, then withdraw an application not yet decided."""
    application = own_application(request, pk)
    if not application.is_open:
        raise Http404
    if request.method == "POST":
        withdraw_application(application, request.user)
        messages.success(request, _("The application is withdrawn."))
        return redirect("account_application", application.pk)
    return render(
        request,
        "submissions/account_application_withdraw.html",
        {"application": application},
    )
