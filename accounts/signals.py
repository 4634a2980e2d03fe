"""Receivers of the login signals: the session policy and the security log.

Connected in ``AccountsConfig.ready`` with ``dispatch_uid``s, so that importing this
module twice connects nothing twice. Importing ``axes.signals`` first connects django-axes'
receivers before ours, so that ours read what axes made of a failed login (counted,
locked out) from the request.
"""

from axes.signals import user_locked_out
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)

from accounts import security_log, session_policy


def logged_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    session_policy.start(request, user)
    security_log.login_succeeded(request, user)


def logged_out(sender, request, user, **kwargs):
    if request is None or user is None or not hasattr(request, "session"):
        return
    session_policy.logged_out(request, user)


def login_failed(sender, credentials, request=None, **kwargs):
    # Django has replaced the password by stars already; only the login name is used.
    security_log.login_failed(request, credentials.get("username") or "")


def connect_signals():
    user_logged_in.connect(logged_in, dispatch_uid="accounts.logged_in")
    user_logged_out.connect(logged_out, dispatch_uid="accounts.logged_out")
    user_login_failed.connect(login_failed, dispatch_uid="accounts.login_failed")
    user_locked_out.connect(
        security_log.axes_locked_out, dispatch_uid="accounts.locked_out"
    )
