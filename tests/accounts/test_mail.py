"""The record of e-mails sent, and what it prevents: a background task that a killed
worker left half-done runs again under the same id and does not send twice."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage

from accounts.mail import current_task_run, send_and_record
from accounts.models import SentEmail

pytestmark = pytest.mark.django_db


def confirmation(to="aigerim@example.kz"):
    return EmailMessage("Подтвердите адрес", "Ссылка внутри.", to=[to])


def send_in_task_run(run_id, message):
    token = current_task_run.set(run_id)
    try:
        return send_and_record(message, kind="verify_email")
    finally:
        current_task_run.reset(token)


def test_the_same_task_run_again_does_not_send_what_it_sent():
    assert send_in_task_run("run-1", confirmation()) == 1
    assert send_in_task_run("run-1", confirmation()) == 1  # counted as sent
    assert len(mail.outbox) == 1
    assert SentEmail.objects.filter(task_run="run-1").count() == 1


def test_another_run_or_another_person_gets_their_own_email():
    send_in_task_run("run-1", confirmation())
    send_in_task_run("run-2", confirmation())
    send_in_task_run("run-1", confirmation("daniyar@example.kz"))
    assert [message.to for message in mail.outbox] == [
        ["aigerim@example.kz"],
        ["aigerim@example.kz"],
        ["daniyar@example.kz"],
    ]


def test_outside_a_task_every_email_is_sent():
    send_and_record(confirmation(), kind="verify_email")
    send_and_record(confirmation(), kind="verify_email")
    assert len(mail.outbox) == 2
    assert SentEmail.objects.filter(task_run="").count() == 2
