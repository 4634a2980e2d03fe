"""Menus and the language switcher: which page a visitor reaches in which language."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Locale, Page


def current_language():
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def localized_pages(pages, locale_id=None):
    """The translations of ``pages`` in the locale ``locale_id`` (by default the active
    one), in one query, same order.

    A page with no live translation stays in its own language, so the menu never loses an item.
    Pages already in that locale cost no query (Wagtail's ``Page.localized`` looks the
    locale up again for every page).
    """
    pages = list(pages)
    if not pages:
        return []
    if locale_id is None:
        locale_id = Locale.get_active().id
    if all(page is None or page.locale_id == locale_id for page in pages):
        return pages
    translations = {
        page.translation_key: page
        for page in Page.objects.live()
        .filter(
            translation_key__in=[p.translation_key for p in pages if p],
            locale_id=locale_id,
        )
        .only(
            "id", "title", "url_path", "translation_key", "locale_id", "path", "depth"
        )
    }
    return [page and translations.get(page.translation_key, page) for page in pages]


def menu_links(entries, current_page=None):
    """(title, url, state) for each menu entry (``home.page_frame.MenuEntry``); state is
    'page' for the current page, 'true' for a section the current page is in, ''
    otherwise (for aria-current)."""
    return [
        {"title": entry.title, "url": entry.url, "state": entry.state(current_page)}
        for entry in entries
    ]


def translation_urls(request, page):
    """{language code: URL} of the live translations of ``page`` (itself included)."""
    return {
        p.locale.language_code: p.get_url(request)
        for p in page.get_translations(inclusive=True).live().select_related("locale")
    }


def language_links(request, page=None, urls=None):
    """One link per language: the same page in that language where it exists (``urls``,
    by default ``translation_urls``), otherwise that language's home page (for pages) or
    the same path (for views)."""
    current = current_language()
    is_page = page is not None and getattr(page, "pk", None)
    if is_page and urls is None:
        urls = translation_urls(request, page)
    links = []
    for code, name in settings.LANGUAGES:
        if is_page:
            url = urls.get(code) or translate_url("/", code)
        else:
            url = translate_url(request.path, code)
            if request.META.get("QUERY_STRING"):
                url = f"{url}?{request.META['QUERY_STRING']}"
        links.append(
            {"code": code, "name": name, "url": url, "is_current": code == current}
        )
    return links
