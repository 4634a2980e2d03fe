"""The "Registration verification" workflow: the one module that decides what happens to
a registration and to the applicant's profile as reviewers act on it.

- ``submit_for_verification`` puts a new registration in the workflow;
- ``resubmit_registration`` sends the profile's corrected details as a new revision of the
  same registration, back into the workflow;
- ``approval_blocked_reason`` is why reviewers cannot approve yet (the task hides
  "Approve" and refuses it);
- the receivers of Wagtail's workflow signals mark the profile verified or "changes
  requested" and write to the applicant.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django_tasks import task
from wagtail.models import AbstractGroupApprovalTask, WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected
from wagtail.users.models import UserProfile

from accounts.mail import absolute, send_portal_mail
from accounts.roles import REVIEWERS, members_of
from submissions.models.registrations import (
    ApplicantProfile,
    RegistrationRequest,
    RepresentedConsent,
    VerificationStatus,
)
from submissions.registrations.represented_consent import ask_represented_person


def submit_for_verification(profile, user):
    """A RegistrationRequest with the profile's details, in the verification workflow;
    the person represented, if any, is asked for their consent."""
    silence_admin_notifications(user)
    registration = RegistrationRequest(profile=profile, email=user.email, live=False)
    profile.copy_details_to(registration)
    registration.save()
    registration.save_revision(user=user)
    workflow = registration.get_workflow()
    if workflow is not None:
        workflow.start(registration, user)
    ask_represented_person_if_needed(registration)
    tell_reviewers(registration)
    return registration


def tell_reviewers(registration):
    """The reviewers hear of a registration to verify once the transaction commits."""
    transaction.on_commit(
        lambda: send_registration_to_reviewers.enqueue(registration.pk)
    )


def silence_admin_notifications(user):
    """Applicants hear from the portal's own e-mails, never Wagtail's admin notices
    (which link to the admin) about the workflow they started."""
    preferences = UserProfile.get_for_user(user)
    preferences.submitted_notifications = False
    preferences.approved_notifications = False
    preferences.rejected_notifications = False
    preferences.updated_comments_notifications = False
    preferences.save()


def current_registration(profile):
    return profile.registration_requests.order_by("-pk").first()


def resubmit_registration(profile, user):
    """Send the profile as it now stands to the reviewers: a new revision of the
    applicant's registration, in the workflow again (resumed after a request for changes,
    started anew after an approval). The profile is "awaiting verification" again."""
    registration = current_registration(profile)
    if registration is None:
        return submit_for_verification(profile, user)
    profile.copy_details_to(registration)
    registration.email = user.email
    registration.submitted_at = timezone.now()
    registration.live = False  # not verified until reviewers approve this revision
    registration.has_unpublished_changes = True
    registration.save()
    registration.save_revision(user=user)
    state = registration.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    elif state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        workflow = registration.get_workflow()
        if workflow is not None:
            workflow.start(registration, user)
    ApplicantProfile.objects.filter(pk=profile.pk).update(
        status=VerificationStatus.AWAITING, verified_at=None
    )
    profile.status = VerificationStatus.AWAITING
    profile.verified_at = None
    ask_represented_person_if_needed(registration)
    tell_reviewers(registration)
    return registration


def ask_represented_person_if_needed(registration):
    """Ask the person represented for consent, unless they were asked at that address
    already and did not refuse."""

    if not (registration.via_representative and registration.represented_email):
        return None
    current = registration.represented_consent
    if current is not None and current.decision != RepresentedConsent.REFUSED:
        return current
    return ask_represented_person(registration)


def approval_blocked_reason(registration):
    """Why ``registration`` cannot be approved yet, or "" when it can."""
    if not isinstance(registration, RegistrationRequest):
        return ""
    if registration.via_representative:
        consent = registration.represented_consent
        if consent is None or not consent.is_given:
            return _(
                "The person represented (%(email)s) has not given their consent to "
                "the processing of their personal data."
            ) % {"email": registration.represented_email}
    return ""


def registration_of(workflow_state):
    content = workflow_state.content_object
    return content if isinstance(content, RegistrationRequest) else None


@receiver(workflow_approved, sender=WorkflowState)
def registration_approved(sender, instance, user=None, **kwargs):
    registration = registration_of(instance)
    if registration is None:
        return
    ApplicantProfile.objects.filter(pk=registration.profile_id).update(
        status=VerificationStatus.VERIFIED, verified_at=timezone.now()
    )
    transaction.on_commit(lambda: send_verification_result.enqueue(registration.pk))


@receiver(workflow_rejected, sender=WorkflowState)
def registration_changes_requested(sender, instance, user=None, **kwargs):
    registration = registration_of(instance)
    if registration is None:
        return
    ApplicantProfile.objects.filter(pk=registration.profile_id).update(
        status=VerificationStatus.CHANGES_REQUESTED, verified_at=None
    )
    transaction.on_commit(lambda: send_verification_result.enqueue(registration.pk))


@task()
def send_verification_result(registration_id):
    """Tell the applicant their registration is verified, or what to correct."""
    registration = RegistrationRequest.objects.select_related("profile__user").get(
        pk=registration_id
    )
    user = registration.profile.user
    with translation.override(user.language):
        dashboard = absolute(reverse("account"))
    verified = registration.profile.status == VerificationStatus.VERIFIED
    send_portal_mail(
        "submissions/emails/registration_verified"
        if verified
        else "submissions/emails/registration_changes_requested",
        {
            "user": user,
            "comment": "" if verified else registration.latest_reviewer_comment(),
            "dashboard": dashboard,
        },
        user.email,
        user.language,
    )


@task()
def send_registration_to_reviewers(registration_id):
    """Tell each reviewer a registration waits for verification."""

    registration = RegistrationRequest.objects.get(pk=registration_id)
    link = absolute(
        reverse(
            "wagtailsnippets_submissions_registrationrequest:edit",
            args=[registration.pk],
        )
    )
    for reviewer in members_of(REVIEWERS):
        send_portal_mail(
            "submissions/emails/registration_for_reviewers",
            {"registration": registration, "user": reviewer, "link": link},
            reviewer.email,
            reviewer.language,
        )


# the names its migrations gave the workflow and tasks, for the audit log in words
# (core.wagtail_hooks)
WORKFLOW_NAMES = (
    gettext_noop("Registration verification"),
    gettext_noop("Verification by the reviewers"),
    gettext_noop(
        "Verification by the reviewers (until the represented person's consent)"
    ),
)


class RegistrationVerificationTask(AbstractGroupApprovalTask):
    """The reviewers' task in "Registration verification": a group approval that cannot
    approve a registration still missing what the policy requires (the consent of the
    person represented). The reason is shown on the registration."""

    done_messages = {
        "approve": gettext_lazy("Registration approved; the applicant has been told."),
        "reject": gettext_lazy(
            "Changes requested; the applicant has been told what to correct."
        ),
    }

    def get_actions(self, obj, user):
        if obj.profile.is_blocked:
            return []  # frozen while the applicant's data is blocked
        actions = super().get_actions(obj, user)
        if approval_blocked_reason(obj):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            reason = approval_blocked_reason(task_state.workflow_state.content_object)
            if reason:
                raise PermissionDenied(reason)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return gettext_lazy(
            "Reviewers verify a registration; approval waits for the consent of the "
            "person represented."
        )

    class Meta:
        verbose_name = gettext_lazy("registration verification task")
        verbose_name_plural = gettext_lazy("registration verification tasks")
