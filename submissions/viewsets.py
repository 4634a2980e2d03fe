"""The "Applications" menu of the admin: the registers of applications and registrations,
the list of subsidiaries and the experts' rubric, in one group."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from submissions.applications.viewsets import (
    ApplicationViewSet,
    AssessmentCriterionViewSet,
    SubsidiaryViewSet,
)
from submissions.registrations.viewsets import RegistrationViewSet


class SubmissionsGroup(SnippetViewSetGroup):
    items = (
        ApplicationViewSet,
        RegistrationViewSet,
        SubsidiaryViewSet,
        AssessmentCriterionViewSet,
    )
    menu_icon = "folder-open-inverse"
    menu_label = _("Applications")
    menu_name = "submissions"
    menu_order = 200
