"""How long a login lasts, and ending a person's sessions.

- Login always starts a new session (Django cycles the key); it is written to the
  ``LoginSession`` index so that the person's sessions can be found without decoding
  every session of the site.
- Logging out ends every session of the person; changing the password ends the others
  and keeps the one it was changed in.
- Staff (anyone who may enter the admin) are logged out after
  ``STAFF_SESSION_IDLE_MINUTES`` without a request; everyone after
  ``SESSION_ABSOLUTE_HOURS`` from the login, whatever they do.

Sessions are ended through the session engine (``SessionStore(key).delete()``), never by
deleting ``Session`` rows, so that the cached engines forget them too.
"""

import time
from datetime import timedelta
from importlib import import_module
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY, logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from accounts import security_log
from accounts.models import LoginSession
from accounts.roles import is_staff
from core.http import is_admin_path

LOGIN_AT = "opi_login_at"
SEEN_AT = "opi_seen_at"
STAFF_SESSION = "opi_staff"
# The last request is written to the session at most this often (seconds), so that a
# page view does not cost a session write.
SEEN_AT_RESOLUTION = 60
USER_AGENT_LENGTH = 120

IDLE = "idle"
ABSOLUTE = "absolute"


def now():
    """Seconds since the epoch; the one clock of the session policy (tests move it)."""
    return int(time.time())


def idle_seconds():
    return settings.STAFF_SESSION_IDLE_MINUTES * 60


def absolute_seconds():
    return settings.SESSION_ABSOLUTE_HOURS * 3600


def session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


# --- the index ----------------------------------------------------------------------------


def start(request, user):
    """``user`` has just logged in on ``request``: stamp the session and index it."""
    session = request.session
    moment = now()
    session[LOGIN_AT] = moment
    session[SEEN_AT] = moment
    session[STAFF_SESSION] = is_staff(user)
    if not session.session_key:
        # login() flushed the session of someone else: the new one has no key until
        # it is saved, and the index needs one now.
        session.save()
    index(request, user)
    request.opi_fresh_login = True
    forget_outlived(user)


def index(request, user):
    LoginSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH],
        },
    )


def forget_outlived(user):
    """Sessions of ``user`` older than the absolute lifetime are over: end them."""
    cutoff = timezone.now() - timedelta(seconds=absolute_seconds())
    outlived = LoginSession.objects.filter(user=user, created_at__lt=cutoff)
    delete_sessions(list(outlived.values_list("session_key", flat=True)))
    outlived.delete()


def delete_sessions(keys):
    """End the sessions ``keys`` in the session engine; returns how many were alive."""
    store = session_store()
    ended = 0
    for key in keys:
        session = store(key)
        if session.exists(key):
            ended += 1
        session.delete()
    return ended


def end_sessions(user, *, keep=None, reason="", by=None):
    """End every indexed session of ``user`` but ``keep`` (a session key); returns how
    many sessions were still alive. Written to the security log when there were any."""
    rows = LoginSession.objects.filter(user=user)
    if keep:
        rows = rows.exclude(session_key=keep)
    keys = list(rows.values_list("session_key", flat=True))
    ended = delete_sessions(keys)
    rows.filter(session_key__in=keys).delete()
    if ended:
        security_log.sessions_ended(user, ended, reason=reason, by=by)
    return ended


def logged_out(request, user):
    """``user`` logs out on ``request`` (before Django flushes the session)."""
    key = request.session.session_key
    reason = getattr(request, "opi_session_expired", None)
    if reason:
        # Only this session ran out of time; the person's other sessions keep theirs.
        LoginSession.objects.filter(session_key=key).delete()
        security_log.session_expired(request, user, reason)
        return
    end_sessions(user, keep=key, reason="logout", by=user)
    LoginSession.objects.filter(session_key=key).delete()
    security_log.logged_out(request, user)


def rekey(old_key, new_key):
    """The session changed its key (``cycle_key``): the index follows."""
    if old_key and new_key and old_key != new_key:
        LoginSession.objects.filter(session_key=old_key).update(session_key=new_key)


def cycle_key(request):
    """A new key for this session (the privilege just rose), the index kept up to date."""
    old_key = request.session.session_key
    request.session.cycle_key()
    rekey(old_key, request.session.session_key)


# --- the request ----------------------------------------------------------------------------


def check(request):
    """Before the view: ``IDLE`` or ``ABSOLUTE`` when the login is over, else None.

    Notes the request's time in the session at most once a minute. A logged-in session
    from before this policy (no login time) is adopted: stamped and indexed now.
    """
    session = request.session
    moment = now()
    login_at = session.get(LOGIN_AT)
    if login_at is None:
        user = request.user
        if user.is_authenticated:
            start_adopted(request, user, moment)
        return None
    if moment - login_at >= absolute_seconds():
        return ABSOLUTE
    seen_at = session.get(SEEN_AT, login_at)
    if session.get(STAFF_SESSION) and moment - seen_at >= idle_seconds():
        return IDLE
    if moment - seen_at >= SEEN_AT_RESOLUTION:
        session[SEEN_AT] = moment
    return None


def start_adopted(request, user, moment):
    session = request.session
    session[LOGIN_AT] = moment
    session[SEEN_AT] = moment
    session[STAFF_SESSION] = is_staff(user)
    index(request, user)


def expire(request, reason):
    """Log this session out and send the person to the login page, saying why."""
    request.opi_session_expired = reason
    logout(request)
    if reason == IDLE:
        minutes = settings.STAFF_SESSION_IDLE_MINUTES
        text = ngettext(
            "Your session has expired after %(count)s minute without activity. "
            "Log in again to continue.",
            "Your session has expired after %(count)s minutes without activity. "
            "Log in again to continue.",
            minutes,
        ) % {"count": minutes}
    else:
        hours = settings.SESSION_ABSOLUTE_HOURS
        text = ngettext(
            "Your session has expired: a login lasts at most %(count)s hour. "
            "Log in again to continue.",
            "Your session has expired: a login lasts at most %(count)s hours. "
            "Log in again to continue.",
            hours,
        ) % {"count": hours}
    messages.warning(request, text)
    login_url = reverse(
        "wagtailadmin_login" if is_admin_path(request.path_info) else "login"
    )
    return redirect(f"{login_url}?{urlencode({'next': request.get_full_path()})}")


def after(request, user_id, key_before, hash_before):
    """After the view: keep the index up to date with the session's key, and end the
    other sessions when the password was changed in this request."""
    if getattr(request, "opi_fresh_login", False):
        return  # the login indexed the session already
    session = request.session
    if session.get(SESSION_KEY) != user_id:
        return  # logged out, or someone else logged in
    key = session.session_key
    if not key_before or key == key_before:
        return
    rekey(key_before, key)
    hash_after = session.get(HASH_SESSION_KEY)
    if hash_before and hash_after and hash_after != hash_before:
        # update_session_auth_hash() gave the session a new key and the hash of a new
        # password (a rotated SECRET_KEY changes the hash but not the key): the
        # password was changed here, so this session stays and the others end.
        end_sessions(request.user, keep=key, reason="password_change", by=request.user)
