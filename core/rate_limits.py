"""How often a form may make the portal send an e-mail or store something: no e-mail
bombing (anyone could otherwise have the portal write to any address again and again).

Each action (a password reset, the confirmation link again, a registration, ...) counts
its attempts per e-mail address and per network the requests come from (a /24 or /48,
``core.network.network_of``), each in a window of ``settings.RATE_LIMITS``. The caller
gives the address already normalised (``accounts.login_identity.normalised_login``), so
that ``User@Example.kz `` and ``user@example.kz`` count as one. Every address is counted,
whether or not an account has it, so a refusal says nothing about who has an account.

The counters are django-ratelimit's, in the cache ``settings.RATELIMIT_USE_CACHE`` (Redis
or a database table: shared by every process). A counter's key is a hash of a keyed digest
(``core.network.keyed_digest``) of the address or network, never the address itself, and
it expires with its window.
"""

import math
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

from core.http import client_ip
from core.network import keyed_digest, network_of

DIGEST_PURPOSE = "rate-limit"


@dataclass(frozen=True)
class Refusal:
    """Too many attempts: when the current window ends, and what the page says."""

    seconds_left: int

    @property
    def minutes(self):
        return max(1, math.ceil(self.seconds_left / 60))

    @property
    def message(self):
        return ngettext(
            "Too many requests in a short time for this e-mail address or from your "
            "network, so this one was not carried out. Please try again in "
            "%(minutes)d minute.",
            "Too many requests in a short time for this e-mail address or from your "
            "network, so this one was not carried out. Please try again in "
            "%(minutes)d minutes.",
            self.minutes,
        ) % {"minutes": self.minutes}


def _rate(scope):
    count = settings.RATE_LIMITS[f"per_{scope}"]
    return f"{count}/{settings.RATE_LIMITS['window_minutes']}m" if count else None


def _count(request, action, scope, value):
    """One more attempt of ``action`` for ``value``; the usage after it, or None when
    that limit is off."""
    rate = _rate(scope)
    if rate is None or value is None:
        return None
    digest = keyed_digest(f"{DIGEST_PURPOSE}:{scope}", value)
    return get_usage(
        request,
        group=f"{action}:{scope}",
        key=lambda _group, _request: digest,
        rate=rate,
        increment=True,
    )


def attempt(request, action, address=None):
    """Count one attempt of ``action`` (a short name: ``"password_reset"``) by the
    network of ``request`` and, when given, for ``address`` (normalised by the caller).
    None when it may go ahead; a ``Refusal`` when either limit is exceeded."""
    usages = [
        _count(request, action, "network", network_of(client_ip(request))),
        _count(request, action, "address", address),
    ]
    exceeded = [usage for usage in usages if usage and usage["should_limit"]]
    if not exceeded:
        return None
    return Refusal(max(max(usage["time_left"] for usage in exceeded), 1))


def refuse(form, refusal):
    """Put the refusal on ``form`` (it shows in the error summary, the values stay)."""
    form.add_error(None, refusal.message)
    return form
