"""Security headers that Django does not set by itself, the admin's CSP allowance, and the
request id with the one log line of every request."""

import logging
import time

from csp.middleware import CSPMiddleware
from django.conf import settings

from config.request_log import (
    REQUEST_ID_HEADER,
    end_request,
    route_of,
    start_request,
)
from core.http import is_admin_path

request_logger = logging.getLogger("opi.request")


class RequestLogMiddleware:
    """The outermost middleware: gives the request its id (the proxy's X-Request-ID when
    sane, else a new one) for every log line and error event written while it runs,
    returns it in the X-Request-ID header, and logs one line when the response is ready:
    method, URL pattern, status, milliseconds. Never the path, the query or the client's
    address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id, token = start_request(incoming)
        request.request_id = request_id
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            route = route_of(request)
            match = getattr(request, "resolver_match", None)
            request_logger.info(
                "%s %s %s %sms",
                request.method,
                route,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "route": route,
                    "view": match.view_name if match is not None else None,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                },
            )
            return response
        finally:
            end_request(token)


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
