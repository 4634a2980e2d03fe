"""The reviewers' register of registrations (a moderated snippet, read-only panels)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import RegistrationRequest
from .panels import RegistrationCheckPanel


def read_only(name):
    return FieldPanel(name, read_only=True)


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
        Column("profile__status", label=_("verification"), accessor="verification"),
        "submitted_at",
    ]
    list_filter = ["profile__status", "person_type", "is_resident", "submitted_at"]
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
