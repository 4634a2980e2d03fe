"""Who may see what an applicant sent: one place that decides, used by the file views,
the admin's lists, dossiers and exports."""

from accounts.roles import EXPERTS
from submissions.models.applications import Application, ApplicationStatus
from submissions.models.registrations import ApplicantProfile


def is_reviewer(user):
    """Staff who verify registrations (the Reviewers group, or a superuser)."""
    return user.is_active and (
        user.is_superuser or user.has_perm("submissions.change_registrationrequest")
    )


def can_see_registration(user, registration):
    """The applicant whose registration it is, and reviewers. Nobody else: experts never
    see an applicant's registration (policy 4.2)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return registration.profile.user_id == user.pk or is_reviewer(user)


def is_application_reviewer(user):
    return user.is_active and (
        user.is_superuser or user.has_perm("submissions.change_application")
    )


def is_expert(user):
    return user.is_active and user.groups.filter(name=EXPERTS).exists()


def visible_applications(user):
    """The applications ``user`` may see in the admin, its lists and exports: every
    submitted one for reviewers, only those assigned to them for experts (policy 4.2),
    none for anyone else. Drafts are the applicant's alone."""

    submitted = Application.objects.exclude(status=ApplicationStatus.DRAFT)
    if not user.is_authenticated:
        return submitted.none()
    if is_application_reviewer(user):
        return submitted
    if is_expert(user):
        return submitted.filter(experts=user)
    return submitted.none()


def sees_applicant_details(user):
    """Who may see the applicant's name, contacts, BIN/IIN and registration: reviewers.
    An expert sees the organization's name only."""
    return is_application_reviewer(user)


def can_see_application(user, application):
    """The applicant, reviewers, and the experts assigned to this application."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        application.applicant_id == user.pk
        or visible_applications(user).filter(pk=application.pk).exists()
    )


def is_assigned_expert(application, user):
    """Whether ``user`` is among the experts assigned to ``application`` (asked of the
    database: ``application`` may be a revision's copy, whose relations are in memory)."""

    return Application.objects.filter(pk=application.pk, experts=user.pk).exists()


def hidden_from(user, applicant_id):
    """Whether ``applicant_id``'s data is blocked and ``user`` is not that applicant."""
    return (
        user.pk != applicant_id
        and ApplicantProfile.objects.blocked().filter(user_id=applicant_id).exists()
    )
