"""The verification of a registration: the consent of the person represented, the
reviewers' approve / request-changes / resubmit round trip, the private file view, and the
applicant's dashboard."""

import re

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.models import WorkflowState

from core import rate_limits
from policy.models import ConsentRecord
from submissions.models.access_log import AccessLog
from submissions.models.registrations import (
    ApplicantProfile,
    RegistrationRequest,
    RepresentedConsent,
)
from submissions.registrations.pages import ConsentFormPage
from submissions.registrations.represented_consent import make_token
from tests.factories import (
    PDF,
    ApplicantFactory,
    ExpertFactory,
    UserFactory,
    registration_answers,
)
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

REPRESENTED = "head@kaspiy.example.kz"


@pytest.fixture
def consent_page(home_page):
    page = ConsentFormPage(
        title="Согласие представляемого лица",
        slug="consent",
        given_text="<p>Спасибо, согласие записано.</p>",
    )
    home_page.add_child(instance=page)
    return page


def register(client, capture, **overrides):
    """Register through the form, confirm the e-mail; the applicant, not logged in."""
    with capture(execute=True):
        response = client.post("/register/", registration_answers(**overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    profile = ApplicantProfile.objects.get(user__email="aigerim@example.kz")
    profile.user.is_active = True
    profile.user.email_verified_at = timezone.now()
    profile.user.save()
    return profile


def through_representative():
    return {
        "via_representative": "on",
        "representative_name": "Омарова Айгерим",
        "represented_email": REPRESENTED,
        "power_of_attorney": SimpleUploadedFile(
            "доверенность.pdf", PDF, content_type="application/pdf"
        ),
    }


def consent_link(message):
    return re.search(r"https?://\S+/consent/\?t=(\S+)", message.body)


def workflow_action(client, registration, action, **data):
    state = registration.current_workflow_state.current_task_state
    url = reverse(
        "wagtailsnippets_submissions_registrationrequest:workflow_action",
        args=[registration.pk, action, state.pk],
    )
    return client.post(url, data)


@pytest.fixture
def represented(
    client, register_page, consent_page, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    profile = register(
        client, django_capture_on_commit_callbacks, **through_representative()
    )
    return profile


# --- the consent of the person represented ------------------------------------------------


def test_the_person_represented_gets_a_link_and_gives_consent(
    client, represented, django_capture_on_commit_callbacks
):
    request = next(m for m in mail.outbox if m.to == [REPRESENTED])
    assert "Омарова Айгерим" in request.body and "ТОО «Инновация»" in request.body
    token = consent_link(request).group(1)
    page = client.get(f"/consent/?t={token}")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Текст согласия" in html and 'name="answer"' in html
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"/consent/?t={token}", {"answer": "give", "edition": 1})
    assert answer.status_code == 302
    consent = RepresentedConsent.objects.get()
    assert consent.decision == "given" and consent.decided_at is not None
    record = consent.consent_record
    assert record.email == REPRESENTED and record.user is None
    assert record.purpose == ConsentRecord.PERSONAL_DATA_PROCESSING
    assert record.form_name == "represented_consent"
    assert record.text_sha256 == record.edition.consent_statement_sha256
    assert [m.to for m in mail.outbox] == [["aigerim@example.kz"]]
    after = client.get(f"/consent/?t={token}").content.decode()
    assert "Спасибо, согласие записано." in after and 'name="answer"' not in after


def test_a_refusal_is_kept_and_approval_stays_blocked(client, represented, reviewer):
    token = consent_link(next(m for m in mail.outbox if m.to == [REPRESENTED])).group(1)
    client.post(f"/consent/?t={token}", {"answer": "refuse", "edition": 1})
    consent = RepresentedConsent.objects.get()
    assert consent.decision == "refused" and consent.consent_record is None
    assert not ConsentRecord.objects.filter(email=REPRESENTED).exists()
    registration = RegistrationRequest.objects.get()
    verified_login(client, reviewer)
    workflow_action(client, registration, "approve")  # refused: not among the actions
    assert registration.current_workflow_state.status == "in_progress"
    assert not ApplicantProfile.objects.filter(status="verified").exists()
    task_state = registration.current_workflow_state.current_task_state
    with pytest.raises(PermissionDenied):
        task_state.task.specific.on_action(task_state, reviewer, "approve")
    edit = client.get(
        reverse(
            "wagtailsnippets_submissions_registrationrequest:edit",
            args=[registration.pk],
        )
    ).content.decode()
    assert "Пока нельзя одобрить" in edit and REPRESENTED in edit


def test_the_answer_must_be_chosen_and_nothing_is_recorded_without_it(
    client, represented
):
    token = consent_link(next(m for m in mail.outbox if m.to == [REPRESENTED])).group(1)
    response = client.post(f"/consent/?t={token}", {"edition": 1})
    assert response.status_code == 200
    assert "Выберите, даёте ли вы согласие" in response.content.decode()
    assert RepresentedConsent.objects.get().decision == "pending"


def test_an_expired_or_tampered_consent_link_records_nothing(
    client, represented, settings
):
    token = consent_link(next(m for m in mail.outbox if m.to == [REPRESENTED])).group(1)
    assert client.get(f"/consent/?t={token[:-3]}abc").status_code == 400
    forged = signing.dumps({"consent": 1, "email": REPRESENTED}, salt="other")
    assert client.post(f"/consent/?t={forged}", {"answer": "give"}).status_code == 400
    settings.REPRESENTED_CONSENT_DAYS = -1
    expired = client.post(f"/consent/?t={token}", {"answer": "give", "edition": 1})
    assert expired.status_code == 410
    assert "Срок действия ссылки истёк" in expired.content.decode()
    assert RepresentedConsent.objects.get().decision == "pending"
    assert not ConsentRecord.objects.filter(email=REPRESENTED).exists()


def test_the_applicant_can_ask_again_and_the_old_link_stops_working(
    client, represented, django_capture_on_commit_callbacks
):
    old = RepresentedConsent.objects.get()
    client.post(f"/consent/?t={make_token(old)}", {"answer": "refuse", "edition": 1})
    client.force_login(represented.user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("ask_represented_consent_again"))
    assert [m.to for m in mail.outbox] == [[REPRESENTED]]
    assert RepresentedConsent.objects.count() == 2
    assert client.get(f"/consent/?t={make_token(old)}").status_code == 410


def test_the_link_to_the_person_represented_is_rate_limited(
    client, represented, settings, django_capture_on_commit_callbacks
):
    """Asking again e-mails a third person: core.rate_limits, per their address."""
    settings.RATE_LIMITS = {"per_address": 3, "per_network": 20, "window_minutes": 60}
    client.force_login(represented.user)
    mail.outbox.clear()
    for _ in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("ask_represented_consent_again"))
    assert [m.to for m in mail.outbox] == [[REPRESENTED]] * 3
    with translation.override("ru"):
        refused = rate_limits.Refusal(60).message.split("1")[0]
    assert escape(refused) in client.get(reverse("account")).content.decode()


def test_the_consent_page_without_a_link_explains_itself(client, consent_page):
    response = client.get("/consent/")
    assert response.status_code == 200
    assert "открывается по ссылке" in response.content.decode()


# --- the reviewers' round trip --------------------------------------------------------------


def test_approve_request_changes_resubmit_round_trip(
    client, register_page, reviewer, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    profile = register(client, django_capture_on_commit_callbacks)
    to_reviewer = [m for m in mail.outbox if m.to == ["reviewer@example.kz"]]
    assert len(to_reviewer) == 1 and "ТОО «Инновация»" in to_reviewer[0].subject
    registration = RegistrationRequest.objects.get()
    applicant = client.__class__()
    applicant.force_login(profile.user)

    # the reviewer asks for a correction, with a comment
    verified_login(client, reviewer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = workflow_action(
            client, registration, "reject", comment="Приложите свидетельство целиком."
        )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.status == "changes_requested"
    assert mail.outbox[0].to == ["aigerim@example.kz"]
    assert "Приложите свидетельство целиком." in mail.outbox[0].body
    dashboard = applicant.get("/account/").content.decode()
    assert "Требуются исправления" in dashboard
    assert "Приложите свидетельство целиком." in dashboard

    # the applicant corrects and sends again: a new revision, back in the workflow
    revisions = registration.revisions.count()
    form = applicant.get("/account/profile/").content.decode()
    assert "ТОО «Инновация»" in form  # the form starts from the details on record
    correction = {
        key: value
        for key, value in registration_answers(phone="+7 702 000 00 00").items()
        if key
        not in (
            "email",
            "password1",
            "password2",
            "accept_policy",
            "consent_processing",
            "captcha_0",
            "captcha_1",
            "registration_certificate",
        )
    }
    response = applicant.post("/account/profile/", correction)
    assert response.status_code == 302 and response["Location"] == "/account/"
    registration.refresh_from_db()
    assert registration.revisions.count() == revisions + 1
    assert registration.phone == "+7 702 000 00 00"
    assert registration.registration_certificate_name == "Свидетельство.pdf"
    state = registration.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    profile.refresh_from_db()
    assert profile.status == "awaiting"

    # the reviewer approves: verified, and the applicant is told
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(client, registration, "approve")
    profile.refresh_from_db()
    assert profile.status == "verified" and profile.verified_at is not None
    registration.refresh_from_db()
    assert registration.live
    assert [m.to for m in mail.outbox] == [
        ["aigerim@example.kz"]
    ]  # ours, not Wagtail's
    assert "подтверждена" in mail.outbox[0].subject
    assert "Подтверждена" in applicant.get("/account/").content.decode()


def test_changing_verified_details_sends_them_back_to_verification(
    client, register_page, reviewer, django_capture_on_commit_callbacks
):
    profile = register(client, django_capture_on_commit_callbacks)
    registration = RegistrationRequest.objects.get()
    verified_login(client, reviewer)
    workflow_action(client, registration, "approve")
    client.force_login(profile.user)
    form = client.get("/account/profile/").content.decode()
    assert "Сохранение вернёт регистрацию на проверку" in form
    details = {
        "person_type": "legal_entity",
        "full_name": profile.full_name,
        "organization": profile.organization,
        "resident": "yes",
        "bin_iin": profile.bin_iin,
        "phone": profile.phone,
    }
    unchanged = client.post("/account/profile/", details, follow=True)
    assert "ничего не изменилось" in unchanged.content.decode().lower()
    profile.refresh_from_db()
    assert profile.status == "verified"
    client.post("/account/profile/", {**details, "phone": "+7 777 111 22 33"})
    profile.refresh_from_db()
    assert profile.status == "awaiting" and profile.verified_at is None
    registration.refresh_from_db()
    assert registration.phone == "+7 777 111 22 33" and not registration.live
    assert registration.current_workflow_state.status == "in_progress"


def test_the_profile_form_keeps_values_and_explains_errors(
    client, register_page, django_capture_on_commit_callbacks
):
    profile = register(client, django_capture_on_commit_callbacks)
    client.force_login(profile.user)
    response = client.post(
        "/account/profile/",
        {
            "person_type": "legal_entity",
            "full_name": "Новое Имя",
            "organization": "",
            "resident": "yes",
            "bin_iin": "940740000912",
            "phone": "+7 701 000 00 00",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Укажите наименование организации." in html and "контрольная цифра" in html
    assert 'value="Новое Имя"' in html
    profile.refresh_from_db()
    assert profile.full_name != "Новое Имя"


# --- files and who may see them ------------------------------------------------------------


def test_files_go_to_their_applicant_and_reviewers_only_and_each_download_is_logged(
    client, register_page, reviewer, django_capture_on_commit_callbacks
):
    profile = register(client, django_capture_on_commit_callbacks)
    registration = RegistrationRequest.objects.get()
    url = reverse("registration_file", args=[registration.pk, "certificate"])

    assert client.get(url).status_code == 302  # anonymous: to the login page
    other = UserFactory(email="other@example.kz", email_verified_at=timezone.now())
    client.force_login(other)
    assert client.get(url).status_code == 404
    expert = ExpertFactory(email="expert@example.kz")
    verified_login(client, expert)
    assert client.get(url).status_code == 404

    for person in (profile.user, reviewer):
        verified_login(client, person)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
    log = list(AccessLog.objects.order_by("at").values_list("actor__email", "action"))
    assert log == [
        ("aigerim@example.kz", "download"),
        ("reviewer@example.kz", "download"),
    ]
    assert AccessLog.objects.filter(applicant=profile.user).count() == 2


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("203.0.113.57", "203.0.113.0/24"),
        ("2001:db8:85a3:1:2::7", "2001:db8:85a3::/48"),
    ],
)
def test_the_access_log_keeps_the_network_of_an_opening_never_the_address(
    client,
    register_page,
    reviewer,
    django_capture_on_commit_callbacks,
    address,
    network,
):
    """Who opened whose data is the staff member (their account); of where from, only
    the network: enough to tell the office from elsewhere, not to name a device."""
    profile = register(client, django_capture_on_commit_callbacks)
    registration = RegistrationRequest.objects.get()
    verified_login(client, reviewer)
    download = reverse("registration_file", args=[registration.pk, "certificate"])
    response = client.get(download, REMOTE_ADDR=address)
    assert response.status_code == 200
    b"".join(response.streaming_content)
    opened = AccessLog.objects.get(applicant=profile.user, action=AccessLog.DOWNLOAD)
    assert opened.actor == reviewer and opened.network == network
    assert not any(
        address in str(value)
        for row in AccessLog.objects.values()
        for value in row.values()
    )
    assert "ip_address" not in {field.name for field in AccessLog._meta.get_fields()}
    report = client.get(reverse("applicant_access_report", args=[profile.user_id]))
    html = report.content.decode()
    assert network in html and address not in html


def test_the_reviewer_sees_the_registration_read_only_with_its_documents(
    client, represented, reviewer
):
    registration = RegistrationRequest.objects.get()
    verified_login(client, reviewer)
    html = client.get(
        reverse(
            "wagtailsnippets_submissions_registrationrequest:edit",
            args=[registration.pk],
        )
    ).content.decode()
    assert reverse("registration_file", args=[registration.pk, "certificate"]) in html
    assert "доверенность.pdf" in html
    assert 'name="full_name"' not in html  # read-only: no input to change it
    assert "action-save" not in html and "action-publish" not in html
    assert 'data-workflow-action-name="reject"' in html  # "request changes" is there
    listing = client.get(
        reverse("wagtailsnippets_submissions_registrationrequest:list")
        + "?q=940740000911"
    ).content.decode()
    assert "ТОО «Инновация»" in listing


def test_applicants_never_reach_the_admin(
    client, register_page, django_capture_on_commit_callbacks
):
    profile = register(client, django_capture_on_commit_callbacks)
    client.force_login(profile.user)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    registration = RegistrationRequest.objects.get()
    edit = client.get(
        reverse(
            "wagtailsnippets_submissions_registrationrequest:edit",
            args=[registration.pk],
        )
    )
    assert edit.status_code == 302


# --- the dashboard ----------------------------------------------------------------------------


def test_the_dashboard_shows_status_details_and_consent_history(
    client, represented, django_assert_max_num_queries
):
    client.force_login(represented.user)
    with django_assert_max_num_queries(30):
        html = client.get("/account/").content.decode()
    assert "Ожидает проверки" in html
    assert "ТОО «Инновация»" in html
    assert "Согласие на обработку персональных данных" in html
    assert "Принятие политики конфиденциальности" in html
    assert "Редакция 1" in html
    assert REPRESENTED in html and "ответа пока нет" in html
    english = client.get("/en/account/").content.decode()
    assert "Awaiting verification" in english


def test_the_dashboard_needs_a_login(client):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/account/")


def test_login_leads_to_the_dashboard(
    client, register_page, django_capture_on_commit_callbacks
):
    profile = register(client, django_capture_on_commit_callbacks)
    response = client.post(
        "/accounts/login/",
        {"username": profile.user.email, "password": "a-long-and-fine-password"},
    )
    assert response.status_code == 302 and response["Location"] == "/account/"


def test_the_register_filters_by_verification_and_person_type(
    client, register_page, reviewer, django_capture_on_commit_callbacks
):
    register(client, django_capture_on_commit_callbacks)
    verified_login(client, reviewer)
    url = reverse("wagtailsnippets_submissions_registrationrequest:list")
    awaiting = client.get(url + "?verification=awaiting").content.decode()
    assert "ТОО «Инновация»" in awaiting
    verified = client.get(url + "?verification=verified").content.decode()
    assert "ТОО «Инновация»" not in verified
    individuals = client.get(url + "?person_type=individual").content.decode()
    assert "ТОО «Инновация»" not in individuals
    export = client.get(url + "?verification=awaiting&export=csv")
    assert "940740000911" in b"".join(export.streaming_content).decode()


@pytest.mark.parametrize("awaiting, told", [(True, True), (False, False)])
def test_an_unverified_applicant_is_told_when_an_application_can_be_sent(
    client, apply_page, awaiting, told
):
    client.force_login(ApplicantFactory(awaiting=awaiting))
    html = client.get("/account/").content.decode()
    assert "Подать заявку" in html
    said = "отправить её можно будет, когда регистрация будет подтверждена" in html
    assert said is told
