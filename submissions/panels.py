"""Admin panels that show reviewers what a registration's fields alone do not: its
verification state, the consent of the person represented, and the documents."""

from django.urls import reverse
from wagtail.admin.panels import Panel

from .verification import approval_blocked_reason
from .views import REGISTRATION_FILES


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


class ApplicationDossierPanel(Panel):
    """Everything about an application that is not an answer: the review's progress,
    the experts and their assessments side by side, the files, the messages and notes,
    and links to write to the applicant or file the conclusion. An expert sees the
    applicant's organization only."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "submissions/admin/application_dossier_panel.html"

        def get_context_data(self, parent_context=None):
            from .models import FileCategory
            from .permissions import is_application_reviewer
            from .review import timeline

            context = super().get_context_data(parent_context)
            application = self.instance
            context["application"] = application
            if application.pk is None:
                return context
            user = self.request.user
            reviewer = is_application_reviewer(user)
            assessments = list(
                application.assessments.select_related("expert").order_by(
                    "-submitted_at"
                )
            )
            if not reviewer:
                assessments = [a for a in assessments if a.expert_id == user.pk]
            context.update(
                reviewer=reviewer,
                timeline=timeline(application),
                experts=list(application.experts.all()),
                assessments=assessments,
                averages=score_averages(assessments),
                files=list(application.files.all()),
                thread=list(
                    application.messages.select_related("author")
                    if reviewer
                    else application.messages.none()
                ),
                profile=getattr(application.applicant, "applicant_profile", None),
                disclosures=list(
                    application.disclosures.select_related("expert", "by")
                    if reviewer
                    else []
                ),
                conclusion_category=FileCategory.CONCLUSION,
            )
            return context


def score_averages(assessments):
    """The average of each score over ``assessments`` (label, average) and overall."""
    from .models import ExpertAssessment

    if not assessments:
        return []
    rows = []
    for name in ExpertAssessment.SCORES:
        label = ExpertAssessment._meta.get_field(name).verbose_name
        values = [getattr(a, name) for a in assessments]
        rows.append((label, sum(values) / len(values)))
    return rows
