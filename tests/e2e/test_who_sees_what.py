"""Trying, in a real browser, to reach a person one may not see: an expert, an editor and
a reviewer go to the admin's surfaces that once showed applicants to anyone (site history,
the choosers, an application not theirs, a draft, a blocked applicant's registration) and
find nothing of them."""

import pytest

from accounts.models import User
from privacy.blocking import block_applicant
from submissions.models.applications import Application, ApplicationStatus

from .conftest import admin_login, close_context, screenshot

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def applicant_markers(applicant):
    profile = applicant.applicant_profile
    markers = [applicant.email, profile.full_name]
    if profile.bin_iin:
        markers.append(profile.bin_iin)
    return [marker for marker in markers if marker]


def test_no_one_reaches_a_person_they_may_not_see(browser, demo_site):
    applicant = User.objects.get(email="applicant@example.kz")
    expert = User.objects.get(email="expert@example.kz")
    markers = applicant_markers(applicant)
    not_assigned = (
        Application.objects.exclude(status=ApplicationStatus.DRAFT)
        .exclude(experts=expert)
        .first()
    )
    draft = Application.objects.filter(status=ApplicationStatus.DRAFT).first()
    admin = "/admin/snippets"
    tried = {
        "expert@example.kz": [
            "/admin/reports/site-history/",
            f"{admin}/choose/submissions/application/",
            f"{admin}/choose/submissions/registrationrequest/",
            f"{admin}/submissions/application/edit/{not_assigned.pk}/",
            f"{admin}/submissions/application/history/{not_assigned.pk}/",
            f"{admin}/submissions/registrationrequest/",
            f"/admin/applications/{not_assigned.pk}/assessment/",
        ],
        "editor@example.kz": [
            "/admin/reports/site-history/",
            f"{admin}/choose/submissions/application/",
            f"{admin}/submissions/application/",
            f"{admin}/submissions/registrationrequest/",
            "/admin/reports/workflow/",
        ],
        "reviewer@example.kz": [
            "/admin/reports/site-history/",
            f"{admin}/choose/submissions/registrationrequest/",
            f"{admin}/submissions/application/edit/{draft.pk}/",
        ],
    }
    for email, paths in tried.items():
        context, page = admin_login(browser, demo_site, email)
        for path in paths:
            response = page.goto(demo_site.url + path)
            assert response.status in (403, 404), (email, path, response.status)
            text = page.content()
            for marker in markers:
                assert marker not in text, (email, path, marker)
        screenshot(page, f"refused_{email.split('@')[0]}")
        close_context(context)

    # blocked: the reviewer sees the pseudonym and is sent back with the reason
    block_applicant(applicant.applicant_profile, User.objects.get(is_superuser=True))
    registration = applicant.applicant_profile.registration_requests.first()
    context, page = admin_login(browser, demo_site, "reviewer@example.kz")
    page.goto(demo_site.url + f"{admin}/submissions/registrationrequest/")
    listing = page.inner_text("main")
    assert "заблокировано" in listing
    for marker in markers:
        assert marker not in listing
    page.goto(
        demo_site.url
        + f"{admin}/submissions/registrationrequest/edit/{registration.pk}/"
    )
    assert page.url.endswith("/submissions/registrationrequest/")
    main = page.inner_text("main")
    assert "заблокированы на время проверки" in page.content()
    for marker in markers:
        assert marker not in main
    screenshot(page, "refused_blocked_registration")
    close_context(context)
