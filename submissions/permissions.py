"""Who may see what an applicant sent: one place that decides, used by the file view and
the admin."""


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


def can_see_application(user, application):
    """The applicant, reviewers, and the experts assigned to this application."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        application.applicant_id == user.pk
        or is_application_reviewer(user)
        or is_assigned_expert(application, user)
    )


def is_assigned_expert(application, user):
    """Whether ``user`` is among the experts assigned to ``application`` (asked of the
    database: ``application`` may be a revision's copy, whose relations are in memory)."""
    from .models import Application

    return Application.objects.filter(pk=application.pk, experts=user.pk).exists()
