"""Admin panels that show reviewers what a registration's fields alone do not: its
verification state, the consent of the person represented, and the documents."""

from django.urls import reverse
from wagtail.admin.panels import Panel

from submissions.registrations.verification import approval_blocked_reason
from submissions.views import REGISTRATION_FILES


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


def dossier_context(application, user):
    """Everything about ``application`` that is not an answer, as ``user`` may see it:
    progress, experts and disclosures, assessments with averages, files, the thread with
    internal notes and, for reviewers, the applicant's registration."""
    from submissions.applications.models import FileCategory
    from submissions.applications.review import timeline
    from submissions.permissions import is_application_reviewer

    reviewer = is_application_reviewer(user)
    assessments = list(
        application.assessments.select_related("expert").order_by("-submitted_at")
    )
    if not reviewer:
        assessments = [a for a in assessments if a.expert_id == user.pk]
    profile = getattr(application.applicant, "applicant_profile", None)
    blocked = profile is not None and profile.is_blocked
    if blocked:
        profile = None  # nothing of the person while their data is blocked
    return {
        "blocked": blocked,
        "applicant_id": application.applicant_id,
        "application": application,
        "reviewer": reviewer,
        "timeline": timeline(application),
        "experts": list(application.experts.all()),
        "assessments": assessments,
        "score_rows": score_rows(assessments),
        "files": list(application.files.all()),
        "thread": list(application.messages.select_related("author"))
        if reviewer
        else [],
        "profile": profile,
        "registration": profile.registration_requests.order_by("-pk").first()
        if reviewer and profile
        else None,
        "disclosures": list(application.disclosures.select_related("expert", "by"))
        if reviewer
        else [],
        "conclusion_category": FileCategory.CONCLUSION,
    }


class ApplicationDossierPanel(Panel):
    """The dossier on the application's edit screen (``dossier_context``), with links to
    write to the applicant, change the experts or file the conclusion. An expert sees the
    applicant's organization only."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "submissions/admin/application_dossier_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["application"] = self.instance
            if self.instance.pk is not None:
                context.update(dossier_context(self.instance, self.request.user))
            return context


def score_rows(assessments):
    """One row per criterion: its label, each assessment's score, and the average."""
    from submissions.applications.models import ExpertAssessment

    rows = []
    for name in ExpertAssessment.SCORES:
        values = [getattr(assessment, name) for assessment in assessments]
        rows.append(
            {
                "label": ExpertAssessment._meta.get_field(name).verbose_name,
                "values": values,
                "average": sum(values) / len(values) if values else None,
            }
        )
    return rows
