"""The data-request form page, reached from the applicant's dashboard."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.models import KnownRestrictionsPage
from privacy.data_requests import form_page


class DataRequestFormPage(RoutablePageMixin, KnownRestrictionsPage):
    """The form for requests about one's personal data (login required), reached from
    the dashboard. Editors word what follows from each kind of request."""

    page_cache = False  # a form: never kept in the shared page cache (home.page_cache)

    intro = RichTextField(_("introduction"), blank=True)
    withdrawal_text = RichTextField(
        _("what follows a withdrawal of consent"),
        blank=True,
        help_text=_(
            "Plainly: applications under review stop, the account is closed, and what "
            "the law still lets the company keep."
        ),
    )
    delete_text = RichTextField(_("what follows a deletion"), blank=True)
    thank_you_text = RichTextField(_("thank-you text"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("withdrawal_text"),
        FieldPanel("delete_text"),
        FieldPanel("thank_you_text"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        db_table = "submissions_datarequestformpage"
        verbose_name = _("data request form page")

    @path("")
    def form(self, request):
        return form_page(self, request)

    def get_sitemap_urls(self, request=None):
        return []
