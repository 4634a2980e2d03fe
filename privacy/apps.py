from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Every data-protection operation on people: data-subject requests, blocking, the
    data export, anonymisation, retention, incidents, visitor statistics."""

    name = "privacy"
    verbose_name = _("Data protection")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # the receiver that erases personal task arguments once a task has finished
        from privacy import task_arguments  # noqa: F401, PLC0415 (ready(): models loaded)
