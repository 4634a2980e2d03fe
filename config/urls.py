"""The portal's URL map: the public URL contract of DESIGN.md.

Russian pages have no prefix, Kazakh and English live under /kk/ and /en/. Admin, health,
robots and sitemap stay outside the language prefixes.
"""

import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import AdminPasswordResetView
from home import views as home_views
from home.sitemaps import PortalSitemap

urlpatterns = [
    # Wagtail's own, under the rate limits of the portal's (before Wagtail's admin URLs)
    path(
        "admin/password_reset/",
        AdminPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("captcha/", include("captcha.urls")),
    path("health/", home_views.health, name="health"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}, name="sitemap"
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("submissions.urls")),
]

# Only public media (page images and their renditions) is served from MEDIA_ROOT; applicants'
# files live elsewhere and go through permission-checked views.
media_prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
urlpatterns.append(
    re_path(
        rf"^{media_prefix}(?P<path>(?:images|original_images)/.+)$",
        home_views.public_media,
        name="public_media",
    )
)

urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("", include("accounts.urls")),
    path("", include("submissions.account_urls")),
    path("", include("policy.urls")),
    path("", include("privacy.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
