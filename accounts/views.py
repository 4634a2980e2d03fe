"""Views of the accounts app: Wagtail's user admin for the portal's User, the public
login, logout, e-mail confirmation and password views, and the applicant's dashboard."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin.views.account import PasswordResetView as AdminPasswordReset
from wagtail.users.views.users import UserViewSet

from accounts.forms import (
    ChangePasswordForm,
    EmailLoginForm,
    NewPasswordForm,
    NotificationSettingsForm,
    PortalUserCreationForm,
    PortalUserEditForm,
    RecordedPasswordResetForm,
    ResendVerificationForm,
)
from accounts.login_identity import normalised_login
from accounts.verification import (
    confirm_email,
    send_confirmation_link_again,
    user_for_token,
)
from core import rate_limits


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
    refusal = None
    if request.method == "POST" and form.is_valid():
        refusal = rate_limits.attempt(
            request, "resend_verification", normalised_login(form.cleaned_data["email"])
        )
        if refusal:
            rate_limits.refuse(form, refusal)
    if request.method == "POST" and form.is_valid():
        # enqueued for any address: the answer takes as long with an account or not
        send_confirmation_link_again.enqueue(
            normalised_login(form.cleaned_data["email"])
        )
        messages.success(
            request,
            _(
                "If this address is registered and not yet confirmed, a new link is on "
                "its way. It is valid for 3 days."
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
        status=429 if refusal else 200,
    )


FORM_PAGE = "accounts/form_page.html"


class RateLimitedPasswordReset:
    """A password-reset view whose e-mail goes only within the limits of
    ``core.rate_limits`` (every address counted, an account or not); over them the form
    comes back with what was typed and when to try again."""

    def form_valid(self, form):
        refusal = rate_limits.attempt(
            self.request, "password_reset", normalised_login(form.cleaned_data["email"])
        )
        if refusal is None:
            return super().form_valid(form)
        response = self.form_invalid(rate_limits.refuse(form, refusal))
        response.status_code = 429
        return response


class PasswordResetView(RateLimitedPasswordReset, auth_views.PasswordResetView):
    """/accounts/password-reset/."""


class AdminPasswordResetView(RateLimitedPasswordReset, AdminPasswordReset):
    """Wagtail's /admin/password_reset/, under the same limits (config.urls)."""


password_reset = PasswordResetView.as_view(
    form_class=RecordedPasswordResetForm,
    template_name=FORM_PAGE,  # the e-mail's templates: accounts.password_reset
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
            "way. It is valid for 3 days."
        ),
    },
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name=FORM_PAGE,
    form_class=NewPasswordForm,
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
    form_class=ChangePasswordForm,
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


# --- the applicant's applications -------------------------------------------------------


@login_required
@require_POST
def account_email_settings(request):
    form = NotificationSettingsForm(request.POST, instance=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, _("Your e-mail settings are saved."))
    return redirect("account")
