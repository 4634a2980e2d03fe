"""Security headers that Django does not set by itself, and the admin's CSP allowance."""

from csp.middleware import CSPMiddleware
from django.conf import settings

from core.http import is_admin_path


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy to every response (Referrer-Policy and nosniff come from Django)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class PortalCSPMiddleware(CSPMiddleware):
    """The strict policy of ``CONTENT_SECURITY_POLICY`` everywhere but the Wagtail admin.

    Wagtail's admin relies on inline scripts and styles and frames its own previews, so its
    paths get ``ADMIN_CSP_RELAXATIONS`` on top of the strict policy. Public templates never
    need them: the browser tests fail on any CSP violation there.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and is_admin_path(request.path_info):
            update = dict(parts.update or {})
            for directive, sources in settings.ADMIN_CSP_RELAXATIONS.items():
                if directive == "frame-ancestors":
                    continue
                update[directive] = list(update.get(directive, [])) + sources
            replace = dict(parts.replace or {})
            replace["frame-ancestors"] = settings.ADMIN_CSP_RELAXATIONS[
                "frame-ancestors"
            ]
            parts.update = update
            parts.replace = replace
        return parts
