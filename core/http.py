"""Facts about a request that several apps need: where it came from, whether it is for
the admin."""

from django.conf import settings


def client_ip(request):
    """The address the request came from. Behind the TLS proxy Django sees the proxy's
    address in REMOTE_ADDR unless the proxy rewrites it; production sets that up."""
    return request.META.get("REMOTE_ADDR") or None


def is_admin_path(path):
    return path.startswith(settings.ADMIN_PATH_PREFIXES)
