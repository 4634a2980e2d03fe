"""The reviewers' workspace in a real browser: a reviewer filters the register, opens a
dossier and gives an expert access; the expert logs in and sees exactly that application,
on their own screen, without the applicant's personal contacts."""

import pytest
from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import User
from submissions.models.applications import Application

from .conftest import (
    admin_login,
    axe_violations,
    close_context,
    describe,
    screenshot,
    sign_in_to_admin,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "another-expert-password"


def test_filter_open_dossier_assign_expert_and_the_expert_sees_one(
    page, demo_site, browser
):
    expert = User.objects.create_user(
        email="new-expert@example.kz", password=PASSWORD, full_name="Новый Эксперт"
    )
    expert.groups.add(Group.objects.get(name=roles.EXPERTS))
    screening = Application.objects.get(
        status="screening", technology_request__isnull=True
    )

    context, reviewer = admin_login(browser, demo_site, "reviewer@example.kz")
    reviewer.goto(
        demo_site.url + "/admin/snippets/submissions/application/"
        "?status=screening&technology_request=null"
    )
    rows = reviewer.locator("table.listing tbody tr")
    assert rows.count() == 1 and screening.reference in rows.first.inner_text()
    reviewer.goto(
        f"{demo_site.url}/admin/snippets/submissions/application/inspect/{screening.pk}/"
    )
    assert "Досье заявки" in reviewer.inner_text("main")
    assert "Регистрация заявителя" in reviewer.inner_text("main")
    screenshot(reviewer, "admin_dossier_1280")
    reviewer.goto(f"{demo_site.url}/admin/applications/{screening.pk}/experts/")
    reviewer.locator("label", has_text="Новый Эксперт").click()
    with reviewer.expect_navigation():
        reviewer.locator("main form button[type=submit]").click()
    close_context(context)
    assert list(screening.experts.all()) == [expert]
    assert screening.disclosures.get().by.email == "reviewer@example.kz"

    sign_in_to_admin(page, demo_site.url, expert.email, PASSWORD)
    page.goto(demo_site.url + "/admin/snippets/submissions/application/")
    rows = page.locator("table.listing tbody tr")
    assert rows.count() == 1
    text = page.inner_text("main")
    assert screening.reference in text
    profile = screening.applicant.applicant_profile
    for personal in (screening.applicant.email, profile.bin_iin, profile.full_name):
        assert personal not in text
    # the expert reads an application on their own screen (the dossier is the reviewers')
    page.goto(f"{demo_site.url}/admin/applications/{screening.pk}/assessment/")
    dossier = page.inner_text("main")
    assert screening.title in dossier
    for personal in (screening.applicant.email, profile.bin_iin, profile.phone):
        assert personal not in dossier
    violations = axe_violations(page)
    assert not violations, describe(violations)
