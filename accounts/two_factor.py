"""Two-factor authentication of staff (django-otp).

Everyone who may enter the Wagtail admin, superusers included, proves after the password
that they hold their authenticator app (a TOTP code) before any admin page, or a
confidential file (``/files/``), is served. Without a confirmed app they are led through
enrolment first. Ten single-use recovery codes (a django-otp static device) stand in for
the app; making new ones throws the old ones away. A superuser can reset another person's
two-factor authentication (a lost phone): they enrol again at their next login.

Wrong codes are throttled by django-otp (1, 2, 4, 8 … seconds between tries, kept on the
device, so logging in again does not reset it); every wrong code is a failed login in the
security log, and after ``LOCKOUT_AFTER`` wrong codes in a row the session is logged out
and the lockout logged.
"""

import math
from base64 import b32encode
from dataclasses import dataclass
from urllib.parse import urlencode

import django_otp
import segno
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import security_log, session_policy
from accounts.roles import is_staff

RECOVERY_CODE_COUNT = 10
LOCKOUT_AFTER = 5
TOTP = "totp"
RECOVERY = "recovery"
# The authenticator being set up in this session (its secret is shown only here).
SETUP_SESSION_KEY = "opi_2fa_setup_device"
# Recovery codes just made, shown once on the next page and then dropped.
CODES_SESSION_KEY = "opi_2fa_new_codes"
TOTP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"

# Paths where staff must have passed the second factor: the admin, and the views that
# hand out applicants' files (they would give staff rights on a password alone).
PROTECTED_PREFIXES = tuple(settings.ADMIN_PATH_PREFIXES) + ("/files/",)
# Under those, what a person who has not passed it yet may still reach.
OPEN_URL_NAMES = (
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "opi_2fa_verify",
    "opi_2fa_setup",
)


def open_paths():
    return tuple(reverse(name) for name in OPEN_URL_NAMES)


def is_protected(path):
    return path.startswith(PROTECTED_PREFIXES) and not path.startswith(open_paths())


def needs_second_factor(user):
    """Staff who have not passed the second factor in this session."""
    return user.is_authenticated and not user.is_verified() and is_staff(user)


def authenticator_for(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_device_for(user):
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def is_enrolled(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def safe_next(request, default=None):
    """Where to go afterwards: ``next`` if it is on this site, else the admin's home."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or reverse("wagtailadmin_home")


def step_for(request):
    """The page that takes ``request.user`` through the second factor, keeping ``next``."""
    name = "opi_2fa_verify" if is_enrolled(request.user) else "opi_2fa_setup"
    return f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}"


# --- enrolment -------------------------------------------------------------------------


def start_enrolment(request):
    """A new, unconfirmed authenticator for ``request.user``, remembered in the session.

    A new secret each time the page opens: a secret shown once and not confirmed (say,
    to someone who had only the password) is never reused for the person's real app.
    """
    user = request.user
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    request.session[SETUP_SESSION_KEY] = device.pk
    return device


def enrolment_in_progress(request):
    pk = request.session.get(SETUP_SESSION_KEY)
    if pk is None:
        return None
    return TOTPDevice.objects.filter(pk=pk, user=request.user, confirmed=False).first()


def secret_of(device):
    """The secret as authenticator apps take it by hand: base32, in groups of four."""
    text = b32encode(device.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(device, title):
    """The ``otpauth://`` address of ``device`` as an inline SVG QR code."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, dark="#000", light="#fff", title=title, omitsize=True
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))


@dataclass
class Outcome:
    """What became of a code: ``ok``, ``wrong``, ``wait`` (throttled) or ``locked``."""

    status: str
    device: object = None
    wait_seconds: int = 0

    @property
    def ok(self):
        return self.status == "ok"


def check(device, code):
    """Verify ``code`` against ``device`` under django-otp's throttling."""
    with transaction.atomic():
        device = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, info = device.verify_is_allowed()
        if not allowed:
            until = info.get("locked_until") if info else None
            wait = (until - timezone.now()).total_seconds() if until else 1
            return Outcome("wait", device, max(1, math.ceil(wait)))
        if device.verify_token(code):
            return Outcome("ok", device)
        return Outcome("wrong", device)


def confirm_enrolment(request, device, code):
    """Confirm the new authenticator with a code from it; on success the session has
    passed the second factor and fresh recovery codes wait to be shown."""
    outcome = check(device, code)
    if not outcome.ok:
        return outcome
    device = outcome.device
    user = request.user
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        request.session.pop(SETUP_SESSION_KEY, None)
        make_recovery_codes(request)
    passed(request, device)
    security_log.two_factor_enrolled(request, user)
    return outcome


def make_recovery_codes(request):
    """Ten new recovery codes for ``request.user``; the old ones stop working. They are
    kept in the session until the next page shows them once."""
    user = request.user
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    request.session[CODES_SESSION_KEY] = codes
    return codes


def regenerate_recovery_codes(request):
    codes = make_recovery_codes(request)
    security_log.recovery_codes_made(request, request.user)
    return codes


def codes_to_show(request):
    """The recovery codes just made, once: reading them drops them from the session."""
    return request.session.pop(CODES_SESSION_KEY, None)


def display_code(code):
    return f"{code[:4]}-{code[4:]}"


def recovery_codes_left(user):
    device = recovery_device_for(user)
    return device.token_set.count() if device else 0


# --- the second factor at login ------------------------------------------------------


def verify(request, code, method):
    """Check a code typed at login: a TOTP code from the app, or a recovery code."""
    user = request.user
    device = authenticator_for(user) if method == TOTP else recovery_device_for(user)
    if device is None:
        return Outcome("wrong")
    outcome = check(device, code)
    if outcome.ok:
        data = {}
        if method == RECOVERY:
            data["codes_left"] = outcome.device.token_set.count()
        passed(request, outcome.device)
        security_log.two_factor_verified(request, user, method, **data)
    elif outcome.status == "wrong":
        security_log.login_failed(request, user, stage="two_factor")
        if outcome.device.throttling_failure_count % LOCKOUT_AFTER == 0:
            security_log.locked_out(request, user, stage="two_factor")
            return Outcome("locked", outcome.device)
    return outcome


def passed(request, device):
    """The session has passed the second factor with ``device``: it gets a new key, as
    at login, since it is now worth more."""
    django_otp.login(request, device)
    session_policy.cycle_key(request)


def reset(request, user):
    """A superuser resets ``user``'s two-factor authentication: the app and the recovery
    codes are removed and every session of ``user`` ends; they enrol at the next login."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    session_policy.end_sessions(user, reason="2fa_reset", by=request.user)
    security_log.two_factor_reset(request, user, request.user)


def describe(user):
    """The state of ``user``'s two-factor authentication, for the status page."""
    device = authenticator_for(user)
    return {
        "enrolled": device is not None,
        "device": device,
        "codes_left": recovery_codes_left(user),
        "code_count": RECOVERY_CODE_COUNT,
    }
