"""Renewed consent: an applicant who has not accepted an edition requiring it is asked
to, on /account/consent/, before anything else; the exemptions keep the way out open."""

import datetime
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.core import mail

from policy.consent import record_consent, record_policy_consents
from policy.middleware import RenewedConsentMiddleware
from policy.models import ConsentRecord
from tests.factories import (
    PolicyPageFactory,
    UserFactory,
    go_live,
    policy_fields,
    translate,
)
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(home_page):
    return PolicyPageFactory(parent=home_page, published=True)


@pytest.fixture
def applicant(policy):
    """An applicant who accepted edition 1 when registering."""
    person = UserFactory(email="aigerim@example.kz", full_name="Айгерим Сапарова")
    record_policy_consents(
        edition=policy.editions.get(number=1),
        email=person.email,
        form_name="registration",
        user=person,
    )
    return person


def renew(policy, **changes):
    body = policy_fields()["body"]
    body[1]["value"]["clauses"] = ["<p>Фамилия, имя, e-mail, телефон и должность.</p>"]
    go_live(
        policy,
        body=body,
        change_summary="В состав данных добавлена должность.",
        requires_renewed_consent=True,
        **changes,
    )


def test_an_applicant_is_sent_to_renew_consent(client, policy, applicant):
    renew(policy)
    client.force_login(applicant)
    response = client.get("/search/", {"q": "ОПИ"})
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == "/account/consent/"
    assert unquote(parse_qs(location.query)["next"][0]) == "/search/?q=ОПИ"
    html = client.get(response["Location"]).content.decode()
    assert "Политика конфиденциальности изменилась" in html
    assert "В состав данных добавлена должность." in html
    assert "<ins>и должность.</ins>" in html or "<ins>" in html
    assert 'name="accept_policy"' in html and 'name="consent_processing"' in html
    assert "checked" not in html  # never ticked in advance
    assert 'action="/accounts/logout/"' in html


def test_accepting_records_both_consents_and_goes_on(
    client, policy, applicant, django_capture_on_commit_callbacks
):
    renew(policy)
    client.force_login(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/account/consent/",
            {"accept_policy": "on", "consent_processing": "on", "next": "/search/"},
            HTTP_USER_AGENT="Firefox",
        )
    assert response.status_code == 302 and response["Location"] == "/search/"
    records = ConsentRecord.objects.filter(user=applicant, edition__number=2)
    assert sorted(records.values_list("purpose", flat=True)) == [
        "personal_data_processing",
        "policy_acceptance",
    ]
    assert {r.form_name for r in records} == {"renewed_consent"}
    assert records.first().user_agent == "Firefox"
    assert client.get("/search/").status_code == 200
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["aigerim@example.kz"]
    assert "редакцией 2" in mail.outbox[0].subject
    assert "http://testserver/policy/editions/2/" in mail.outbox[0].body


def test_an_unticked_box_comes_back_with_its_error(client, policy, applicant):
    renew(policy)
    client.force_login(applicant)
    response = client.post(
        "/account/consent/", {"accept_policy": "on", "next": "/search/"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Отметьте, чтобы дать согласие на обработку" in html
    assert 'aria-invalid="true"' in html
    assert 'id="id_accept_policy" checked' in html  # what was ticked stays ticked
    assert not ConsentRecord.objects.filter(edition__number=2).exists()


def test_the_way_out_stays_open(client, policy, applicant):
    renew(policy)
    client.force_login(applicant)
    for path in (
        "/policy/",
        "/policy/editions/",
        "/policy/editions/2/changes/",
        "/en/account/consent/",
        "/static/css/site.css",
        "/health/",
    ):
        response = client.get(path)
        assert response.status_code != 302 or "/account/consent/" not in response.get(
            "Location", ""
        ), path
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_no_redirect_without_an_edition_requiring_it(client, policy, applicant):
    go_live(policy, change_summary="Исправлена опечатка.")  # no renewal asked
    client.force_login(applicant)
    assert client.get("/search/").status_code == 200
    assert client.get("/account/consent/").status_code == 302  # nothing to accept


def test_a_future_edition_asks_nothing_until_its_date(client, policy, applicant):
    renew(policy, effective_date=datetime.date(2099, 1, 1))
    client.force_login(applicant)
    assert client.get("/search/").status_code == 200


def test_a_minor_edition_after_a_renewal_still_needs_the_renewal(
    client, policy, applicant
):
    renew(policy)
    go_live(policy, change_summary="Опечатка.", requires_renewed_consent=False)
    client.force_login(applicant)
    response = client.get("/search/")
    assert response["Location"].startswith("/account/consent/")
    html = client.get(response["Location"]).content.decode()
    assert "Редакция 3" in html or "редакции 3" in html


def test_staff_and_visitors_are_not_asked(client, policy, applicant, editor):
    renew(policy)
    assert client.get("/search/").status_code == 200  # a visitor
    verified_login(client, editor)
    assert client.get("/search/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_form_being_sent_is_not_lost(client, policy, applicant):
    renew(policy)
    client.force_login(applicant)
    response = client.post("/cookies/dismiss/", {"next": "/search/"})
    assert response["Location"] == "/search/"


def test_acceptance_in_another_language_counts(client, home_page, policy, applicant):
    renew(policy)
    translate(home_page, "en", title="OPI Center", hero_title="Pilot testing")
    english = translate(policy, "en", title="Privacy policy")
    go_live(english, requires_renewed_consent=True)
    client.force_login(applicant)
    response = client.get("/en/search/")
    assert response["Location"].startswith("/en/account/consent/")
    html = client.get(response["Location"]).content.decode()
    assert "The privacy policy has changed" in html
    client.post(
        "/en/account/consent/", {"accept_policy": "on", "consent_processing": "on"}
    )
    assert client.get("/en/search/").status_code == 200
    assert client.get("/search/").status_code == 200  # the Russian edition too


def test_the_gate_costs_one_query_once_settled(
    client, policy, applicant, django_assert_max_num_queries
):
    renew(policy)
    record_consent(
        edition=policy.editions.get(number=2),
        purpose=ConsentRecord.POLICY_ACCEPTANCE,
        email=applicant.email,
        form_name="renewed_consent",
        user=applicant,
    )
    client.force_login(applicant)
    client.get("/health/")
    client.get("/search/")  # settles the check in the session
    calls = []

    def get_response(request):
        calls.append(request)
        return None

    gate = RenewedConsentMiddleware(get_response)
    request = client.get("/search/").wsgi_request
    with django_assert_max_num_queries(1):
        assert gate.gate(request) is None
