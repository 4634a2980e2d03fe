"""The staff's two-factor pages in the admin (``/admin/two-factor/…``): the code asked
after the password, enrolment with a QR code, the recovery codes shown once, the status
page with new recovery codes, and a superuser's reset of another person's. The rules are
in ``accounts.two_factor``."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin.views.account import BaseSettingsPanel

from accounts import two_factor
from accounts.forms import AuthenticatorCodeForm, RecoveryCodeForm
from accounts.models import User


def refusal(outcome):
    """The error shown next to the field for a code that was not accepted."""
    if outcome.status == "wait":
        return ngettext(
            "Too many wrong codes in a row. Wait %(count)s second, then try again.",
            "Too many wrong codes in a row. Wait %(count)s seconds, then try again.",
            outcome.wait_seconds,
        ) % {"count": outcome.wait_seconds}
    return _("This code is not right. Check it and type the code shown now.")


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def verify(request):
    """After the password: the code from the app, or a recovery code."""
    user = request.user
    next_url = two_factor.safe_next(request)
    if user.is_verified():
        return redirect(next_url)
    if not two_factor.is_enrolled(user):
        return redirect(setup_url(next_url))
    method = (
        two_factor.RECOVERY
        if (request.POST or request.GET).get("method") == two_factor.RECOVERY
        else two_factor.TOTP
    )
    form_class = (
        RecoveryCodeForm if method == two_factor.RECOVERY else AuthenticatorCodeForm
    )
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = two_factor.verify(request, form.cleaned_data["code"], method)
        if outcome.ok:
            return redirect(next_url)
        if outcome.status == "locked":
            logout(request)
            messages.error(
                request,
                _(
                    "Too many wrong codes: you are logged out. Log in again and type "
                    "the code the app shows."
                ),
            )
            return redirect(login_url(next_url))
        form.add_error("code", refusal(outcome))
    return render(
        request,
        "accounts/admin/two_factor_verify.html",
        {
            "form": form,
            "method": method,
            "next": next_url,
            "other_method": two_factor.TOTP
            if method == two_factor.RECOVERY
            else two_factor.RECOVERY,
            "issuer": settings.OTP_TOTP_ISSUER,
        },
    )


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def setup(request):
    """Enrolment: scan the QR code (or type the secret), confirm with one code."""
    user = request.user
    next_url = two_factor.safe_next(request)
    if two_factor.is_enrolled(user):
        return redirect(next_url if user.is_verified() else verify_url(next_url))
    form = AuthenticatorCodeForm(request.POST or None)
    if not form.is_bound:
        # The code is asked for at the end of a long page: a first visit opens at its
        # top, with the explanation; the field comes in its turn (Tab). After a wrong
        # code the field is focused again, where the person is.
        form.fields["code"].widget.attrs.pop("autofocus", None)
    if request.method == "POST":
        device = two_factor.enrolment_in_progress(request)
        if device is None:
            messages.warning(
                request,
                _("This set-up page has expired. Scan the new QR code below."),
            )
            return redirect(setup_url(next_url))
        if form.is_valid():
            outcome = two_factor.confirm_enrolment(
                request, device, form.cleaned_data["code"]
            )
            if outcome.ok:
                return redirect(codes_url(next_url))
            form.add_error("code", refusal(outcome))
    else:
        device = two_factor.start_enrolment(request)
    return render(
        request,
        "accounts/admin/two_factor_setup.html",
        {
            "form": form,
            "next": next_url,
            "qr_code": two_factor.qr_svg(
                device, _("QR code to add the portal to an authenticator app")
            ),
            "secret": two_factor.secret_of(device),
            "account_name": user.get_username(),
            "issuer": settings.OTP_TOTP_ISSUER,
        },
    )


@never_cache
def recovery_codes(request):
    """The recovery codes just made, shown this once."""
    next_url = two_factor.safe_next(request, reverse("opi_2fa_manage"))
    codes = two_factor.codes_to_show(request)
    if not codes:
        messages.info(
            request,
            _(
                "Recovery codes are shown only once. If you have lost yours, make new "
                "ones."
            ),
        )
        return redirect("opi_2fa_manage")
    return render(
        request,
        "accounts/admin/recovery_codes.html",
        {"codes": [two_factor.display_code(code) for code in codes], "next": next_url},
    )


@never_cache
def manage(request):
    """The person's own two-factor authentication: status, new recovery codes."""
    return render(
        request,
        "accounts/admin/two_factor_manage.html",
        {
            "state": two_factor.describe(request.user),
            "title": _("Two-factor authentication"),
        },
    )


@require_POST
def regenerate(request):
    two_factor.regenerate_recovery_codes(request)
    return redirect(codes_url(reverse("opi_2fa_manage")))


@never_cache
@require_http_methods(["GET", "POST"])
def reset(request, user_id):
    """A superuser removes another person's authenticator and recovery codes."""
    if not request.user.is_superuser:
        raise PermissionDenied
    person = get_object_or_404(User, pk=user_id)
    users = reverse("wagtailusers_users:index")
    if person.pk == request.user.pk:
        messages.error(
            request,
            _(
                "You cannot reset your own two-factor authentication: ask another "
                "administrator."
            ),
        )
        return redirect(users)
    if request.method == "POST":
        two_factor.reset(request, person)
        messages.success(
            request,
            _(
                "Two-factor authentication of %(person)s is reset and their sessions "
                "are ended. They set up an authenticator app at their next login."
            )
            % {"person": person},
        )
        return redirect(users)
    return render(
        request,
        "accounts/admin/two_factor_reset.html",
        {
            "person": person,
            "state": two_factor.describe(person),
            "back": users,
            "title": _("Reset two-factor authentication"),
        },
    )


def with_next(name, next_url):
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def setup_url(next_url):
    return with_next("opi_2fa_setup", next_url)


def verify_url(next_url):
    return with_next("opi_2fa_verify", next_url)


def codes_url(next_url):
    return with_next("opi_2fa_recovery_codes", next_url)


def login_url(next_url):
    return with_next("wagtailadmin_login", next_url)


class TwoFactorSettingsPanel(BaseSettingsPanel):
    """Account settings: whether two-factor authentication is on, with a link to it."""

    name = "two_factor"
    title = gettext_lazy("Two-factor authentication")
    order = 550
    template_name = "accounts/admin/two_factor_panel.html"

    def is_active(self):
        return True

    def get_form(self):
        return forms.Form(prefix=self.name)  # nothing to save here

    def get_context_data(self):
        return {"state": two_factor.describe(self.user)}
