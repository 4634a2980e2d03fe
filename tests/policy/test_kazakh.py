"""Kazakh as a full language of the policy: an edition number is one version of the
policy with a text in each language, each frozen with its own hash; the ledger records
the language of the text shown; consent in Kazakh is consent to that edition in every
language; Kazakh dates in Kazakh order."""

import datetime
import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from policy import chain
from policy.consent import record_policy_consents
from policy.ledger import check_record, verify_ledger
from policy.models import ConsentRecord, PolicyEdition
from privacy.data_export import collect
from submissions.registrations.pages import RegistrationFormPage
from tests.factories import (
    PolicyApproverFactory,
    PolicyPageFactory,
    UserFactory,
    go_live,
    policy_fields,
    registration_answers,
    translate,
)

pytestmark = pytest.mark.django_db

KK_CONSENT = "<p>Мен дербес деректерімді өңдеуге келісім беремін.</p>"
KK_CLAUSE = "<p>Саясат порталдың барлық пайдаланушыларына қолданылады.</p>"
KK_MONTHS = (
    "қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан"
)
KK_DATE = re.compile(rf"\d{{4}} жылғы \d{{1,2}} ({KK_MONTHS})", re.IGNORECASE)


def kazakh(**changes):
    fields = {
        "title": "Құпиялылық саясаты",
        "introduction": "<p>Портал дербес деректермен қалай жұмыс істейді.</p>",
        "consent_statement": KK_CONSENT,
        "body": [
            {
                "type": "section",
                "value": {"heading": "Жалпы ережелер", "clauses": [KK_CLAUSE]},
            }
        ],
    }
    fields.update(changes)
    return fields


@pytest.fixture
def policy(home_page):
    return PolicyPageFactory(parent=home_page, published=True)


@pytest.fixture
def kk_policy(home_page, policy):
    translate(home_page, "kk", title="ТӨС орталығы", hero_title="Сынақтар")
    return translate(policy, "kk", **kazakh())


def renew(page, **changes):
    go_live(
        page, requires_renewed_consent=True, change_summary="Өзгерістер.", **changes
    )


def test_the_policy_in_kazakh(client, kk_policy):
    response = client.get("/kk/policy/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="kk">' in html
    assert "Жалпы ережелер" in html and "Саясат порталдың барлық" in html
    assert KK_CONSENT in html
    edition = kk_policy.editions.get()
    assert edition.number == 1 and edition.language_code == "kk"
    for path in ("/kk/policy/editions/", "/kk/policy/editions/1/"):
        assert client.get(path).status_code == 200


def test_each_language_of_an_edition_has_its_own_hash(policy, kk_policy):
    russian, kazakh_text = policy.editions.get(), kk_policy.editions.get()
    assert russian.number == kazakh_text.number == 1
    assert russian.text_sha256 != kazakh_text.text_sha256
    assert russian.consent_statement_sha256 != kazakh_text.consent_statement_sha256


def test_a_language_added_later_takes_the_number_it_translates(home_page, policy):
    renew(policy)
    renew(policy)
    translate(home_page, "kk", title="ТӨС орталығы", hero_title="Сынақтар")
    page = translate(policy, "kk", **kazakh())
    assert list(page.editions.values_list("number", flat=True)) == [3]


def test_kazakh_dates_in_kazakh_order(client, kk_policy):
    with translation.override("kk"):
        assert date_format(datetime.date(2026, 12, 1)).casefold() == (
            "2026 жылғы 1 желтоқсан"
        )
    html = client.get("/kk/policy/").content.decode()
    assert KK_DATE.search(html), "no date in Kazakh order on /kk/policy/"
    assert "Mar" not in html.split("<main", 1)[-1]


def test_a_registration_in_kazakh_consents_to_the_kazakh_text(
    client, home_page, kk_policy, django_capture_on_commit_callbacks
):
    register_page = RegistrationFormPage(title="Регистрация", slug="register")
    home_page.add_child(instance=register_page)
    translate(register_page, "kk", title="Тіркелу")
    html = client.get("/kk/register/").content.decode()
    assert KK_CONSENT in html
    assert 'href="/kk/policy/editions/1/"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/kk/register/", registration_answers())
    assert response.status_code == 302, response.content.decode()[:2000]
    edition = kk_policy.editions.get()
    records = ConsentRecord.objects.filter(email="aigerim@example.kz")
    assert {(r.purpose, r.language, r.edition_id) for r in records} == {
        (ConsentRecord.POLICY_ACCEPTANCE, "kk", edition.pk),
        (ConsentRecord.PERSONAL_DATA_PROCESSING, "kk", edition.pk),
    }
    by_purpose = {r.purpose: r.text_sha256 for r in records}
    assert by_purpose[ConsentRecord.POLICY_ACCEPTANCE] == edition.text_sha256
    assert by_purpose[ConsentRecord.PERSONAL_DATA_PROCESSING] == (
        edition.consent_statement_sha256
    )


def test_the_language_is_covered_by_the_record_hash(policy, kk_policy):
    person = UserFactory(email="aigerim@example.kz")
    record, _processing = record_policy_consents(
        edition=kk_policy.editions.get(),
        email=person.email,
        form_name="registration",
        user=person,
    )
    assert record.language == "kk"
    content = chain.canonical_content(record, 1)
    assert content["format"] == 2 and content["language"] == "kk"
    assert check_record(record, 1).content
    record.language = "ru"  # what a changed row would say
    assert not check_record(record, 1).content
    record.language = None  # a new row passed off as an old one
    assert not check_record(record, 1).content
    assert verify_ledger() == (2, [])


def test_a_row_of_the_first_format_still_verifies(policy):
    """A row made before the ledger recorded the language (NULL, format 1) is checked
    against the content it was hashed from, without a language."""
    person = UserFactory(email="aigerim@example.kz")
    record = ConsentRecord(
        user=person,
        email=person.email,
        edition=policy.editions.get(),
        text_sha256="0" * 64,
        purpose=ConsentRecord.POLICY_ACCEPTANCE,
        given_at=timezone.now(),
        form_name="registration",
        sequence=1,
        previous_hash=chain.GENESIS,
        person_digest=chain.person_digest(person.pk, person.email),
    )
    content = chain.canonical_content(record, 1)
    assert content["format"] == 1 and "language" not in content
    record.record_hash = chain.record_hash(record, 1)
    assert check_record(record, 1).content


def test_consent_in_kazakh_is_not_asked_again_in_russian(
    client, home_page, policy, kk_policy
):
    person = UserFactory(email="aigerim@example.kz")
    record_policy_consents(
        edition=policy.editions.get(), email=person.email, form_name="r", user=person
    )
    renew(policy)
    renew(kk_policy, **kazakh(consent_statement="<p>Жаңа келісім.</p>"))
    assert kk_policy.editions.order_by("-number").first().number == 2
    client.force_login(person)
    response = client.get("/kk/search/")
    assert response["Location"].startswith("/kk/account/consent/")
    assert "Жаңа келісім." in client.get(response["Location"]).content.decode()
    client.post(
        "/kk/account/consent/", {"accept_policy": "on", "consent_processing": "on"}
    )
    accepted = ConsentRecord.objects.filter(user=person, edition__number=2)
    assert set(accepted.values_list("language", flat=True)) == {"kk"}
    assert client.get("/kk/search/").status_code == 200
    client.cookies.clear()
    client.force_login(person)  # a new session: nothing settled in it
    assert client.get("/search/").status_code == 200  # Russian: not asked again
    assert client.get("/en/search/").status_code in (200, 404)


def test_a_new_edition_goes_live_in_three_languages_through_the_approval(
    home_page, policy, kk_policy, editor
):
    translate(home_page, "en", title="OPI Center", hero_title="Pilot testing")
    english = translate(policy, "en", title="Privacy policy")
    approver = PolicyApproverFactory(email="approver@example.kz")
    body = policy_fields()["body"]
    texts = {
        policy: {"body": body, "change_summary": "Срок ответа сокращён."},
        kk_policy: kazakh(change_summary="Жауап беру мерзімі қысқартылды."),
        english: {"change_summary": "The answer comes sooner."},
    }
    for page, changes in texts.items():
        page = page.specific
        for name, value in changes.items():
            setattr(page, name, value)
        page.requires_renewed_consent = True
        page.save_revision(user=editor)
        state = page.get_workflow().start(page, editor)
        assert page.get_workflow().name == "Policy approval"
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, approver, "approve")
    editions = PolicyEdition.objects.filter(number=2)
    assert sorted(e.language_code for e in editions) == ["en", "kk", "ru"]
    assert len({e.text_sha256 for e in editions}) == 3
    assert all(e.requires_renewed_consent for e in editions)


def test_the_certificate_and_the_export_name_the_language(client, policy, kk_policy):
    person = UserFactory(email="aigerim@example.kz", language="kk")
    record_policy_consents(
        edition=kk_policy.editions.get(), email=person.email, form_name="r", user=person
    )
    client.force_login(person)
    html = client.get("/kk/account/consents/certificate/").content.decode()
    with translation.override("kk"):
        name = translation.get_language_info("kk")["name_translated"]
    assert html.count(f"<dd>{name}</dd>") == 2
    data, sections, _files, _editions = collect(person)
    assert {c["language"] for c in data["consents"]} == {"kk"}
    with translation.override("kk"):
        data, sections, _files, _editions = collect(person)
    shown = [value for section in sections for row in section.rows for value in row]
    assert any(value == "Қазақша" for _label, value in shown)  # the autonym
