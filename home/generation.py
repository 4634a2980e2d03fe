"""The generation of what the public pages show: a number in the shared cache that every
change of published content raises (``home.page_cache.connect_signals``). Whatever is kept
for public pages (the page cache's copies, the page frames, the view restrictions) is
kept under it, so one change makes every server make them again."""

from django.core.cache import cache
from django.db.models import Q
from wagtail.models import PageViewRestriction

GENERATION_KEY = "pagecache:generation"

_restricted_paths = {}


def new_generation(**kwargs):
    """Every cached page is out of date from now on, on every server."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or the cache was emptied)
        cache.set(GENERATION_KEY, 1, timeout=None)


def current_generation():
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def restricted_paths():
    """The tree paths of the pages with a view restriction (a password, a login, a
    group), looked up once per generation in this process."""
    generation = current_generation()
    paths = _restricted_paths.get(generation)
    if paths is None:
        paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
        _restricted_paths.clear()
        _restricted_paths[generation] = paths
    return paths


def forget_restricted_paths():
    _restricted_paths.clear()


def without_restricted(pages):
    """``pages`` (a page queryset) without those under a view restriction: Wagtail's
    ``.public()`` without its query of the restrictions."""
    paths = restricted_paths()
    if not paths:
        return pages
    restricted = Q()
    for path in paths:
        restricted |= Q(path__startswith=path)
    return pages.exclude(restricted)
