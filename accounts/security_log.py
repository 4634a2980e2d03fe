"""The security log: logins, failed logins, lockouts, logouts, expired and ended
sessions and two-factor events.

Each event goes to the Python logger ``opi.security`` and, when it concerns an existing
account, to Wagtail's audit log on that user (actions ``opi.<event>``, registered in
``accounts/wagtail_hooks.py``), where administrators read it under Reports → Site history.

Privacy (the policy promises it): no password, no full IP address. The logger names the
account by its id and the request's network (/24 for IPv4, /48 for IPv6); the audit log,
which is kept for years, gets no network at all. A failed login for an address that has
no account is logged only as a keyed hash of what was typed: it is often someone else's
address mistyped, or a password typed into the e-mail field, and neither belongs in a log;
the hash still shows one name being tried again and again.
"""

import ipaddress
import logging

from axes.helpers import get_failure_limit
from django.utils.crypto import salted_hmac
from wagtail.log_actions import log

from accounts.models import User, normalize_email
from core.http import client_ip, is_admin_path

logger = logging.getLogger("opi.security")

# Audit-log actions of this module, with their labels (registered by wagtail_hooks).
EVENTS = (
    "login",
    "login_failed",
    "lockout",
    "logout",
    "session_expired",
    "sessions_ended",
    "2fa.enrolled",
    "2fa.verified",
    "2fa.recovery_codes",
    "2fa.reset",
)


def network(request):
    """The request's network, never the address itself."""
    address = client_ip(request) if request is not None else None
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return "-"
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def where(request):
    if request is None:
        return "-"
    return "admin" if is_admin_path(request.path_info) else "site"


def fingerprint(typed):
    """A keyed hash of a login name that has no account."""
    return salted_hmac(
        "accounts.security_log.login", normalize_email(typed)
    ).hexdigest()[:16]


def record(event, *, user=None, actor=None, request=None, level=logging.INFO, **data):
    """Write ``event`` to the logger, and to the audit log when ``user`` is known."""
    fields = {"event": event}
    if user is not None:
        fields["user_id"] = user.pk
    fields.update(data)
    fields["via"] = where(request)
    fields["network"] = network(request)
    logger.log(
        level,
        " ".join(f"{key}={value}" for key, value in fields.items()),
        extra={"security_event": event},
    )
    if user is not None and user.pk is not None:
        log(
            instance=user,
            action=f"opi.{event}",
            user=actor,
            data={"via": fields["via"], **data},
        )


# --- logins ----------------------------------------------------------------------------


def user_for(typed):
    email = normalize_email(typed)
    if not email:
        return None
    return User._default_manager.filter(email=email).first()


def login_succeeded(request, user):
    record("login", user=user, actor=user, request=request)


def login_failed(request, typed, *, stage="password"):
    """A wrong password (or second-factor code) for ``typed``; a refusal because the
    account is locked out already counts too, marked ``blocked``."""
    blocked = stage == "password" and lockout_state(request) == BLOCKED
    record_attempt("login_failed", request, typed, stage=stage, blocked=blocked)


def locked_out(request, typed, *, stage="password"):
    record_attempt("lockout", request, typed, stage=stage)


def record_attempt(event, request, typed, **data):
    """A refused attempt on ``typed`` (a login name, or the user of a second-factor
    code); a name without an account is written only as its fingerprint."""
    user = user_for(typed) if isinstance(typed, str) else typed
    if user is None:
        data = {"account": "unknown", "attempted": fingerprint(typed), **data}
    record(event, user=user, request=request, level=logging.WARNING, **data)


NEW_LOCKOUT = "new"
BLOCKED = "blocked"


def lockout_state(request):
    """What django-axes made of this failed attempt: ``NEW_LOCKOUT`` when it reached the
    failure limit, ``BLOCKED`` when the account and address were locked out already,
    else None. Read after axes' own receiver has run (``accounts.signals``)."""
    if request is None or not getattr(request, "axes_locked_out", False):
        return None

    failures = getattr(request, "axes_failures_since_start", None)
    limit = get_failure_limit(request, getattr(request, "axes_credentials", None))
    # axes counts attempts during a lockout too (and restarts the cool-off), or, when
    # told not to, does not count them at all
    if failures is None or failures > limit:
        return BLOCKED
    return NEW_LOCKOUT


def axes_locked_out(sender, request=None, username=None, **kwargs):
    """django-axes' ``user_locked_out``: sent when the failure limit is reached, and
    again for each attempt while locked out (those are logged as blocked failures).
    Axes' ``username`` is the digest it stores (``accounts.login_identity``): the name
    typed is read from the credentials it was given."""
    if lockout_state(request) == NEW_LOCKOUT:
        credentials = getattr(request, "axes_credentials", None) or {}
        locked_out(request, credentials.get("username") or "")


def logged_out(request, user):
    record("logout", user=user, actor=user, request=request)


def session_expired(request, user, reason):
    record("session_expired", user=user, actor=user, request=request, reason=reason)


def sessions_ended(user, count, *, reason="", by=None):
    record("sessions_ended", user=user, actor=by, count=count, reason=reason)


# --- two-factor authentication --------------------------------------------------------


def two_factor_enrolled(request, user):
    record("2fa.enrolled", user=user, actor=user, request=request)


def two_factor_verified(request, user, method, **data):
    record(
        "2fa.verified", user=user, actor=user, request=request, method=method, **data
    )


def recovery_codes_made(request, user):
    record("2fa.recovery_codes", user=user, actor=user, request=request)


def two_factor_reset(request, user, by):
    record("2fa.reset", user=user, actor=by, request=request, level=logging.WARNING)
