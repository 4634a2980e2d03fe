"""Technology requests in a real browser (issue 19): a visitor finds an open request
with the list's filters, is sent to log in by "Apply to this request", registers,
confirms the address, and once verified applies to the request with its own questions
and the file it asks for; a reviewer filters the register by the request and finds the
application there, and only applications to it."""

import re

import pytest
from django.core import mail

from submissions.models.applications import Application
from submissions.technology_requests.pages import TechnologyRequestPage
from tests.factories import PDF
from tests.helpers import approve_registration

from .conftest import admin_login, axe_violations, close_context, describe, screenshot

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EMAIL = "aigerim@example.kz"
PASSWORD = "a-long-and-fine-password"
TITLE = "Электрокоагуляция попутных вод"


def register(page, base):
    page.goto(base + "/register/")
    page.check("input[name=person_type][value=individual]")
    page.check("input[name=resident][value=yes]")
    page.fill("#id_full_name", "Жакупова Айгерим")
    page.fill("#id_email", EMAIL)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.check("#id_accept_policy")
    page.check("#id_consent_processing")
    page.fill("#id_captcha_1", "PASSED")
    page.click(".registration-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/register/thanks/$"))
    message = next(m for m in mail.outbox if m.to == [EMAIL])
    link = re.search(r"https?://\S+/accounts/verify/\S+/", message.body).group(0)
    page.goto(link)
    page.wait_for_url(re.compile(r".*/accounts/login/$"))
    page.fill("main input[name=username]", EMAIL)
    page.fill("main input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/account/$"))


def test_a_visitor_finds_a_request_registers_applies_and_a_reviewer_filters_by_it(
    page, demo_site, browser, settings
):
    settings.WAGTAILADMIN_BASE_URL = demo_site.url
    base = demo_site.url
    water = TechnologyRequestPage.objects.get(
        slug="produced-water-treatment", locale__language_code="ru"
    )

    # the list, from the main menu, narrowed by its filters
    page.goto(base + "/")
    page.click(".main-nav >> text=Технологические запросы")
    page.wait_for_url(re.compile(r".*/requests/$"))
    page.select_option("#id_status", "open")
    page.select_option("#id_area", "ecology")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r".*/requests/\?.*status=open"))
    cards = page.locator(".request-card h2")
    assert cards.all_inner_texts() == ["Очистка попутно добываемых вод"]
    violations = axe_violations(page)
    assert not violations, describe(violations)
    screenshot(page, "requests_filtered_1280")
    cards.first.locator("a").click()
    page.wait_for_url(re.compile(r".*/requests/produced-water-treatment/$"))
    assert "Протокол анализа очищенной воды" in page.inner_text("main")
    violations = axe_violations(page)
    assert not violations, describe(violations)
    screenshot(page, "request_1280")
    page.click("text=Подать заявку по этому запросу")
    # a visitor is asked to log in first, and the way back is kept
    page.wait_for_url(re.compile(r".*/accounts/login/\?next=.*request"))

    register(page, base)
    approve_registration(EMAIL)  # a reviewer verifies the registration

    page.goto(base + "/requests/produced-water-treatment/")
    page.click("text=Подать заявку по этому запросу")
    page.wait_for_url(re.compile(rf".*/apply/\?request={water.pk}$"))
    page.click("text=Начать заявку по этому запросу")
    page.wait_for_url(re.compile(r".*/apply/\d+/step/1/$"))
    main = page.locator("main")
    assert "Вопросы запроса «Очистка попутно добываемых вод»" in main.inner_text()
    page.fill("#id_title", TITLE)
    page.check("input[name=kind][value=technology]")
    page.fill("#id_summary", "Очистка воды электрокоагуляцией.")
    page.fill("#id_problem", "Вода не годится для закачки.")
    page.select_option("#id_trl", "6")
    # the request's own questions: a number, yes or no, a choice
    page.get_by_label("Производительность установки (м³/сут)").fill("450")
    page.locator("fieldset", has_text="минерализацией").get_by_label("Да").check()
    page.get_by_label("Технология очистки").select_option("Комбинированная")
    violations = axe_violations(page)
    assert not violations, describe(violations)
    screenshot(page, "request_apply_step1_1280")
    page.click("button[value=next]")
    page.wait_for_url(re.compile(r".*/step/2/$"))
    page.fill("#id_applicability_criteria", "Месторождения с высокой минерализацией.")
    page.fill("#id_expected_value", "Закачка без сброса.")
    page.click("button[value=next]")
    page.wait_for_url(re.compile(r".*/step/3/$"))
    page.fill("#id_prior_tests", "Пилот на стенде, 2025 год.")
    page.click("button[value=next]")
    page.wait_for_url(re.compile(r".*/step/4/$"))
    page.click("button[value=next]")
    page.wait_for_url(re.compile(r".*/step/5/$"))
    # the request asks for the analysis report too
    assert "Протокол анализа очищенной воды" in page.inner_text("main")
    for category, name in (
        ("technical_documentation", "описание.pdf"),
        ("presentation", "презентация.pdf"),
        ("lab_report", "протокол.pdf"),
    ):
        page.select_option("#id_category", category)
        page.set_input_files(
            "#id_file", {"name": name, "mimeType": "application/pdf", "buffer": PDF}
        )
        page.click("button[value=upload]")
        page.locator("[data-upload-files]", has_text=name).wait_for()
    page.click("button[value=next]")
    page.wait_for_url(re.compile(r".*/step/6/$"))
    page.check("#id_rights_confirmed")
    page.click("button[value=submit]")
    page.wait_for_url(re.compile(r".*/submitted/$"))
    application = Application.objects.get(title=TITLE)
    assert application.technology_request_id == water.pk
    answers = {
        entry["question"]: entry["answer"]
        for entry in application.request_answers.values()
    }
    assert answers["Производительность установки"] == "450"
    assert answers["Технология очистки"] == "Комбинированная"

    # the reviewer's register, filtered by the request
    context, reviewer = admin_login(browser, demo_site, "reviewer@example.kz")
    register_url = base + "/admin/snippets/submissions/application/"
    reviewer.goto(register_url)
    assert TITLE in reviewer.inner_text("main")
    # the register's filter offers the request; choosing it narrows the list
    choice = reviewer.locator(
        f"select[name=technology_request] option[value='{water.pk}']"
    )
    assert (
        choice.count() == 1 and "Очистка попутно добываемых вод" in choice.inner_text()
    )
    reviewer.goto(f"{register_url}?technology_request={water.pk}")
    listing = reviewer.inner_text("main")
    assert TITLE in listing
    assert "Цифровой двойник установки подготовки нефти" not in listing  # not to it
    screenshot(reviewer, "admin_register_by_request_1280")
    close_context(context)
