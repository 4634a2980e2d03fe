"""Consents: the one way a ConsentRecord is made, the one way it is withdrawn, and the one
way the person in it is replaced by their pseudonym."""

from typing import NamedTuple

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from accounts.login_identity import normalised_login
from core.http import client_ip
from core.network import network_of
from policy.models import ConsentRecord, PolicyEdition, PolicyPage

USER_AGENT_MAX_LENGTH = 1000


def shown_text_sha256(edition, purpose):
    """The hash of the text a person agrees to: the whole policy to accept it, the consent
    statement to consent to the processing of their data."""
    if purpose == ConsentRecord.POLICY_ACCEPTANCE:
        return edition.text_sha256
    return edition.consent_statement_sha256


def record_consent(*, edition, purpose, email, form_name, request=None, user=None):
    """Record that ``email`` (and ``user``, once there is an account) gave consent for
    ``purpose`` to ``edition``, through the form ``form_name``. The ledger keeps the
    network the request came from (a /24 or /48: ``core.network``), never the address,
    and the browser's user agent; and the language of the text shown, which is the
    edition's (each language's text of an edition is its own ``PolicyEdition``, frozen
    with its own hash), so consent given in Kazakh records the Kazakh text's hash."""
    return ConsentRecord.objects.create(
        user=user,
        email=normalised_login(email),
        edition=edition,
        text_sha256=shown_text_sha256(edition, purpose),
        language=edition.language_code,
        purpose=purpose,
        network=network_of(client_ip(request)) if request is not None else None,
        user_agent=(
            request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX_LENGTH]
            if request is not None
            else ""
        ),
        form_name=form_name,
    )


def record_policy_consents(*, edition, email, form_name, request=None, user=None):
    """Both consents of a registration or a renewal: acceptance of the policy and
    consent to the processing of personal data, to ``edition``."""
    return [
        record_consent(
            edition=edition,
            purpose=purpose,
            email=email,
            form_name=form_name,
            request=request,
            user=user,
        )
        for purpose in ConsentRecord.POLICY_PURPOSES
    ]


def withdraw_consent(record, reason=""):
    """Mark ``record`` withdrawn now; a record already withdrawn stays as it was."""
    ConsentRecord.objects.filter(pk=record.pk).withdraw(reason)
    record.refresh_from_db()
    return record


def withdraw_consents(user, reason="", purposes=None):
    """Withdraw every consent of ``user`` (only those for ``purposes``, if given) that is
    not withdrawn yet, now, for ``reason``; returns how many were withdrawn."""
    records = ConsentRecord.objects.filter(user=user)
    if purposes is not None:
        records = records.filter(purpose__in=purposes)
    return records.withdraw(reason)


def withdraw_consents_of_address(address, reason=""):
    """Withdraw the consents given without an account by ``address`` (a person an
    applicant represents) not withdrawn yet; returns how many were withdrawn."""
    records = ConsentRecord.objects.filter(user__isnull=True, email__iexact=address)
    return records.withdraw(reason)


def pseudonymise_consents(user, pseudonym):
    """Replace ``user`` by ``pseudonym`` in the consent ledger (their erasure): the
    e-mail given becomes the pseudonym, the network and browser are erased. The
    records, their hashes and withdrawals stay: they prove what was agreed and when it
    ended. Returns how many records changed."""
    return ConsentRecord.objects.pseudonymise_person(user, pseudonym)


def pseudonymise_consents_of_address(address, pseudonym):
    """The same for a person known to the ledger only by ``address``, without an
    account (the person an applicant represents)."""
    return ConsentRecord.objects.pseudonymise_address(address, pseudonym)


def policy_editions_in_force(language):
    """Editions of the live policy in ``language`` (or in the default language when the
    policy is not translated) whose date has come, newest first, as light rows."""
    today = timezone.localdate()
    for code in dict.fromkeys([language, settings.LANGUAGE_CODE]):
        rows = list(
            PolicyEdition.objects.filter(
                page__live=True,
                page__locale__language_code=code,
                effective_from__lte=today,
            )
            .order_by("-number")
            .values(
                "pk",
                "number",
                "published_at",
                "requires_renewed_consent",
                "page__translation_key",
            )
        )
        if rows:
            return rows
    return []


def has_accepted_since(user, translation_key, published_at, number=None):
    """Whether ``user`` accepted, in any language, an edition of the policy numbered
    ``number`` or later (an edition number is the same version in every language:
    ``policy.editions.next_edition_number``), or published at or after
    ``published_at``, and has not withdrawn that acceptance. So consent given in Kazakh
    to edition N is not asked for again in Russian or English."""
    same_or_later = Q(edition__published_at__gte=published_at)
    if number is not None:
        same_or_later |= Q(edition__number__gte=number)
    return ConsentRecord.objects.filter(
        same_or_later,
        user=user,
        purpose=ConsentRecord.POLICY_ACCEPTANCE,
        withdrawn_at__isnull=True,
        edition__page__translation_key=translation_key,
    ).exists()


class RenewalCheck(NamedTuple):
    """``required_pk``: the newest edition in force that requires renewed consent, if any;
    ``awaiting``: the edition the person must accept now, or None if nothing is due."""

    required_pk: int | None
    awaiting: PolicyEdition | None


def renewed_consent_due(user, language, settled_pk=None):
    """Whether ``user`` must accept the edition in force before going on.

    The newest edition, up to the one in force, that requires renewed consent decides: a
    person whose last acceptance is older than it is asked to accept the edition in
    force. ``settled_pk`` is a requiring edition already found accepted (the middleware
    keeps it in the session), which spares the ledger query on every request.
    """
    editions = policy_editions_in_force(language)
    required = next((e for e in editions if e["requires_renewed_consent"]), None)
    if required is None:
        return RenewalCheck(None, None)
    if required["pk"] == settled_pk or has_accepted_since(
        user,
        required["page__translation_key"],
        required["published_at"],
        required["number"],
    ):
        return RenewalCheck(required["pk"], None)
    return RenewalCheck(required["pk"], PolicyEdition.objects.get(pk=editions[0]["pk"]))


def edition_in_force(language):
    """The PolicyEdition a person consents to now: the edition in force of the live
    policy in ``language``, or in the default language when it is not translated."""

    for code in dict.fromkeys([language, settings.LANGUAGE_CODE]):
        page = PolicyPage.objects.live().filter(locale__language_code=code).first()
        if page is not None:
            edition = page.edition_in_force()
            if edition is not None:
                return edition
    return None
