"""Template tags of the public site: menus, language switcher, search highlighting."""

import re

from django import template
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe

from home import navigation
from home.page_cache import current_generation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    request = context["request"]
    page = context.get("page")
    return navigation.language_links(
        request, page if hasattr(page, "get_translations") else None
    )


@register.simple_tag(takes_context=True)
def menu_links(context, which):
    request = context["request"]
    portal_settings = context["settings"]["home"]["PortalSettings"]
    items = getattr(portal_settings, f"{which}_menu_items").select_related("page")
    page = context.get("page")
    return navigation.menu_links(
        request, items, page if hasattr(page, "path") else None
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
