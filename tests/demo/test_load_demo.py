"""The demo content command: what it creates, and that running it twice is harmless."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory, TestCase
from wagtail.models import Page

from accounts.models import User
from demo import content
from demo.management.commands import load_demo
from home.models import PortalSettings
from policy.models import ConsentRecord, PolicyEdition
from submissions.models.registrations import ApplicantProfile
from submissions.registrations.forms import RegistrationDetailsForm, detail_values
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

DEMO_EMAILS = [
    "admin@example.kz",
    "editor@example.kz",
    "approver@example.kz",
    "reviewer@example.kz",
    "expert@example.kz",
    "applicant@example.kz",
]


def snapshot():
    return (
        Page.objects.count(),
        Page.objects.live().count(),
        User.objects.count(),
        PortalSettings.objects.count(),
    )


def test_load_demo_twice_creates_nothing_the_second_time(client, capsys):
    call_command("load_demo", password="first-password-1")
    first = snapshot()
    call_command("load_demo", password="second-password-2")
    assert snapshot() == first
    output = capsys.readouterr().out
    assert "nothing to create" in output
    assert "second-password-2" in output
    # the printed password is the one that works now
    assert authenticate(
        RequestFactory().post("/accounts/login/"),
        email="editor@example.kz",
        password="second-password-2",
    )
    assert not authenticate(
        RequestFactory().post("/accounts/login/"),
        email="editor@example.kz",
        password="first-password-1",
    )


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the tests of a class (a load takes seconds): each test
    runs in a savepoint of the transaction around them all, rolled back after the last.
    What waits for the commit (the new edition's notices) runs, as after a real load."""
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", password="demo-password-1")
        yield
        transaction.set_rollback(True)


# What the demo says about the data asked at registration is what the form asks
# (policy 3.3–3.4): no individual's IIN, no job title, an optional phone with its purpose.
ASKED_BEYOND_THE_POLICY = (
    "БИН или ИИН",
    "ИИН физического лица",
    "BIN or IIN",
    "individual's IIN",
    "БСН немесе ЖСН",
)


@pytest.mark.usefixtures("demo")
class TestTheDemoAsLoaded:
    """What one run of ``load_demo`` (password demo-password-1) leaves; the tests that
    run it again do so in their own savepoint."""

    def test_demo_site_in_three_languages(self, client):
        for path, text in [
            ("/", "Подать заявку"),
            ("/about/", "Об ОПИ"),
            ("/how-to-apply/", "Как подать заявку"),
            ("/faq/", "Вопросы и ответы"),
            ("/contacts/", "Контакты"),
            ("/news/", "Итоги испытаний системы мониторинга коррозии"),
            ("/en/", "Test your technology"),
            ("/en/about/", "About pilot testing"),
            ("/kk/", "ТӨС орталығы"),
            ("/kk/faq/", "Сұрақтар мен жауаптар"),
        ]:
            response = client.get(path)
            assert response.status_code == 200, path
            assert text in response.content.decode(), path

    def test_main_menu_follows_the_language(self, client):
        assert (
            '<a href="/en/how-to-apply/">How to apply</a>'
            in client.get("/en/").content.decode()
        )
        assert (
            '<a href="/kk/about/">ТӨС туралы</a>' in client.get("/kk/").content.decode()
        )

    def test_one_user_per_role(self, client):
        for email in DEMO_EMAILS:
            assert authenticate(
                RequestFactory().post("/accounts/login/"),
                email=email,
                password="demo-password-1",
            ), email
        assert User.objects.get(email="admin@example.kz").is_superuser
        assert (
            User.objects.get(email="expert@example.kz")
            .groups.filter(name="Experts")
            .exists()
        )
        editor = User.objects.get(email="editor@example.kz")
        verified_login(client, editor)
        assert client.get("/admin/").status_code == 200
        client.force_login(User.objects.get(email="applicant@example.kz"))
        assert client.get("/admin/").status_code == 302

    def test_demo_policy_has_two_editions_and_asks_the_applicant_to_renew(self, client):
        russian = PolicyEdition.objects.filter(page__locale__language_code="ru")
        numbers = russian.order_by("number").values_list("number", flat=True)
        assert list(numbers) == [1, 2]
        second = russian.get(number=2)
        assert second.requires_renewed_consent and second.change_summary
        assert second.document_code == "KMGE-GD-471.1-21/14"
        # 13 numbered sections and the consent statement as the 14th, as in the source
        assert second.text_html.count('class="policy__section"') == 13
        assert (
            '<span class="policy__number">14.</span> Текст согласия' in second.text_html
        )
        english = PolicyEdition.objects.filter(page__locale__language_code="en")
        assert english.count() == 2
        kazakh = PolicyEdition.objects.filter(page__locale__language_code="kk")
        numbers = kazakh.order_by("number").values_list("number", flat=True)
        assert list(numbers) == [1, 2]
        assert "Текст согласия" not in kazakh.get(number=2).text_html
        assert "дербес деректерімді" in kazakh.get(number=2).consent_statement_html
        for path in ("/kk/policy/", "/kk/policy/editions/1/", "/kk/policy/editions/2/"):
            assert client.get(path).status_code == 200, path
        assert client.get("/kk/policy/editions/2/changes/").status_code == 200

        html = client.get("/policy/editions/2/changes/").content.decode()
        assert "<ins>" in html and "<del" in html
        assert "Исключён" in html and "Добавлен" in html and "Изменён" in html
        assert client.get("/en/policy/").status_code == 200

        applicant = User.objects.get(email="applicant@example.kz")
        assert (
            ConsentRecord.objects.filter(user=applicant, edition__number=1).count() == 2
        )
        client.force_login(applicant)
        assert client.get("/")["Location"].startswith("/account/consent/")

        call_command("load_demo", password="first-password-1")
        # history is not rewritten on a re-run
        assert PolicyEdition.objects.count() == 6

    def test_demo_has_a_verified_applicant_and_one_awaiting_verification(self, client):
        verified = ApplicantProfile.objects.get(user__email="applicant@example.kz")
        awaiting = ApplicantProfile.objects.get(user__email="newcomer@example.kz")
        assert verified.status == "verified" and verified.registration_certificate
        assert awaiting.status == "awaiting" and awaiting.via_representative
        registration = awaiting.registration_requests.get()
        assert registration.represented_consent.is_given
        assert registration.current_workflow_state.status == "in_progress"
        client.force_login(awaiting.user)
        assert "Ожидает проверки" in client.get("/account/").content.decode()
        call_command("load_demo", password="first-password-1")  # safe to run again
        assert ApplicantProfile.objects.count() == 2

    def test_the_demo_registrations_are_what_the_form_accepts(self, client):
        for profile in ApplicantProfile.objects.all():
            data = {
                name: getattr(profile, name)
                for name in ("person_type", "full_name", "organization", "country")
            }
            data |= {
                "bin_iin": profile.bin_iin,
                "phone": profile.phone,
                "resident": "yes" if profile.is_resident else "no",
                "via_representative": "on" if profile.via_representative else "",
                "representative_name": profile.representative_name,
                "represented_email": profile.represented_email,
            }
            form = RegistrationDetailsForm(
                data, existing_files=profile.stored_file_fields()
            )
            assert form.is_valid(), (profile.user.email, form.errors)
            assert detail_values(form.cleaned_data) == {
                name: getattr(profile, name)
                for name in detail_values(form.cleaned_data)
            }
        assert {bool(profile.phone) for profile in ApplicantProfile.objects.all()} == {
            True,
            False,
        }  # the phone is optional, and the demo shows both

    def test_the_demo_says_what_the_form_asks(self, client):
        for edition in PolicyEdition.objects.filter(number=2):
            text = edition.text_html
            for phrase in ASKED_BEYOND_THE_POLICY:
                assert phrase not in text, (edition.page.locale, phrase)
        russian = PolicyEdition.objects.get(page__locale__language_code="ru", number=2)
        assert "Номер телефона пользователь указывает по желанию" in russian.text_html
        assert "Физическое лицо не указывает ни ИИН, ни должность" in russian.text_html
        assert "номер телефона, если я его укажу" in russian.consent_statement_html
        english = PolicyEdition.objects.get(page__locale__language_code="en", number=2)
        assert "A phone number is optional" in english.text_html
        assert "a phone number, if I give one" in english.consent_statement_html
        for page in Page.objects.live().exclude(depth=1):
            response = client.get(page.url)
            if response.status_code != 200 or not response.get(
                "Content-Type", ""
            ).startswith("text/html"):
                continue
            html = response.content.decode()
            for phrase in ASKED_BEYOND_THE_POLICY:
                assert phrase not in html, (page.url, phrase)
        register = client.get("/register/").content.decode()
        assert "Телефон указывается по желанию" in register  # the page's help
        assert 'name="position"' not in register


def test_every_demo_page_says_in_each_language_what_it_says_in_russian():
    """A translation copies the Russian page and then takes its own texts: a text the
    Kazakh or English version lacks would show the Russian one on /kk/ or /en/ (the
    application form's step help did)."""
    for module in (load_demo, content):
        for name, texts in vars(module).items():
            if not (isinstance(texts, dict) and {"ru", "kk", "en"} <= set(texts)):
                continue
            if not all(isinstance(texts[language], dict) for language in texts):
                continue
            for language in ("kk", "en"):
                missing = set(texts["ru"]) - set(texts[language])
                assert not missing, f"{module.__name__}.{name}[{language}]: {missing}"
