"""Site-wide views: search, health check, robots.txt, public media, error pages."""

import re
import sqlite3
import sys
from pathlib import Path, PurePosixPath

import psycopg
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
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
from django.views.decorators.http import require_GET, require_safe
from django.views.static import serve
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from core.search import plain_words

MAX_QUERY_LENGTH = 200


@require_GET
def search(request):
    """Full-text search over the live pages of the visitor's language."""
    # no control characters: a NUL byte even breaks SQLite's full-text query
    query = "".join(c for c in request.GET.get("q", "") if c >= " " or c in "\t")
    query = query.strip()[:MAX_QUERY_LENGTH]
    # The words only: quotes, stars, brackets and the other operators of the database's
    # full-text syntax would be syntax errors there (core.search).
    words = plain_words(query)
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


# The names Wagtail gives page images (original_images/<name>) and their renditions
# (images/<name>.<filter>.<ext>): one path segment of letters, digits, "_", "-" and ".",
# never starting with a dot. Anything else (an encoded or a real "/" or "\", "..", "%",
# NUL, an absolute path) is not a page image, whatever a server or a storage would make
# of it.
PUBLIC_MEDIA_NAME = re.compile(
    r"(?:original_images|images)/[A-Za-z0-9_-][A-Za-z0-9_.-]{0,254}", re.ASCII
)
PUBLIC_MEDIA_FOLDERS = ("original_images", "images")
# Raster formats only: an SVG could carry a script that runs on the portal's origin.
PUBLIC_MEDIA_TYPES = {
    ".avif": "image/avif",
    ".gif": "image/gif",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}
# Long enough for browsers and a proxy to keep page images; short enough that an image an
# editor moves into a private collection stops being served from caches within the hour.
PUBLIC_MEDIA_MAX_AGE = 3600


def public_image_for(name):
    """The Wagtail image whose original (``original_images/…``) or one of whose
    renditions (``images/…``) is stored as ``name``, or None: only files that belong to
    an image record are ever served."""
    Image = get_image_model()
    if name.startswith("original_images/"):
        return Image.objects.filter(file=name).select_related("collection").first()
    rendition = (
        Image.get_rendition_model()
        .objects.filter(file=name)
        .select_related("image__collection")
        .first()
    )
    return rendition.image if rendition is not None else None


def inside_public_folders(storage, name):
    """On the local disk: the file really lies in MEDIA_ROOT/images or original_images
    (no symbolic link leads elsewhere)."""
    path = Path(storage.path(name)).resolve()
    root = Path(storage.location).resolve()
    return any(path.is_relative_to(root / folder) for folder in PUBLIC_MEDIA_FOLDERS)


@require_safe
def public_media(request, path):
    """Page images and their renditions; nothing else of the media storage is ever served
    (documents go through Wagtail's /documents/<id>/<name>, which checks the privacy of
    their collection). From the local disk, or read from the private bucket when the
    files are in S3.

    Wagtail's collection privacy covers documents only; the portal applies it to images
    as well: an image of a private collection is served only to a request that passes the
    collection's restriction, and never to a shared cache."""
    suffix = PurePosixPath(path).suffix.lower()
    if not PUBLIC_MEDIA_NAME.fullmatch(path) or suffix not in PUBLIC_MEDIA_TYPES:
        raise Http404
    image = public_image_for(path)
    if image is None:
        raise Http404
    restrictions = list(image.collection.get_view_restrictions())
    if not all(restriction.accept_request(request) for restriction in restrictions):
        raise Http404
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        if not inside_public_folders(storage, path):
            raise Http404
        response = serve(request, path, document_root=storage.location)
    else:
        if not storage.exists(path):
            raise Http404
        response = FileResponse(storage.open(path))
    response["Content-Type"] = PUBLIC_MEDIA_TYPES[suffix]
    if restrictions:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_MEDIA_MAX_AGE)
    return response


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


# PostgreSQL's SQLSTATEs for "the server is not there": class 08 (connection exceptions),
# the server shutting down, crashed or starting up (57P01-57P03), no connection left (53300).
LOST_CONNECTION_SQLSTATE_CLASSES = ("08",)
LOST_CONNECTION_SQLSTATES = {"57P01", "57P02", "57P03", "53300"}


def lost_database_connection(error):
    """Whether ``error`` says the database cannot be reached (PostgreSQL down, restarting,
    failing over, the network cut; the SQLite file gone), rather than that a query went
    wrong. Only the driver's own error tells: Django wraps both kinds in the same
    OperationalError, which also covers SQL syntax errors, timeouts and locks."""
    while error is not None:
        if isinstance(error, psycopg.OperationalError):
            # No SQLSTATE: the client library's own "connection failed", "server closed
            # the connection unexpectedly", "the connection is closed".
            sqlstate = error.sqlstate
            return (
                sqlstate is None
                or sqlstate.startswith(LOST_CONNECTION_SQLSTATE_CLASSES)
                or sqlstate in LOST_CONNECTION_SQLSTATES
            )
        if isinstance(error, sqlite3.OperationalError):
            return getattr(error, "sqlite_errorname", "").startswith("SQLITE_CANTOPEN")
        error = error.__cause__
    return False


def server_error(request):
    """Error pages without context processors or database: the error may be the database
    itself. When the database cannot be reached (PostgreSQL restarting, a failover), the
    answer is 503 with Retry-After, which load balancers and browsers understand as "try
    again shortly". Every other error, a failing query included, is the portal's fault:
    500 (django.request has logged it at ERROR with its traceback)."""
    if lost_database_connection(sys.exc_info()[1]):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
