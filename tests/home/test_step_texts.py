"""Step descriptions became rich text (a step links to the page where it is done);
migration home.0005 turned the plain texts already stored into paragraphs."""

from importlib import import_module

import pytest

from home.models import InfoPage
from tests.factories import add_info_page

pytestmark = pytest.mark.django_db

migration = import_module("home.migrations.0005_step_links_and_next_step")


def test_plain_descriptions_become_escaped_paragraphs():
    assert migration.as_rich_text("R&D <x>\nсрок — 3 дня") == (
        "<p>R&amp;D &lt;x&gt;</p><p>срок — 3 дня</p>"
    )
    assert migration.as_rich_text("<p>уже текст</p>") == "<p>уже текст</p>"
    assert migration.as_rich_text("") == ""


def test_both_stored_forms_of_a_list_of_steps_are_converted():
    old_form = {"title": "Регистрация", "text": "Заполните форму."}
    new_form = {"type": "item", "value": {"title": "Заявка", "text": "Опишите."}}
    item = {"type": "steps", "value": {"title": "", "steps": [old_form, new_form]}}
    migration.body_steps(item)
    assert old_form["text"] == "<p>Заполните форму.</p>"
    assert new_form["value"]["text"] == "<p>Опишите.</p>"


def test_a_step_renders_its_links(client, home_page):
    add_info_page(
        home_page,
        title="Как подать заявку",
        slug="how",
        body=[
            {
                "type": "steps",
                "value": {
                    "title": "",
                    "steps": [
                        {
                            "title": "Политика",
                            "text": '<p>Прочитайте <a href="/policy/">политику</a>.</p>',
                        }
                    ],
                },
            }
        ],
    )
    html = client.get("/how/").content.decode()
    assert (
        '<div class="steps__text"><p>Прочитайте <a href="/policy/">политику</a>.</p>'
        in html
    )
    assert InfoPage.objects.get(slug="how").body[0].value["steps"][0]["text"]
