"""The informational pages of the portal and the site-wide settings editors maintain."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from core.identifiers import validate_bin_iin
from home import navigation
from home.blocks import BaseStreamBlock, StepBlock
from home.generation import restricted_paths, without_restricted

CONTENT_PAGE_TYPES = ["home.InfoPage", "home.IndexPage"]
HERO_RENDITION = "fill-640x420"


class KnownRestrictionsPage(Page):
    """A page whose serving skips Wagtail's two queries for view restrictions while no
    page has one (``home.generation.restricted_paths``, kept per generation), and
    whose route finds each child once per page frame (``home.page_frame``: a new one
    comes with every publication, move or deletion), not with two queries per view."""

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        if not restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def route(self, request, path_components):
        frame = getattr(request, "page_frame", None)
        if not path_components or frame is None:
            return super().route(request, path_components)
        slug, *remaining = path_components

        def live_child():
            try:
                child = self.get_children().get(slug=slug)
            except Page.DoesNotExist as missing:  # nothing kept for a wrong address
                raise Http404 from missing
            child._cached_parent_obj = self  # as Wagtail's route: no query for it
            return child.specific

        child = frame.keep(f"child:{self.pk}:{slug}", live_child)
        return child.route(request, remaining)


def joined_specific(page, rows):
    """``page`` as its specific page from a row joined by ``rows``
    (``select_related``), or Wagtail's ``page.specific`` for any other type."""
    for row in rows:
        specific = getattr(page, row, None)  # a missing row raises an AttributeError
        if specific is not None:
            return specific
    return page.specific


class HomePage(KnownRestrictionsPage):
    """The portal's front page: what the OPI Center does and how to apply, with the latest news."""

    hero_title = models.CharField(_("hero title"), max_length=200)
    hero_lead = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cta_label = models.CharField(_("call-to-action label"), max_length=80, blank=True)
    cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("call-to-action page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A page on how to apply, linked under the main button. The button itself "
            "leads each person to their next step: a visitor to the registration form, "
            "an applicant to the state of their registration or, once verified, to the "
            "application form."
        ),
    )
    secondary_cta_label = models.CharField(
        _("secondary link label"), max_length=80, blank=True
    )
    secondary_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("secondary link page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    steps_title = models.CharField(_("steps title"), max_length=200, blank=True)
    steps = StreamField(
        [("step", StepBlock())],
        verbose_name=_("how it works"),
        blank=True,
        help_text=_(
            "The steps an applicant goes through; numbers are added automatically."
        ),
    )
    news_title = models.CharField(_("news title"), max_length=200, blank=True)
    news_index = models.ForeignKey(
        "home.IndexPage",
        verbose_name=_("news section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The latest items of this section are shown on the home page."),
    )
    news_count = models.PositiveSmallIntegerField(_("number of news items"), default=3)
    body = StreamField(BaseStreamBlock(), verbose_name=_("more content"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_lead"),
                FieldPanel("hero_image"),
                FieldRowPanel([FieldPanel("cta_label"), PageChooserPanel("cta_page")]),
                FieldRowPanel(
                    [
                        FieldPanel("secondary_cta_label"),
                        PageChooserPanel("secondary_cta_page"),
                    ]
                ),
            ],
            heading=_("Hero"),
        ),
        MultiFieldPanel(
            [FieldPanel("steps_title"), FieldPanel("steps")], heading=_("How it works")
        ),
        MultiFieldPanel(
            [
                FieldPanel("news_title"),
                PageChooserPanel("news_index", "home.IndexPage"),
                FieldPanel("news_count"),
            ],
            heading=_("News teaser"),
        ),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("hero_title"),
        index.SearchField("hero_lead"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [*CONTENT_PAGE_TYPES, "policy.PolicyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def latest_news(self, news_index):
        if news_index is None:
            return []
        return list(
            without_restricted(InfoPage.objects.live().child_of(news_index)).order_by(
                "-date", "-first_published_at"
            )[: self.news_count]
        )

    def linked_pages(self, request):
        """The news index and the two call-to-action pages in the visitor's language."""
        ids = [self.news_index_id, self.cta_page_id, self.secondary_cta_page_id]
        frame = getattr(request, "page_frame", None)
        if frame is not None:
            return frame.localized(ids)
        return navigation.localized_pages(
            [self.news_index, self.cta_page, self.secondary_cta_page]
        )

    def shown_pages(self, request):
        """What the page shows of other pages and its image: the same for every visitor
        until something is published."""
        news_index, cta_page, secondary_cta_page = self.linked_pages(request)
        return {
            "latest_news": self.latest_news(news_index),
            "news_index_localized": news_index,
            "cta_page_localized": cta_page,
            "secondary_cta_page_localized": secondary_cta_page,
            "hero": self.hero_image.get_rendition(HERO_RENDITION)
            if self.hero_image_id
            else None,
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        frame = getattr(request, "page_frame", None)
        if frame is None or getattr(request, "is_preview", False):
            context.update(self.shown_pages(request))  # a draft may link elsewhere
        else:  # once per page frame: a new one comes with every publication
            context.update(
                frame.keep(f"home:{self.pk}", lambda: self.shown_pages(request))
            )
        return context


class InfoPage(KnownRestrictionsPage):
    """A page of information (about OPI, how to apply, FAQ, contacts) or a news item."""

    date = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("Set it for news and announcements; they are listed newest first."),
    )
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.IndexPage", "home.InfoPage"]
    subpage_types = ["home.InfoPage"]

    class Meta:
        verbose_name = _("information page")

    def summary(self):
        return self.search_description or self.intro


class IndexPage(KnownRestrictionsPage):
    """A section that lists its child pages a page at a time, such as News."""

    ORDER_TREE = "tree"
    ORDER_NEWEST = "newest"

    intro = models.TextField(_("introduction"), blank=True)
    ordering = models.CharField(
        _("order of the list"),
        max_length=10,
        choices=[
            (ORDER_TREE, _("As arranged in the page tree")),
            (ORDER_NEWEST, _("Newest first")),
        ],
        default=ORDER_NEWEST,
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("ordering")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "home.IndexPage"]
    subpage_types = CONTENT_PAGE_TYPES

    class Meta:
        verbose_name = _("section index page")

    @classmethod
    def child_rows(cls):
        """The names that join the own rows of the page types allowed below an index
        (those that extend Page directly)."""
        return tuple(
            model._meta.model_name
            for model in cls.allowed_subpage_models()
            if Page in model._meta.parents
        )

    def children_queryset(self):
        """The live, public children in the list's order, each with its own row joined
        (one query; Wagtail's ``.specific()`` would add two: ``joined_specific``)."""
        children = without_restricted(self.get_children().live()).select_related(
            *self.child_rows()
        )
        if self.ordering == self.ORDER_NEWEST:
            # News carry the date an editor gives them; other pages their publication.
            return children.order_by(
                F("infopage__date").desc(nulls_last=True), "-first_published_at", "-pk"
            )
        return children.order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # get_page() turns a missing, malformed or too large number into a real page.
        paginator = Paginator(self.children_queryset(), settings.INDEX_ITEMS_PER_PAGE)
        items = paginator.get_page(request.GET.get("page"))
        rows = self.child_rows()
        items.object_list = [joined_specific(page, rows) for page in items.object_list]
        context["items"] = items
        return context


class LocalizedTextMixin:
    """Picks the value of a field in the current language (``name_ru``, ``name_kk``, ``name_en``).

    Settings belong to the site, not to a locale, so their few translatable texts carry a
    field per language; Russian is the fallback when a translation is empty.
    """

    def in_current_language(self, name):
        language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        value = getattr(self, f"{name}_{language}", "")
        return value or getattr(self, f"{name}_{settings.LANGUAGE_CODE}", "")


def language_panels(name, heading):
    """One admin panel holding the per-language variants of the text ``name``."""
    return MultiFieldPanel(
        [FieldPanel(f"{name}_{code}") for code, _label in settings.LANGUAGES],
        heading=heading,
    )


def validate_bin(value):
    """A BIN with a valid check digit (the validator lives with the applicants' forms)."""

    validate_bin_iin(value, "bin")


@register_setting(icon="site")
class PortalSettings(LocalizedTextMixin, ClusterableModel, BaseSiteSetting):
    """Contacts, footer and social links shown on every page of the portal."""

    organization_ru = models.CharField(
        _("organization (Russian)"), max_length=255, blank=True
    )
    organization_kk = models.CharField(
        _("organization (Kazakh)"), max_length=255, blank=True
    )
    organization_en = models.CharField(
        _("organization (English)"), max_length=255, blank=True
    )
    address_ru = models.TextField(_("address (Russian)"), blank=True)
    address_kk = models.TextField(_("address (Kazakh)"), blank=True)
    address_en = models.TextField(_("address (English)"), blank=True)
    hours_ru = models.CharField(
        _("working hours (Russian)"), max_length=255, blank=True
    )
    hours_kk = models.CharField(_("working hours (Kazakh)"), max_length=255, blank=True)
    hours_en = models.CharField(
        _("working hours (English)"), max_length=255, blank=True
    )
    footer_text_ru = models.TextField(_("footer text (Russian)"), blank=True)
    footer_text_kk = models.TextField(_("footer text (Kazakh)"), blank=True)
    footer_text_en = models.TextField(_("footer text (English)"), blank=True)
    cookie_notice_ru = models.TextField(
        _("cookie notice (Russian)"),
        blank=True,
        help_text=_(
            "Shown once to every visitor until they close it, with a link to the "
            "privacy policy. Leave empty for the standard text."
        ),
    )
    cookie_notice_kk = models.TextField(_("cookie notice (Kazakh)"), blank=True)
    cookie_notice_en = models.TextField(_("cookie notice (English)"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    operator_legal_name_ru = models.CharField(
        _("operator's legal name (Russian)"),
        max_length=255,
        blank=True,
        help_text=_("The company that processes the personal data, as registered."),
    )
    operator_legal_name_kk = models.CharField(
        _("operator's legal name (Kazakh)"), max_length=255, blank=True
    )
    operator_legal_name_en = models.CharField(
        _("operator's legal name (English)"), max_length=255, blank=True
    )
    operator_bin = models.CharField(
        _("operator's BIN"), max_length=12, blank=True, validators=[validate_bin]
    )
    protection_officer_name = models.CharField(
        _("person responsible for personal-data protection"),
        max_length=255,
        blank=True,
    )
    protection_officer_email = models.EmailField(_("their e-mail"), blank=True)
    protection_officer_phone = models.CharField(
        _("their phone"), max_length=50, blank=True
    )

    contact_panels = [
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        language_panels("organization", _("Organization")),
        language_panels("address", _("Address")),
        language_panels("hours", _("Working hours")),
    ]
    footer_panels = [
        language_panels("footer_text", _("Footer text")),
        InlinePanel("social_links", label=_("Social links")),
        language_panels("cookie_notice", _("Cookie notice")),
    ]
    navigation_panels = [
        HelpPanel(
            content=_(
                "Menus link to pages of the Russian tree; visitors of the Kazakh and English "
                "sites see the translation of each page, titled in their language."
            )
        ),
        InlinePanel("main_menu_items", label=_("Main menu")),
        InlinePanel("footer_menu_items", label=_("Footer menu")),
    ]
    data_protection_panels = [
        language_panels("operator_legal_name", _("Operator's legal name")),
        FieldPanel("operator_bin"),
        FieldPanel("protection_officer_name"),
        FieldRowPanel(
            [
                FieldPanel("protection_officer_email"),
                FieldPanel("protection_officer_phone"),
            ]
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(contact_panels, heading=_("Contacts")),
            ObjectList(data_protection_panels, heading=_("Personal data")),
            ObjectList(footer_panels, heading=_("Footer")),
            ObjectList(navigation_panels, heading=_("Menus")),
        ]
    )

    class Meta:
        verbose_name = _("portal settings")

    @property
    def organization(self):
        return self.in_current_language("organization")

    @property
    def address(self):
        return self.in_current_language("address")

    @property
    def operator_legal_name(self):
        return self.in_current_language("operator_legal_name")

    @property
    def hours(self):
        return self.in_current_language("hours")

    @property
    def footer_text(self):
        return self.in_current_language("footer_text")

    @property
    def cookie_notice(self):
        return self.in_current_language("cookie_notice")


class SocialLink(Orderable):
    """A link to one of the company's social network accounts, shown in the footer."""

    settings = ParentalKey(
        PortalSettings, on_delete=models.CASCADE, related_name="social_links"
    )
    network = models.CharField(
        _("network"),
        max_length=20,
        choices=[
            ("linkedin", "LinkedIn"),
            ("facebook", "Facebook"),
            ("instagram", "Instagram"),
            ("telegram", "Telegram"),
            ("youtube", "YouTube"),
        ],
    )
    url = models.URLField(_("address"))

    panels = [FieldRowPanel([FieldPanel("network"), FieldPanel("url")])]

    def __str__(self):
        return self.get_network_display()


class MenuItem(Orderable):
    """A page in one of the site's menus; the label is the page title in the visitor's language."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        abstract = True


class MainMenuItem(MenuItem):
    settings = ParentalKey(
        PortalSettings, on_delete=models.CASCADE, related_name="main_menu_items"
    )


class FooterMenuItem(MenuItem):
    settings = ParentalKey(
        PortalSettings, on_delete=models.CASCADE, related_name="footer_menu_items"
    )
