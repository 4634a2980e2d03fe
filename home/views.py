"""Site-wide views: search, health check, robots.txt, public media, error pages."""

import mimetypes
import sys

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.paginator import Paginator
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.static import serve
from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200


@require_GET
def search(request):
    """Full-text search over the live pages of the visitor's language."""
    # no control characters: a NUL byte even breaks SQLite's full-text query
    query = "".join(c for c in request.GET.get("q", "") if c >= " " or c in "\t")
    query = query.strip()[:MAX_QUERY_LENGTH]
    # The words only: a double quote would open a phrase that SQLite's full-text query
    # syntax refuses when it is not closed.
    words = query.replace('"', " ").strip()
    results = None
    if query:
        pages = (
            Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        )
        found = pages.search(words) if words else Page.objects.none()
        paginator = Paginator(found, settings.SEARCH_RESULTS_PER_PAGE)
        results = paginator.get_page(request.GET.get("page"))
    return render(
        request, "home/search.html", {"search_query": query, "results": results}
    )


@require_GET
def health(request):
    """For load balancers and monitoring: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    private_paths = ["/account/", "/accounts/", "/apply/", "/consent/", "/search/"]
    language_prefixes = [""] + [
        f"/{code}"
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /documents/"]
    for prefix in language_prefixes:
        lines += [f"Disallow: {prefix}{path}" for path in private_paths]
    lines += ["", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@cache_control(max_age=31536000, public=True)
def public_media(request, path):
    """Page images and their renditions; nothing else of the media storage is ever served.
    From the local disk, or read from the private bucket when the files are in S3."""
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    if ".." in path.split("/") or not storage.exists(path):
        raise Http404
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(storage.open(path), content_type=content_type)
    patch_cache_control(response, public=True, max_age=3600)
    return response


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Error pages without context processors or database: the error may be the database
    itself. When it is (PostgreSQL restarting, a failover), the answer is 503 with
    Retry-After, which load balancers and browsers understand as "try again shortly"."""
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
