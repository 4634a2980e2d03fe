"""An application in a real browser: the applicant fills the six steps with two files and
submits; a reviewer passes screening and assigns an expert; the expert assesses; the
reviewer approves; the applicant sees "approved for pilot testing" and the timeline."""

import re

import pytest

from accounts.models import User
from policy.consent import record_policy_consents
from policy.models import PolicyEdition
from submissions.models.applications import Application

from .conftest import (
    admin_login,
    axe_violations,
    close_context,
    describe,
    log_in,
    screenshot,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def renew_consent(email):
    """The demo applicant accepted edition 1; let them have accepted the latest too."""
    user = User.objects.get(email=email)
    edition = PolicyEdition.objects.filter(page__locale__language_code="ru").latest(
        "number"
    )
    record_policy_consents(edition=edition, email=email, form_name="test", user=user)


def workflow_modal(page, url, action):
    """Open the application in the admin and take ``action`` through its modal."""
    page.goto(url)
    button = page.locator(
        f'button[data-workflow-action-name="{action}"][data-workflow-action-modal-url]'
    ).first
    if not button.is_visible():  # the main action shows; the others are in a menu
        page.locator("footer .w-dropdown__toggle").first.click()
    button.click()
    modal = page.locator(".modal-content form")
    modal.wait_for()
    return modal


def test_apply_screen_assess_approve(page, demo_site, browser, settings):
    settings.WAGTAILADMIN_BASE_URL = demo_site.url
    renew_consent("applicant@example.kz")
    log_in(page, demo_site, "applicant@example.kz")

    page.goto(demo_site.url + "/apply/")
    page.click("main form button[type=submit]")  # start a new application
    page.wait_for_url(re.compile(r".*/apply/\d+/step/1/$"))
    page.fill("#id_title", "Акустический детектор утечек")
    page.check("input[name=kind][value=equipment]")
    page.fill("#id_summary", "Детектор слышит утечку по шуму потока.")
    page.fill("#id_problem", "Утечки обнаруживают поздно.")
    page.select_option("#id_subsidiary", index=1)
    page.select_option("#id_trl", "6")
    violations = axe_violations(page)
    assert not violations, describe(violations)
    screenshot(page, "apply_step1_1280")
    page.click("button[value=next]")
    page.wait_for_url(re.compile(r".*/step/2/$"))
    page.fill("#id_applicability_criteria", "Магистральные трубопроводы.")
    page.fill("#id_expected_value", "Сокращение потерь нефти.")
    page.click("button[value=next]")
    page.wait_for_url(re.compile(r".*/step/3/$"))
    page.fill("#id_prior_tests", "Стендовые испытания 2025 года.")
    page.click("button[value=next]")
    page.wait_for_url(re.compile(r".*/step/4/$"))
    page.click("button[value=next]")
    page.wait_for_url(re.compile(r".*/step/5/$"))

    for category, name in (
        ("technical_documentation", "описание.pdf"),
        ("presentation", "презентация.pdf"),
    ):
        page.select_option("#id_category", category)
        page.set_input_files(
            "#id_file", {"name": name, "mimeType": "application/pdf", "buffer": PDF}
        )
        page.click("button[value=upload]")  # sent by XHR; the list is updated in place
        page.locator("[data-upload-files]", has_text=name).wait_for()
        assert name in page.inner_text("main")
    violations = axe_violations(page)
    assert not violations, describe(violations)
    screenshot(page, "apply_step5_1280")
    page.click("button[value=next]")
    page.wait_for_url(re.compile(r".*/step/6/$"))
    page.check("#id_rights_confirmed")
    screenshot(page, "apply_step6_1280")
    page.click("button[value=submit]")
    page.wait_for_url(re.compile(r".*/submitted/$"))
    application = Application.objects.get(title="Акустический детектор утечек")
    assert application.reference in page.inner_text("main")

    edit = (
        f"{demo_site.url}/admin/snippets/submissions/application/edit/{application.pk}/"
    )
    reviewer_context, reviewer = admin_login(browser, demo_site, "reviewer@example.kz")
    modal = workflow_modal(reviewer, edit, "approve")
    modal.locator("label", has_text="Ким Виктория").click()  # the demo expert
    with reviewer.expect_navigation():
        modal.locator("button[type=submit]").click()
    application.refresh_from_db()
    assert application.status == "assessment"

    expert_context, expert = admin_login(browser, demo_site, "expert@example.kz")
    expert.goto(f"{demo_site.url}/admin/applications/{application.pk}/assessment/")
    # before the dossier opens, the expert declares no conflict of interest
    declaration = expert.locator(
        "main form:has(input[name=declaration][value=no_conflict])"
    )
    declaration.locator("textarea").fill(
        "Не связана с заявителем ни работой, ни родством."
    )
    with expert.expect_navigation():
        declaration.locator("button[type=submit]").click()
    form = expert.locator("main form")
    for name in ("novelty", "group_fit", "economic_effect", "safety", "readiness"):
        form.locator(f"input[name={name}][value='4']").check()
    form.locator("input[name=recommendation][value=recommend]").check()
    form.locator("textarea[name=comment]").fill("Стоит испытать.")
    screenshot(expert, "admin_assessment_screen_1280")
    with expert.expect_navigation():
        form.locator("button[name=step][value=check]").click()
    # the check before sending: the average of five fours, nothing sent yet
    assert "4" in expert.inner_text(".assessment__average--final")
    with expert.expect_navigation():
        expert.click("main form button[name=step][value=send]")
    close_context(expert_context)
    application.refresh_from_db()
    assert application.status == "decision"

    modal = workflow_modal(reviewer, edit, "approve")
    with reviewer.expect_navigation():
        modal.locator("button[type=submit]").click()
    screenshot(reviewer, "admin_application_1280")
    close_context(reviewer_context)
    application.refresh_from_db()
    assert application.status == "approved"

    page.goto(f"{demo_site.url}/account/applications/{application.pk}/")
    assert "Одобрена для ОПИ" in page.inner_text("main")
    assert page.locator(".timeline__stage--done").count() == 4
    violations = axe_violations(page)
    assert not violations, describe(violations)
    screenshot(page, "account_application_1280")
