"""Template tags of the public site: menus, language switcher, search highlighting."""

import re

from django import template
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe

from home import navigation
from home.page_cache import current_generation
from home.page_frame import frame_for

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    request = context["request"]
    page = context.get("page")
    if not hasattr(page, "get_translations"):
        return navigation.language_links(request)
    urls = None
    if page.pk and not getattr(request, "is_preview", False):
        # the live translations, once per frame: they change only when one is published
        urls = frame_for(request).keep(
            f"translations:{page.translation_key}",
            lambda: navigation.translation_urls(request, page),
        )
    return navigation.language_links(request, page, urls)


@register.simple_tag(takes_context=True)
def menu_links(context, which):
    """The links of the "main" or "footer" menu, from the page's frame."""
    frame = frame_for(context["request"])
    page = context.get("page")
    return navigation.menu_links(
        getattr(frame, f"{which}_menu"), page if hasattr(page, "path") else None
    )


@register.simple_tag(takes_context=True)
def social_links(context):
    """The portal's social network links (the footer), from the page's frame."""
    return frame_for(context["request"]).social_links


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context, page):
    """The ancestors of ``page`` (the root included), looked up once per parent in the
    page's frame: every page of a section has the same."""
    request = context["request"]
    if getattr(request, "is_preview", False) or not page.path:
        return list(page.get_ancestors())  # a draft's place may not be its parent's yet
    parent_path = page.path[: -page.steplen]
    return frame_for(request).keep(
        f"ancestors:{parent_path}", lambda: list(page.get_ancestors())
    )


@register.filter
def highlight(text, query):
    """The text, escaped, with every word of the search query wrapped in <mark>."""
    text = escape(text or "")
    words = [re.escape(escape(word)) for word in (query or "").split() if len(word) > 1]
    if not words:
        return mark_safe(text)
    pattern = re.compile("({})".format("|".join(words)), re.IGNORECASE)
    return mark_safe(pattern.sub(r"<mark>\1</mark>", text))


@register.simple_tag
def page_cache_generation():
    """The page cache's generation, for fragments the same on every page of a language
    (the footer): they are made again when a page is published or the settings change."""
    return current_generation()


@register.simple_tag
def page_cache_seconds():
    return settings.PAGE_CACHE_SECONDS
