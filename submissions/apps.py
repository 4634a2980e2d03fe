from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    """Registration, application and data-request forms and the moderated snippets they create."""

    name = "submissions"
    verbose_name = _("Submissions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # connect the receivers of the verification and review workflows' signals
        from submissions.applications.notifications import (  # noqa: PLC0415 (ready(): models are loaded now)
            keep_wagtail_workflow_emails_for_pages_only,
        )
        from submissions.registrations import verification  # noqa: F401, PLC0415 (ready())
        from submissions.technology_requests import signals  # noqa: F401, PLC0415 (ready())

        keep_wagtail_workflow_emails_for_pages_only()
