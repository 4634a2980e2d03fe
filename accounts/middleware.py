"""The session policy, the staff's second factor and the admin views each role may open,
applied to every request.

The first two sit after django-otp's ``OTPMiddleware`` and Django's ``MessageMiddleware``
(they leave a message when they send someone away).
"""

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import LazyObject, SimpleLazyObject, empty

from accounts import session_policy, two_factor
from accounts.roles import is_staff, may_open_admin_view
from core.http import is_admin_path


class SingleLazyUserMiddleware:
    """Makes ``request.user`` one lazy object again, right after django-otp's middleware.

    django-otp wraps Django's lazy user in a second lazy object; Wagtail's audit log
    unwraps one level only, so ``log(instance=request.user, …)`` found no log model and
    wrote nothing, silently. The user is still looked up only when first used."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lazy_user = getattr(request, "user", None)
        if isinstance(lazy_user, LazyObject):
            request.user = SimpleLazyObject(lambda: unwrapped(lazy_user))
        return self.get_response(request)


def unwrapped(value):
    while isinstance(value, LazyObject):
        if value._wrapped is empty:
            value._setup()
        value = value._wrapped
    return value


class SessionPolicyMiddleware:
    """Ends a login that was idle too long (staff) or is older than the absolute
    lifetime, and keeps the login-session index in step with the session's key
    (``accounts.session_policy``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            # No session yet, so no login: leave the session untouched (a first visit
            # stays cacheable and costs nothing here).
            return self.get_response(request)
        session = request.session
        user_id = session.get(SESSION_KEY)
        if user_id is None:
            return self.get_response(request)
        reason = session_policy.check(request)
        if reason is not None:
            return uncached(session_policy.expire(request, reason))
        key_before = session.session_key
        hash_before = session.get(HASH_SESSION_KEY)
        response = self.get_response(request)
        session_policy.after(request, user_id, key_before, hash_before)
        return response


class StaffTwoFactorMiddleware:
    """Sends staff who have not passed the second factor in this session to the code
    page (or to enrolment) before any admin page or confidential file is served."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if two_factor.is_protected(request.path_info) and (
            two_factor.needs_second_factor(request.user)
        ):
            return uncached(redirect(two_factor.step_for(request)))
        return self.get_response(request)


class AdminViewsByRoleMiddleware:
    """A member of staff opens only the admin views their roles list
    (``accounts.roles.ADMIN_VIEWS``); any other answers 403, whatever Wagtail would
    have shown. People who are not staff are left to Wagtail's own door (the login)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_admin_path(request.path_info) or not is_staff(request.user):
            return None
        if not may_open_admin_view(request.user, request.resolver_match.view_name):
            # answered here, not raised: a refusal by design is no error to log
            return TemplateResponse(
                request, "accounts/admin/view_refused.html", status=403
            ).render()
        return None


def uncached(response):
    """A redirect that depends on the session is never kept by a cache."""
    add_never_cache_headers(response)
    return response
