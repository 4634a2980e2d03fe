from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    """Registration, application and data-request forms and the moderated snippets they create."""

    name = "submissions"
    verbose_name = _("Submissions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # connect the receivers of the registration verification workflow's signals
        from . import verification  # noqa: F401
