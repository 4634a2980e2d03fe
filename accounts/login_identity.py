"""What the portal keeps of a login attempt, and how it finds a person's attempts again.

django-axes counts failed logins to lock out one login name from one place (5 failures,
30 minutes). For that it needs to recognise the same name and the same place again, not
to hold them: it is given a keyed digest of the name typed (normalised, so that
``User@Example.kz`` and ``user@example.kz`` are one name and lock out together) and the
network the request came from (a /24 for IPv4, a /48 for IPv6, stored as the network's
address, which is a valid address on SQLite and in PostgreSQL's ``inet``). Neither the
e-mail typed (often someone else's mistyped, or a password typed in the wrong field) nor
the address is stored. Axes' log of successful logins and its per-failure log are off
(``AXES_DISABLE_ACCESS_LOG``, ``AXES_ENABLE_ACCESS_FAILURE_LOG``): the security log
(``accounts.security_log``) is the record of logins.
"""

from axes.models import AccessAttempt
from django.conf import settings

from core.http import client_ip
from core.network import keyed_digest, network_of

DIGEST_PURPOSE = "login"


def normalised_login(typed):
    """An e-mail address as the portal stores and compares it: without the spaces
    around it, and case-folded. ``None`` stays ``None``.

    The one rule for an address someone types: the User's e-mail is stored so
    (``accounts.models``), and login, registration, the password reset, the new
    confirmation link, the staff's user forms and the lockout key all look it up so,
    by equality. Case-folding, not only lower-casing: Django sends mail to a domain by
    its IDNA 2003 form, which folds ``ß`` to ``ss`` as ``casefold`` does, so two
    addresses that fold alike reach the same domain and are one login."""
    if typed is None:
        return None
    return str(typed).strip().casefold()


def login_digest(typed):
    """The keyed digest stored for the login name ``typed`` (any letter case)."""
    return keyed_digest(DIGEST_PURPOSE, normalised_login(typed or ""))


def axes_username(request, credentials=None):
    """``AXES_USERNAME_CALLABLE``: the digest of the name typed, read from the
    credentials given to ``authenticate`` or else from the login form's POST."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        typed = credentials.get(field)
    elif request is not None:
        typed = getattr(request, "data", request.POST).get(field)
    else:
        typed = None
    return None if typed is None else login_digest(typed)


def axes_network(request):
    """``AXES_CLIENT_IP_CALLABLE``: the address of the network the request came from
    (``203.0.113.57`` → ``203.0.113.0``), or None."""
    network = network_of(client_ip(request)) if request is not None else None
    return network.partition("/")[0] if network else None


def login_attempts_of(email):
    """The failed-login records of the login name ``email`` (any letter case): what
    erasure deletes."""
    return AccessAttempt.objects.filter(username=login_digest(email))
