"""Factories that build the portal's world for tests: users, pages, settings."""

import factory
import wagtail_factories
from anyascii import anyascii
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from accounts.models import User
from home.models import HomePage, IndexPage, InfoPage

DEFAULT_PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.kz")
    full_name = factory.Faker("name", locale="ru_RU")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)
        if create:
            self.save()


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Центр ОПИ"
    hero_title = "Опытно-промышленные испытания"


class InfoPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InfoPage

    title = factory.Sequence(lambda n: f"Страница {n}")
    intro = "Короткое введение к странице."


class IndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = IndexPage

    title = factory.Sequence(lambda n: f"Раздел {n}")


def site_home():
    """The home page the data migration created as the default site's root."""
    return Site.objects.get(is_default_site=True).root_page.specific


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def slug_for(title):
    """The ASCII slug the admin would propose for a (Russian) title."""
    return slugify(anyascii(title))


def add_info_page(parent, **fields):
    fields.setdefault("title", "Страница")
    fields.setdefault("slug", slug_for(fields["title"]))
    page = InfoPage(**fields)
    parent.add_child(instance=page)
    return publish(page)


def translate(page, language_code, **fields):
    """A published translation of ``page`` in ``language_code`` with ``fields`` changed."""
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return publish(translation)


__all__ = [
    "DEFAULT_PASSWORD",
    "HomePageFactory",
    "IndexPageFactory",
    "InfoPageFactory",
    "Page",
    "UserFactory",
    "add_info_page",
    "publish",
    "site_home",
    "slug_for",
    "translate",
]
