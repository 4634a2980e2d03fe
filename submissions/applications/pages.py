"""The application form page (/apply/) editors place in the tree, and the file categories
it requires."""

from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from home.models import KnownRestrictionsPage
from submissions.applications.apply import (
    delete_draft_view,
    delete_file_view,
    drafts_page,
    outside_request_view,
    step_page,
    submitted_page,
)
from submissions.models.applications import FileCategory

__all__ = ["ApplicationFormPage", "RequiredCategory"]


class ApplicationFormPage(RoutablePageMixin, KnownRestrictionsPage):
    """/apply/: the application form in six steps. Editors word the page, the help of
    each step, the thank-you text and which attachment categories are required; the
    fields are fixed in code because each maps to the Application model."""

    page_cache = False  # a form: never kept in the shared page cache (home.page_cache)

    intro = RichTextField(_("introduction"), blank=True)
    step_1_help = RichTextField(_("help: the proposal"), blank=True)
    step_2_help = RichTextField(_("help: applicability and value"), blank=True)
    step_3_help = RichTextField(_("help: prior tests"), blank=True)
    step_4_help = RichTextField(_("help: permits and protection"), blank=True)
    step_5_help = RichTextField(_("help: attachments"), blank=True)
    step_6_help = RichTextField(_("help: review and submit"), blank=True)
    thank_you_text = RichTextField(_("thank-you text"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("step_1_help"),
                FieldPanel("step_2_help"),
                FieldPanel("step_3_help"),
                FieldPanel("step_4_help"),
                FieldPanel("step_5_help"),
                FieldPanel("step_6_help"),
            ],
            heading=_("Help of each step"),
        ),
        InlinePanel(
            "required_categories",
            heading=_("Required attachment categories"),
            label=_("required category"),
        ),
        FieldPanel("thank_you_text"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("application form page")

    def step_help(self, number):
        return getattr(self, f"step_{number}_help", "")

    @property
    def required_category_values(self):
        return [row.category for row in self.required_categories.all()]

    def serve(self, request, *args, **kwargs):
        """Every route of the form (the drafts, each step, a file, the end) is for a
        logged-in applicant: anyone else is sent to the login first."""
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)

    @path("")
    def index(self, request):
        return drafts_page(self, request)

    @path("<int:pk>/step/<int:number>/", name="step")
    def step(self, request, pk, number):
        return step_page(self, request, pk, number)

    @path("<int:pk>/files/<int:file_id>/delete/", name="delete_file")
    def delete_file(self, request, pk, file_id):
        return delete_file_view(self, request, pk, file_id)

    @path("<int:pk>/delete/", name="delete_draft")
    def delete_draft(self, request, pk):
        return delete_draft_view(self, request, pk)

    @path("<int:pk>/outside-request/", name="outside_request")
    def outside_request(self, request, pk):
        return outside_request_view(self, request, pk)

    @path("<int:pk>/submitted/", name="submitted")
    def submitted(self, request, pk):
        return submitted_page(self, request, pk)


class RequiredCategory(Orderable):
    """An attachment category every application must include (set on the form page)."""

    page = ParentalKey(
        ApplicationFormPage,
        on_delete=models.CASCADE,
        related_name="required_categories",
    )
    category = models.CharField(
        _("category"), max_length=30, choices=FileCategory.applicant_choices()
    )

    panels = [FieldPanel("category")]

    class Meta(Orderable.Meta):
        verbose_name = _("required category")
        verbose_name_plural = _("required categories")
