"""The portal's e-mails: one way to write one, in the addressee's language, and a record
of every one sent (``SentEmail``)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


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
    """Send ``message`` and write one SentEmail per recipient."""
    from .models import SentEmail

    sent = message.send()
    if sent and not settings.EMAIL_BACKEND.endswith("dummy.EmailBackend"):
        SentEmail.objects.bulk_create(
            [
                SentEmail(
                    recipient=record_as or address,
                    subject=message.subject[:255],
                    kind=kind,
                    reference=reference,
                    optional=optional,
                )
                for address in message.to
            ]
        )
    return sent
