"""Registration in a real browser: an individual registers with only what the policy
lists (name, e-mail, residency; no IIN, no job title, no phone), confirms the address with
the link from the e-mail, a reviewer approves the registration in the admin, and the
dashboard says "verified"."""

import re

import pytest
from django.core import mail
from django.db import connection

from submissions.models.registrations import ApplicantProfile

from .conftest import (
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

EMAIL = "saule@example.kz"
PASSWORD = "a-long-and-fine-password"


def test_register_confirm_approve_and_see_verified(page, demo_site, settings):
    settings.WAGTAILADMIN_BASE_URL = demo_site.url  # the links in the e-mails
    page.goto(demo_site.url + "/register/")
    # the fields follow the answers: a legal entity gives its BIN, or its country when
    # not resident; an individual gives neither (policy 3.3-3.4: name and e-mail)
    page.check("input[name=person_type][value=legal_entity]")
    page.check("input[name=resident][value=yes]")
    assert page.is_visible("#id_bin_iin") and not page.is_visible("#id_country")
    page.check("input[name=resident][value=no]")
    assert page.is_visible("#id_country") and not page.is_visible("#id_bin_iin")
    page.check("input[name=person_type][value=individual]")
    assert not page.is_visible("#id_organization")
    assert not page.is_visible("#id_country") and not page.is_visible("#id_bin_iin")
    page.check("input[name=resident][value=yes]")
    assert not page.is_visible("#id_bin_iin")
    assert not page.is_visible("#id_represented_email")
    assert page.locator("#id_position").count() == 0  # no job title is asked for
    # the phone is optional and says why it is asked, bound to the field
    assert page.locator("label[for=id_phone] .field__required").count() == 0
    assert page.get_attribute("#id_phone", "aria-describedby") == "id_phone_helptext"
    assert page.is_visible("#id_phone_helptext")
    page.fill("#id_full_name", "Сейтова Сауле Маратовна")
    page.fill("#id_email", EMAIL)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.check("#id_accept_policy")
    page.check("#id_consent_processing")
    page.fill("#id_captcha_1", "PASSED")
    violations = axe_violations(page)
    assert not violations, describe(violations)
    screenshot(page, "register_filled_1280")
    page.click(".registration-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/register/thanks/$"))
    assert page.locator("main a[href$='/accounts/verify/resend/']").count() == 1

    # the link from the e-mail opens the login
    sent = [m for m in mail.outbox if m.to == [EMAIL]]
    assert sent, (
        "no e-mail to the address registered",
        [m.to for m in mail.outbox],
        # what would tell why: the account made? the e-mails waiting for a commit?
        list(ApplicantProfile.objects.values_list("user__email", flat=True)),
        connection.in_atomic_block,
        len(connection.run_on_commit),
    )
    message = sent[0]
    link = re.search(r"https?://\S+/accounts/verify/\S+/", message.body).group(0)
    page.goto(link)
    page.wait_for_url(re.compile(r".*/accounts/login/$"))
    page.fill("input[name=username]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/account/$"))
    assert "Ожидает проверки" in page.inner_text("main")
    violations = axe_violations(page)
    assert not violations, describe(violations)
    screenshot(page, "account_awaiting_1280")

    # a reviewer approves it in the admin
    reviewer = page.context.browser.new_context(viewport={"width": 1280, "height": 900})
    admin = reviewer.new_page()
    sign_in_to_admin(admin, demo_site.url, "reviewer@example.kz")
    assert "Сейтова Сауле Маратовна" in admin.inner_text("main")  # awaiting review
    profile = ApplicantProfile.objects.get(user__email=EMAIL)
    assert (profile.bin_iin, profile.country, profile.phone) == ("", "", "")
    registration = profile.registration_requests.get()
    admin.goto(
        f"{demo_site.url}/admin/snippets/submissions/registrationrequest/edit/"
        f"{registration.pk}/"
    )
    details = admin.inner_text("main")
    assert "Сейтова Сауле Маратовна" in details and EMAIL in details
    screenshot(admin, "admin_registration_1280")
    admin.locator("footer .w-dropdown__toggle").first.click()
    admin.locator(
        'button[data-workflow-action-name="approve"]'
        ":not([data-workflow-action-modal-url])"
    ).click()
    admin.wait_for_load_state()
    close_context(reviewer)

    page.reload()
    assert "Подтверждена" in page.inner_text("main")
    assert any(m.to == [EMAIL] and "подтверждена" in m.subject for m in mail.outbox)
    screenshot(page, "account_verified_1280")
