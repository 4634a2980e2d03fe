"""The shared page cache: anonymous visitors get published pages from the cache.

What is cached: a successful GET of a Wagtail page by a visitor without a session,
with no query string (or only ``?page=N``), whose making used no CSRF token and set no
cookie, and whose page class does not opt out (``page_cache = False``: the form pages).
Anything user-specific therefore never enters the cache: a session means the visitor may be
logged in, a CSRF token means the page holds a form. The key is the host, the path, the query
and whether the visitor closed the cookie notice (the one cookie that changes a public page).

Every key carries a generation number kept in the same cache: publishing, unpublishing,
moving or deleting a page, saving the portal's settings (menus, footer) or anything else a
page's frame holds (``home.page_frame``) starts a new generation, so every server stops
serving the old copies at once. Menus and indexes list other pages, which is why one
change clears every page and not only its own URL.

Cache-Control: cacheable pages say ``public`` with ``s-maxage`` (a reverse proxy may keep them
and is purged by Wagtail's frontend cache when FRONTEND_CACHE_PURGE_URL is set); everything
a logged-in person or the admin sees says ``no-store``; other pages, ``private, no-cache``.
"""

import re

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail import hooks
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.http import is_admin_path
from home.generation import current_generation, new_generation
from home.models import FooterMenuItem, MainMenuItem, PortalSettings, SocialLink

PAGINATION_ONLY = re.compile(r"^(?:page=\d{1,4})?$")
# Cookies that change nothing on a public page (language comes from the path).
IGNORED_COOKIES = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
NOTICE_COOKIE = "cookie_notice_dismissed"
STORED_HEADERS_SKIPPED = {"set-cookie", "date"}


@hooks.register("before_serve_page")
def remember_page_class(page, request, serve_args, serve_kwargs):
    request.page_cache_allowed = getattr(page.specific_class, "page_cache", True)


def may_use_cache(request, with_session=False):
    """Before the page is made: could a copy be served or stored? Without a session
    (the anonymous copies) unless ``with_session``."""
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method != "GET":
        return False
    if is_admin_path(request.path_info):
        return False
    if not PAGINATION_ONLY.match(request.META.get("QUERY_STRING", "")):
        return False
    other_cookies = set(request.COOKIES) - IGNORED_COOKIES - {NOTICE_COOKIE}
    return with_session or not other_cookies


def cache_key(request, generation, visitors="anonymous"):
    notice = "closed" if request.COOKIES.get(NOTICE_COOKIE) else "open"
    return ":".join(
        [
            "pagecache",
            str(generation),
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            notice,
            visitors,
        ]
    )


def should_store(request, response):
    return (
        getattr(request, "page_cache_allowed", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def stored_copy(response):
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in STORED_HEADERS_SKIPPED
    ]
    return (response.status_code, headers, response.content)


def from_stored_copy(copy):
    status, headers, content = copy
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def is_logged_in(request):
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def mark_public(response):
    patch_cache_control(
        response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SECONDS
    )
    patch_vary_headers(response, ["Cookie"])


class PageCacheMiddleware:
    """Serves and stores anonymous copies of public pages; sets Cache-Control everywhere."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cacheable = may_use_cache(request)
        key = None
        if cacheable:
            key = cache_key(request, current_generation())
            copy = cache.get(key)
            if copy is not None:
                return from_stored_copy(copy)
        response = self.get_response(request)
        if is_admin_path(request.path_info) or is_logged_in(request):
            patch_cache_control(response, private=True, no_store=True)
        elif cacheable and should_store(request, response):
            mark_public(response)
            cache.set(key, stored_copy(response), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        new_generation()


def settings_saved(sender, instance, created, **kwargs):
    # The row made on a site's first page view holds the defaults the pages already show.
    if not created:
        new_generation()


def frame_changed(sender, **kwargs):
    new_generation()


# What every page shows around its content (home.page_frame) beyond the pages and the
# settings row: saved or deleted, each starts a new generation too.
FRAME_MODELS = (
    Site,
    Locale,
    PageViewRestriction,
    MainMenuItem,
    FooterMenuItem,
    SocialLink,
)


def connect_signals():
    """What starts a new generation (HomeConfig.ready connects it in every process: the
    web servers, the task worker, scheduled publishing)."""

    page_published.connect(new_generation, dispatch_uid="page_cache_published")
    page_unpublished.connect(new_generation, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(new_generation, dispatch_uid="page_cache_moved")
    post_delete.connect(page_deleted, dispatch_uid="page_cache_deleted")
    post_save.connect(
        settings_saved, sender=PortalSettings, dispatch_uid="page_cache_settings"
    )
    for model in FRAME_MODELS:
        name = model._meta.label_lower
        post_save.connect(
            frame_changed, sender=model, dispatch_uid=f"frame_saved:{name}"
        )
        post_delete.connect(
            frame_changed, sender=model, dispatch_uid=f"frame_deleted:{name}"
        )


# Visitors with a session. A public page differs for them only where the layers above
# say (the header's login state and next-step link, the home page's button): each
# function registered under this hook names, for a request, the kind of visitor the page
# is made for ("apply": a verified applicant), or returns None when the page must be
# made for this person alone (staff: the admin's user bar). Pages are kept per kind, so
# two people of one kind get the same bytes and nothing of either is in them: what
# could differ (messages, a form's CSRF token, a cookie) is never kept.
VISITOR_KIND_HOOK = "page_cache_visitor_kind"


def visitor_kind(request):
    kinds = []
    for kind_of in hooks.get_hooks(VISITOR_KIND_HOOK):
        kind = kind_of(request)
        if kind is None:
            return None
        kinds.append(kind)
    return "+".join(["session", *kinds])


def has_messages(request):
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


class SessionPageCacheMiddleware:
    """Serves and stores the copies of public pages for visitors with a session, per
    kind of visitor (``VISITOR_KIND_HOOK``). The innermost middleware: the session
    policy, the second factor and the renewed-consent gate have let the request through
    first, and every response header is still added on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            not may_use_cache(request, with_session=True)
            or settings.SESSION_COOKIE_NAME not in request.COOKIES
            or has_messages(request)
        ):
            return self.get_response(request)
        kind = visitor_kind(request)
        if kind is None:
            return self.get_response(request)
        key = cache_key(request, current_generation(), kind)
        copy = cache.get(key)
        if copy is not None:
            return from_stored_copy(copy)
        response = self.get_response(request)
        if should_store(request, response) and not has_messages(request):
            cache.set(key, stored_copy(response), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
