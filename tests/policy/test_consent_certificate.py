"""The consent certificate: the person's own page to print or save as PDF, and the admin's
for the staff the access policy lets see that person."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone

from policy import chain
from policy.consent import (
    pseudonymise_consents,
    record_policy_consents,
    withdraw_consents,
)
from policy.models import ConsentRecord
from submissions.models.access_log import AccessLog
from submissions.models.registrations import ApplicantProfile
from tests.factories import (
    ApplicantFactory,
    ExpertFactory,
    PolicyApproverFactory,
    PolicyPageFactory,
)
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

URL = "/account/consents/certificate/"


def admin_url(person):
    return f"/admin/consents/certificate/{person.pk}/"


@pytest.fixture
def edition(home_page):
    return PolicyPageFactory(parent=home_page, published=True).editions.get()


def register(rf, edition, person, address="203.0.113.7"):
    request = rf.post(
        "/register/", HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux) Firefox/128"
    )
    request.META["REMOTE_ADDR"] = address
    return record_policy_consents(
        edition=edition,
        email=person.email,
        form_name="registration",
        request=request,
        user=person,
    )


@pytest.fixture
def aigerim(rf, edition):
    person = ApplicantFactory(email="aigerim@example.kz", full_name="Айгерим Сәтбаева")
    register(rf, edition, person)
    return person


@pytest.fixture
def bolat(rf, edition):
    person = ApplicantFactory(email="bolat@example.kz", full_name="Болат Нұрланов")
    register(rf, edition, person, address="198.51.100.23")
    return person


def text(response):
    assert response.status_code == 200, response
    return response.content.decode()


def test_the_person_reads_what_they_agreed_to(client, aigerim, edition):
    client.force_login(aigerim)
    page = text(client.get(URL))
    records = ConsentRecord.objects.filter(user=aigerim).order_by("sequence")
    assert '<h1 id="certificate-title"' in page
    assert "aigerim@example.kz" in page and "Айгерим Сәтбаева" in page
    # the edition and its hashes, the text agreed to
    assert edition.title in page and edition.document_code in page
    assert edition.text_sha256 in page and edition.consent_statement_sha256 in page
    # when, how, from where; the ledger's hashes as proof
    for record in records:
        assert record.record_hash in page and record.previous_hash in page
        assert chain.timestamp(record.given_at) in page  # as the hash holds it
    assert "203.0.113.0/24" in page and "203.0.113.7" not in page
    assert "Firefox/128" in page
    assert page.count('class="certificate__record"') == 2
    assert "certificate__verdict--intact" in page
    assert "certificate__status--given" in page
    assert "certificate__status--withdrawn" not in page


def test_the_certificate_in_english_names_the_form_and_the_status(client, aigerim):
    client.force_login(aigerim)
    page = text(client.get(f"/en{URL}"))
    assert "Consent certificate" in page
    assert "The registration form" in page
    assert "In force: not withdrawn" in page
    assert "matches its hash and follows the record before it" in page
    assert text(client.get(f"/kk{URL}"))


def test_a_withdrawal_shows_with_its_date_and_reason(client, aigerim):
    withdraw_consents(aigerim, reason="Request no. 12")
    record = ConsentRecord.objects.filter(user=aigerim).first()
    client.force_login(aigerim)
    page = text(client.get(f"/en{URL}"))
    assert page.count("certificate__status--withdrawn") == 2
    assert "Withdrawn on" in page and "Request no. 12" in page
    assert record.withdrawn_at.strftime("%Y") in page
    assert "certificate__verdict--intact" in page


def test_the_certificate_of_a_pseudonymised_person_still_proves_the_consent(
    client, superuser, aigerim, edition
):
    withdraw_consents(aigerim, reason="erasure")
    pseudonymise_consents(aigerim, "person-00aa11bb22cc33dd@anonymised.invalid")
    verified_login(client, superuser)
    page = text(client.get(admin_url(aigerim)))
    assert "person-00aa11bb22cc33dd@anonymised.invalid" in page
    assert "203.0.113.0/24" not in page and "Firefox" not in page
    assert "certificate__status--withdrawn" in page
    assert edition.consent_statement_sha256 in page
    assert "certificate__verdict--intact" in page


def test_each_person_sees_only_their_own(client, aigerim, bolat):
    client.force_login(bolat)
    page = text(client.get(URL))
    assert "bolat@example.kz" in page and "198.51.100.0/24" in page
    assert "aigerim@example.kz" not in page and "203.0.113.0/24" not in page
    # of Aigerim's records only the hash of the one before Bolat's first shows (the
    # chain's link: a hash names nobody)
    first = ConsentRecord.objects.filter(user=aigerim).order_by("sequence").first()
    assert first.record_hash not in page
    # nothing in the address names a person: there is no other person's page to ask for
    assert (
        client.get(f"{URL}?user={aigerim.pk}")
        .content.decode()
        .count("aigerim@example.kz")
        == 0
    )


def test_a_visitor_is_sent_to_log_in(client, aigerim):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_page_is_not_cached(client, aigerim):
    client.force_login(aigerim)
    assert "no-store" in client.get(URL)["Cache-Control"]


def test_the_dashboard_links_to_the_certificate(client, aigerim):
    client.force_login(aigerim)
    assert f'href="{URL}"' in text(client.get("/account/"))


def test_a_person_without_consents_reads_that_the_ledger_holds_none(client, home_page):
    person = ApplicantFactory(email="nobody@example.kz")
    client.force_login(person)
    page = text(client.get(f"/en{URL}"))
    assert "The ledger holds no consent given through this account." in page


def test_the_certificate_prints_on_a4_without_the_site_around_it(client, aigerim):
    client.force_login(aigerim)
    page = text(client.get(URL))
    stylesheet = re.search(r'href="([^"]*certificate\.css)"', page)
    assert stylesheet, "the certificate's print styles are linked"
    with open(finders.find("css/certificate.css")) as stylesheet_file:
        css = stylesheet_file.read()
    assert re.search(r"@page\s*{\s*size:\s*A4", css)
    printed = css[css.index("@media print") :]
    for frame in (".site-header", ".main-nav", ".site-footer", ".cookie-notice"):
        assert frame in printed.split("display: none")[0]
    assert "certificate__print-hint" in page


# --- in the admin -------------------------------------------------------------------------


def test_an_administrator_reads_anyones_certificate(
    client, superuser, aigerim, edition
):
    withdraw_consents(aigerim, reason="Request no. 3")
    verified_login(client, superuser)
    page = text(client.get(admin_url(aigerim)))
    assert "aigerim@example.kz" in page and 'id="certificate-title"' in page
    assert edition.text_sha256 in page
    for record in ConsentRecord.objects.filter(user=aigerim):
        assert record.record_hash in page
    assert "certificate__status--withdrawn" in page and "Request no. 3" in page
    assert client.get("/admin/consents/certificate/999999/").status_code == 404


def test_the_ledger_and_the_users_list_link_to_the_certificate(
    client, superuser, aigerim
):
    verified_login(client, superuser)
    ledger = text(client.get("/admin/policy/consentrecord/"))
    assert f'href="{admin_url(aigerim)}"' in ledger
    users = text(client.get("/admin/users/"))
    assert admin_url(aigerim) in users


@pytest.mark.parametrize(
    "staff", [ExpertFactory, PolicyApproverFactory], ids=["expert", "approver"]
)
def test_other_staff_are_refused(client, aigerim, staff):
    verified_login(client, staff())
    response = client.get(admin_url(aigerim))
    assert response.status_code == 403
    assert "aigerim@example.kz" not in response.content.decode()


def test_an_editor_is_refused(client, editor, aigerim):
    verified_login(client, editor)
    assert client.get(admin_url(aigerim)).status_code == 403


def test_applicants_and_visitors_never_reach_the_admin_certificate(
    client, aigerim, bolat
):
    response = client.get(admin_url(aigerim))
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(bolat)
    response = client.get(admin_url(aigerim))
    assert response.status_code in (302, 403)
    assert "aigerim@example.kz" not in response.content.decode()


def test_a_reviewer_reads_an_applicants_certificate_not_a_blocked_ones(
    client, reviewer, aigerim, bolat
):
    ApplicantProfile.objects.filter(user=bolat).update(blocked_at=timezone.now())
    """The access policy (submissions.permissions.can_see_consent_certificate, given
    to policy through CERTIFICATE_ACCESS_HOOK) lets reviewers read an applicant's
    certificate unless the applicant is blocked; the opening is in the access log."""
    verified_login(client, reviewer)
    page = text(client.get(admin_url(aigerim)))
    assert "aigerim@example.kz" in page
    opened = AccessLog.objects.get(applicant=aigerim)
    assert opened.actor == reviewer and opened.what == "справка о согласии"
    for refused in (
        client.get(admin_url(bolat)),  # blocked during a check
        client.get(admin_url(reviewer)),  # a member of staff, not an applicant
    ):
        # Wagtail answers a refusal in the admin with its home page and a message
        assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert "bolat@example.kz" not in text(client.get("/admin/", follow=True))
    assert not AccessLog.objects.filter(applicant=bolat).exists()
