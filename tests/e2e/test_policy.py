"""The privacy policy in a real browser: an approver approves a new edition in the admin,
an applicant renews their consent, a visitor closes the cookie notice with the keyboard."""

import re

import pytest

from accounts.models import User
from policy.models import ConsentRecord, PolicyPage

from .conftest import axe_violations, describe, log_in, screenshot, sign_in_to_admin

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_approver_approves_an_edition_and_it_goes_live(page, demo_site):
    policy = PolicyPage.objects.get(locale__language_code="ru")
    editor = User.objects.get(email="editor@example.kz")
    policy.change_summary = "Уточнены контакты для обращений."
    policy.requires_renewed_consent = False
    policy.save_revision(user=editor)
    policy.get_workflow().start(policy, editor)  # the editor submits it for approval

    page.goto(demo_site.url + "/policy/")
    assert "Редакция 2," in page.inner_text(".policy__edition")

    sign_in_to_admin(page, demo_site.url, "approver@example.kz")
    page.goto(f"{demo_site.url}/admin/pages/{policy.pk}/edit/")
    page.locator("footer .w-dropdown__toggle").first.click()
    approve = page.locator(
        'button[data-workflow-action-name="approve"]'
        ":not([data-workflow-action-modal-url])"
    )
    approve.click()
    page.wait_for_load_state()

    page.goto(demo_site.url + "/policy/")
    assert "Редакция 3," in page.inner_text(".policy__edition")
    page.goto(demo_site.url + "/policy/editions/")
    assert "Уточнены контакты для обращений." in page.inner_text("main")
    assert policy.editions.count() == 3
    assert page.console_watch.csp_violations() == []


def test_an_applicant_renews_consent(page, demo_site):
    log_in(page, demo_site, "applicant@example.kz")
    page.goto(demo_site.url + "/news/")
    page.wait_for_url(re.compile(r".*/account/consent/\?next=%2Fnews%2F$"))
    assert page.inner_text("h1") == "Политика конфиденциальности изменилась"
    assert page.locator(".change ins, .change del").count() >= 2
    screenshot(page, "renewed_consent_1280")

    page.click("text=Принять и продолжить")  # nothing ticked yet
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.locator(".field__error").count() == 2
    violations = axe_violations(page)
    assert not violations, describe(violations)

    page.focus("#id_accept_policy")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.click("text=Принять и продолжить")
    page.wait_for_url(re.compile(r".*/news/$"))
    assert "зарегистрировано" in page.inner_text(".messages")
    assert (
        ConsentRecord.objects.filter(
            email="applicant@example.kz",
            edition__number=2,
            purpose__in=ConsentRecord.POLICY_PURPOSES,
        ).count()
        == 2
    )
    assert page.console_watch.csp_violations() == []


def test_the_cookie_notice_closes_from_the_keyboard(page, demo_site):
    page.goto(demo_site.url + "/")
    notice = page.locator("[data-cookie-notice]")
    assert notice.is_visible()
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the policy link in the notice
    assert page.evaluate("document.activeElement.textContent") == (
        "Политика конфиденциальности"
    )
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    notice.wait_for(state="detached")
    page.reload()
    assert page.locator("[data-cookie-notice]").count() == 0
    assert page.console_watch.csp_violations() == []
