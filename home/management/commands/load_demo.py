"""``python manage.py load_demo [--password P]``: the demo OPI Center site and one user per role.

Safe to run again: what exists is kept as editors may have changed it, what is missing is
created, and the demo users get the given password so the printed logins always work.
"""

import io
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Locale, Site

from accounts.models import User
from home import demo_content as content
from home.models import IndexPage, InfoPage, PortalSettings

DEFAULT_PASSWORD = "opi-demo-2026"
HERO_IMAGE_TITLE = "Центр ОПИ — обложка"


def steps_value(pairs):
    return [{"type": "step", "value": {"title": t, "text": d}} for t, d in pairs]


def home_fields(language):
    texts = dict(content.HOME[language])
    texts["steps"] = steps_value(texts["steps"])
    return texts


def draw_hero_image():
    """An abstract picture of pipelines at dusk, drawn here so nothing is downloaded."""
    width, height = 1280, 840
    picture = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        shade = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=(int(11 + 30 * shade), int(58 + 40 * shade), int(91 + 60 * shade)),
        )
    for index, offset in enumerate(range(420, 840, 70)):
        colour = (242, 169, 0) if index % 2 == 0 else (230, 237, 243)
        draw.line([(0, offset), (width, offset - 260)], fill=colour, width=14)
    for x in range(120, width, 260):
        draw.rectangle([x, 250, x + 40, 620], fill=(7, 42, 66))
        draw.ellipse([x - 30, 210, x + 70, 270], fill=(7, 42, 66))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer


class Command(BaseCommand):
    help = "Load the demo content and demo users of the OPI Center portal (safe to repeat)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=f"Password of every demo user (default: {DEFAULT_PASSWORD}).",
        )

    def handle(self, *args, password, **options):
        self.created = []
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            self.locales = {
                code: Locale.objects.get_or_create(language_code=code)[0]
                for code, _name in settings.LANGUAGES
            }
            site = self.configure_site()
            home = site.root_page.specific
            pages = self.load_pages(home)
            self.translate_pages(home, pages)
            self.load_portal_settings(site, pages)
            self.load_users(password)
        self.report(password)

    # --- site and pages ---------------------------------------------------------------

    def configure_site(self):
        address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        site = Site.objects.select_related("root_page").get(is_default_site=True)
        site.hostname = address.hostname or "localhost"
        site.port = address.port or (443 if address.scheme == "https" else 80)
        site.site_name = content.HOME["ru"]["title"]
        site.save()
        return site

    def child(self, parent, model, slug, fields):
        """The child page ``slug`` of ``parent``; created and published if missing."""
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is not None:
            return page
        page = model(slug=slug, locale=parent.locale, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created.append(page.url_path)
        return page

    def load_pages(self, home):
        pages = {
            "about": self.child(home, InfoPage, "about", content.ABOUT["ru"]),
            "how-to-apply": self.child(
                home, InfoPage, "how-to-apply", content.HOW_TO_APPLY["ru"]
            ),
            "faq": self.child(home, InfoPage, "faq", content.FAQ["ru"]),
            "news": self.child(
                home,
                IndexPage,
                "news",
                {**content.NEWS_INDEX["ru"], "ordering": IndexPage.ORDER_NEWEST},
            ),
            "contacts": self.child(home, InfoPage, "contacts", content.CONTACTS["ru"]),
        }
        for item in content.NEWS_ITEMS:
            fields = {key: value for key, value in item.items() if key != "slug"}
            self.child(pages["news"], InfoPage, item["slug"], fields)

        if not home.steps:  # the home page still holds what the migration put there
            for name, value in home_fields("ru").items():
                setattr(home, name, value)
            home.hero_image = self.hero_image()
            home.cta_page = pages["how-to-apply"]
            home.secondary_cta_page = pages["about"]
            home.news_index = pages["news"]
            home.news_count = 3
            home.save_revision().publish()
            self.created.append("/ (home page content)")
        return pages

    def hero_image(self):
        image = Image.objects.filter(title=HERO_IMAGE_TITLE).first()
        if image is None:
            image = Image(title=HERO_IMAGE_TITLE)
            image.file = ImageFile(draw_hero_image(), name="opi-hero.png")
            image.save()
        return image

    def translate(self, page, language, fields):
        """The ``language`` translation of ``page``; made and published if missing."""
        locale = self.locales[language]
        existing = page.get_translation_or_none(locale)
        if existing is not None:
            return existing.specific
        translation_page = page.copy_for_translation(locale)
        for name, value in fields.items():
            setattr(translation_page, name, value)
        translation_page.save()
        translation_page.save_revision().publish()
        self.created.append(f"/{language}{page.url_path[len('/home') :]}")
        return translation_page

    def translate_pages(self, home, pages):
        texts = {
            "about": content.ABOUT,
            "how-to-apply": content.HOW_TO_APPLY,
            "faq": content.FAQ,
            "news": content.NEWS_INDEX,
            "contacts": content.CONTACTS,
        }
        for code, _name in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                continue
            self.translate(home, code, home_fields(code))
            for slug, page in pages.items():
                self.translate(page, code, texts[slug][code])

    # --- settings and users -----------------------------------------------------------

    def load_portal_settings(self, site, pages):
        portal_settings = PortalSettings.for_site(site)
        for name, value in content.PORTAL_SETTINGS.items():
            if not getattr(portal_settings, name):
                setattr(portal_settings, name, value)
        if not portal_settings.social_links.exists():
            portal_settings.social_links.set(
                [
                    portal_settings.social_links.model(network=n, url=u)
                    for n, u in content.SOCIAL_LINKS
                ]
            )
        if not portal_settings.main_menu_items.exists():
            portal_settings.main_menu_items.set(
                [
                    portal_settings.main_menu_items.model(page=pages[slug])
                    for slug in ("about", "how-to-apply", "faq", "news", "contacts")
                ]
            )
        if not portal_settings.footer_menu_items.exists():
            portal_settings.footer_menu_items.set(
                [
                    portal_settings.footer_menu_items.model(page=pages[slug])
                    for slug in ("how-to-apply", "faq", "contacts")
                ]
            )
        portal_settings.save()

    def load_users(self, password):
        for email, full_name, group_name, superuser in content.DEMO_USERS:
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                user = User(email=email, full_name=full_name)
                self.created.append(email)
            user.is_active = True
            user.is_superuser = user.is_staff = superuser
            user.set_password(password)
            user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))

    def report(self, password):
        if self.created:
            self.stdout.write(f"Created {len(self.created)} items:")
            for item in self.created:
                self.stdout.write(f"  {item}")
        else:
            self.stdout.write(
                "The demo content is already in place; nothing to create."
            )
        self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password: {password})"))
        for email, _full_name, group_name, superuser in content.DEMO_USERS:
            role = "administrator" if superuser else (group_name or "applicant")
            self.stdout.write(f"  {email:<24} {role}")
        self.stdout.write(f"Site: {settings.WAGTAILADMIN_BASE_URL}/  admin: /admin/")
