"""The sitemap: every live public page of the site, in every language."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class PortalSitemap(Sitemap):
    """Wagtail's sitemap lists the Russian tree only; this one adds the Kazakh and English
    trees (the translations of the site's root page and what lies under them)."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for root in roots.only("path"):
            in_a_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(in_a_tree)
            .live()
            .public()
            .order_by("locale_id", "path")
            .defer_streamfields()
            .specific()
        )
