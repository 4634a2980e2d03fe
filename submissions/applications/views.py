"""The applicant's own application page (/account/applications/<id>/): the timeline,
messages, requested files, withdrawal, and the consent to be named in the results of
a technology request."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from home.page_frame import frame_for
from submissions.applications.apply import answers_by_step, own_application
from submissions.applications.forms import ApplicantMessageForm, ApplicationFileForm
from submissions.applications.pages import ApplicationFormPage
from submissions.applications.request_answers import request_context
from submissions.applications.review import (
    answer_request,
    post_message,
    timeline,
    what_is_asked,
    withdraw_application,
)
from submissions.models.applications import ApplicationStatus, FileCategory
from submissions.technology_requests.forms import PublicationConsentForm
from submissions.technology_requests.results import (
    consent_to_publication,
    may_consent_to_publication,
    public_name,
    publication_consent,
    withdraw_publication_consent,
)


@login_required
def account_application(request, pk):
    """/account/applications/<id>/: the status as a timeline, what is asked now, the
    answers, the files, the messages."""
    return account_page(request, own_application(request, pk))


def publication_section(application, form=None):
    """What the page says of naming an approved proposal to a request in its results:
    what would be published, the consent in force (or None) and the form to give it;
    None when the application may not be named (not approved, or no request)."""
    if not may_consent_to_publication(application):
        return None
    return {
        "title": application.title,
        "name": public_name(application),
        "consent": publication_consent(application),
        "form": form or PublicationConsentForm(),
    }


def account_page(request, application, publication_form=None):
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
            **request_context(application),
            "publication": publication_section(application, publication_form),
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
def account_application_publication(request, pk):
    """The applicant gives (ticking the box) or withdraws the consent to name their
    approved proposal in the results of its technology request; a box left unticked
    shows the page again with the error beside it."""
    application = own_application(request, pk)
    if not may_consent_to_publication(application):
        raise Http404
    back = reverse("account_application", args=[application.pk]) + "#publication"
    if "withdraw" in request.POST:
        if withdraw_publication_consent(application) is not None:
            messages.success(
                request,
                _(
                    "Your consent is withdrawn: your proposal is not named in the results."
                ),
            )
        return redirect(back)
    if publication_consent(application) is not None:
        return redirect(back)  # given already (a second tab, a reload)
    form = PublicationConsentForm(request.POST)
    if not form.is_valid():
        return account_page(request, application, publication_form=form)
    consent_to_publication(application, request)
    messages.success(
        request,
        _("Thank you: your proposal may be named in the results of the request."),
    )
    return redirect(back)


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
