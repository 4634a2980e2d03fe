"""The "Technology request approval" workflow: an editor writes a request (or its
results) and submits it; another editor approves it, which publishes it (four eyes: the
one who submitted cannot approve, ``EditorsApprovalTask``). Nobody publishes a request
directly but a superuser (``RequestPermissionTester``). Every requests index, in every
language, is in the workflow, which covers the requests below it."""

import contextvars

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail.models import (
    AbstractGroupApprovalTask,
    PagePermissionTester,
    Workflow,
    WorkflowPage,
)

REQUEST_WORKFLOW_NAME = "Technology request approval"
REQUEST_TASK_NAME = "Approval by another editor"

# (page id, user id) while that user's approval publishes that page
approving = contextvars.ContextVar("approving_request", default=None)


def submitted_by(page):
    state = page.current_workflow_state
    return state.requested_by_id if state is not None else None


# the names its migration gave the workflow and task, for the audit log in words
# (core.wagtail_hooks)
WORKFLOW_NAMES = (
    gettext_noop("Technology request approval"),
    gettext_noop("Approval by another editor"),
)


class EditorsApprovalTask(AbstractGroupApprovalTask):
    """A group approval in which the member who submitted the page does not decide."""

    def get_actions(self, obj, user):
        if not user.is_superuser and submitted_by(obj) == user.pk:
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "approve":
            return super().on_action(task_state, user, action_name, **kwargs)
        # the approval publishes the page: as this user, for this page only
        token = approving.set((str(task_state.workflow_state.object_id), user.pk))
        try:
            return super().on_action(task_state, user, action_name, **kwargs)
        finally:
            approving.reset(token)

    @classmethod
    def get_description(cls):
        return _("An editor other than the one who submitted it approves the page.")

    class Meta:
        verbose_name = _("approval by another editor")
        verbose_name_plural = _("approvals by another editor")


class RequestPermissionTester(PagePermissionTester):
    """Editors edit and submit a request; the editor who approves it in the workflow
    publishes it by approving; no one else publishes it but a superuser."""

    def can_publish(self):
        if not self.user.is_active:
            return False
        return self.user.is_superuser or approving.get() == (
            str(self.page.pk),
            self.user.pk,
        )


def request_workflow():
    return Workflow.objects.filter(name=REQUEST_WORKFLOW_NAME, active=True).first()


def assign_request_workflow(index):
    workflow = request_workflow()
    if workflow is not None and not WorkflowPage.objects.filter(page=index).exists():
        WorkflowPage.objects.create(page=index, workflow=workflow)


@receiver(post_save, sender="submissions.TechnologyRequestIndexPage")
def requests_index_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        assign_request_workflow(instance)
