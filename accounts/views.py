"""Views of the accounts app: Wagtail's user admin for the portal's User, the public
login, logout, e-mail confirmation and password views, and the applicant's dashboard."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.users.views.users import UserViewSet

from accounts.forms import (
    EmailLoginForm,
    NotificationSettingsForm,
    PortalUserCreationForm,
    PortalUserEditForm,
    RecordedPasswordResetForm,
    ResendVerificationForm,
)
from accounts.models import User
from accounts.verification import confirm_email, send_verification_email, user_for_token
from policy.models import ConsentRecord
from privacy.pages import DataRequestFormPage
from submissions.applications.apply import answers_by_step, own_application
from submissions.applications.models import Application, ApplicationStatus, FileCategory
from submissions.applications.pages import ApplicationFormPage
from submissions.applications.review import (
    answer_request,
    post_message,
    timeline,
    what_is_asked,
    withdraw_application,
)
from submissions.forms import (
    ApplicantMessageForm,
    ApplicantProfileForm,
    ApplicationFileForm,
)
from submissions.registrations.models import ApplicantProfile, VerificationStatus
from submissions.registrations.register import update_profile
from submissions.registrations.represented_consent import ask_represented_person
from submissions.registrations.verification import current_registration


class PortalUserViewSet(UserViewSet):
    """Wagtail's user admin using the portal's e-mail + full-name forms."""

    create_template_name = "accounts/admin/user_create.html"
    edit_template_name = "accounts/admin/user_edit.html"

    def get_form_class(self, for_update=False):
        return PortalUserEditForm if for_update else PortalUserCreationForm


class LoginView(auth_views.LoginView):
    form_class = EmailLoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes: too many failed logins for this account from this address."""
    return render(request, "accounts/locked_out.html", status=429)


def verify_email(request, token):
    """/accounts/verify/<token>/: the link from the confirmation e-mail."""
    try:
        user = user_for_token(token)
    except signing.SignatureExpired:
        return render(
            request, "accounts/verify_failed.html", {"expired": True}, status=410
        )
    except signing.BadSignature:
        return render(request, "accounts/verify_failed.html", status=400)
    confirm_email(user)
    messages.success(
        request, _("Your e-mail address is confirmed. You can log in now.")
    )
    return redirect("login")


@require_http_methods(["GET", "POST"])
def resend_verification(request):
    """Send the confirmation link again; the answer is the same for any address."""
    form = ResendVerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(
            email__iexact=form.cleaned_data["email"], email_verified_at__isnull=True
        ).first()
        if user is not None:
            send_verification_email.enqueue(user.pk)
        messages.success(
            request,
            _(
                "If this address is registered and not yet confirmed, a new link is on "
                "its way. It works for 3 days."
            ),
        )
        return redirect("login")
    return render(
        request,
        "accounts/form_page.html",
        {
            "form": form,
            "title": _("Send the confirmation link again"),
            "lead": _("Enter the e-mail you registered with."),
            "submit": _("Send the link"),
        },
    )


FORM_PAGE = "accounts/form_page.html"

password_reset = auth_views.PasswordResetView.as_view(
    form_class=RecordedPasswordResetForm,
    template_name=FORM_PAGE,
    email_template_name="accounts/emails/password_reset.txt",
    subject_template_name="accounts/emails/password_reset_subject.txt",
    success_url=reverse_lazy("password_reset_done"),
    extra_context={
        "title": gettext_lazy("Reset your password"),
        "lead": gettext_lazy(
            "Enter the e-mail of your account: we send a link to choose a new password."
        ),
        "submit": gettext_lazy("Send the link"),
    },
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/message_page.html",
    extra_context={
        "title": gettext_lazy("Check your e-mail"),
        "lead": gettext_lazy(
            "If an account has this address, a link to choose a new password is on its "
            "way. It works for 3 days."
        ),
    },
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name=FORM_PAGE,
    success_url=reverse_lazy("password_reset_complete"),
    extra_context={
        "title": gettext_lazy("Choose a new password"),
        "submit": gettext_lazy("Save the password"),
        "invalid_link": gettext_lazy(
            "This link is not valid any more: it was used already or has expired. Ask "
            "for a new one."
        ),
    },
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/message_page.html",
    extra_context={
        "title": gettext_lazy("Your password is changed"),
        "lead": gettext_lazy("You can log in with the new password."),
        "login_link": True,
    },
)
password_change = auth_views.PasswordChangeView.as_view(
    template_name=FORM_PAGE,
    success_url=reverse_lazy("password_change_done"),
    extra_context={
        "title": gettext_lazy("Change your password"),
        "submit": gettext_lazy("Change the password"),
    },
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/message_page.html",
    extra_context={"title": gettext_lazy("Your password is changed")},
)


# --- the applicant's dashboard ---------------------------------------------------------


@login_required
def account(request):
    """/account/: the applicant's verification status, details and consents."""
    profile = ApplicantProfile.objects.filter(user=request.user).first()
    registration = current_registration(profile) if profile else None
    consents = (
        ConsentRecord.objects.filter(user=request.user)
        .select_related("edition__page")
        .order_by("-given_at", "-pk")
    )
    return render(
        request,
        "accounts/dashboard.html",
        {
            "profile": profile,
            "registration": registration,
            "represented_consent": registration.represented_consent
            if registration
            else None,
            "reviewer_comment": registration.latest_reviewer_comment()
            if profile and profile.status == VerificationStatus.CHANGES_REQUESTED
            else "",
            "consents": consents,
            "applications": Application.objects.filter(applicant=request.user)
            .exclude(status=ApplicationStatus.DRAFT)
            .order_by("-updated_at"),
            "drafts": Application.objects.filter(
                applicant=request.user, status=ApplicationStatus.DRAFT
            ).order_by("-updated_at"),
            "apply_page": ApplicationFormPage.objects.live().first(),
            "email_form": NotificationSettingsForm(instance=request.user),
            "data_requests": request.user.data_requests.order_by("-submitted_at"),
            "latest_export": request.user.data_exports.first(),
            "data_request_page": DataRequestFormPage.objects.live().first(),
            "is_staff": request.user.has_perm("wagtailadmin.access_admin"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_profile(request):
    """/account/profile/: correct the registration details; saving sends them to the
    reviewers again (the page says so before the applicant saves)."""
    profile = get_object_or_404(ApplicantProfile, user=request.user)
    form = ApplicantProfileForm(
        request.POST or None,
        request.FILES or None,
        initial=ApplicantProfileForm.initial_from(profile),
        existing_files=profile.stored_file_fields(),
    )
    if request.method == "POST" and form.is_valid():
        if (
            form.changed_details(profile)
            or profile.status != VerificationStatus.VERIFIED
        ):
            update_profile(form, profile, request.user)
            messages.success(
                request,
                _(
                    "Your details are sent to the reviewers. We will write to you once "
                    "they are verified."
                ),
            )
        else:
            messages.info(request, _("Nothing changed: your details stay verified."))
        return redirect("account")
    return render(
        request, "accounts/profile_form.html", {"form": form, "profile": profile}
    )


@login_required
@require_POST
def ask_represented_consent_again(request):
    """Send the person represented a new link (the last one expired or was refused)."""
    profile = get_object_or_404(ApplicantProfile, user=request.user)
    registration = current_registration(profile)
    if registration is None or not registration.via_representative:
        raise Http404
    current = registration.represented_consent
    if current is not None and current.is_given:
        messages.info(request, _("The person you represent has given consent already."))
    else:
        ask_represented_person(registration)
        messages.success(
            request,
            _("A new link is on its way to %(email)s.")
            % {"email": registration.represented_email},
        )
    return redirect("account")


# --- the applicant's applications -------------------------------------------------------


@login_required
def account_application(request, pk):
    """/account/applications/<id>/: the status as a timeline, what is asked now, the
    answers, the files, the messages."""
    application = own_application(request, pk)
    thread = application.messages.filter(internal=False).select_related("author")
    open_requests = [message for message in thread if message.is_open_request]
    return render(
        request,
        "accounts/application.html",
        {
            "application": application,
            "timeline": timeline(application),
            "asked": what_is_asked(application),
            "answers": answers_by_step(application),
            "files": application.files.exclude(category=FileCategory.CONCLUSION),
            "conclusions": application.files.filter(category=FileCategory.CONCLUSION),
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
            "apply_page": ApplicationFormPage.objects.live().first(),
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
        request, "accounts/application_withdraw.html", {"application": application}
    )


@login_required
@require_POST
def account_email_settings(request):
    form = NotificationSettingsForm(request.POST, instance=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, _("Your e-mail settings are saved."))
    return redirect("account")
