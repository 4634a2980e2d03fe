"""Page types: where they may be created, and that each renders what an editor entered."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page

from home.models import HomePage, IndexPage, InfoPage
from tests.factories import add_info_page, add_news_index, publish
from tests.helpers import PAGE_QUERY_BUDGET

pytestmark = pytest.mark.django_db


def make_image(title="Схема установки"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 200), (11, 58, 91)).save(buffer, "PNG")
    upload = SimpleUploadedFile(
        "scheme.png", buffer.getvalue(), content_type="image/png"
    )
    return Image.objects.create(title=title, file=upload)


def make_document(title="Регламент ОПИ"):
    upload = SimpleUploadedFile("reglament.pdf", b"%PDF-1.4\n%%EOF\n")
    return Document.objects.create(title=title, file=upload)


class TestCreationRules:
    def test_only_one_home_page(self, home_page):
        root = Page.get_first_root_node()
        assert not HomePage.can_create_at(root)

    def test_home_page_holds_info_and_index_pages(self, home_page):
        assert InfoPage.can_create_at(home_page)
        assert IndexPage.can_create_at(home_page)

    def test_index_page_only_under_home_or_index(self, home_page):
        info = add_info_page(home_page, title="Об ОПИ")
        assert not IndexPage.can_create_at(info)
        assert InfoPage.can_create_at(info)

    def test_info_page_cannot_sit_at_the_root(self):
        assert not InfoPage.can_create_at(Page.get_first_root_node())


def test_info_page_renders_every_block(client, home_page):
    image = make_image()
    document = make_document()
    page = add_info_page(
        home_page,
        title="Как подать заявку",
        slug="how-to-apply",
        intro="Порядок подачи в пять шагов.",
        body=[
            {"type": "heading", "value": {"text": "Порядок", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Текст о <b>порядке</b>.</p>"},
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt_text": "Схема стенда",
                    "caption": "Стенд",
                },
            },
            {"type": "document", "value": {"document": document.pk, "title": ""}},
            {
                "type": "callout",
                "value": {
                    "tone": "warning",
                    "title": "Срок",
                    "text": "<p>30 дней.</p>",
                },
            },
            {
                "type": "faq",
                "value": {
                    "title": "Вопросы",
                    "items": [
                        {"question": "Кто подаёт?", "answer": "<p>Любое лицо.</p>"}
                    ],
                },
            },
            {
                "type": "steps",
                "value": {
                    "title": "Шаги",
                    "steps": [
                        {"title": "Регистрация", "text": "Заполните форму."},
                        {"title": "Заявка", "text": ""},
                    ],
                },
            },
            {
                "type": "table",
                "value": {
                    "caption": "Уровни готовности",
                    "table": {
                        "data": [
                            ["Уровень", "Что значит"],
                            ["TRL 7", "Опытный образец"],
                        ],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                    },
                },
            },
        ],
    )
    html = client.get(page.url).content.decode()
    assert "<h1>Как подать заявку</h1>" in html
    assert "Порядок подачи в пять шагов." in html
    assert '<h2 class="block-heading">Порядок</h2>' in html
    assert "<b>порядке</b>" in html
    assert 'alt="Схема стенда"' in html and "<figcaption>Стенд</figcaption>" in html
    assert "Регламент ОПИ" in html and "(PDF" in html
    assert 'class="callout callout--warning"' in html and "30 дней." in html
    assert "<summary>Кто подаёт?</summary>" in html
    assert html.count('class="steps__item"') == 2
    assert "<caption>Уровни готовности</caption>" in html
    assert '<th scope="col">Уровень</th>' in html and "<td>TRL 7</td>" in html


def test_home_page_shows_hero_steps_and_latest_news(client, home_page):
    news = IndexPage(title="Новости", slug="news")
    home_page.add_child(instance=news)
    publish(news)
    for day in (1, 2, 3, 4):
        add_info_page(news, title=f"Новость {day}", date=f"2026-03-0{day}")
    home_page.hero_title = "Испытайте технологию в группе"
    home_page.steps = [
        {"type": "step", "value": {"title": "Зарегистрируйтесь", "text": ""}}
    ]
    home_page.news_index = news
    home_page.news_count = 3
    home_page.cta_label = "Подать заявку"
    home_page.cta_page = news
    publish(home_page)

    html = client.get("/").content.decode()
    assert "Испытайте технологию в группе" in html
    assert "Зарегистрируйтесь" in html
    assert "Подать заявку" in html
    assert "Новость 4" in html and "Новость 2" in html
    assert "Новость 1" not in html  # only the three newest


def test_index_page_paginates_its_children(client, home_page, settings):
    settings.INDEX_ITEMS_PER_PAGE = 2
    index = IndexPage(title="Новости", slug="news", ordering=IndexPage.ORDER_TREE)
    home_page.add_child(instance=index)
    publish(index)
    for number in range(1, 6):
        add_info_page(index, title=f"Заметка {number}")

    first = client.get("/news/").content.decode()
    assert "Заметка 1" in first and "Заметка 2" in first and "Заметка 3" not in first
    assert 'rel="next"' in first
    third = client.get("/news/?page=3").content.decode()
    assert "Заметка 5" in third and "Заметка 1" not in third
    # A page number out of range or not a number still shows a list, not an error.
    assert "Заметка 5" in client.get("/news/?page=99").content.decode()
    assert "Заметка 1" in client.get("/news/?page=abc").content.decode()


def test_empty_index_page_says_so(client, home_page):
    index = IndexPage(title="Объявления", slug="announcements")
    home_page.add_child(instance=index)
    publish(index)
    html = client.get("/announcements/").content.decode()
    assert 'class="empty-state"' in html


def test_draft_pages_are_not_served(client, home_page):
    draft = InfoPage(title="Черновик", slug="draft", live=False)
    home_page.add_child(instance=draft)
    assert client.get("/draft/").status_code == 404


# The page itself: what every page shows around it (site, locale, settings, menus,
# the policy's and the registration page's addresses, breadcrumbs) comes from the page
# frame (home.page_frame), made once per generation; 19 before it.


def count_queries(client, path):
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context)


def test_public_pages_use_a_fixed_number_of_queries(
    client, home_page, django_assert_max_num_queries
):
    """Anonymous GETs cost the same number of queries with 3 or 300 sibling pages."""
    news = add_news_index(home_page)
    add_info_page(news, title="Новость", date="2026-05-01")
    paths = ["/", "/page-1/", "/news/"]

    def add_siblings(start, stop):
        for n in range(start, stop):
            home_page.add_child(
                instance=InfoPage(title=f"Страница {n}", slug=f"page-{n}")
            )

    add_siblings(0, 3)
    for path in paths:  # fill what is kept per process (the page frame, content types)
        client.get(path)
    with_three = {path: count_queries(client, path) for path in paths}
    add_siblings(3, 300)
    for path in paths:
        with django_assert_max_num_queries(PAGE_QUERY_BUDGET):
            assert client.get(path).status_code == 200
    with_three_hundred = {path: count_queries(client, path) for path in paths}
    assert with_three == with_three_hundred


def test_newest_first_follows_the_dates_editors_give(client, home_page):
    news = IndexPage(title="Новости", slug="news", ordering=IndexPage.ORDER_NEWEST)
    home_page.add_child(instance=news)
    publish(news)
    add_info_page(news, title="Осенняя новость", date="2026-10-01")
    add_info_page(news, title="Летняя новость", date="2026-07-01")
    add_info_page(news, title="Зимняя новость", date="2026-12-01")
    html = client.get("/news/").content.decode()
    positions = [html.index(t) for t in ("Зимняя", "Осенняя", "Летняя")]
    assert positions == sorted(positions)
