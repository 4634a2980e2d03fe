"""The panel that shows reviewers what a registration's fields alone do not: its check,
its documents, the consent of the person represented."""

from django.urls import reverse
from wagtail.admin.panels import Panel

from submissions.models.registrations import REGISTRATION_FILES
from submissions.registrations.verification import approval_blocked_reason


class RegistrationCheckPanel(Panel):
    """What reviewers check before approving: the applicant's verification state, whether
    the person represented consented (and the ledger record), and links to download the
    documents through the private file view."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "submissions/admin/registration_check_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            registration = self.instance
            context["registration"] = registration
            if registration.pk is None:
                return context
            context["profile"] = registration.profile
            context["blocked"] = registration.profile.is_blocked
            if context["blocked"]:
                return context
            context["represented_consent"] = registration.represented_consent
            context["blocked_reason"] = approval_blocked_reason(registration)
            context["documents"] = [
                {
                    "label": registration._meta.get_field(field).verbose_name,
                    "name": getattr(registration, f"{field}_name"),
                    "url": reverse("registration_file", args=[registration.pk, kind]),
                }
                for kind, field in REGISTRATION_FILES.items()
                if getattr(registration, field)
            ]
            return context
