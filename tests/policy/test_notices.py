"""Notice of a new edition: one e-mail per active applicant, recorded, failure-tolerant."""

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from policy.models import EditionNotice
from policy.tasks import announce_edition, send_edition_notice
from tests.factories import (
    PolicyPageFactory,
    ReviewerFactory,
    UserFactory,
    go_live,
    translate,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(home_page):
    return PolicyPageFactory(parent=home_page, published=True)


@pytest.fixture
def people(db):
    return {
        "ru": UserFactory(email="aigerim@example.kz", full_name="Айгерим Сапарова"),
        "en": UserFactory(
            email="john@example.com", full_name="John Smith", language="en"
        ),
        "inactive": UserFactory(email="gone@example.kz", is_active=False),
        "reviewer": ReviewerFactory(email="reviewer@example.kz"),
        "admin": UserFactory(email="root@example.kz", is_superuser=True),
    }


def publish_second_edition(policy, capture):
    with capture(execute=True):
        go_live(
            policy,
            change_summary="Срок ответа на запрос сокращён до одного рабочего дня.",
            requires_renewed_consent=True,
        )
    return policy.editions.get(number=2)


def test_each_active_applicant_gets_one_notice(
    policy, people, django_capture_on_commit_callbacks
):
    edition = publish_second_edition(policy, django_capture_on_commit_callbacks)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "aigerim@example.kz",
        "john@example.com",
    ]
    russian = next(m for m in mail.outbox if m.to == ["aigerim@example.kz"])
    assert "Новая редакция (2) политики конфиденциальности" in russian.subject
    assert "Срок ответа на запрос сокращён" in russian.body
    assert "http://testserver/policy/editions/2/changes/" in russian.body
    assert "требует повторного согласия" in russian.body
    english = next(m for m in mail.outbox if m.to == ["john@example.com"])
    assert "has a new edition (2)" in english.subject  # the person's language
    notices = EditionNotice.objects.filter(edition=edition)
    assert notices.count() == 2
    assert set(notices.values_list("status", flat=True)) == {"sent"}
    assert all(notice.sent_at for notice in notices)


def test_announcing_again_writes_to_nobody_twice(
    policy, people, django_capture_on_commit_callbacks
):
    edition = publish_second_edition(policy, django_capture_on_commit_callbacks)
    announce_edition.enqueue(edition.pk)
    send_edition_notice.enqueue(EditionNotice.objects.first().pk)
    assert len(mail.outbox) == 2
    assert EditionNotice.objects.count() == 2


def test_the_first_edition_and_translations_announce_nothing(
    home_page, people, django_capture_on_commit_callbacks
):
    page = PolicyPageFactory(parent=home_page)
    with django_capture_on_commit_callbacks(execute=True):
        go_live(page)
        translate(home_page, "en", title="OPI Center", hero_title="Pilot testing")
        english = translate(page, "en", title="Privacy policy")
        go_live(english, change_summary="Wording.")
    assert mail.outbox == []
    assert not EditionNotice.objects.exists()


def test_a_failing_address_does_not_stop_the_rest(
    policy, people, django_capture_on_commit_callbacks, monkeypatch
):
    real_send = EmailBackend.send_messages

    def refuse_one(self, messages):
        if any("aigerim@example.kz" in message.to for message in messages):
            raise ConnectionRefusedError("SMTP server refused the connection")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_one)
    edition = publish_second_edition(policy, django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox] == [["john@example.com"]]
    failed = EditionNotice.objects.get(edition=edition, email="aigerim@example.kz")
    assert failed.status == "failed"
    assert "refused" in failed.error
    assert failed.sent_at is None
    # sending it again once the server is back delivers it
    monkeypatch.setattr(EmailBackend, "send_messages", real_send)
    send_edition_notice.enqueue(failed.pk)
    failed.refresh_from_db()
    assert failed.status == "sent"
    assert len(mail.outbox) == 2
