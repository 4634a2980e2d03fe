from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Small pieces every app may use: working days, spreadsheets, request facts. No
    models; the task queue's maintenance command lives here too."""

    name = "core"
    verbose_name = _("Shared pieces")
