"""How a live policy becomes a frozen PolicyEdition: one edition per go-live.

Wagtail sends ``page_published`` once for every revision that goes live, whether an
approver approved it in the "Policy approval" workflow or the scheduled go-live date came
(``publish_scheduled``), so the edition is made there and nowhere else.
"""

import hashlib

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.rich_text import expand_db_html
from wagtail.signals import page_published

from policy.models import PolicyEdition, PolicyPage
from policy.tasks import announce_edition


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def render_policy_text(policy):
    """The policy's sections and consent statement as HTML, in the policy's language."""
    with translation.override(policy.locale.language_code):
        return render_to_string(
            "policy/includes/policy_text.html", {"policy": policy}
        ).strip()


def next_edition_number(policy):
    """The number ``policy``'s go-live is frozen as. An edition number is one version of
    the policy, with a text in each language: the original (the page in the default
    language) numbers its editions one after the other, and a translation going live
    takes the number of the original's newest edition, the version it renders; so a
    language added at edition 3 starts at 3, and consent to edition 3 in Kazakh is
    consent to edition 3. A translation that already has that number (published again
    before the original's next edition) is the next number's text, ahead of the
    original, which then takes that number too."""
    own = PolicyEdition.objects.select_for_update().filter(page=policy)
    original = PolicyEdition.objects.filter(
        page__translation_key=policy.translation_key,
        page__locale__language_code=settings.LANGUAGE_CODE,
    ).exclude(page=policy)
    own_last = own.aggregate(number=Max("number"))["number"] or 0
    original_last = original.aggregate(number=Max("number"))["number"] or 0
    return max(own_last + 1, original_last)


@transaction.atomic
def freeze_edition(policy, revision=None):
    """Record ``policy`` as it is now live as its next edition (``next_edition_number``),
    its text and consent statement in the page's language, each with its own hash."""
    text_html = render_policy_text(policy)
    consent_html = expand_db_html(policy.consent_statement)
    return PolicyEdition.objects.create(
        page=policy,
        number=next_edition_number(policy),
        revision=revision,
        published_at=policy.last_published_at or timezone.now(),
        effective_from=policy.effective_date,
        title=policy.title,
        document_code=policy.document_code,
        text_html=text_html,
        text_sha256=sha256(text_html),
        consent_statement_html=consent_html,
        consent_statement_sha256=sha256(consent_html),
        change_summary=policy.change_summary,
        requires_renewed_consent=policy.requires_renewed_consent,
    )


@receiver(page_published, sender=PolicyPage)
def policy_went_live(sender, instance, revision=None, **kwargs):
    # Wagtail also sends page_published when it only *schedules* a page that was never
    # live (go-live date in the future): no edition until the revision is really live.
    if not instance.live:
        return
    if revision is not None and instance.live_revision_id != revision.pk:
        return
    edition = freeze_edition(instance, revision)
    if edition.number > 1 and instance.locale.language_code == settings.LANGUAGE_CODE:
        # Applicants hear about new editions of the original; its translations follow it.

        transaction.on_commit(lambda: announce_edition.enqueue(edition.pk))
