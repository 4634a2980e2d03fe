"""Registration: the form's rules, one transaction, consents, no account enumeration,
e-mail confirmation and login."""

import io
import re

import pytest
from django.core import mail, signing
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image

from accounts.models import User
from accounts.verification import make_token
from core.identifiers import is_valid_bin_iin
from policy.models import ConsentRecord, PolicyPage
from submissions.models.registrations import ApplicantProfile, RegistrationRequest
from submissions.registrations import register as registration
from submissions.registrations.forms import RegistrationDetailsForm
from tests.factories import (
    PDF,
    VALID_BIN,
    VALID_IIN,
    UserFactory,
    registration_answers,
)

pytestmark = pytest.mark.django_db


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "number", [VALID_BIN, VALID_IIN, "020240002363", "000740001307", "990340005977"]
)
def test_valid_check_digits(number):
    assert is_valid_bin_iin(number)


@pytest.mark.parametrize(
    "number", ["940740000912", "900203000003", "12345678901", "abcdefghijkl"]
)
def test_invalid_check_digits(number):
    assert not is_valid_bin_iin(number)


def test_a_legal_entity_registers(
    client, register_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/register/", registration_answers())
    assert response.status_code == 302
    assert response["Location"] == "/register/thanks/"
    user = User.objects.get(email="aigerim@example.kz")
    assert not user.is_active and user.email_verified_at is None
    profile = user.applicant_profile
    assert profile.bin_iin == VALID_BIN and profile.organization == "ТОО «Инновация»"
    assert profile.registration_certificate_name == "Свидетельство.pdf"
    assert profile.registration_certificate.name.startswith("registrations/")
    assert profile.registration_certificate.name.endswith(".pdf")
    with profile.registration_certificate.open("rb") as stored:
        assert stored.read() == PDF
    consents = ConsentRecord.objects.filter(user=user)
    assert {c.purpose for c in consents} == {
        "policy_acceptance",
        "personal_data_processing",
    }
    edition = register_page.get_parent().get_children().type(PolicyPage).first()
    for record in consents:
        assert record.edition.number == 1 and record.form_name == "registration"
        assert record.text_sha256 in (
            record.edition.text_sha256,
            record.edition.consent_statement_sha256,
        )
    registration = RegistrationRequest.objects.get(profile=profile)
    assert registration.live is False
    assert registration.current_workflow_state is not None
    assert (
        registration.current_workflow_state.workflow.name == "Registration verification"
    )
    assert [m.to for m in mail.outbox] == [["aigerim@example.kz"]]
    assert "/accounts/verify/" in mail.outbox[0].body
    assert edition is not None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"organization": ""}, "organization", "Укажите наименование организации."),
        (
            {"registration_certificate": None},
            "registration_certificate",
            "Приложите свидетельство",
        ),
        ({"bin_iin": ""}, "bin_iin", "Укажите БИН организации."),
        ({"bin_iin": "940740000912"}, "bin_iin", "контрольная цифра"),
        ({"resident": "no", "bin_iin": ""}, "country", "Укажите страну"),
        (
            {"via_representative": "on"},
            "representative_name",
            "Укажите имя представителя",
        ),
        ({"via_representative": "on"}, "power_of_attorney", "Приложите доверенность"),
        (
            {"via_representative": "on"},
            "represented_email",
            "Укажите адрес электронной почты",
        ),
        ({"password2": "something-else-entirely"}, "password2", "Пароли не совпадают"),
        ({"password1": "12345", "password2": "12345"}, "password1", "слишком"),
        ({"accept_policy": None}, "accept_policy", "принять политику"),
        ({"captcha_1": ""}, "captcha", "Требуется заполнить это поле."),
    ],
)
def test_each_rule_answers_next_to_its_field_and_keeps_the_rest(
    client, register_page, changes, field, message
):
    response = client.post("/register/", registration_answers(**changes))
    assert response.status_code == 200
    html = response.content.decode()
    errors = re.search(rf'id="id_{field}_error">(.*?)</div>', html, re.S)
    assert errors and message in errors.group(1), html[:0]
    assert 'value="Сапарова Айгерим Нурлановна"' in html  # nothing typed is lost
    assert 'value="+7 701 000 00 00"' in html
    assert not User.objects.filter(email="aigerim@example.kz").exists()


def individual(**changes):
    return registration_answers(
        **{
            "person_type": "individual",
            "organization": "",
            "bin_iin": "",
            "registration_certificate": None,
            **changes,
        }
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"resident": "yes"},
        {"resident": "no"},
        # typed in a field that is not for them (a browser without JavaScript shows
        # every field): not kept
        {"resident": "yes", "bin_iin": VALID_IIN, "country": "Казахстан"},
        {"resident": "no", "country": "Узбекистан"},
    ],
)
def test_an_individual_gives_only_name_e_mail_and_residency(
    client, register_page, changes
):
    """Policy 3.3–3.4: an individual is identified by name and e-mail; of residency
    only whether they are resident is asked. No IIN, no country, no job title."""
    response = client.post("/register/", individual(**changes))
    assert response.status_code == 302
    profile = ApplicantProfile.objects.get()
    assert profile.is_resident == (changes["resident"] == "yes")
    assert (profile.bin_iin, profile.country, profile.organization) == ("", "", "")
    registration = RegistrationRequest.objects.get()
    assert (registration.bin_iin, registration.country) == ("", "")
    content = registration.latest_revision.content
    assert (content["bin_iin"], content["country"]) == ("", "")
    assert "position" not in content


def test_a_non_resident_legal_entity_gives_its_country_not_a_bin(client, register_page):
    response = client.post(
        "/register/",
        registration_answers(resident="no", country="Узбекистан", bin_iin=VALID_BIN),
    )
    assert response.status_code == 302
    profile = ApplicantProfile.objects.get()
    assert (profile.country, profile.bin_iin) == ("Узбекистан", "")


def test_the_phone_is_optional(client, register_page):
    response = client.post("/register/", registration_answers(phone=""))
    assert response.status_code == 302
    assert ApplicantProfile.objects.get().phone == ""


def test_the_phone_is_kept_as_typed_with_its_spaces_tidied(client, register_page):
    response = client.post(
        "/register/", registration_answers(phone=" +7 (701)  000-00-00 ")
    )
    assert response.status_code == 302
    assert ApplicantProfile.objects.get().phone == "+7 (701) 000-00-00"


def details_form(**changes):
    data = {
        key: value
        for key, value in registration_answers(**changes).items()
        if not hasattr(value, "read")
    }
    return RegistrationDetailsForm(data, existing_files={"registration_certificate"})


@pytest.mark.parametrize(
    ("phone", "valid"),
    [
        ("+7 701 000 00 00", True),
        ("8 (7172) 00-00-00", True),
        ("+44 20 7946 0958", True),
        ("call me", False),
        ("12345", False),  # too few digits
        ("+7 701 000 00 00 00 00 00", False),  # too many
        ("+7 701 000 00 00; DROP", False),
        ("٧٠١٠٠٠٠٠٠٠", False),  # digits of another script
    ],
)
def test_a_phone_given_must_look_like_one(phone, valid):
    with translation.override("en"):
        form = details_form(phone=phone)
        assert form.is_valid() is valid, form.errors
        if not valid:
            assert "7 to 15 digits" in form.errors["phone"][0]


def test_an_iin_in_place_of_a_bin_is_refused(db):
    """An individual's IIN is never kept: typed as a legal entity's BIN, it is refused
    (the fifth digit of a BIN is 4, 5 or 6; an IIN's is a day of birth's first)."""
    with translation.override("en"):
        form = details_form(bin_iin=VALID_IIN)
        assert not form.is_valid()
        assert "looks like an IIN, not a BIN" in form.errors["bin_iin"][0]
        assert details_form(bin_iin=VALID_BIN).is_valid()


def test_the_form_asks_only_what_the_policy_lists(client, register_page):
    html = client.get("/register/").content.decode()
    for name in (
        "person_type",
        "full_name",
        "organization",
        "email",
        "phone",
        "resident",
        "bin_iin",
        "country",
        "via_representative",
        "representative_name",
        "represented_email",
        "power_of_attorney",
        "registration_certificate",
    ):
        assert f'name="{name}"' in html, name
    assert 'name="position"' not in html
    assert "ИИН" not in html  # no individual's number is asked for


def field_markup(html, name):
    """The label, help, errors and input of the form field ``name``."""
    start = html.index(f'<label for="id_{name}"')
    return html[
        html.rindex('<div class="field', 0, start) : html.index(
            ">", html.index(f'id="id_{name}"', start + 1)
        )
        + 1
    ]


def test_the_phone_says_why_beside_it_and_is_not_marked_required(client, register_page):
    html = client.get("/register/").content.decode()
    phone = field_markup(html, "phone")
    assert "field__required" not in phone and " required" not in phone
    assert 'id="id_phone_helptext"' in phone
    assert 'aria-describedby="id_phone_helptext"' in phone
    purpose = re.search(r'id="id_phone_helptext">(.*?)</p>', phone).group(1)
    assert purpose  # the purpose, in the page's language
    email = field_markup(html, "email")
    assert "field__required" in email  # required fields keep their mark


def test_a_wrong_phone_answers_beside_it_and_keeps_the_rest(client, register_page):
    response = client.post("/register/", registration_answers(phone="call me"))
    assert response.status_code == 200
    html = response.content.decode()
    phone = field_markup(html, "phone")
    assert 'id="id_phone_error"' in phone and 'aria-invalid="true"' in phone
    assert "id_phone_error" in re.search(
        r'aria-describedby="([^"]*)"', phone.split("<input")[1]
    ).group(1)
    assert 'value="call me"' in phone
    assert 'value="Сапарова Айгерим Нурлановна"' in html
    assert f'value="{VALID_BIN}"' in html


def test_a_file_that_is_not_what_it_says_is_refused(client, register_page):
    fake = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(
        "/register/", registration_answers(registration_certificate=fake)
    )
    html = response.content.decode()
    assert "Принимаются только файлы PDF, JPEG или PNG" in html
    assert "выберите их заново" in html


def test_an_existing_address_gets_the_same_answer(
    client, register_page, django_capture_on_commit_callbacks
):
    UserFactory(email="aigerim@example.kz", full_name="Айгерим")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/register/", registration_answers())
    assert response.status_code == 302 and response["Location"] == "/register/thanks/"
    assert User.objects.filter(email="aigerim@example.kz").count() == 1
    assert not RegistrationRequest.objects.exists()
    assert len(mail.outbox) == 1
    assert "пытался зарегистрироваться" in mail.outbox[0].subject


def test_an_address_registered_at_the_same_moment_gets_the_same_answer(
    client, register_page, monkeypatch, django_capture_on_commit_callbacks
):
    """Two requests with one address (a double click): the other one made the account
    after this one looked, so the unique e-mail refuses this one's; no error page, no
    file left behind (tests/load sends such pairs to gunicorn for real)."""
    UserFactory(email="aigerim@example.kz", full_name="Айгерим")
    looked = []

    def not_yet_there(email):
        looked.append(email)
        return None if len(looked) == 1 else User.objects.get(email__iexact=email)

    monkeypatch.setattr(registration, "existing_account", not_yet_there)
    files_before = set(private_files())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/register/", registration_answers())
    assert response.status_code == 302 and response["Location"] == "/register/thanks/"
    assert len(looked) == 2
    assert User.objects.filter(email="aigerim@example.kz").count() == 1
    assert not RegistrationRequest.objects.exists()
    assert not ConsentRecord.objects.exists()
    assert set(private_files()) == files_before
    assert "пытался зарегистрироваться" in mail.outbox[0].subject


def private_files():
    stored = storages["private"]
    return stored.listdir("registrations")[1] if stored.exists("registrations") else []


def test_a_failing_step_leaves_nothing_half_made(client, register_page, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("workflow refused")

    stored = storages["private"]

    def files():
        return (
            set(stored.listdir("registrations")[1])
            if stored.exists("registrations")
            else set()
        )

    before = files()
    monkeypatch.setattr(registration, "submit_for_verification", broken)
    with pytest.raises(RuntimeError):
        client.post("/register/", registration_answers())
    assert not User.objects.filter(email="aigerim@example.kz").exists()
    assert not ConsentRecord.objects.exists()
    assert files() == before  # the uploaded certificate was removed again


def test_the_confirmation_link_opens_the_login(client, register_page):
    user = UserFactory(email="new@example.kz", is_active=False)
    response = client.get(f"/accounts/verify/{make_token(user)}/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    user.refresh_from_db()
    assert user.is_active and user.email_verified_at is not None


def test_a_tampered_or_expired_link_does_nothing(client, register_page, settings):
    user = UserFactory(email="new@example.kz", is_active=False)
    token = make_token(user)
    assert client.get(f"/accounts/verify/{token[:-2]}xx/").status_code == 400
    settings.EMAIL_VERIFICATION_DAYS = -1
    response = client.get(f"/accounts/verify/{token}/")
    assert response.status_code == 410
    assert "истёк" in response.content.decode() or "3 дня" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active
    forged = signing.dumps({"user": user.pk, "email": user.email}, salt="other")
    assert client.get(f"/accounts/verify/{forged}/").status_code == 400


def test_login_says_when_the_address_is_not_confirmed(client, register_page):
    UserFactory(email="new@example.kz", is_active=False)
    response = client.post(
        "/accounts/login/",
        {"username": "new@example.kz", "password": "correct-horse-battery"},
    )
    assert "ещё не подтверждён" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_and_lockout_after_five_failures(client, register_page):
    UserFactory(email="user@example.kz", email_verified_at=timezone.now())
    ok = client.post(
        "/accounts/login/",
        {"username": "User@Example.kz", "password": "correct-horse-battery"},
    )
    assert ok.status_code == 302
    client.post("/accounts/logout/")
    for _attempt in range(5):
        client.post(
            "/accounts/login/", {"username": "user@example.kz", "password": "wrong"}
        )
    locked = client.post(
        "/accounts/login/",
        {"username": "user@example.kz", "password": "correct-horse-battery"},
    )
    assert locked.status_code == 429
    assert "30 минут" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_error_summary_follows_the_page(client, register_page):
    """The summary at the top lists the errors in the order the fields are on the page,
    each linking to its field."""
    response = client.post(
        "/register/",
        registration_answers(
            full_name="",
            organization="",
            email="",
            phone="call me",
            bin_iin="1",
            registration_certificate=None,
            via_representative="on",
            password2="",
            accept_policy=None,
        ),
    )
    html = response.content.decode()
    summary = re.search(r'class="error-summary".*?</ul>', html, re.S).group(0)
    linked = re.findall(r'href="#(id_[a-z_0-9]+)"', summary)
    assert len(linked) >= 10
    rest = html[html.index("</ul>", html.index('class="error-summary"')) :]
    on_the_page = sorted(linked, key=lambda field_id: rest.index(f'id="{field_id}"'))
    assert linked == on_the_page
