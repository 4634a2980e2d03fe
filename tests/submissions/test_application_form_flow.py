"""The application form without surprises (issue 17): every POST of the form answers with
a redirect, so that a reload never sends it again; an upload after a refused "Next" does
not move the applicant on; the error summary names each field and links to it; fields
required only for some answers are marked when shown."""

import re

import pytest

from submissions.models.applications import Application, FileCategory
from tests.factories import STEP_ANSWERS, pdf
from tests.helpers import filled_application, step_url

pytestmark = pytest.mark.django_db


def new_draft(client, applicant):
    client.force_login(applicant)
    client.post("/apply/")
    return Application.objects.filter(applicant=applicant).latest("pk")


def summary_of(html):
    """The error summary's items as (link target, text)."""
    summary = re.search(r'class="error-summary".*?</ul>', html, re.S).group(0)
    return [
        (target, re.sub(r"<[^>]+>", "", text).strip())
        for target, text in re.findall(r'<a href="#([^"]+)">(.*?)</a>', summary, re.S)
    ]


def test_every_post_of_the_form_answers_with_a_redirect(client, apply_page, applicant):
    application = new_draft(client, applicant)
    posts = [
        (1, {"title": "Черновик", "action": "next"}),  # refused, saved as a draft
        (1, {**STEP_ANSWERS[1], "action": "save"}),
        (1, {**STEP_ANSWERS[1], "action": "next"}),
        (2, {"action": "back"}),
        (2, {"action": "goto-5"}),
        (5, {"action": "next"}),  # refused: no file yet
        (5, {"action": "upload", "category": FileCategory.TECHNICAL, "file": pdf()}),
        (5, {"action": "back"}),
        (6, {"action": "back"}),
    ]
    for number, data in posts:
        response = client.post(step_url(application, number), data)
        assert response.status_code == 302, (number, data)
        assert client.get(response.url).status_code == 200
    record = application.files.get()
    response = client.post(f"/apply/{application.pk}/files/{record.pk}/delete/")
    assert response.status_code == 302 and response.url == step_url(application, 5)


def test_a_refused_next_shows_the_errors_again_from_what_is_saved(
    client, apply_page, applicant
):
    application = new_draft(client, applicant)
    response = client.post(
        step_url(application, 1),
        {"title": "Только название", "application_area": "Газ", "action": "next"},
    )
    assert response.url == step_url(application, 1) + "?check=1"
    html = client.get(response.url).content.decode()
    assert "Ваши ответы сохранены" in html  # the message survives the redirect
    assert 'value="Только название"' in html
    assert "Требуется заполнить это поле." in html
    application.refresh_from_db()
    assert application.step == 1 and application.title == "Только название"
    # Without ?check=1 the same step shows no errors: it is simply the saved draft.
    assert "error-summary" not in client.get(step_url(application, 1)).content.decode()


def test_after_a_refused_next_the_last_file_does_not_move_the_applicant_on(
    client, apply_page, applicant
):
    """The issue: after a refused "Next" on step 5 an upload reloaded the page, which
    sent that "Next" again and moved the applicant to step 6 by itself."""
    client.force_login(applicant)
    application = filled_application(client, applicant, files=False)
    client.post(
        step_url(application, 5),
        {"action": "upload", "category": FileCategory.TECHNICAL, "file": pdf()},
    )
    refused = client.post(step_url(application, 5), {"action": "next"})
    assert refused.url == step_url(application, 5) + "?check=1"
    html = client.get(refused.url).content.decode()
    assert summary_of(html) == [
        ("id_file", "Файл: Приложите файл в категории «презентация»."),
    ]
    assert 'id="id_file"' in html

    answer = client.post(
        refused.url,
        {
            "action": "upload",
            "category": FileCategory.PRESENTATION,
            "file": pdf("слайды.pdf"),
        },
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    ).json()
    assert answer["ok"] is True and answer["missing"] == []
    assert "слайды.pdf" in answer["html"] and "документ.pdf" in answer["html"]
    assert "Ещё не хватает" not in answer["html"]
    application.refresh_from_db()
    assert application.step == 5  # still on the attachments step
    page = client.get(step_url(application, 5))
    assert page.status_code == 200 and "слайды.pdf" in page.content.decode()

    # The same upload without JavaScript comes back to the step by a redirect (GET).
    response = client.post(
        step_url(application, 5),
        {"action": "upload", "category": "other", "file": pdf("ещё.pdf")},
    )
    assert response.status_code == 302 and response.url == step_url(application, 5)
    application.refresh_from_db()
    assert application.step == 5


def test_what_cannot_be_saved_comes_back_after_a_redirect_once(
    client, apply_page, applicant
):
    """A draft answer that cannot be saved, a file refused without the page's script
    and a refused submission are answered with a redirect too: the next page shows what
    was typed with its errors, and a reload of it shows them no more (nothing re-sent)."""
    application = new_draft(client, applicant)
    response = client.post(
        step_url(application, 1),
        {"title": "Не сохранится", "trl": "99", "action": "save"},
    )
    assert response.status_code == 302
    assert response.url == step_url(application, 1) + "?check=1"
    html = client.get(response.url).content.decode()
    assert 'value="Не сохранится"' in html
    assert (
        "id_trl",
        "Уровень готовности технологии (TRL): Выберите корректный "
        "вариант. 99 нет среди допустимых значений.",
    ) in summary_of(html)
    application.refresh_from_db()
    assert application.title == ""  # nothing of that post was saved
    again = client.get(response.url).content.decode()
    assert "Не сохранится" not in again  # shown once, then forgotten

    response = client.post(
        step_url(application, 5),
        {
            "action": "upload",
            "category": FileCategory.PRESENTATION,
            "file": pdf("слайды.exe"),
        },
    )
    assert response.url == step_url(application, 5) + "?check=1"
    html = client.get(response.url).content.decode()
    target, text = summary_of(html)[0]
    assert target == "id_file" and "exe" in text
    assert re.search(r'<option value="presentation" selected>', html)
    assert not application.files.exists()

    response = client.post(step_url(application, 6), {"action": "submit"})
    assert response.url == step_url(application, 6) + "?check=1"
    html = client.get(response.url).content.decode()
    # a checkbox's label is a sentence of its own: the summary gives its error alone
    assert summary_of(html) == [
        (
            "id_rights_confirmed",
            "Подтвердите, что обладаете правами на загружаемые материалы.",
        )
    ]
    application.refresh_from_db()
    assert application.status == "draft"
    assert "error-summary" not in client.get(response.url).content.decode()


def test_the_error_summary_names_each_field_and_links_to_it(
    client, apply_page, applicant
):
    application = new_draft(client, applicant)
    response = client.post(
        step_url(application, 1),
        {"application_area": "Газопроводы", "action": "next"},
        follow=True,
    )
    html = response.content.decode()
    items = summary_of(html)
    assert len(items) == 5
    names = [text.split(":")[0] for _target, text in items]
    assert len(set(names)) == 5
    assert "Название предложения: Требуется заполнить это поле." in [
        text for _target, text in items
    ]
    for target, _text in items:
        assert f'id="{target}"' in html  # each link leads to an element of the page


def test_fields_required_for_some_answers_are_marked(client, register_page):
    html = client.get("/register/").content.decode()
    for name in (
        "organization",
        "bin_iin",
        "country",
        "registration_certificate",
        "representative_name",
        "represented_email",
        "power_of_attorney",
    ):
        label = re.search(rf'<label for="id_{name}">(.*?)</label>', html, re.S).group(1)
        assert 'class="field__required"' in label, name
        tag = re.search(rf'<input[^>]*id="id_{name}"[^>]*>', html).group(0)
        assert 'aria-required="true"' in tag, name
    # The phone stays optional for everyone: no mark.
    phone = re.search(r'<label for="id_phone">(.*?)</label>', html, re.S).group(1)
    assert "field__required" not in phone
