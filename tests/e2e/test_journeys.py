"""The three ways through the portal, each in Russian and in Kazakh, walked in a real
browser at one width and looked at on every key page at 390 and 1280 px (``Journey``):
no page wider than the screen, no axe-core violation, no console error, no page left
answering a post (a reload would ask to send the form again), the journey's language
on every page.

- The applicant: from the home page's button to registration, the e-mail's link, the
  account waiting for verification, then verified; the application's six steps with
  two files, submitted; the application's page in the account.
- The reviewer: the admin's home, a registration to verify (approved), the register
  of applications and its filter, a dossier, an expert given access, screening passed.
- The expert: the admin's home, the assigned application beside the rubric, half a
  form refused, the check before sending, the assessment sent.

Staff work in the admin in their chosen language: the portal's own screens are in
Kazakh, Wagtail's own words (which it has no Kazakh for) fall back to Russian.
"""

import re

import pytest
from django.core import mail
from wagtail.users.models import UserProfile

from accounts.models import User
from submissions.models.applications import Application, ExpertAssessment
from submissions.models.registrations import ApplicantProfile, VerificationStatus
from tests.helpers import approve_registration

from .conftest import sign_in_to_admin
from .journey import Journey

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Each language is walked at one width and looked at in both.
WALKS = [("ru", 1280), ("kk", 390)]
PASSWORD = "a-long-and-fine-password"
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
KAZAKH_LETTERS = re.compile("[әғқңөұүһі]", re.IGNORECASE)
ANSWERS = {
    "ru": {
        "full_name": "Сейтова Сауле Маратовна",
        "title": "Акустический детектор утечек",
        "summary": "Детектор слышит утечку по шуму потока.",
        "problem": "Утечки обнаруживают поздно.",
        "applicability_criteria": "Магистральные трубопроводы.",
        "expected_value": "Сокращение потерь нефти.",
        "prior_tests": "Стендовые испытания 2025 года.",
    },
    "kk": {
        "full_name": "Сейітова Сәуле Маратқызы",
        "title": "Ағып кетуді естіп табатын акустикалық детектор",
        "summary": "Детектор ағынның шуы бойынша ағып кетуді естиді.",
        "problem": "Ағып кетулер кеш анықталады.",
        "applicability_criteria": "Магистральдық құбырлар.",
        "expected_value": "Мұнай шығынының азаюы.",
        "prior_tests": "2025 жылғы стендтік сынақтар.",
    },
}


def in_language(language, text):
    """Whether an e-mail's ``text`` is written in ``language`` (Kazakh has letters of
    its own that Russian lacks)."""
    return bool(KAZAKH_LETTERS.search(text)) == (language == "kk")


def staff_speaks(email, language):
    """The admin language the member of staff chose (Account → Preferences)."""
    profile = UserProfile.get_for_user(User.objects.get(email=email))
    profile.preferred_language = language
    profile.save()


@pytest.mark.parametrize(("language", "width"), WALKS)
def test_the_applicants_journey(browser, demo_site, settings, language, width):
    settings.WAGTAILADMIN_BASE_URL = demo_site.url  # the links in the e-mails
    base = demo_site.url
    answers = ANSWERS[language]
    email = f"saule.{language}@example.kz"
    journey = Journey(browser, "applicant", language, width)
    page = journey.page
    try:
        page.goto(journey.url(base, "/"))
        journey.look("home")
        page.click(".hero__actions .button--primary")  # one click to the form
        journey.wait_for(r".*/register/$")
        journey.look("register")

        page.check("input[name=person_type][value=individual]")
        page.check("input[name=resident][value=yes]")
        page.fill("#id_full_name", answers["full_name"])
        page.fill("#id_email", email)
        page.fill("#id_password1", PASSWORD)
        page.fill("#id_password2", PASSWORD)
        page.check("#id_accept_policy")
        page.check("#id_consent_processing")
        page.fill("#id_captcha_1", "PASSED")
        page.click(".registration-form button[type=submit]")
        journey.wait_for(r".*/register/thanks/$")
        journey.look("registered")

        message = next(m for m in mail.outbox if m.to == [email])
        assert in_language(language, message.subject + message.body), message.subject
        link = re.search(r"https?://\S+/accounts/verify/\S+/", message.body).group(0)
        page.goto(link)
        journey.wait_for(r".*/accounts/login/$")
        journey.look("login")
        page.fill("main input[name=username]", email)
        page.fill("main input[name=password]", PASSWORD)
        page.click("main form button[type=submit]")
        journey.wait_for(r".*/account/$")
        journey.look("account-awaiting")

        approve_registration(email)
        verified = next(m for m in mail.outbox if m.to == [email] and m is not message)
        assert in_language(language, verified.subject), verified.subject
        page.reload()
        journey.look("account-verified")
        page.click("main a.button--primary[href$='/apply/']")
        journey.wait_for(r".*/apply/$")
        journey.look("apply")

        page.click("main form button[type=submit]")  # start a new application
        journey.wait_for(r".*/apply/\d+/step/1/$")
        journey.look("step-1")
        page.fill("#id_title", answers["title"])
        page.check("input[name=kind][value=equipment]")
        page.fill("#id_summary", answers["summary"])
        page.fill("#id_problem", answers["problem"])
        page.select_option("#id_subsidiary", index=1)
        page.select_option("#id_trl", "6")
        page.click("button[value=next]")
        journey.wait_for(r".*/step/2/$")
        page.fill("#id_applicability_criteria", answers["applicability_criteria"])
        page.fill("#id_expected_value", answers["expected_value"])
        page.click("button[value=next]")
        journey.wait_for(r".*/step/3/$")
        page.fill("#id_prior_tests", answers["prior_tests"])
        page.click("button[value=next]")
        journey.wait_for(r".*/step/4/$")
        page.click("button[value=next]")
        journey.wait_for(r".*/step/5/$")
        page.click("button[value=next]")  # no file yet: refused, the step stays
        journey.wait_for(r".*/step/5/\?check=1$")
        journey.look("step-5-refused")
        for category, name in (
            ("technical_documentation", "описание.pdf"),
            ("presentation", "презентация.pdf"),
        ):
            page.select_option("#id_category", category)
            page.set_input_files(
                "#id_file", {"name": name, "mimeType": "application/pdf", "buffer": PDF}
            )
            page.click("button[value=upload]")  # sent by the script, listed in place
            page.locator("[data-upload-files]", has_text=name).wait_for()
        journey.look("step-5-files")
        page.click("button[value=next]")
        journey.wait_for(r".*/step/6/$")
        page.click("button[value=submit]")  # the rights not confirmed yet: refused
        journey.wait_for(r".*/step/6/\?check=1$")
        assert page.locator(".error-summary a[href='#id_rights_confirmed']").count()
        journey.look("step-6-refused")
        page.check("#id_rights_confirmed")
        page.click("button[value=submit]")
        journey.wait_for(r".*/submitted/$")
        application = Application.objects.get(title=answers["title"])
        assert application.reference in page.inner_text("main")
        journey.look("submitted")

        page.goto(journey.url(base, f"/account/applications/{application.pk}/"))
        assert application.reference in page.inner_text("main")
        journey.look("application")
    finally:
        journey.close()
    assert application.status == "screening"
    assert ApplicantProfile.objects.get(user__email=email).status == (
        VerificationStatus.VERIFIED
    )


@pytest.mark.parametrize(("language", "width"), WALKS)
def test_the_reviewers_journey(browser, demo_site, settings, language, width):
    settings.WAGTAILADMIN_BASE_URL = demo_site.url
    base = demo_site.url
    staff_speaks("reviewer@example.kz", language)
    newcomer = ApplicantProfile.objects.get(user__email="newcomer@example.kz")
    screening = Application.objects.get(
        status="screening", technology_request__isnull=True
    )
    journey = Journey(browser, "reviewer", language, width)
    page = journey.page
    try:
        sign_in_to_admin(page, base, "reviewer@example.kz")
        journey.look("home")

        page.locator("main a", has_text=newcomer.user.email).first.click()
        journey.wait_for(r".*/registrationrequest/edit/\d+/$")
        assert newcomer.user.email in page.inner_text("main")
        journey.look("registration")
        page.locator("footer .w-dropdown__toggle").first.click()
        page.locator(
            'button[data-workflow-action-name="approve"]'
            ":not([data-workflow-action-modal-url])"
        ).click()
        page.wait_for_load_state()
        journey.look("registration-approved")

        page.goto(base + "/admin/snippets/submissions/application/")
        journey.look("register")
        page.goto(
            base + "/admin/snippets/submissions/application/"
            "?status=screening&technology_request=null"
        )
        rows = page.locator("table.listing tbody tr")
        assert rows.count() == 1 and screening.reference in rows.first.inner_text()
        journey.look("register-screening")
        page.goto(
            f"{base}/admin/snippets/submissions/application/inspect/{screening.pk}/"
        )
        journey.look("dossier")

        page.goto(f"{base}/admin/applications/{screening.pk}/experts/")
        journey.look("experts")
        page.locator("label", has_text="Ким Виктория").click()  # the demo expert
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        journey.look("expert-given-access")

        page.goto(f"{base}/admin/snippets/submissions/application/edit/{screening.pk}/")
        button = page.locator(
            'button[data-workflow-action-name="approve"][data-workflow-action-modal-url]'
        ).first
        if not button.is_visible():  # the main action shows; the others are in a menu
            page.locator("footer .w-dropdown__toggle").first.click()
        button.click()
        modal = page.locator(".modal-content form")
        modal.wait_for()
        # the experts to assess: the one given access is among the choices
        modal.get_by_label(re.compile("Ким Виктория")).check()
        with page.expect_navigation():
            modal.locator("button[type=submit]").click()
        journey.look("screening-passed")
    finally:
        journey.close()
    newcomer.refresh_from_db()
    screening.refresh_from_db()
    assert newcomer.status == VerificationStatus.VERIFIED
    assert screening.status == "assessment"
    assert [expert.email for expert in screening.experts.all()] == ["expert@example.kz"]


@pytest.mark.parametrize(("language", "width"), WALKS)
def test_the_experts_journey(browser, demo_site, language, width):
    staff_speaks("expert@example.kz", language)
    application = Application.objects.get(
        status="assessment", technology_request__isnull=True
    )
    journey = Journey(browser, "expert", language, width)
    page = journey.page
    try:
        sign_in_to_admin(page, demo_site.url, "expert@example.kz")
        journey.look("home")
        page.locator(
            "#opi-assessments-content a", has_text=application.reference
        ).click()
        journey.wait_for(rf".*/admin/applications/{application.pk}/assessment/$")
        assert application.title in page.inner_text("main")
        journey.look("assessment")

        page.check("#id_novelty_3")  # half a form: refused, what was chosen stays
        page.click("main form button[name=step][value=check]")
        page.wait_for_load_state()
        assert page.locator(".assessment__group .error-message").count() == 5
        assert page.is_checked("#id_novelty_3")
        journey.look("assessment-refused")

        form = page.locator("main form")
        for name in ("novelty", "group_fit", "economic_effect", "safety", "readiness"):
            form.locator(f"input[name={name}][value='4']").check()
        form.locator("input[name=recommendation][value=recommend]").check()
        with page.expect_navigation():
            form.locator("button[name=step][value=check]").click()
        assert "4" in page.inner_text(".assessment__average--final")
        assert not ExpertAssessment.objects.filter(application=application).exists()
        journey.look("check")
        with page.expect_navigation():
            page.click("main form button[name=step][value=send]")
        journey.look("sent")
    finally:
        journey.close()
    application.refresh_from_db()
    assert application.status == "decision"
