from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The informational site: home page, info pages, indexes, site settings, search."""

    name = "home"
    verbose_name = _("Site pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.page_cache import connect_signals  # noqa: PLC0415 (ready(): the app registry is loaded only now)

        connect_signals()
