"""The reviewers' register of registrations (a moderated snippet, read-only panels)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import RegistrationRequest, VerificationStatus
from .panels import RegistrationCheckPanel


class ReadOnlyPanel(FieldPanel):
    """A field reviewers read but never change; yes/no shown in words."""

    def __init__(self, field_name, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        return super().format_value_for_display(value)


def read_only(name):
    return ReadOnlyPanel(name)


class RegistrationFilterSet(WagtailFilterSet):
    verification = django_filters.ChoiceFilter(
        label=_("Verification"),
        field_name="profile__status",
        choices=VerificationStatus.choices,
    )
    submitted_at = django_filters.DateFromToRangeFilter(
        label=_("submitted at"), widget=DateRangePickerWidget
    )

    class Meta:
        model = RegistrationRequest
        fields = ["verification", "person_type", "is_resident", "submitted_at"]


class RegistrationViewSet(SnippetViewSet):
    model = RegistrationRequest
    icon = "user"
    menu_label = _("Registrations")
    menu_order = 200
    add_to_admin_menu = True
    list_display = [
        "__str__",
        "person_type",
        "bin_iin",
        Column("profile__status", label=_("Verification"), accessor="verification"),
        "submitted_at",
    ]
    filterset_class = RegistrationFilterSet
    search_fields = ["full_name", "email", "bin_iin", "organization"]
    list_export = [
        "email",
        "full_name",
        "person_type",
        "organization",
        "is_resident",
        "country",
        "bin_iin",
        "position",
        "phone",
        "submitted_at",
    ]
    export_filename = "registrations"

    def get_queryset(self, request):
        return RegistrationRequest.objects.select_related("profile")

    panels = [
        RegistrationCheckPanel(heading=_("Check")),
        MultiFieldPanel(
            [
                FieldRowPanel([read_only("person_type"), read_only("email")]),
                read_only("full_name"),
                read_only("organization"),
                FieldRowPanel(
                    [
                        read_only("is_resident"),
                        read_only("country"),
                        read_only("bin_iin"),
                    ]
                ),
                FieldRowPanel([read_only("position"), read_only("phone")]),
            ],
            heading=_("Applicant"),
        ),
        MultiFieldPanel(
            [
                read_only("via_representative"),
                read_only("representative_name"),
                read_only("represented_email"),
                read_only("power_of_attorney_name"),
                read_only("registration_certificate_name"),
            ],
            heading=_("Representative and documents"),
        ),
    ]


register_snippet(RegistrationViewSet)

# What a reviewer may do with a registration is the workflow's actions (approve, request
# changes); the panels are read-only, so saving, publishing, unpublishing or cancelling
# the workflow by hand would only muddle its history.
REGISTRATION_MENU_ITEMS_REMOVED = {
    "action-save",
    "action-publish",
    "action-unpublish",
    "action-submit",
    "action-restart-workflow",
    "action-cancel-workflow",
}


@hooks.register("construct_snippet_action_menu")
def registration_actions_are_the_workflows(menu_items, request, context):
    if context.get("model") is RegistrationRequest:
        menu_items[:] = [
            item
            for item in menu_items
            if item.name not in REGISTRATION_MENU_ITEMS_REMOVED
        ]
