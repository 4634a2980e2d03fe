"""The portal's e-mails: one way to write one, in the addressee's language, and a record
of every one sent (``SentEmail``)."""

import contextvars

from django.conf import settings
from django.core.mail import EmailMessage
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks.signals import task_finished, task_started

from accounts.models import SentEmail

# The id of the background task running in this thread, if any. A task that the database
# worker runs again (its worker was killed before it finished) keeps its id, so the e-mails
# it already sent are found in the record and not sent twice.
current_task_run = contextvars.ContextVar("current_task_run", default="")


@receiver(task_started)
def remember_task_run(sender, task_result, **kwargs):
    current_task_run.set(str(task_result.id))


@receiver(task_finished)
def forget_task_run(sender, task_result, **kwargs):
    current_task_run.set("")


def absolute(url):
    """``url`` as a link that works from an e-mail."""
    return url if "://" in url else settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def render_mail(template, context, language):
    """Subject and body of ``template`` (``<template>_subject.txt`` and ``<template>.txt``)
    in ``language``."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    return " ".join(subject.split()), body


def send_portal_mail(
    template,
    context,
    to,
    language,
    *,
    kind=None,
    reference="",
    optional=False,
    record_as=None,
):
    """Send ``template`` to the address ``to``, written in ``language``, and record it.
    ``kind`` names the e-mail in the record (by default the template's name);
    ``record_as`` is the address to record instead (a person just anonymised)."""
    subject, body = render_mail(template, context, language)
    return send_and_record(
        EmailMessage(subject, body, to=[to]),
        kind=kind or template.rsplit("/", 1)[-1],
        reference=reference,
        optional=optional,
        record_as=record_as,
    )


def send_and_record(message, *, kind, reference="", optional=False, record_as=None):
    """Send ``message`` and write one SentEmail per recipient.

    Inside a background task, an e-mail of the same kind to the same people that this task
    run already recorded is not sent again (the run was interrupted and restarted)."""

    task_run = current_task_run.get()
    recipients = [record_as or address for address in message.to]
    if task_run and SentEmail.objects.filter(
        task_run=task_run, kind=kind, recipient__in=recipients
    ).count() == len(recipients):
        return len(recipients)
    sent = message.send()
    if sent and not settings.EMAIL_BACKEND.endswith("dummy.EmailBackend"):
        SentEmail.objects.bulk_create(
            [
                SentEmail(
                    recipient=recipient,
                    subject=message.subject[:255],
                    kind=kind,
                    reference=reference,
                    optional=optional,
                    task_run=task_run,
                )
                for recipient in recipients
            ]
        )
    return sent
