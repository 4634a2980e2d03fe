"""The expert's declaration of independence in a real browser: the demo expert, given
access to an application again, follows the link on the admin's home and is asked to
declare before anything else of it opens (only its reference, title and organization
shown; no axe violation); a conflict sent without a reason says so and keeps the page;
with the reason, the conflict is recorded, the application leaves the expert's list and
its URLs are refused to them from then on."""

import re

import pytest

from accounts.models import User
from submissions.applications.review import assign_experts
from submissions.models.applications import Application, Disclosure

from .conftest import admin_login, axe_violations, close_context, describe

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REASON = "Моя супруга работает в ТОО «Степь Инжиниринг» в службе закупок."


def audited(page):
    """axe's blocking violations once the admin's messages have faded in (mid-way, their
    colours are not yet their own)."""
    page.wait_for_function(
        "() => document.getAnimations().every(a => a.playState !== 'running'"
        " || !a.effect.target.closest('.messages'))"
    )
    return axe_violations(page)


def conflict_form(page):
    return page.locator("main form:has(input[name=declaration][value=conflict])")


def test_the_expert_declares_a_conflict_and_loses_the_application(browser, demo_site):
    expert = User.objects.get(email="expert@example.kz")
    reviewer = User.objects.get(email="reviewer@example.kz")
    application = Application.objects.get(
        title="Беспилотный мониторинг утечек на трубопроводе"
    )
    # given access again (a new assignment): the expert declares again
    others = list(
        application.experts.exclude(pk=expert.pk).values_list("pk", flat=True)
    )
    assign_experts(application, others, reviewer)
    assign_experts(application, [*others, expert.pk], reviewer)
    assessment = f"{demo_site.url}/admin/applications/{application.pk}/assessment/"
    declaration = f"{demo_site.url}/admin/applications/{application.pk}/declaration/"

    context, page = admin_login(browser, demo_site, "expert@example.kz")
    try:
        page.goto(demo_site.url + "/admin/")
        page.locator(
            "#opi-assessments-content a", has_text=application.reference
        ).click()
        page.wait_for_url(
            re.compile(rf".*/admin/applications/{application.pk}/declaration/$")
        )

        main = page.inner_text("main")
        assert application.title in main and application.reference in main
        assert "ТОО «Степь Инжиниринг»" in main  # the organization
        assert application.summary not in main  # nothing of the dossier yet
        assert page.locator("main a[href*='/files/applications/']").count() == 0
        violations = audited(page)
        assert not violations, describe(violations)

        # the conflict without a reason: said beside the field, nothing recorded
        conflict_form(page).locator("textarea").fill("  ")
        with page.expect_navigation():
            conflict_form(page).locator("button[type=submit]").click()
        assert conflict_form(page).locator(".error-message").count() == 1
        assert not application.disclosures.filter(
            expert=expert, action=Disclosure.CONFLICT
        ).exists()
        violations = audited(page)
        assert not violations, describe(violations)

        conflict_form(page).locator("textarea").fill(REASON)
        with page.expect_navigation():
            conflict_form(page).locator("button[type=submit]").click()
        page.wait_for_url(re.compile(r".*/admin/snippets/submissions/application/$"))
        assert application.reference not in page.inner_text("main")

        # from then on, nothing of it: the screens answer "not found"
        for url in (assessment, declaration):
            response = page.goto(url)
            assert response.status == 404, url
        page.goto(demo_site.url + "/admin/")
        assert application.reference not in page.inner_text("main")
    finally:
        close_context(context)

    recorded = application.disclosures.get(expert=expert, action=Disclosure.CONFLICT)
    assert recorded.statement == REASON
    assert not application.experts.filter(pk=expert.pk).exists()
