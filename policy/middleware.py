"""The renewed-consent gate: an applicant who has not accepted a policy edition that
requires renewed consent is sent to /account/consent/ before anything else.

Exempt: visitors who are not logged in, staff (anyone who may enter the admin), the
policy's own pages (so the new text can be read first), the consent page, logout,
language switching, static and media files and the technical endpoints. Only page
views (GET and HEAD) are redirected: a form being sent at the moment an edition goes
live is not lost, and the next page asks.
"""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language

from accounts.roles import is_staff
from policy.consent import renewed_consent_due

SETTLED_SESSION_KEY = "policy_renewed_consent_settled"

LANGUAGE_CODES = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
LANGUAGE_PREFIX = re.compile(rf"^/(?:{LANGUAGE_CODES})/")

EXEMPT_PREFIXES = (
    "/policy/",
    "/account/consent/",
    "/account/consents/",  # what they agreed to before: readable before renewing
    "/accounts/logout/",
    "/admin/",
    "/i18n/",
    "/captcha/",
    "/documents/",
    "/health/",
    "/robots.txt",
    "/sitemap.xml",
    "/cookies/",
    settings.STATIC_URL,
    settings.MEDIA_URL,
)


def is_exempt(path):
    path = LANGUAGE_PREFIX.sub("/", path, count=1)
    return path.startswith(EXEMPT_PREFIXES)


class RenewedConsentMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect_to = self.gate(request)
        if redirect_to is not None:
            return redirect(redirect_to)
        return self.get_response(request)

    def gate(self, request):
        """Where to send the request instead of the page it asked for, or None."""
        if request.method not in ("GET", "HEAD") or is_exempt(request.path_info):
            return None
        user = request.user
        if not user.is_authenticated:
            return None
        settled = request.session.get(SETTLED_SESSION_KEY)
        check = renewed_consent_due(user, get_language(), settled)
        if check.awaiting is not None and is_staff(user):
            check = check._replace(awaiting=None)
        if check.awaiting is None:
            if check.required_pk is not None and check.required_pk != settled:
                request.session[SETTLED_SESSION_KEY] = check.required_pk
            return None
        query = urlencode({"next": request.get_full_path()})
        return f"{reverse('renewed_consent')}?{query}"
