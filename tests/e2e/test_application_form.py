"""The application form without surprises (issue 17) in a real browser: no reload ever
sends a form again, an upload after a refused "Next" stays on the step, leaving with
unsaved changes asks first, the error summary links to real fields, and no page of the
form or the account is wider than a phone's screen."""

import re

import pytest

from accounts.models import User
from policy.consent import record_policy_consents
from policy.models import PolicyEdition
from submissions.models.applications import Application

from .conftest import close_context, log_in, screenshot

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
EMAIL = "applicant@example.kz"


def consented(email):
    """The demo applicant accepted edition 1; let them have accepted the latest too."""
    user = User.objects.get(email=email)
    edition = PolicyEdition.objects.filter(page__locale__language_code="ru").latest(
        "number"
    )
    record_policy_consents(edition=edition, email=email, form_name="test", user=user)


def posts_on_reload(page):
    """The POST requests a reload of the page sends (there must be none)."""
    posts = []

    def watch(request):
        if request.method == "POST":
            posts.append(request.url)

    page.on("request", watch)
    page.reload()
    page.wait_for_load_state("networkidle")
    page.remove_listener("request", watch)
    return posts


def upload(page, category, name):
    page.select_option("#id_category", category)
    page.set_input_files(
        "#id_file", {"name": name, "mimeType": "application/pdf", "buffer": PDF}
    )
    page.click("button[value=upload]")
    page.locator("[data-upload-files]", has_text=name).wait_for()


def overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_the_form_never_sends_itself_again_and_warns_before_losing_work(
    page, demo_site
):
    consented(EMAIL)
    log_in(page, demo_site, EMAIL)
    page.goto(demo_site.url + "/apply/")
    page.click("main form button[type=submit]")  # start a new application
    page.wait_for_url(re.compile(r".*/apply/\d+/step/1/$"))
    application = Application.objects.filter(applicant__email=EMAIL).latest("pk")

    # A refused "Next": the errors come back on a page that a reload only reads again.
    page.fill("#id_application_area", "Резервуарный парк")
    page.click("button[value=next]")
    page.wait_for_url(re.compile(r".*/step/1/\?check=1$"))
    links = page.locator(".error-summary a")
    assert links.count() == 5
    texts = links.all_inner_texts()
    assert len({text.split(":")[0] for text in texts}) == 5
    assert "Название предложения: Требуется заполнить это поле." in texts
    for href in links.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert page.locator(href).count() == 1, href
    screenshot(page, "issue17/application-form/step1_errors_1280")
    assert posts_on_reload(page) == []

    page.fill("#id_title", "Датчик уровня в резервуаре")
    page.check("input[name=kind][value=equipment]")
    page.fill("#id_summary", "Радарный датчик уровня.")
    page.fill("#id_problem", "Уровень измеряют вручную.")
    page.select_option("#id_trl", "5")
    page.click("button[value=goto-5]")
    page.wait_for_url(re.compile(r".*/step/5/$"))

    # A refused "Next" on the attachments step, then the files it asked for.
    page.click("button[value=next]")
    page.wait_for_url(re.compile(r".*/step/5/\?check=1$"))
    assert page.locator(".error-summary a[href='#id_file']").count() == 2
    upload(page, "technical_documentation", "описание.pdf")
    upload(page, "presentation", "презентация.pdf")
    assert re.search(r"/step/5/\?check=1$", page.url)  # the step did not move on
    assert page.locator(".error-summary").count() == 0
    assert posts_on_reload(page) == []
    assert re.search(r"/step/5/\?check=1$", page.url)
    assert "презентация.pdf" in page.inner_text("[data-upload-files]")
    application.refresh_from_db()
    assert application.step == 5 and application.files.count() == 2

    # Removing a file is a POST answered by a redirect, too.
    page.click("[data-upload-files] button:has-text('Удалить')")
    page.wait_for_url(re.compile(r".*/step/5/$"))
    assert posts_on_reload(page) == []
    assert page.console_watch.csp_violations() == []

    # Leaving with a change not saved asks first; after saving it does not.
    page.click("button[value=goto-1]")
    page.wait_for_url(re.compile(r".*/step/1/$"))
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", on_dialog)
    page.click("#id_title")
    page.keyboard.type(" (радар)")
    page.click(".brand")  # the logo: a link to the home page
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert re.search(r"/step/1/$", page.url)
    page.click("button[value=save]")
    page.wait_for_url(re.compile(r".*/step/1/$"))
    assert "Датчик уровня в резервуаре (радар)" in page.input_value("#id_title")
    page.click(".brand")
    page.wait_for_url(demo_site.url + "/")
    assert dialogs == ["beforeunload"]  # no second question: nothing was left unsaved


@pytest.mark.parametrize("width", [320, 390])
def test_no_page_of_the_form_is_wider_than_a_phone(browser, demo_site, width):
    consented(EMAIL)
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    log_in(page, demo_site, EMAIL)
    draft = Application.objects.filter(applicant__email=EMAIL, status="draft").first()
    decided = (
        Application.objects.filter(applicant__email=EMAIL)
        .exclude(status="draft")
        .first()
    )
    assert draft.files.exists()  # step 5 with files attached
    urls = [f"/apply/{draft.pk}/step/{number}/" for number in (1, 2, 5, 6)]
    urls += ["/account/", f"/account/applications/{decided.pk}/", "/apply/"]
    try:
        for language in ("", "/kk"):
            for url in urls:
                page.goto(demo_site.url + language + url)
                assert overflow(page) <= 0, (language + url, overflow(page))
            page.goto(f"{demo_site.url}{language}/apply/{draft.pk}/step/5/")
            screenshot(page, f"issue17/application-form/step5_{width}{language[1:]}")
    finally:
        close_context(context)
