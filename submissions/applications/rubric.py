"""The experts' rubric: the criteria an expert scores, as editors word them
(``AssessmentCriterion``), in the editors' order; and the permission policy that lets
editors change the words but nobody add or remove a criterion (the scores are columns
of ``ExpertAssessment``, stored by the criterion's key)."""

from django.contrib.auth import get_user_model
from wagtail.permission_policies import ModelPermissionPolicy

from submissions.models.applications import CRITERIA, AssessmentCriterion

FIXED_ACTIONS = ("add", "delete")


def rubric():
    """Every criterion of ``CRITERIA``, in the editors' order. A criterion nobody has
    worded (a database where the migration's rows were removed) is still there, named
    by its score's label, without meanings."""
    written = {
        criterion.key: criterion
        for criterion in AssessmentCriterion.objects.filter(key__in=CRITERIA)
    }
    criteria = [
        written.get(key) or AssessmentCriterion(key=key, sort_order=0)
        for key in CRITERIA
    ]
    return sorted(
        criteria,
        key=lambda criterion: (criterion.sort_order, CRITERIA.index(criterion.key)),
    )


def criteria_by_key():
    return {criterion.key: criterion for criterion in rubric()}


class RubricPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions for viewing and changing a criterion; adding or
    deleting one is nobody's, administrators' included."""

    def user_has_permission(self, user, action):
        if action in FIXED_ACTIONS:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in FIXED_ACTIONS]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


rubric_policy = RubricPermissionPolicy(AssessmentCriterion)
