"""/policy/editions/<n>/changes/: what an edition changed, clause by clause."""

import pytest

from policy.comparison import compare_editions, word_diff
from tests.factories import PolicyPageFactory, go_live, translate

pytestmark = pytest.mark.django_db


def section(heading, *clauses):
    return {"type": "section", "value": {"heading": heading, "clauses": list(clauses)}}


FIRST_BODY = [
    section(
        "Общие положения",
        "<p>Политика действует для всех пользователей портала.</p>",
        "<p>Оператор хранит данные в течение пяти лет.</p>",
    ),
    section(
        "Права субъекта",
        "<p>Субъект вправе отозвать согласие.</p>",
        "<p>Запрос рассматривается в течение трёх рабочих дней со дня получения.</p>",
        "<p>Ответ направляется по почте на бумажном носителе.</p>",
    ),
]

SECOND_BODY = [
    section(
        "Общие положения",
        "<p>Данные хранятся на серверах в Республике Казахстан.</p>",  # added above
        "<p>Политика действует для всех пользователей портала.</p>",
        "<p>Оператор хранит данные в течение пяти лет.</p>",
    ),
    section(
        "Права субъекта",
        "<p>Субъект вправе отозвать согласие.</p>",
        "<p>Запрос рассматривается в течение одного рабочего дня со дня получения.</p>",
        # the paper-mail clause is removed
    ),
]


@pytest.fixture
def policy_with_changes(home_page):
    page = PolicyPageFactory(parent=home_page, body=FIRST_BODY, published=True)
    go_live(
        page,
        body=SECOND_BODY,
        change_summary="Сокращён срок ответа, данные хранятся в Казахстане.",
        requires_renewed_consent=True,
    )
    return page


def test_changes_mark_an_edited_an_added_and_a_removed_clause(
    client, policy_with_changes
):
    response = client.get("/policy/editions/2/changes/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Что изменилось в редакции 2" in html
    assert "Сокращён срок ответа" in html
    # the edited clause: only the words that differ are marked
    assert (
        "рассматривается в течение <del>трёх рабочих дней</del> "
        "<ins>одного рабочего дня</ins> со дня получения." in html
    )
    # the added and the removed clause, as whole clauses, labelled in words
    assert "Данные хранятся на серверах в Республике Казахстан." in html
    assert '<ins class="change__whole"><p>Данные хранятся' in html
    assert '<del class="change__whole"><p>Ответ направляется по почте' in html
    for label in ("Изменён", "Добавлен", "Исключён"):
        assert label in html
    assert "1 пункт изменён" in html
    assert "1 пункт добавлен" in html
    assert "1 пункт исключён" in html


def test_a_clause_moved_down_by_an_insertion_is_not_a_change(policy_with_changes):
    first, second = policy_with_changes.editions.order_by("number")
    comparison = compare_editions(first, second)
    opening = comparison.sections[0]
    assert [change.status for change in opening.clauses] == [
        "added",
        "unchanged",
        "unchanged",
    ]
    assert opening.unchanged_count == 2
    assert comparison.counts == {"changed": 1, "added": 1, "removed": 1}


def test_changes_link_to_both_editions_and_back(client, policy_with_changes):
    html = client.get("/policy/editions/2/changes/").content.decode()
    assert 'href="/policy/editions/2/"' in html
    assert 'href="/policy/editions/1/"' in html
    assert 'href="/policy/editions/2/#clause-1-1"' in html
    editions = client.get("/policy/editions/").content.decode()
    assert 'href="/policy/editions/2/changes/"' in editions
    assert 'href="/policy/editions/1/changes/"' not in editions
    assert (
        'href="/policy/editions/2/changes/"' in client.get("/policy/").content.decode()
    )


def test_the_first_edition_has_nothing_to_compare(client, policy_with_changes):
    assert client.get("/policy/editions/1/changes/").status_code == 404
    assert client.get("/policy/editions/3/changes/").status_code == 404


def test_an_edition_with_the_same_text_says_so(client, policy_with_changes):
    go_live(policy_with_changes, change_summary="Только дата.")
    html = client.get("/policy/editions/3/changes/").content.decode()
    assert "Текст этой редакции совпадает с текстом редакции 2" in html


def test_a_changed_consent_statement_is_shown(client, policy_with_changes):
    go_live(
        policy_with_changes,
        consent_statement="<p>Я даю согласие на обработку и хранение моих данных.</p>",
    )
    html = client.get("/policy/editions/3/changes/").content.decode()
    assert "Текст согласия" in html
    assert "<ins>и хранение</ins>" in html or "<ins>и</ins>" in html


def test_word_diff_escapes_what_it_marks():
    html = word_diff("срок <три> дня", "срок <один> день")
    assert html == "срок <del>&lt;три&gt; дня</del> <ins>&lt;один&gt; день</ins>"
    assert "<script" not in word_diff("a", "<script>x</script>")


def test_changes_in_english(client, home_page, policy_with_changes):
    translate(home_page, "en", title="OPI Center", hero_title="Pilot testing")
    english = translate(policy_with_changes, "en", title="Privacy policy")
    assert english.editions.get().number == 2  # the version it translates
    # published again before the original's next edition: the next number's text
    go_live(english, body=FIRST_BODY[:1])
    html = client.get("/en/policy/editions/3/changes/").content.decode()
    assert "What changed in edition 3" in html
    assert "3 clauses removed" in html  # one from section 1, two with section 2
    assert "section removed" in html
