"""The access policy for applicants' personal data: the one place that decides who may see
which registration, application, file, message, data request and incident, and which
parts of the person (name, contacts, identifiers, documents).

Per role (policy 4.2 and 8):

- anonymous: nothing;
- an applicant: their own, on the public site (never in the admin);
- editors and policy approvers: nothing of any applicant;
- experts: the submitted applications assigned to them; of the applicant, the
  organization's name and never the person. Until they declare that they have no
  conflict of interest with the applicant (each time they are given access), only the
  title and the organization, to declare; a declared conflict or a decline ends their
  access;
- reviewers: submitted applications, registrations and data requests, never a draft;
- administrators: the same, and incidents; only they see who is blocked, and each time
  they open a blocked person's record it is in the access log.

While a person's data is blocked during a check, every other member of staff sees the
pseudonym "blocked" in lists and titles, cannot open the records, and cannot act on them.

Wagtail's views ask through the permission policies registered for each model
(``PersonalDataPolicy`` and its subclasses): listings, edit, inspect, history, revisions,
usage, choosers and bulk actions get the same answer as the portal's own views, which call
the functions below.
"""

from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.roles import EXPERTS
from submissions.files import record_access
from submissions.models.access_log import AccessLog
from submissions.models.applications import Application, ApplicationStatus, Disclosure
from submissions.models.registrations import (
    ApplicantProfile,
    RegistrationRequest,
    without_blocked_applicants,
)

BLOCKED_REFUSAL = _(
    "This person's data is blocked during a check: it cannot be opened or processed "
    "until an administrator lifts the block."
)


def is_administrator(user):
    return user.is_authenticated and user.is_active and user.is_superuser


def is_reviewer(user):
    """Staff who verify registrations (the Reviewers group, or a superuser)."""
    return user.is_active and (
        user.is_superuser or user.has_perm("submissions.change_registrationrequest")
    )


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


def visible_registrations(user):
    """Registrations: reviewers and administrators only; experts never (policy 4.2)."""
    if user.is_authenticated and is_reviewer(user):
        return RegistrationRequest.objects.all()
    return RegistrationRequest.objects.none()


def sees_applicant_details(user):
    """Who may see the applicant's name, contacts, BIN/IIN and registration: reviewers.
    An expert sees the organization's name only."""
    return is_application_reviewer(user)


def can_see_registration(user, registration):
    """The applicant whose registration it is, and reviewers. Nobody else: experts never
    see an applicant's registration (policy 4.2)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return registration.profile.user_id == user.pk or is_reviewer(user)


def can_see_application(user, application):
    """The applicant, reviewers, and the experts assigned to this application who have
    declared that they have no conflict of interest (its files, its dossier)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        application.applicant_id == user.pk
        or dossier_applications(user).filter(pk=application.pk).exists()
    )


def is_assigned_expert(application, user):
    """Whether ``user`` is among the experts assigned to ``application`` (asked of the
    database: ``application`` may be a revision's copy, whose relations are in memory)."""

    return Application.objects.filter(pk=application.pk, experts=user.pk).exists()


def independence_declared(user):
    """A condition on applications: ``user`` has declared that they have no conflict of
    interest with the applicant since they were last given access (the latest "access
    given" of the disclosure log; an assignment older than the log needs one declaration
    at all)."""
    latest_grant = (
        Disclosure.objects.filter(
            application=OuterRef("application"),
            expert=user.pk,
            action=Disclosure.GRANTED,
        )
        .order_by("-pk")
        .values("pk")[:1]
    )
    return Exists(
        Disclosure.objects.filter(
            application=OuterRef("pk"),
            expert=user.pk,
            action=Disclosure.NO_CONFLICT,
            pk__gt=Coalesce(Subquery(latest_grant), 0),
        )
    )


def dossier_applications(user):
    """The applications whose dossier (answers, files, assessment) ``user`` may open:
    those they see, but for an expert only once they have declared that they have no
    conflict of interest since they were last given access. Before that an assigned
    expert sees the application in their list and, to declare, its title and the
    applicant's organization."""
    applications = visible_applications(user)
    if user.is_authenticated and not is_application_reviewer(user):
        applications = applications.filter(independence_declared(user))
    return applications


def awaits_declaration(application, user):
    """Whether ``user`` is an assigned expert of ``application`` who has not yet
    declared, for this assignment, whether they have a conflict of interest."""
    return (
        is_assigned_expert(application, user)
        and not Application.objects.filter(pk=application.pk)
        .filter(independence_declared(user))
        .exists()
    )


def can_see_consent_certificate(user, person):
    """An applicant's consent certificate (what they agreed to, from which network): the
    administrators, and the reviewers while the applicant is not blocked. Never experts,
    editors or approvers; never of a member of staff."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_administrator(user):
        return True
    return (
        is_reviewer(user)
        and ApplicantProfile.objects.filter(user=person).exists()
        and not hidden_from(user, person.pk)
    )


def hidden_from(user, applicant_id):
    """Whether ``applicant_id``'s data is blocked and ``user`` may not see it: everyone
    but that applicant and the administrators."""
    return (
        user.pk != applicant_id
        and not is_administrator(user)
        and ApplicantProfile.objects.blocked().filter(user_id=applicant_id).exists()
    )


class PersonalDataPolicy(ModelPermissionPolicy):
    """Wagtail's permission policy for a model that holds applicants' personal data.

    What a role may do at all stays with Django's permissions (``accounts.roles``); which
    records it may do it to is ``visible(user)``; a blocked person's records are refused
    to everyone but the administrators. ``profile_path`` leads from a record to the
    applicant's ``ApplicantProfile``."""

    profile_path = None

    def __init__(self, model, profile_path=None, visible=None):
        super().__init__(model)
        if profile_path is not None:
            self.profile_path = profile_path
        self._visible = visible

    def visible(self, user):
        """The records ``user`` may see at all (before any blocking)."""
        if self._visible is not None:
            return self._visible(user)
        if self.user_has_any_permission(user, ("view", "change")):
            return self.model._default_manager.all()
        return self.model._default_manager.none()

    def instances_user_has_any_permission_for(self, user, actions):
        if not user.is_authenticated or not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.visible(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.may_open(user, instance) and self.user_has_any_permission(
            user, actions
        )

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        return users.filter(
            pk__in=[user.pk for user in users if self.may_open(user, instance)]
        )

    # --- beyond Wagtail's interface: what the portal's gates ask -------------------------

    def is_blocked(self, instance):
        """Whether the person behind ``instance`` is blocked during a check."""
        if self.profile_path is None:
            return False
        return (
            self.model._default_manager.filter(pk=instance.pk)
            .exclude(**{f"{self.profile_path}__blocked_at__isnull": True})
            .exists()
        )

    def openable(self, user):
        """The records ``user`` may open: those they see, a blocked person's left out
        (except for administrators) — the same rule as a search."""
        return self.searchable(user, self.visible(user))

    def may_open(self, user, instance):
        """Whether ``user`` may open ``instance`` (its edit, inspect, history…)."""
        return (
            user.is_authenticated
            and user.is_active
            and self.openable(user).filter(pk=instance.pk).exists()
        )

    def refusal(self, user, instance):
        """Asked once ``may_open`` said no: why, in words for ``user``, when they could
        otherwise see the record (its person is blocked); None when it is simply not
        theirs."""
        if self.visible(user).filter(pk=instance.pk).exists():
            return BLOCKED_REFUSAL
        return None

    def processing_refusal(self, instance):
        """Why nobody, administrators included, may act on ``instance`` now (a workflow
        action, experts, a message from staff, an export); None when they may."""
        return BLOCKED_REFUSAL if self.is_blocked(instance) else None

    def searchable(self, user, queryset):
        """A search of ``queryset`` by ``user``: a blocked person is never found by their
        name, e-mail or BIN/IIN, except by an administrator."""
        if is_administrator(user) or self.profile_path is None:
            return queryset
        return without_blocked_applicants(queryset, self.profile_path)

    def opened(self, request, instance):
        """Called when ``request`` opens ``instance``: an administrator opening a blocked
        person's record is recorded in the access log."""
        if is_administrator(request.user) and self.is_blocked(instance):
            applicant_id = (
                self.model._default_manager.filter(pk=instance.pk)
                .values_list(f"{self.profile_path}__user_id", flat=True)
                .first()
            )
            record_access(
                request,
                instance,
                AccessLog.VIEW,
                str(instance),
                applicant_id=applicant_id,
            )


class ApplicationPolicy(PersonalDataPolicy):
    profile_path = "applicant__applicant_profile"

    def visible(self, user):
        return visible_applications(user)

    def openable(self, user):
        # an expert opens an application only once they have declared their independence
        return self.searchable(user, dossier_applications(user))


class RegistrationPolicy(PersonalDataPolicy):
    profile_path = "profile"

    def visible(self, user):
        return visible_registrations(user)


application_policy = ApplicationPolicy(Application)
registration_policy = RegistrationPolicy(RegistrationRequest)
