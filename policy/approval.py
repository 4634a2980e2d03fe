"""The "Policy approval" workflow: editors submit an edition, policy approvers make it live.

One module holds the rule: who may publish the policy (``PolicyPermissionTester``) and
which workflow every policy page is in (``assign_policy_workflow``).
"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext_noop
from wagtail.models import PagePermissionTester, Workflow, WorkflowPage

from accounts.roles import POLICY_APPROVERS

POLICY_WORKFLOW_NAME = "Policy approval"
POLICY_TASK_NAME = "Approval by the policy approvers"


# the names its migration gave the workflow and task, for the audit log in words
# (core.wagtail_hooks)
WORKFLOW_NAMES = (
    gettext_noop("Policy approval"),
    gettext_noop("Approval by the policy approvers"),
)


def is_policy_approver(user):
    return user.is_active and user.groups.filter(name=POLICY_APPROVERS).exists()


class PolicyPermissionTester(PagePermissionTester):
    """Editors edit the policy and submit it; policy approvers (and superusers) publish it,
    which is what approving the last task of the workflow does on their behalf."""

    def can_publish(self):
        if not self.user.is_active:
            return False
        return self.user.is_superuser or is_policy_approver(self.user)

    def can_unpublish(self):
        # An edition in force is withdrawn by publishing a new one, never by unpublishing.
        return (
            self.user.is_active and self.user.is_superuser and super().can_unpublish()
        )


def policy_workflow():
    return Workflow.objects.filter(name=POLICY_WORKFLOW_NAME, active=True).first()


def assign_policy_workflow(page):
    """Put ``page`` (a policy page in any language) in the policy approval workflow."""
    workflow = policy_workflow()
    if workflow is not None and not WorkflowPage.objects.filter(page=page).exists():
        WorkflowPage.objects.create(page=page, workflow=workflow)


@receiver(post_save, sender="policy.PolicyPage")
def policy_page_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        assign_policy_workflow(instance)
