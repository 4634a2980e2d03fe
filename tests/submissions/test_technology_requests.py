"""Technology requests (issue 19): the index with its filters, a request's page and
status, applying to a request with its own questions, the closing date, the results
told to the applicants and the proposals named only with their consent."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import Locale, Site, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import PortalSettings
from policy.models import ConsentRecord
from submissions.models.applications import (
    Application,
    ApplicationStatus,
    FileCategory,
    Subsidiary,
)
from submissions.technology_requests.pages import (
    TechnologyRequestIndexPage,
    TechnologyRequestPage,
)
from submissions.technology_requests.results import (
    consent_to_publication,
    published_proposals,
    withdraw_publication_consent,
)
from tests.factories import (
    STEP_ANSWERS,
    ApplicantFactory,
    ApplicationFactory,
    EditorFactory,
    pdf,
)
from tests.helpers import PAGE_QUERY_BUDGET, step_url, submit
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def questions():
    return [
        {
            "type": "number",
            "value": {
                "label": "Производительность",
                "help_text": "",
                "required": True,
                "unit": "м³/сут",
            },
        },
        {
            "type": "yes_no",
            "value": {
                "label": "Есть опыт на высокой минерализации?",
                "help_text": "",
                "required": True,
            },
        },
        {
            "type": "choice",
            "value": {
                "label": "Технология",
                "help_text": "",
                "required": False,
                "choices": ["Мембранная", "Реагентная"],
            },
        },
        {
            "type": "file",
            "value": {
                "label": "Протокол анализа воды",
                "help_text": "",
                "required": True,
                "category": FileCategory.LAB_REPORT,
            },
        },
    ]


@pytest.fixture
def subsidiary(db):
    return Subsidiary.objects.create(
        name_ru="АО «Западный нефтепромысел»", name_en="Western Oilfield JSC"
    )


@pytest.fixture
def requests_index(home_page):
    index = TechnologyRequestIndexPage(title="Технологические запросы", slug="requests")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def add_request(
    index, subsidiary, slug, *, opens=-5, closes=30, area="ecology", **fields
):
    page = TechnologyRequestPage(
        title=fields.pop("title", f"Запрос {slug}"),
        slug=slug,
        summary="Нужна технология очистки попутной воды.",
        problem="<p>Воды слишком много.</p>",
        solution_requirements="<p>Не более 20 мг/л нефтепродуктов.</p>",
        subsidiary=subsidiary,
        area=area,
        open_from=TODAY() + timedelta(days=opens),
        closing_on=TODAY() + timedelta(days=closes),
        **fields,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def water_request(requests_index, subsidiary):
    return add_request(
        requests_index,
        subsidiary,
        "water",
        title="Очистка попутных вод",
        questions=questions(),
    )


def titles(html):
    return re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


# --- the index and the page ------------------------------------------------------------


def test_the_index_lists_open_requests_first_and_filters_them(
    client, requests_index, subsidiary
):
    other = Subsidiary.objects.create(name_ru="АО «Магистральные нефтепроводы»")
    add_request(
        requests_index, subsidiary, "closed", title="Закрытый", opens=-90, closes=-1
    )
    add_request(requests_index, subsidiary, "late", title="Поздний", closes=60)
    add_request(
        requests_index, other, "soon", title="Скорый", closes=10, area="transport"
    )
    html = client.get("/requests/").content.decode()
    assert titles(html) == ["Скорый", "Поздний", "Закрытый"]
    assert "3 запроса" in html

    assert titles(client.get("/requests/?status=open").content.decode()) == [
        "Скорый",
        "Поздний",
    ]
    assert titles(client.get("/requests/?status=closed").content.decode()) == [
        "Закрытый"
    ]
    assert titles(client.get(f"/requests/?subsidiary={other.pk}").content.decode()) == [
        "Скорый"
    ]
    assert titles(
        client.get("/requests/?area=ecology&status=open").content.decode()
    ) == ["Поздний"]
    nothing = client.get("/requests/?area=digital").content.decode()
    assert titles(nothing) == [] and "Ни один запрос не подходит" in nothing
    # a filter value of an old link is ignored, not an error
    assert client.get("/requests/?subsidiary=999999").status_code == 200


def test_the_filters_are_kept_by_the_pagination(
    client, requests_index, subsidiary, settings
):
    settings.INDEX_ITEMS_PER_PAGE = 2
    for number in range(3):
        add_request(requests_index, subsidiary, f"r{number}", closes=10 + number)
    html = client.get("/requests/?status=open").content.decode()
    assert 'href="?status=open&amp;page=2"' in html


def test_a_request_page_shows_its_status_dates_questions_and_the_centers_contacts(
    client, water_request, apply_page
):
    settings_ = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings_.email = "opi@example.kz"
    settings_.save()
    html = client.get("/requests/water/").content.decode()
    assert "request-status--open" in html and "Приём предложений открыт" in html
    dates = (water_request.open_from, water_request.closing_on)
    assert all(date_format(day) in html for day in dates)
    # the OPI Center's contacts, from the portal settings
    assert "Вопросы по запросу" in html and 'href="mailto:opi@example.kz"' in html
    assert "Протокол анализа воды" in html and "Производительность" in html
    assert f'href="/apply/?request={water_request.pk}"' in html


def test_a_closed_request_has_no_apply_button(
    client, requests_index, subsidiary, apply_page
):
    closed = add_request(requests_index, subsidiary, "old", opens=-60, closes=-1)
    html = client.get("/requests/old/").content.decode()
    assert f"/apply/?request={closed.pk}" not in html
    upcoming = add_request(requests_index, subsidiary, "later", opens=5, closes=30)
    assert (
        f"/apply/?request={upcoming.pk}"
        not in client.get("/requests/later/").content.decode()
    )


def test_the_closing_date_cannot_come_before_the_opening(requests_index, subsidiary):
    page = TechnologyRequestPage(
        title="Неверные даты",
        open_from=TODAY(),
        closing_on=TODAY() - timedelta(days=1),
    )
    with pytest.raises(ValidationError) as refused:
        page.clean()
    assert "closing_on" in refused.value.message_dict


def test_requests_are_in_search_and_the_sitemap(client, water_request):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/requests/water/" in sitemap and "/requests/</loc>" in sitemap
    found = client.get("/search/?q=попутных").content.decode()
    assert 'href="/requests/water/"' in found


# --- applying to a request ----------------------------------------------------------------


def start(client, applicant, request_page):
    client.force_login(applicant)
    shown = client.get(f"/apply/?request={request_page.pk}").content.decode()
    response = client.post("/apply/", {"request": request_page.pk})
    assert response.status_code == 302
    return shown, Application.objects.filter(applicant=applicant).latest("pk")


def test_apply_to_a_request_asks_its_questions_and_keeps_them_with_the_answers(
    client, apply_page, applicant, water_request
):
    shown, application = start(client, applicant, water_request)
    assert "Очистка попутных вод" in shown
    assert application.technology_request == water_request
    assert (
        application.subsidiary == water_request.subsidiary
    )  # where, as the request says
    html = client.get(step_url(application, 1)).content.decode()
    assert "Производительность (м³/сут)" in html and "Технология" in html
    names = {
        block.block_type: f"request_{block.id}" for block in water_request.questions
    }

    # "Next" without the required answers: refused with the errors next to the fields
    response = client.post(
        step_url(application, 1),
        {**STEP_ANSWERS[1], names["choice"]: "Мембранная", "action": "next"},
    )
    assert response.url.endswith("?check=1")
    html = client.get(response.url).content.decode()
    assert (
        html.count("Обязательное поле.") + html.count("Требуется заполнить это поле.")
        >= 2
    )
    assert 'value="Мембранная" selected' in html  # what was typed is kept
    application.refresh_from_db()
    assert application.request_answers[names["choice"][8:]]["answer"] == "Мембранная"

    response = client.post(
        step_url(application, 1),
        {
            **STEP_ANSWERS[1],
            names["number"]: "450.50",
            names["yes_no"]: "yes",
            "action": "next",
        },
    )
    assert response.url == step_url(application, 2)
    application.refresh_from_db()
    number_id = names["number"][8:]
    assert application.request_answers[number_id] == {
        "question": "Производительность",
        "kind": "number",
        "answer": "450.5",
    }
    assert application.request_answers[names["yes_no"][8:]]["answer"] == "yes"

    # the request's file question is a required category at the attachments step
    files = client.get(step_url(application, 5)).content.decode()
    assert "Протокол анализа воды" in files
    # a later edit of the request does not change what the kept answer was asked as
    water_request.questions[0].value["label"] = "Новая формулировка"
    water_request.save_revision().publish()
    application.refresh_from_db()
    assert application.request_answers[number_id]["question"] == "Производительность"


def fill(client, application, request_page, files=True):
    names = {
        block.block_type: f"request_{block.id}" for block in request_page.questions
    }
    answers = {names["number"]: "12", names["yes_no"]: "no"}
    for number, step_answers in STEP_ANSWERS.items():
        extra = answers if number == 1 else {}
        response = client.post(
            step_url(application, number), {**step_answers, **extra, "action": "next"}
        )
        assert response.status_code == 302
    if files:
        for category in (
            FileCategory.TECHNICAL,
            FileCategory.PRESENTATION,
            FileCategory.LAB_REPORT,
        ):
            client.post(
                step_url(application, 5),
                {
                    "action": "upload",
                    "category": category,
                    "file": pdf(f"{category}.pdf"),
                },
            )
    return Application.objects.get(pk=application.pk)


def test_an_application_to_a_request_is_submitted_with_its_answers(
    client, apply_page, applicant, water_request, django_capture_on_commit_callbacks
):
    _shown, application = start(client, applicant, water_request)
    application = fill(client, application, water_request, files=False)
    for category in (FileCategory.TECHNICAL, FileCategory.PRESENTATION):
        client.post(
            step_url(application, 5),
            {"action": "upload", "category": category, "file": pdf()},
        )
    review = client.get(step_url(application, 6)).content.decode()
    assert "Протокол анализа воды" in review  # the request's file is still missing
    client.post(
        step_url(application, 5),
        {"action": "upload", "category": FileCategory.LAB_REPORT, "file": pdf()},
    )
    response = submit(client, application, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SCREENING


def test_a_draft_for_a_closed_request_cannot_be_submitted(
    client, apply_page, applicant, water_request, django_capture_on_commit_callbacks
):
    _shown, application = start(client, applicant, water_request)
    application = fill(client, application, water_request)
    TechnologyRequestPage.objects.filter(pk=water_request.pk).update(
        closing_on=TODAY() - timedelta(days=1), open_from=TODAY() - timedelta(days=30)
    )
    html = client.get(step_url(application, 6)).content.decode()
    assert "больше нельзя подать" in html
    response = submit(client, application, django_capture_on_commit_callbacks)
    assert response.url.endswith("?check=1")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    # and no new application to it can be started
    response = client.post("/apply/", {"request": water_request.pk}, follow=True)
    assert "больше нельзя подать" in response.content.decode()
    assert Application.objects.filter(applicant=applicant).count() == 1
    assert (
        f"/apply/?request={water_request.pk}"
        not in client.get("/requests/water/").content.decode()
    )


def test_a_draft_for_a_closed_request_becomes_a_proposal_outside_any_request(
    client, apply_page, applicant, water_request, django_capture_on_commit_callbacks
):
    _shown, application = start(client, applicant, water_request)
    application = fill(client, application, water_request)
    review = client.get(step_url(application, 6)).content.decode()
    assert "Вопросы запроса «Очистка попутных вод»" in review  # the answers, to check
    assert "Производительность" in review and "Нет" in review
    TechnologyRequestPage.objects.filter(pk=water_request.pk).update(
        closing_on=TODAY() - timedelta(days=1), open_from=TODAY() - timedelta(days=30)
    )
    review = client.get(step_url(application, 6)).content.decode()
    detach = f"/apply/{application.pk}/outside-request/"
    assert f'formaction="{detach}"' in review
    assert client.get(detach).status_code == 404  # a change is a POST
    response = client.post(detach, follow=True)
    assert "предложение вне запросов" in response.content.decode()
    application.refresh_from_db()
    assert application.technology_request is None and application.request_answers == {}
    assert application.title == STEP_ANSWERS[1]["title"]  # the rest stays
    response = submit(client, application, django_capture_on_commit_callbacks)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SCREENING


def test_a_proposal_outside_any_request_stays_possible(
    client, apply_page, applicant, water_request
):
    client.force_login(applicant)
    html = client.get(f"/apply/?request={water_request.pk}").content.decode()
    assert "Начать предложение вне запросов" in html
    client.post("/apply/")
    application = Application.objects.filter(applicant=applicant).latest("pk")
    assert application.technology_request is None
    assert "request_" not in client.get(step_url(application, 1)).content.decode()


def test_a_visitor_is_asked_to_log_in_and_comes_back_to_the_request(
    client, apply_page, water_request
):
    response = client.get(f"/apply/?request={water_request.pk}")
    assert response.status_code == 302
    assert (
        f"request%3D{water_request.pk}" in response.url
        or f"request={water_request.pk}" in response.url
    )


def test_an_application_in_english_points_at_the_request_in_russian(
    client, apply_page, applicant, water_request
):
    english = Locale.objects.get_or_create(language_code="en")[0]
    home_en = water_request.get_parent().get_parent().copy_for_translation(english)
    home_en.save_revision().publish()
    index_en = water_request.get_parent().copy_for_translation(english)
    index_en.save_revision().publish()
    request_en = water_request.copy_for_translation(english)
    request_en.title = "Produced water treatment"
    request_en.save_revision().publish()
    client.force_login(applicant)
    client.post("/apply/", {"request": request_en.pk})
    application = Application.objects.filter(applicant=applicant).latest("pk")
    assert application.technology_request_id == water_request.pk


# --- results -------------------------------------------------------------------------------


def test_results_tell_the_applicants_once_in_their_language(
    water_request, django_capture_on_commit_callbacks
):
    kazakh = ApplicantFactory(email="kk@example.kz", language="kk")
    russian = ApplicantFactory(email="ru@example.kz", language="ru")
    for applicant in (kazakh, russian):
        ApplicationFactory(
            applicant=applicant,
            technology_request=water_request,
            status=ApplicationStatus.SCREENING,
        )
    ApplicationFactory(technology_request=water_request, status=ApplicationStatus.DRAFT)
    water_request.results = "<p>Одобрено одно предложение.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        water_request.save_revision().publish()
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {"kk@example.kz", "ru@example.kz"}
    assert (
        "нәтиже" in (sent["kk@example.kz"].subject + sent["kk@example.kz"].body).lower()
    )
    assert "Результаты" in sent["ru@example.kz"].subject
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        water_request.save_revision().publish()
    assert mail.outbox == []  # told once


def test_approved_proposals_are_named_only_with_the_applicants_consent(
    client, register_page, water_request, rf
):
    approved = ApplicationFactory(
        technology_request=water_request,
        status=ApplicationStatus.APPROVED,
        reference="OPI-2026-0001",
        title="Мембраны",
    )
    ApplicationFactory(
        technology_request=water_request,
        status=ApplicationStatus.REJECTED,
        reference="OPI-2026-0002",
    )
    assert published_proposals(water_request) == []
    record = consent_to_publication(approved, rf.get("/"))
    assert (record.purpose, record.form_name) == (
        ConsentRecord.PUBLICATION_IN_RESULTS,
        "results:OPI-2026-0001",
    )
    water_request.results = "<p>Итоги.</p>"
    water_request.save_revision().publish()
    assert published_proposals(water_request) == [("Мембраны", "ТОО «Датчик»")]
    assert "Мембраны" in client.get("/requests/water/").content.decode()
    withdraw_publication_consent(approved)
    assert published_proposals(water_request) == []
    assert "Мембраны" not in client.get("/requests/water/").content.decode()


# --- the editors' approval -------------------------------------------------------------------


def request_form(page, action, **changes):
    """What the page editor posts for a request, built with Wagtail's form-data helpers."""
    fields = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "subsidiary": page.subsidiary_id,
        "asset": page.asset,
        "area": page.area,
        "problem": rich_text(str(page.problem)),
        "conditions": rich_text(str(page.conditions) or "<p></p>"),
        "solution_requirements": rich_text(str(page.solution_requirements)),
        "open_from": page.open_from.isoformat(),
        "closing_on": page.closing_on.isoformat(),
        "questions": streamfield([]),
        "results": rich_text(str(page.results) or "<p></p>"),
        **changes,
    }
    data = nested_form_data(fields)
    data[action] = action
    return data


def test_every_requests_index_is_in_the_editors_approval_workflow(
    requests_index, water_request
):
    assert requests_index.get_workflow().name == "Technology request approval"
    assert water_request.get_workflow().name == "Technology request approval"


def test_an_editor_submits_a_request_and_another_editor_approves_it(
    client, water_request
):
    author = EditorFactory(email="author@example.kz")
    approver = EditorFactory(email="second@example.kz")
    assert not water_request.permissions_for_user(author).can_publish()

    verified_login(client, author)
    edit_url = f"/admin/pages/{water_request.pk}/edit/"
    assert client.get(edit_url).status_code == 200
    # a direct publication is not possible: the changes wait as a draft
    client.post(
        edit_url,
        request_form(water_request, "action-publish", title="Очистка вод (ред.)"),
    )
    water_request.refresh_from_db()
    assert water_request.title == "Очистка попутных вод"

    response = client.post(
        edit_url,
        request_form(water_request, "action-submit", title="Очистка вод (ред.)"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    state = WorkflowState.objects.get(
        object_id=str(water_request.pk), status="in_progress"
    )

    approve_url = (
        f"/admin/pages/workflow/action/{water_request.pk}/approve/"
        f"{state.current_task_state.pk}/"
    )
    # four eyes: the editor who submitted it cannot approve it
    task = state.current_task_state.task.specific
    assert task.get_actions(water_request, author) == []
    assert not water_request.permissions_for_user(author).can_publish()
    client.post(approve_url, {"comment": "Сам себе."})
    water_request.refresh_from_db()
    assert water_request.title == "Очистка попутных вод"

    verified_login(client, approver)
    assert not water_request.permissions_for_user(approver).can_publish()  # directly
    response = client.post(approve_url, {"comment": "Проверено."})
    assert response.status_code in (200, 302), response.content.decode()[:2000]
    water_request.refresh_from_db()
    assert water_request.title == "Очистка вод (ред.)" and water_request.live


def test_the_editor_is_told_when_the_closing_date_comes_first(
    client, water_request, editor
):
    verified_login(client, editor)
    response = client.post(
        f"/admin/pages/{water_request.pk}/edit/",
        request_form(
            water_request,
            "action-submit",
            closing_on=(TODAY() - timedelta(days=400)).isoformat(),
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Дата закрытия не может быть раньше даты открытия." in html


def count_queries(client, path):
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context)


def test_the_list_takes_as_many_queries_for_many_requests_as_for_one(
    client, requests_index, subsidiary, django_assert_max_num_queries
):
    add_request(requests_index, subsidiary, "first")
    client.get("/requests/")  # the page frame is made once per generation
    with_one = count_queries(client, "/requests/?status=open")
    for number in range(8):
        add_request(requests_index, subsidiary, f"more-{number}")
    client.get("/requests/")
    with django_assert_max_num_queries(PAGE_QUERY_BUDGET):
        html = client.get("/requests/?status=open").content.decode()
    assert len(titles(html)) == 9
    assert count_queries(client, "/requests/?status=open") == with_one
    assert count_queries(client, "/requests/more-3/") <= PAGE_QUERY_BUDGET
