"""Forms of the accounts app: the admin's user forms, login, password reset, the
applicant's e-mail settings."""

from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm
from wagtail.users.forms import UserCreationForm, UserEditForm

from accounts.login_identity import normalised_login
from accounts.models import User, normalize_email
from accounts.password_reset import send_password_reset, users_for_reset


class PortalUserFormMixin:
    """The portal's User has one full-name field and no first/last names."""

    def clean_email(self):
        email = normalize_email(self.cleaned_data.get("email"))
        users = User._default_manager.filter(email=email)
        if self.instance.pk is not None:
            users = users.exclude(pk=self.instance.pk)
        if users.exists():
            raise forms.ValidationError(
                _("A user with this e-mail address already exists."),
                code="duplicate_email",
            )
        return email


class PortalUserCreationForm(PortalUserFormMixin, UserCreationForm):
    first_name = None
    last_name = None
    full_name = forms.CharField(required=True, label=_("Full name"), max_length=255)

    class Meta(UserCreationForm.Meta):
        fields = {"email", "full_name", "language", "is_superuser", "groups"}


class PortalUserEditForm(PortalUserFormMixin, UserEditForm):
    first_name = None
    last_name = None
    full_name = forms.CharField(required=True, label=_("Full name"), max_length=255)

    class Meta(UserEditForm.Meta):
        fields = {
            "email",
            "full_name",
            "language",
            "is_active",
            "is_superuser",
            "groups",
        }


class EmailLoginForm(AuthenticationForm):
    """Login by e-mail and password; a person who has not confirmed their address yet is
    told so (and where to get a new link) instead of a generic refusal."""

    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The e-mail or the password is wrong. Note that the password is "
            "case-sensitive."
        ),
        "unconfirmed": _(
            "Your e-mail address is not confirmed yet. Open the link we sent you, or ask "
            "for a new one below."
        ),
        "inactive": _(
            "This account is closed. Write to us if you think it is a mistake."
        ),
    }

    def clean_username(self):
        return normalised_login(self.cleaned_data["username"])

    def confirm_login_allowed(self, user):
        if not user.is_active:
            code = "unconfirmed" if user.email_verified_at is None else "inactive"
            raise forms.ValidationError(self.error_messages[code], code=code)


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))


class PasswordResetByTask:
    """A password reset form whose e-mail a background task sends
    (``accounts.password_reset``): saving only enqueues the address typed, for an
    account or not, so the answer takes as long either way."""

    reset_mail = "site"

    def get_users(self, email):
        return users_for_reset(email)

    def save(self, *args, **kwargs):
        send_password_reset.enqueue(
            normalised_login(self.cleaned_data["email"]), self.reset_mail
        )


class RecordedPasswordResetForm(PasswordResetByTask, PasswordResetForm):
    """The portal's password reset form (/accounts/password-reset/)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail")


class NewPasswordLabels:
    """The new password's fields in the portal's words (Django's have no Kazakh)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("New password again")
        self.fields["new_password2"].help_text = _("Type the same password again.")


class NewPasswordForm(NewPasswordLabels, SetPasswordForm):
    """Choosing a new password from the reset link."""


class ChangePasswordForm(NewPasswordLabels, PasswordChangeForm):
    """Changing the password while logged in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Current password")


class AdminPasswordResetForm(PasswordResetByTask, WagtailPasswordResetForm):
    """Wagtail's password reset form (/admin/password_reset/), the same way
    (``WAGTAILADMIN_USER_PASSWORD_RESET_FORM``)."""

    reset_mail = "admin"


class NotificationSettingsForm(forms.ModelForm):
    """The optional e-mails an applicant may turn off on the dashboard."""

    class Meta:
        model = User
        fields = ["message_emails"]


# --- two-factor authentication of staff ------------------------------------------------


class CodeInput(forms.TextInput):
    """A one-time code is never shown back: after a wrong one the field is empty for
    the next. Its error and help are read out with it; no spelling help, no capitals."""

    def __init__(self, attrs=None):
        super().__init__(
            {
                "aria-describedby": "id_code_errors id_code_helptext",
                "autofocus": True,
                "spellcheck": "false",
                "autocapitalize": "off",
                **(attrs or {}),
            }
        )

    def format_value(self, value):
        return None


class AuthenticatorCodeForm(forms.Form):
    """The six digits the authenticator app shows now."""

    code = forms.CharField(
        label=_("Code from the authenticator app"),
        help_text=_("6 digits; a new code appears every 30 seconds."),
        max_length=20,
        widget=CodeInput(
            {"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
        error_messages={"required": _("Enter the 6-digit code from the app.")},
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise forms.ValidationError(
                _("Enter the 6 digits the app shows, without letters."),
                code="format",
            )
        return code


class RecoveryCodeForm(forms.Form):
    """One of the recovery codes, instead of the app."""

    code = forms.CharField(
        label=_("Recovery code"),
        help_text=_("8 letters and digits, as in your list; each code works once."),
        max_length=40,
        widget=CodeInput({"autocomplete": "off", "size": 12}),
        error_messages={"required": _("Enter one of your recovery codes.")},
    )

    # The codes are base32 (a-z, 2-7): a 0, 1 or 8 can only be an o, l or b misread.
    MISREAD = str.maketrans("018", "olb", " -\t")

    def clean_code(self):
        code = self.cleaned_data["code"].lower().translate(self.MISREAD)
        if len(code) != 8 or not code.isascii() or not code.isalnum():
            raise forms.ValidationError(
                _("A recovery code has 8 letters and digits, like abcd-2345."),
                code="format",
            )
        return code
