"""Background work of the policy app (django-tasks): e-mails never block a request.

When an edition of the original policy goes live, ``announce_edition`` writes one
``EditionNotice`` per active applicant and enqueues ``send_edition_notice`` for each, so
one bad address fails alone and the rest are still written to.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from accounts.mail import absolute, send_portal_mail
from accounts.models import User
from policy.models import EditionNotice, PolicyEdition, PolicyPage

logger = logging.getLogger(__name__)


def policy_links(edition, language):
    """The changes page and the full text of ``edition`` in ``language`` when the policy
    is translated and that translation has the same edition, else in the original."""
    page = edition.page.specific
    translated = (
        PolicyPage.objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=language)
        .first()
    )
    if (
        translated is not None
        and translated.editions.filter(number=edition.number).exists()
    ):
        page = translated
    with translation.override(page.locale.language_code):
        base = page.get_url()
        changes = base + page.reverse_subpage("changes", args=[edition.number])
        text = base + page.reverse_subpage("edition", args=[edition.number])
    return absolute(changes), absolute(text)


@task()
def announce_edition(edition_id):
    """Queue the notice of edition ``edition_id`` for every active applicant."""
    edition = PolicyEdition.objects.get(pk=edition_id)
    applicants = User.objects.applicants().values_list("pk", "email")
    EditionNotice.objects.bulk_create(
        [
            EditionNotice(edition=edition, user_id=pk, email=email)
            for pk, email in applicants
        ],
        ignore_conflicts=True,
        batch_size=500,
    )
    queued = list(
        EditionNotice.objects.filter(
            edition=edition, status=EditionNotice.QUEUED
        ).values_list("pk", flat=True)
    )
    for notice_id in queued:
        send_edition_notice.enqueue(notice_id)
    return len(queued)


@task()
def send_edition_notice(notice_id):
    """Write one applicant about a new edition; record whether it was sent."""

    def compose(notice):
        language = notice.user.language if notice.user else settings.LANGUAGE_CODE
        changes_url, text_url = policy_links(notice.edition, language)
        context = {
            "edition": notice.edition,
            "user": notice.user,
            "changes_url": changes_url,
            "text_url": text_url,
        }
        return "policy/emails/edition_notice", context, language

    return deliver_notice(EditionNotice, notice_id, ["edition__page", "user"], compose)


def deliver_notice(model, notice_id, related, compose):
    """Send one recorded notice (an ``EditionNotice`` or ``BreachNotice``) once:
    ``compose(notice)`` gives its template, context and language; the outcome, sent or
    failed with the error, is written on the notice, so one bad address fails alone."""
    with transaction.atomic():
        notice = (
            model.objects.select_for_update(of=("self",))
            .select_related(*related)
            .get(pk=notice_id)
        )
        if notice.status == model.SENT:
            return "already sent"
        template, context, language = compose(notice)
        try:
            send_portal_mail(template, context, notice.email, language)
        except Exception as error:  # any failure is recorded; the others still go
            logger.warning("%s to %s failed: %s", template, notice.email, error)
            notice.status = model.FAILED
            notice.error = f"{type(error).__name__}: {error}"[:2000]
            notice.save(update_fields=["status", "error"])
            return "failed"
        notice.status = model.SENT
        notice.error = ""
        notice.sent_at = timezone.now()
        notice.save(update_fields=["status", "error", "sent_at"])
        return "sent"


@task()
def send_consent_receipt(user_id, edition_id):
    """Confirm to a person, by e-mail, the consent they have just given to an edition."""
    user = User.objects.get(pk=user_id)
    edition = PolicyEdition.objects.select_related("page").get(pk=edition_id)
    changes_url, text_url = policy_links(edition, user.language)
    context = {"edition": edition, "user": user, "text_url": text_url}
    send_portal_mail(
        "policy/emails/consent_receipt", context, user.email, user.language
    )
