"""The frame of every public page: what a page shows around its own content, the same
for every visitor of one site in one language.

It holds the site (with its root page), the language's locale, the portal's settings
(contacts, footer, cookie notice) with the social links, the main and footer menus, the
form pages, and what the layers above keep in it
(``keep``: the policy's address). A frame is made once per page-cache generation, site
and language, and kept in this process; every request reads the generation once from
the shared cache. Everything a frame holds starts a new generation when it changes
(``home.page_cache.connect_signals``): publishing, moving or deleting a page, saving the
portal's settings or one of its menu items or links, a site, a locale or a view
restriction.

Before this, each page made afresh looked the site, the locale (four times), the
settings, both menus, the social links, the policy and the registration page up again:
twelve of its twenty queries.
"""

import copy
import threading
from dataclasses import dataclass

from django.http.request import split_domain_port
from wagtail.models import Locale, Page, Site

from core.http import is_admin_path
from core.pages import form_page
from home import navigation
from home.generation import current_generation
from home.models import PortalSettings

# Paths that never show a page: the health check answers without the database's help.
FRAMELESS_PATHS = ("/health/",)

_frames = {}
_frames_lock = threading.Lock()


@dataclass(frozen=True)
class MenuEntry:
    """A page of a menu, in the frame's language."""

    title: str
    url: str
    page_id: int
    path: str
    depth: int

    def state(self, current_page):
        """'page' for the current page, 'true' for a section it is in, '' otherwise (for
        aria-current)."""
        if current_page is None:
            return ""
        if self.page_id == current_page.pk:
            return "page"
        if current_page.path.startswith(self.path) and self.depth > 2:
            return "true"
        return ""


def site_in_language(site, locale_id):
    """A copy of ``site`` whose root page, as Wagtail's routing reads it, is already the
    one it would find for the language: the live translation of the root page in
    ``locale_id`` (the root page itself without one), as its specific page.

    Wagtail routes every request from ``site.root_page.localized.specific``: for a page
    in Kazakh or English that is two queries more (the translation, then its specific
    row) on top of the locale. The copy keeps the site's own ``root_page_id``."""
    if site is None:
        return None
    root = site.root_page
    if locale_id is not None and root.locale_id != locale_id:
        root = (
            root.get_translations().live().filter(locale_id=locale_id).first() or root
        )
    localized = copy.copy(site)
    Site._meta.get_field("root_page").set_cached_value(localized, root.specific)
    return localized


class PageFrame:
    """The frame of one site in one language (see the module's docstring). Read only
    once made: requests of every thread share it."""

    def __init__(self, request, language):
        self.language = language
        self.locale_id = (
            Locale.objects.filter(language_code=language)
            .values_list("id", flat=True)
            .first()
        )
        self.site = site_in_language(Site.find_for_request(request), self.locale_id)
        self.settings = None
        self.social_links = ()
        self.main_menu = ()
        self.footer_menu = ()
        if self.site is not None:
            self.settings = PortalSettings.for_site(self.site)
            self.social_links = tuple(self.settings.social_links.all())
            self.main_menu = self._menu(request, self.settings.main_menu_items)
            self.footer_menu = self._menu(request, self.settings.footer_menu_items)
        self._kept = {}
        self._kept_lock = threading.Lock()

    def _menu(self, request, items):
        pages = navigation.localized_pages(
            [item.page for item in items.select_related("page") if item.page.live],
            self.locale_id,
        )
        return tuple(
            MenuEntry(page.title, page.get_url(request), page.pk, page.path, page.depth)
            for page in pages
        )

    def localized(self, page_ids):
        """The pages of ``page_ids`` (None where there is none) in the frame's language
        (``navigation.localized_pages``), in one query when they are in it already."""
        found = Page.objects.in_bulk([pk for pk in page_ids if pk])
        return navigation.localized_pages(
            [found.get(pk) for pk in page_ids], self.locale_id
        )

    def form_page(self, model):
        """The live form page ``model`` in the frame's language, or None
        (``core.pages.form_page``): asked by the header, the home page and the
        dashboard, looked up once."""
        return self.keep(
            f"form_page:{model._meta.label_lower}",
            lambda: form_page(model, self.language),
        )

    def keep(self, name, make):
        """What ``make()`` returns, made once for this frame: for a value of a layer
        above that depends only on the site, the language and the published pages."""
        try:
            return self._kept[name]
        except KeyError:
            pass
        value = make()
        with self._kept_lock:
            return self._kept.setdefault(name, value)


def frame_for(request):
    """The frame of ``request``'s site in the active language (made, or kept)."""
    frame = getattr(request, "page_frame", None)
    if frame is not None:
        return frame
    generation = current_generation()
    language = navigation.current_language()
    hostname = split_domain_port(request._get_raw_host())[0]  # as Wagtail finds a site
    key = (generation, hostname, request.get_port(), language)
    frame = _frames.get(key)
    if frame is None:
        frame = PageFrame(request, language)
        with _frames_lock:
            for old in [k for k in _frames if k[0] != generation]:
                del _frames[old]
            frame = _frames.setdefault(key, frame)
    request.page_frame = frame
    return frame


def forget_frames():
    """Drop every frame kept in this process (the tests: each starts another site)."""
    with _frames_lock:
        _frames.clear()


class PageFrameMiddleware:
    """Gives Wagtail the frame's site and settings for every request that may show a
    page, so that neither is looked up again. After LocaleMiddleware (the frame is in
    the request's language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if not is_admin_path(path) and not path.startswith(FRAMELESS_PATHS):
            frame = frame_for(request)
            if frame.site is not None:
                # Wagtail keeps the site of a request in this attribute
                # (Site.find_for_request) and a setting in the one it names.
                request._wagtail_site = frame.site
                setattr(request, PortalSettings.get_cache_attr_name(), frame.settings)
        return self.get_response(request)
