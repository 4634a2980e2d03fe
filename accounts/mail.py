"""The portal's e-mails: one way to write one, in the addressee's language."""

from django.conf import settings
from django.core.mail import send_mail
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


def send_portal_mail(template, context, to, language):
    """Send ``template`` to the address ``to``, written in ``language``."""
    subject, body = render_mail(template, context, language)
    return send_mail(subject, body, None, [to])
