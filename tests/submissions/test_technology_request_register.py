"""Technology requests in the reviewers' work (issue 19): the register filters and shows
applications by request, the report counts them per request, the dossier, the expert's
screen, the applicant's page and the data export show the request's questions with the
answers, and the applicant consents (or not) to be named in the request's results."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from policy.models import ConsentRecord
from privacy.data_export import collect
from submissions.applications.reports import all_charts, by_request
from submissions.applications.request_answers import answered, request_context
from submissions.models.applications import Application, ApplicationStatus
from tests.factories import (
    ApplicantFactory,
    ApplicationFactory,
    add_technology_request,
    translate,
)
from tests.helpers import APPLICATION_LIST, export, inspect_url, logged_in

pytestmark = pytest.mark.django_db

FREE = "Предложения вне запросов"  # new msgids show in English until translated


def answers_to(request_page, short="120 м³/сут", yes_no="yes"):
    """``request_answers`` as the form keeps them for ``add_technology_request``'s two
    questions."""
    short_id, yes_no_id = [block.id for block in request_page.questions]
    return {
        short_id: {"question": "Дебит скважины", "kind": "short_text", "answer": short},
        yes_no_id: {
            "question": "Есть опыт на месторождениях Казахстана?",
            "kind": "yes_no",
            "answer": yes_no,
        },
    }


@pytest.fixture
def water(world):
    return add_technology_request("Очистка попутных вод", slug="water")


@pytest.fixture
def twin(world):
    return add_technology_request("Цифровой двойник", slug="twin")


def to_request(world, request_page, number, status, **fields):
    fields.setdefault("request_answers", answers_to(request_page))
    return ApplicationFactory(
        applicant=world["company"],
        title=f"Предложение {number}",
        reference=f"OPI-2026-{number:05d}",
        technology_request=request_page,
        status=status,
        reviewed_by=world["reviewer"],
        experts=[world["expert"]],
        files=False,
        **fields,
    )


def references(html):
    return set(re.findall(r"OPI-2026-\d{5}", html))


# --- the register ---------------------------------------------------------------------------


def test_the_register_filters_by_request_and_by_free_proposal(world, water, twin):
    add_technology_request("Без заявок", slug="none-yet")
    to_request(world, water, 10, ApplicationStatus.SCREENING)
    ApplicationFactory(applicant=world["company"], technology_request=twin)  # a draft
    client = logged_in(world["reviewer"])

    html = client.get(APPLICATION_LIST).content.decode()
    # the choices: the requests with a submitted application, and the free proposals
    assert f'<option value="{water.pk}">Очистка попутных вод</option>' in html
    assert "Цифровой двойник" not in html and "Без заявок" not in html
    assert (
        '<option value="null">Без запроса (предложение вне запросов)</option>' in html
    )
    # the request's column
    assert re.search(r"<td[^>]*>\s*Очистка попутных вод\s*</td>", html)

    filtered = client.get(f"{APPLICATION_LIST}?technology_request={water.pk}")
    assert references(filtered.content.decode()) == {"OPI-2026-00010"}
    free = client.get(f"{APPLICATION_LIST}?technology_request=null")
    assert references(free.content.decode()) == {"OPI-2026-00001", "OPI-2026-00002"}
    # the applied filter says so in words, never "null"
    chip = re.search(r'<b class="w-ml-1">([^<]*)</b>', free.content.decode())
    assert chip.group(1) == "Без запроса (предложение вне запросов)"

    csv = export(client, f"?technology_request={water.pk}")
    header, *rows = csv.splitlines()
    assert "Технологический запрос" in header
    assert len(rows) == 1 and "Очистка попутных вод" in rows[0]
    assert "Очистка попутных вод" not in export(client, "?technology_request=null")


def test_the_register_by_request_costs_the_same_queries_for_10_and_500_rows(
    world, water
):
    client = logged_in(world["reviewer"])
    experts = [world["expert"], world["other_expert"]]

    def fill(up_to):
        start = Application.objects.count() + 1
        new = Application.objects.bulk_create(
            [
                Application(
                    applicant=world["company"],
                    title=f"Заявка {n}",
                    status="screening",
                    reference=f"OPI-2025-{n:05d}",
                    technology_request=water if n % 2 else None,
                    request_answers=answers_to(water) if n % 2 else {},
                    live=False,
                )
                for n in range(start, up_to + 1)
            ]
        )
        through = Application.experts.through
        through.objects.bulk_create(
            [through(application=a, user=experts[a.pk % 2]) for a in new]
        )

    def count(query=""):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(APPLICATION_LIST + query).status_code == 200
        return len(captured)

    by_water = f"?technology_request={water.pk}"
    fill(10)
    count(), count(by_water)
    ten, ten_by_water = count(), count(by_water)
    fill(500)
    assert (count(), count(by_water)) == (ten, ten_by_water)


# --- the report -----------------------------------------------------------------------------


def test_the_report_counts_each_requests_applications_in_one_query(
    world, water, twin, django_assert_num_queries
):
    for number, status in (
        (10, ApplicationStatus.SCREENING),
        (11, ApplicationStatus.APPROVED),
        (12, ApplicationStatus.REJECTED),
        (13, ApplicationStatus.WITHDRAWN),
        (14, ApplicationStatus.CHANGES_REQUESTED),
    ):
        to_request(world, water, number, status)
    to_request(world, twin, 20, ApplicationStatus.ASSESSMENT)
    ApplicationFactory(applicant=world["company"], technology_request=twin)  # a draft

    with django_assert_num_queries(1):
        chart = by_request()
    # submitted, under review (or sent back for changes), approved, rejected
    assert chart.rows == [
        ("Очистка попутных вод", [5, 2, 1, 1]),
        ("Цифровой двойник", [1, 1, 0, 0]),
        (FREE, [2, 2, 0, 0]),  # OPI-2026-00001 and 00002; the draft is not counted
    ]

    cache.clear()
    client = logged_in(world["reviewer"])
    page = client.get(reverse("pipeline_report")).content.decode()
    assert (
        'id="chart-by-request"' in page and "Заявки по технологическим запросам" in page
    )
    assert re.search(
        r'<th scope="row">Очистка попутных вод</th><td>5</td><td>2</td><td>1</td>'
        r"<td>1</td>",
        page,
    )
    csv = client.get(reverse("pipeline_report") + "?export=by-request")
    text = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert "Очистка попутных вод,5,2,1,1" in text and f"{FREE},2,2,0,0" in text


def test_the_report_by_request_costs_the_same_queries_with_more_requests(
    world, water, django_assert_num_queries
):
    to_request(world, water, 10, ApplicationStatus.SCREENING)
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        all_charts()
    for n in range(3):
        other = add_technology_request(f"Запрос {n}", slug=f"request-{n}")
        to_request(world, other, 30 + n, ApplicationStatus.APPROVED)
    with django_assert_num_queries(len(few)):
        all_charts()
    assert len(by_request().rows) == 5  # four requests and the free proposals


# --- the dossier, the expert's screen, the applicant's page ---------------------------------


def shows_the_answers(html, request_page):
    """The request's title and both questions in their order, yes in words, an empty
    answer as a dash."""
    assert "Очистка попутных вод" in html
    first = html.index("Дебит скважины")
    second = html.index("Есть опыт на месторождениях Казахстана?")
    assert first < second
    answers = html[first : second + 200]
    assert "—" in answers  # the empty short answer
    assert "Да" in html[second : second + 200]  # yes_no in words
    assert f"/requests/{request_page.slug}/" in html  # linked to its public page


def test_answers_follow_the_requests_questions_and_the_request_its_language(
    world, water
):
    short_id, yes_no_id = [block.id for block in water.questions]
    stored = answers_to(water, yes_no="no")
    # as PostgreSQL's jsonb may give them back: in another order, with a question the
    # editors have since removed from the request
    shuffled = {
        "removed": {
            "question": "Старый вопрос",
            "kind": "long_text",
            "answer": "Ответ",
        },
        yes_no_id: stored[yes_no_id],
        short_id: stored[short_id],
    }
    with translation.override("ru"):
        assert answered(shuffled, water) == [
            ("Дебит скважины", "120 м³/сут"),
            ("Есть опыт на месторождениях Казахстана?", "Нет"),
            ("Старый вопрос", "Ответ"),
        ]
    application = to_request(world, water, 10, ApplicationStatus.SCREENING)
    index = water.get_parent().specific
    translate(index.get_parent().specific, "en")
    translate(index, "en", title="Technology requests")
    english = translate(water, "en", title="Produced water treatment")
    with translation.override("en"):
        assert request_context(application)["technology_request"] == english
    english.unpublish()
    with translation.override("en"):  # not published in English: the original
        assert request_context(application)["technology_request"] == water


def test_reviewers_and_the_expert_read_the_request_and_the_answers(world, water):
    application = to_request(
        world,
        water,
        10,
        ApplicationStatus.ASSESSMENT,
        request_answers=answers_to(water, short=""),
    )
    reviewer = logged_in(world["reviewer"])
    shows_the_answers(reviewer.get(inspect_url(application)).content.decode(), water)
    edit = reverse(
        "wagtailsnippets_submissions_application:edit", args=[application.pk]
    )
    shows_the_answers(reviewer.get(edit).content.decode(), water)
    expert = logged_in(world["expert"])
    screen = expert.get(reverse("application_assessment", args=[application.pk]))
    shows_the_answers(screen.content.decode(), water)
    # a free proposal says so
    free = reviewer.get(inspect_url(world["first"])).content.decode()
    assert "нет (предложение вне запросов)" in free and "Дебит скважины" not in free


def test_the_applicant_reads_the_request_and_the_answers_on_their_page(
    client, world, water
):
    application = to_request(
        world,
        water,
        10,
        ApplicationStatus.SCREENING,
        request_answers=answers_to(water, short=""),
    )
    client.force_login(world["company"])
    page = client.get(reverse("account_application", args=[application.pk]))
    shows_the_answers(page.content.decode(), water)
    assert "Упоминание в результатах запроса" not in page.content.decode()


def test_the_data_export_holds_the_request_and_the_answers(world, water):
    application = to_request(world, water, 10, ApplicationStatus.SCREENING)
    with translation.override("ru"):
        data, sections, _files, _editions = collect(world["company"])
    exported = next(
        a for a in data["applications"] if a["reference"] == application.reference
    )
    assert exported["technology_request"] == "Очистка попутных вод"
    assert exported["request_answers"] == answers_to(water)
    row = next(
        row
        for section in sections
        for row in section.rows
        if application.reference in [value for _label, value in row]
    )
    words = "\n".join(str(value) for _label, value in row)
    assert "Дебит скважины: 120 м³/сут" in words
    assert "Есть опыт на месторождениях Казахстана?: Да" in words
    assert "Очистка попутных вод" in words


# --- the consent to be named in the results -------------------------------------------------


def test_the_applicant_consents_to_be_named_and_withdraws(
    client, register_page, world, water
):
    application = to_request(world, water, 10, ApplicationStatus.APPROVED)
    page_url = reverse("account_application", args=[application.pk])
    url = reverse("account_application_publication", args=[application.pk])
    client.force_login(world["company"])

    page = client.get(page_url).content.decode()
    assert "Упоминание в результатах запроса" in page
    assert "Предложение 10" in page and "ТОО «Датчик»" in page  # what is published
    assert "Согласие не дано" in page and f'action="{url}"' in page

    unticked = client.post(url, {})
    assert unticked.status_code == 200
    html = unticked.content.decode()
    assert 'aria-invalid="true"' in html and "field--invalid" in html
    records = ConsentRecord.objects.filter(purpose=ConsentRecord.PUBLICATION_IN_RESULTS)
    assert not records.exists()

    given = client.post(url, {"consent": "on"})
    assert given.status_code == 302 and given["Location"].endswith("#publication")
    record = records.get()
    assert (record.user, record.form_name, record.withdrawn_at) == (
        world["company"],
        "results:OPI-2026-00010",
        None,
    )
    page = client.get(page_url).content.decode()
    assert "Согласие дано" in page and 'name="withdraw"' in page
    assert (
        "Спасибо: ваше предложение может быть упомянуто" in page
    )  # the success message
    client.post(url, {"consent": "on"})  # a second tab, a reload
    assert records.count() == 1

    withdrawn = client.post(url, {"withdraw": "1"})
    assert withdrawn.status_code == 302
    record.refresh_from_db()
    assert record.withdrawn_at is not None
    page = client.get(page_url).content.decode()
    assert "Согласие не дано" in page and "Ваше согласие отозвано" in page


def test_nobody_consents_for_another_applicant_or_an_undecided_application(
    register_page, world, water
):
    approved = to_request(world, water, 10, ApplicationStatus.APPROVED)
    pending = to_request(world, water, 11, ApplicationStatus.SCREENING)
    stranger = Client()
    stranger.force_login(ApplicantFactory(email="stranger@example.kz"))
    for application in (approved, pending):
        url = reverse("account_application_publication", args=[application.pk])
        assert stranger.post(url, {"consent": "on"}).status_code == 404
        assert (
            stranger.get(
                reverse("account_application", args=[application.pk])
            ).status_code
            == 404
        )
    owner = Client()
    owner.force_login(world["company"])
    pending_url = reverse("account_application_publication", args=[pending.pk])
    assert owner.post(pending_url, {"consent": "on"}).status_code == 404
    assert owner.get(pending_url).status_code == 405  # POST only
    assert not ConsentRecord.objects.filter(
        purpose=ConsentRecord.PUBLICATION_IN_RESULTS
    ).exists()
