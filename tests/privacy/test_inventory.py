"""The personal-data inventory knows every place that can hold something about a person:
each text, e-mail, address, file and JSON field of every model (the portal's own and the
libraries' that store its people) is declared personal, with its erasure, or declared to
hold nobody; and everything the inventory names exists."""

from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation
from wagtail.fields import StreamField
from wagtail.models import Page

from policy.models import PolicyEdition
from privacy import inventory
from privacy.inventory import HOLDINGS, Action, Category, Person
from submissions.models.applications import ApplicationStatus
from tests.factories import ApplicantFactory, ApplicationFactory

TEXT_LIKE = (
    models.CharField,
    models.TextField,
    models.GenericIPAddressField,
    models.FileField,
    models.JSONField,
    StreamField,
)


def text_like_fields():
    """ "app.Model.field" of every text-like field of every concrete model but pages."""
    for model in apps.get_models():
        if model._meta.proxy or issubclass(model, Page):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, TEXT_LIKE):
                yield model, f"{model._meta.label}.{field.name}"


def test_every_text_email_address_file_and_json_field_is_classified():
    fields, whole = inventory.declared_fields(), inventory.declared_models()
    unknown = sorted(
        name
        for model, name in text_like_fields()
        if name not in fields and model._meta.label not in whole
    )
    assert not unknown, (
        "Fields the personal-data inventory (privacy/inventory.py) does not classify: "
        + ", ".join(unknown)
    )


def test_everything_the_inventory_names_exists():
    missing = []
    for name in inventory.declared_fields():
        label, field_name = name.rsplit(".", 1)
        model = apps.get_model(label)
        try:
            model._meta.get_field(field_name)
        except Exception:
            missing.append(name)
    for label in inventory.declared_models():
        try:
            apps.get_model(label)
        except LookupError:
            if label not in inventory.ON_SOME_DATABASES:
                missing.append(label)
    assert not missing, f"The inventory names what does not exist: {missing}"


def test_every_item_has_a_category_a_purpose_and_an_erasure_with_its_reason():
    categories = set(Category.LABELS)
    actions = {Action.KEEP, Action.PSEUDONYMISE, Action.ERASE, Action.DELETE}
    for holding in HOLDINGS:
        assert holding.retention, holding.model
        assert holding.row in (Action.KEEP, Action.DELETE), holding.model
        for item in holding.items:
            where = f"{holding.model}.{item.name}"
            assert item.category in categories, where
            assert str(item.purpose), where
            assert item.erasure in actions, where
            if item.erasure == Action.KEEP:
                assert str(item.why), f"{where} is kept: the inventory must say why"


@pytest.mark.django_db
def test_each_holding_finds_the_rows_of_one_person_only(apply_page):
    """Every holding's way to its person's rows is a query the database runs, and two
    people's rows never overlap: erasing one touches nothing of the other."""
    edition = PolicyEdition.objects.first()
    people = [ApplicantFactory(consents=edition) for _ in range(2)]
    for user in people:
        ApplicationFactory(applicant=user, status=ApplicationStatus.SCREENING)
    found = {}
    for holding in HOLDINGS:
        model = apps.get_model(holding.model)
        found[holding.model] = [
            set(
                model._base_manager.filter(
                    holding.rows_of(Person(user=user, email=user.email, full_name=""))
                ).values_list("pk", flat=True)
            )
            for user in people
        ]
        mine, theirs = found[holding.model]
        assert not mine & theirs, holding.model
    for label in (
        "accounts.User",
        "submissions.ApplicantProfile",
        "submissions.Application",
    ):
        assert [len(rows) for rows in found[label]] == [1, 1], label
    assert all(found["policy.ConsentRecord"]), "each person's consents are found"


def test_the_readme_says_what_the_inventory_says():
    """The README's tables are the inventory's own words (``manage.py
    personal_data_inventory`` prints them): a change to one without the other fails."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    with translation.override("en"):
        tables = inventory.as_markdown()
    assert tables in readme, (
        "README.md's 'Where personal data lives' differs from privacy/inventory.py: "
        "paste the output of `python manage.py personal_data_inventory`."
    )
