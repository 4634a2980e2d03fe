"""The registration page (/register/) and the page where a represented person consents
(/consent/)."""

from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from accounts.login_identity import normalised_login
from core import rate_limits
from home.models import KnownRestrictionsPage
from policy.consent import edition_in_force
from submissions.registrations.forms import RegistrationForm
from submissions.registrations.register import register_applicant
from submissions.registrations.views import consent_answer

__all__ = ["RegistrationFormPage", "ConsentFormPage"]


class RegistrationFormPage(RoutablePageMixin, KnownRestrictionsPage):
    """/register/: the registration form. Editors word the page; the fields are fixed in
    code because each one maps to the data model."""

    page_cache = False  # a form: never kept in the shared page cache (home.page_cache)

    intro = RichTextField(_("introduction"), blank=True)
    help_text = RichTextField(
        _("help"),
        blank=True,
        help_text=_("Shown beside the form: what to prepare, whom to ask."),
    )
    thank_you_text = RichTextField(
        _("thank-you text"),
        blank=True,
        help_text=_(
            "Shown after the form is sent, above the instructions to confirm "
            "the e-mail."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("help_text"),
        FieldPanel("thank_you_text"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("registration form page")

    @path("")
    def form(self, request):
        edition = edition_in_force(get_language())
        if edition is None:
            return self.render(request, context_overrides={"closed": True})
        form = RegistrationForm(
            request.POST or None, request.FILES or None, edition=edition
        )
        refusal = None
        if request.method == "POST" and form.is_valid():
            # A registration e-mails the address (a link, or "someone tried to register
            # with your address"): within the limits of core.rate_limits only.
            refusal = rate_limits.attempt(
                request, "registration", normalised_login(form.cleaned_data["email"])
            )
            if refusal:
                rate_limits.refuse(form, refusal)
        if request.method == "POST" and form.is_valid():
            # Nothing of the person goes into the (anonymous) session: the thank-you
            # page says where the link went without repeating the address.
            register_applicant(form, request)
            return redirect(self.url + self.reverse_subpage("thanks"))
        response = self.render(
            request, context_overrides={"form": form, "edition": edition}
        )
        if refusal:
            response.status_code = 429
        return response

    @path("thanks/", name="thanks")
    def thanks(self, request):
        return self.render(request, template="submissions/registration_thanks.html")


class ConsentFormPage(KnownRestrictionsPage):
    """/consent/: where the person an applicant represents reads the consent statement of
    the edition in force and gives or refuses their own consent. Reached by the link they
    get by e-mail (/consent/?t=<signed token>); editors word the page and the answers."""

    page_cache = False  # a form: never kept in the shared page cache (home.page_cache)

    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("Above the consent statement: why the person is asked."),
    )
    given_text = RichTextField(_("text after consent is given"), blank=True)
    refused_text = RichTextField(_("text after consent is refused"), blank=True)
    no_link_text = RichTextField(
        _("text without a link"),
        blank=True,
        help_text=_("Shown to someone who opens the page without the e-mailed link."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("given_text"),
        FieldPanel("refused_text"),
        FieldPanel("no_link_text"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("consent page of the person represented")

    def serve(self, request, *args, **kwargs):
        return consent_answer(self, request, request.GET.get("t", ""))

    def get_sitemap_urls(self, request=None):
        return []  # a page for people who get the link, not for search engines
