"""The reviewers' register of registrations (a moderated snippet with read-only panels)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column

from core.registers import (
    LoggedExportMixin,
    PersonalDataViewSet,
    PolicyCheckedIndexView,
    WorkflowActionEditView,
    read_only,
)
from submissions.models.registrations import (
    RegistrationRequest,
    VerificationStatus,
    without_blocked_applicants,
)
from submissions.registrations.panels import RegistrationCheckPanel


class RegistrationIndexView(LoggedExportMixin, PolicyCheckedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("profile")

    def exportable(self, queryset):
        return without_blocked_applicants(queryset, "profile")


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


class RegistrationViewSet(PersonalDataViewSet):
    model = RegistrationRequest
    edit_view_class = WorkflowActionEditView
    index_view_class = RegistrationIndexView
    icon = "user"
    menu_label = _("Registrations")
    list_display = [
        "__str__",
        "person_type",
        Column("identifier_display", label=_("BIN"), sort_key="bin_iin"),
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
        "phone",
        "submitted_at",
    ]
    export_filename = "registrations"

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
                read_only("phone"),
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
