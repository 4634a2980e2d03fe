"""The consent ledger: made by record_consent, withdrawn once, otherwise untouchable."""

import pytest
from django.db.models import ProtectedError

from accounts.models import User
from policy.consent import record_consent, withdraw_consent
from policy.models import ConsentRecord, ImmutableRecordError
from tests.factories import PolicyPageFactory, UserFactory
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(home_page):
    return PolicyPageFactory(parent=home_page, published=True).editions.get()


def give(rf, edition, purpose=ConsentRecord.PERSONAL_DATA_PROCESSING, **kwargs):
    request = rf.post("/register/", HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux)")
    request.META["REMOTE_ADDR"] = "203.0.113.7"
    return record_consent(
        edition=edition,
        purpose=purpose,
        email=kwargs.pop("email", "Aigerim@Example.kz"),
        form_name="registration",
        request=request,
        **kwargs,
    )


def test_a_consent_records_what_was_shown_and_where_it_came_from(rf, edition):
    record = give(rf, edition)
    assert record.email == "aigerim@example.kz"
    assert record.text_sha256 == edition.consent_statement_sha256
    assert record.network == "203.0.113.0/24"  # the network, never the address
    assert record.user_agent == "Mozilla/5.0 (X11; Linux)"
    assert record.form_name == "registration" and record.given_at is not None
    acceptance = give(rf, edition, purpose=ConsentRecord.POLICY_ACCEPTANCE)
    assert acceptance.text_sha256 == edition.text_sha256


def test_a_record_cannot_be_changed_or_deleted(rf, edition):
    record = give(rf, edition)
    record.email = "someone-else@example.kz"
    with pytest.raises(ImmutableRecordError):
        record.save()
    with pytest.raises(ImmutableRecordError):
        ConsentRecord.objects.get().delete()
    assert ConsentRecord.objects.get().email == "aigerim@example.kz"


def test_withdrawal_is_recorded_once(rf, edition):
    record = withdraw_consent(give(rf, edition), reason="Больше не участвую.")
    first = ConsentRecord.objects.get().withdrawn_at
    assert first is not None and record.withdrawal_reason == "Больше не участвую."
    withdraw_consent(ConsentRecord.objects.get(), reason="Другая причина")
    stored = ConsentRecord.objects.get()
    assert (
        stored.withdrawn_at == first
        and stored.withdrawal_reason == "Больше не участвую."
    )
    stored.withdrawal_reason = "подмена"
    with pytest.raises(ImmutableRecordError):
        stored.save()


def test_an_account_with_consents_is_never_deleted(rf, edition):
    # Accounts are anonymised, never deleted: the ledger keeps pointing at the account.
    person = UserFactory(email="leaving@example.kz")
    give(rf, edition, email="leaving@example.kz", user=person)
    with pytest.raises(ProtectedError):
        User.objects.filter(pk=person.pk).delete()
    record = ConsentRecord.objects.get()
    assert record.user == person and record.email == "leaving@example.kz"


def test_the_ledger_in_the_admin(client, rf, edition, superuser):
    give(rf, edition)
    give(rf, edition, email="other@example.kz", purpose=ConsentRecord.POLICY_ACCEPTANCE)
    record = ConsentRecord.objects.get(email="aigerim@example.kz")
    verified_login(client, superuser)
    url = "/admin/policy/consentrecord/"
    listing = client.get(url, {"q": "aigerim"}).content.decode()
    assert "aigerim@example.kz" in listing and "other@example.kz" not in listing
    by_edition = client.get(url, {"edition": edition.pk}).content.decode()
    assert "other@example.kz" in by_edition
    by_purpose = client.get(
        url, {"purpose__exact": "policy_acceptance"}
    ).content.decode()
    assert "other@example.kz" in by_purpose and "aigerim@example.kz" not in by_purpose
    inspect = client.get(f"{url}inspect/{record.pk}/")
    assert inspect.status_code == 200 and record.text_sha256 in inspect.content.decode()
    export = client.get(url, {"export": "csv"})
    assert export.status_code == 200
    csv_text = b"".join(export.streaming_content).decode()
    # the one spreadsheet writer: a byte-order mark, so that Excel reads Cyrillic
    assert csv_text.startswith("\ufeff")
    assert "aigerim@example.kz" in csv_text and "203.0.113.0/24" in csv_text
    assert "203.0.113.7" not in csv_text
    assert client.get(f"{url}edit/{record.pk}/").status_code in (302, 403)
    assert client.get(f"{url}delete/{record.pk}/").status_code in (302, 403)
    assert ConsentRecord.objects.count() == 2
