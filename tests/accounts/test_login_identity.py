"""One login identity: an e-mail address typed with capitals or spaces around it is the
same address everywhere (login and its lockout, registration, password reset, the new
confirmation link, the staff's user forms), and the answers for an address with an
account take as long as those for an address without one, because the request does the
same work either way (the e-mails are sent by background tasks)."""

import logging
import re
import statistics
import time
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import caches
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.locmem import EmailBackend
from django.test import Client
from django.utils import timezone
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult
from wagtail.models import Revision, WorkflowState

from accounts.login_identity import login_attempts_of, normalised_login
from accounts.models import SentEmail, User, normalize_email
from policy.models import ConsentRecord
from privacy.inventory import TASK_ARGUMENTS, TASKS_WITH_IDS_ONLY
from privacy.task_arguments import erased_arguments
from submissions.models.registrations import (
    ApplicantProfile,
    RegistrationRequest,
    RepresentedConsent,
)
from tests.factories import (
    DEFAULT_PASSWORD,
    PDF,
    UserFactory,
    registration_answers,
)
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

PRODUCTION_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class SlowMailServer(EmailBackend):
    """An outgoing mail server that takes its time, as a real one does: a request that
    sends an e-mail itself waits for it."""

    def send_messages(self, messages):
        time.sleep(0.05 * len(messages))
        return super().send_messages(messages)


VARIANTS = (
    "person@example.kz",
    "Person@Example.kz",
    "PERSON@EXAMPLE.KZ",
    "  person@example.kz ",
    " pErSoN@eXaMpLe.Kz\t",
)
HERE = {"REMOTE_ADDR": "203.0.113.57"}


@pytest.fixture
def person(db):
    return UserFactory(email="person@example.kz", email_verified_at=timezone.now())


def test_one_rule_for_every_address():
    for typed in VARIANTS:
        assert normalised_login(typed) == "person@example.kz"
        assert normalize_email(typed) == "person@example.kz"
    assert normalised_login(None) is None and normalize_email(None) == ""
    # folded as Django's mail folds the domain (IDNA 2003): one mailbox, one login
    assert normalised_login("Ivan@Straße.KZ") == "ivan@strasse.kz"
    user = User.objects.create_user(" Ivan@Example.KZ ", "x" * 12, full_name="И")
    assert user.email == "ivan@example.kz"
    assert User.objects.get_by_natural_key("IVAN@example.kz ") == user


# --- login and its lockout --------------------------------------------------------------


@pytest.mark.parametrize("typed", VARIANTS)
def test_every_variant_logs_in(person, typed):
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": typed, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


@pytest.mark.parametrize("failing", VARIANTS)
def test_no_variant_gets_another_try_after_the_lockout(person, failing):
    for _attempt in range(5):
        Client().post(
            "/accounts/login/", {"username": failing, "password": "wrong-one"}, **HERE
        )
    assert login_attempts_of(failing).count() == 1  # one name, one counter
    for typed in VARIANTS:
        client = Client()
        response = client.post(
            "/accounts/login/",
            {"username": typed, "password": DEFAULT_PASSWORD},
            **HERE,
        )
        assert response.status_code == 429, typed
        assert "_auth_user_id" not in client.session


# --- registration -----------------------------------------------------------------------


def registration_world():
    """What a registration writes, counted; and the private files."""
    stored = storages["private"]
    files = stored.listdir("registrations")[1] if stored.exists("registrations") else []
    return {
        "users": User.objects.count(),
        "profiles": ApplicantProfile.objects.count(),
        "registrations": RegistrationRequest.objects.count(),
        "consents": ConsentRecord.objects.count(),
        "represented": RepresentedConsent.objects.count(),
        "workflows": WorkflowState.objects.count(),
        "revisions": Revision.objects.count(),
        "files": sorted(files),
    }


@pytest.mark.parametrize(
    "typed", [" AIGERIM@example.KZ ", "Aigerim@Example.kz", "aigerim@example.kz"]
)
def test_a_variant_of_a_registered_address_is_that_address(
    client, register_page, typed, django_capture_on_commit_callbacks
):
    owner = UserFactory(email="aigerim@example.kz", full_name="Айгерим", language="en")
    before = registration_world()
    answers = registration_answers(
        email=typed,
        via_representative="on",
        representative_name="Омарова Айгерим",
        represented_email="represented@example.kz",
        power_of_attorney=SimpleUploadedFile(
            "доверенность.pdf", PDF, content_type="application/pdf"
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/register/", answers)
    # the answer of a new registration ...
    assert response.status_code == 302 and response["Location"] == "/register/thanks/"
    # ... but nothing made, nothing left of the work done for the time it takes
    assert registration_world() == before
    owner.refresh_from_db()
    assert owner.check_password(DEFAULT_PASSWORD)
    # the owner alone hears of it, in their language, with the way in
    assert [message.to for message in mail.outbox] == [["aigerim@example.kz"]]
    body = mail.outbox[0].body
    assert "http://testserver/en/accounts/login/" in body
    assert "http://testserver/en/accounts/password-reset/" in body
    assert SentEmail.objects.get().kind == "registration_attempt"


def test_the_thank_you_page_is_the_same_for_an_existing_address(
    client, register_page, django_capture_on_commit_callbacks
):
    UserFactory(email="aigerim@example.kz")
    with django_capture_on_commit_callbacks(execute=True):
        existing = client.post("/register/", registration_answers(), follow=True)
        new = Client().post(
            "/register/", registration_answers(email="Other@Example.kz"), follow=True
        )
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert existing.status_code == new.status_code == 200
    assert token.sub("", existing.content.decode()) == token.sub(
        "", new.content.decode()
    )
    assert User.objects.filter(email="other@example.kz").exists()


# --- password reset and the confirmation link again -------------------------------------


def reset_link(message):
    return re.search(r"http://testserver(/\S*password[-_]reset/\S+/)", message.body)


@pytest.mark.parametrize("typed", VARIANTS)
def test_a_password_reset_finds_the_account_by_any_variant(client, person, typed):
    response = client.post("/accounts/password-reset/", {"email": typed})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["person@example.kz"]]
    assert SentEmail.objects.get().kind == "password_reset"
    link = reset_link(mail.outbox[0])
    assert link and link.group(1).startswith("/accounts/password-reset/")
    # the link lets the person choose a new password
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200 and "new_password1" in form.content.decode()


def test_a_password_reset_for_an_unknown_address_sends_nothing(client, person):
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.kz"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_the_admin_password_reset_finds_the_account_by_any_variant(client, superuser):
    response = client.post("/admin/password_reset/", {"email": " ADMIN@Example.kz "})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["admin@example.kz"]]
    link = reset_link(mail.outbox[0])
    assert link and link.group(1).startswith("/admin/password_reset/confirm/")


@pytest.mark.parametrize("typed", VARIANTS)
def test_the_confirmation_link_again_finds_the_account_by_any_variant(client, typed):
    UserFactory(email="person@example.kz", is_active=False)
    response = client.post("/accounts/verify/resend/", {"email": typed})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["person@example.kz"]]
    assert "/accounts/verify/" in mail.outbox[0].body


def test_the_confirmation_link_again_goes_only_to_an_unconfirmed_account(
    client, person
):
    for typed in ("Person@Example.kz", "nobody@example.kz"):
        response = client.post("/accounts/verify/resend/", {"email": typed})
        assert response.status_code == 302
    assert mail.outbox == []


# --- the staff's user forms -------------------------------------------------------------


def test_the_staff_cannot_make_a_second_account_for_a_variant(client, superuser):
    UserFactory(email="taken@example.kz")
    verified_login(client, superuser)
    response = client.post(
        "/admin/users/new/",
        {
            "email": "  Taken@EXAMPLE.kz ",
            "full_name": "Дубликат Иван",
            "password1": "a-long-and-fine-password",
            "password2": "a-long-and-fine-password",
        },
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode() or (
        "уже существует" in response.content.decode()
    )
    assert User.objects.filter(full_name="Дубликат Иван").count() == 0


# --- the data migration -----------------------------------------------------------------


def test_the_migration_stores_every_address_by_the_rule(caplog):
    migration = import_module("accounts.migrations.0009_normalised_emails")
    written = UserFactory(email="written@example.kz")
    User.objects.filter(pk=written.pk).update(email=" Written.Past@Example.KZ")
    folded = UserFactory(email="strasse@example.kz")  # already as the rule stores it
    twin = UserFactory(email="placeholder@example.kz")
    User.objects.filter(pk=twin.pk).update(email="straße@example.kz")
    plain = UserFactory(email="plain@example.kz")

    with caplog.at_level(logging.WARNING, logger="accounts.migrations"):
        migration.normalise_addresses(django_apps, None)

    emails = dict(User.objects.values_list("pk", "email"))
    assert emails[written.pk] == "written.past@example.kz"
    assert emails[folded.pk] == "strasse@example.kz"
    assert emails[twin.pk] == "straße@example.kz"  # left for an administrator
    assert emails[plain.pk] == "plain@example.kz"
    assert f"accounts {twin.pk} have the address of account {folded.pk}" in caplog.text


# --- equal timing -----------------------------------------------------------------------

ROUNDS = 15


def median_seconds(send, cases, rounds=ROUNDS):
    """The median time ``send(case, n)`` takes for each of ``cases``, over ``rounds``
    rounds in alternating order (so that a slow spell of the shared machine falls on
    both), after one round that warms the caches and is not counted."""
    times = {case: [] for case in cases}
    for number in range(rounds + 1):
        order = cases if number % 2 else cases[::-1]
        for case in order:
            for alias in django_settings.CACHES:  # the rate limits' counters too
                caches[alias].clear()
            start = time.perf_counter()
            send(case, number)
            elapsed = time.perf_counter() - start
            if number:
                times[case].append(elapsed)
    return {case: statistics.median(values) for case, values in times.items()}


def assert_same_time(medians):
    existing, unknown = medians["existing"], medians["unknown"]
    ratio = existing / unknown
    print(f"existing {existing * 1000:.1f} ms, unknown {unknown * 1000:.1f} ms")
    assert 0.67 < ratio < 1.5, medians


@pytest.fixture
def production_like(settings):
    """The production hasher (tests use a fast one, which would hide the time a
    password takes), the database task queue (the request only enqueues; tests
    otherwise run tasks at once) and a mail server that takes time."""
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "tests.accounts.test_login_identity.SlowMailServer"


def test_registering_an_existing_address_takes_as_long_as_a_new_one(
    register_page, production_like, django_capture_on_commit_callbacks
):
    UserFactory(email="aigerim@example.kz", email_verified_at=timezone.now())

    def register(case, number):
        email = (
            "Aigerim@Example.kz" if case == "existing" else f"new{number}@example.kz"
        )
        client = Client(REMOTE_ADDR=f"198.51.{number}.{len(case)}")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/register/", registration_answers(email=email))
        assert response["Location"] == "/register/thanks/"

    assert_same_time(median_seconds(register, ["existing", "unknown"]))


def test_a_password_reset_takes_as_long_for_an_existing_address(
    production_like, django_capture_on_commit_callbacks
):
    UserFactory(email="person@example.kz", email_verified_at=timezone.now())

    def reset(case, number):
        email = "Person@Example.kz" if case == "existing" else "nobody@example.kz"
        client = Client(REMOTE_ADDR=f"198.51.{number}.{len(case)}")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/accounts/password-reset/", {"email": email})
        assert response.status_code == 302

    assert_same_time(median_seconds(reset, ["existing", "unknown"]))
    assert mail.outbox == []  # sent by the task queue's worker, not the request
    # the same work: one task per request, with the address normalised
    queued = DBTaskResult.objects.filter(
        task_path="accounts.password_reset.send_password_reset"
    )
    assert queued.count() == 2 * (ROUNDS + 1)
    assert {row.args_kwargs["args"][0] for row in queued} == {
        "person@example.kz",
        "nobody@example.kz",
    }


def test_a_new_confirmation_link_takes_as_long_for_an_existing_address(
    production_like, django_capture_on_commit_callbacks
):
    UserFactory(email="person@example.kz", is_active=False)

    def resend(case, number):
        email = " PERSON@example.kz" if case == "existing" else "nobody@example.kz"
        client = Client(REMOTE_ADDR=f"198.51.{number}.{len(case)}")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/accounts/verify/resend/", {"email": email})
        assert response.status_code == 302

    assert_same_time(median_seconds(resend, ["existing", "unknown"]))
    assert mail.outbox == []
    queued = DBTaskResult.objects.filter(
        task_path="accounts.verification.send_confirmation_link_again"
    )
    assert queued.count() == 2 * (ROUNDS + 1)  # one per request, for any address


# --- the addresses in the task queue ----------------------------------------------------


def project_tasks():
    """The module path of every background task the portal's apps define."""
    found = set()
    for app in ("accounts", "policy", "privacy", "submissions", "home", "core"):
        for module in sorted(
            path.relative_to(django_settings.BASE_DIR).with_suffix("")
            for path in (django_settings.BASE_DIR / app).rglob("*.py")
            if "migrations" not in path.parts
        ):
            loaded = import_module(".".join(module.parts))
            for value in vars(loaded).values():
                if isinstance(value, Task) and value.module_path.startswith(app + "."):
                    found.add(value.module_path)
    return found


def test_every_task_says_whether_its_arguments_are_personal():
    tasks = project_tasks()
    assert "accounts.password_reset.send_password_reset" in tasks
    declared = set(TASK_ARGUMENTS) | set(TASKS_WITH_IDS_ONLY)
    assert tasks - declared == set()


@pytest.mark.parametrize(
    ("task_path", "args", "erased"),
    [
        (
            "accounts.password_reset.send_password_reset",
            ["person@example.kz", "admin"],
            ["", "admin"],
        ),
        (
            "accounts.verification.send_confirmation_link_again",
            ["person@example.kz"],
            [""],
        ),
    ],
)
def test_the_address_typed_is_erased_from_the_queue(task_path, args, erased):
    assert erased_arguments(task_path, args, {}) == (erased, {})
    assert erased_arguments(task_path, [], {"email": "person@example.kz"}) == (
        [],
        {"email": ""},
    )


@pytest.mark.parametrize(
    "login, register",
    [
        ("/accounts/login/", "/register/"),
        ("/kk/accounts/login/", "/kk/register/"),
        ("/en/accounts/login/", "/en/register/"),
    ],
)
def test_the_login_page_leads_to_registration_in_its_language(
    client, db, login, register
):
    html = client.get(login).content.decode()
    links = re.findall(r'<a href="([^"]*)">[^<]*</a></li>', html)
    assert register in links, links
