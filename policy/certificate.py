"""A person's consent certificate: what they agreed to, under which edition and text
(with their SHA-256), when, through which form and from which network and browser,
whether and when they withdrew it, and each record's place and hash in the ledger as
proof, checked against the chain as the certificate is made.

The person reads theirs at /account/consents/certificate/; in the admin, administrators
read anyone's (/admin/consents/certificate/<user id>/). Other staff read one only if the
portal's access policy says they may see that person: the app that holds the policy
registers a function for ``CERTIFICATE_ACCESS_HOOK`` (policy sits below it and cannot
ask it directly)."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from policy import chain
from policy.ledger import RecordCheck, chain_links, check_record
from policy.models import ConsentLedgerHead, ConsentRecord

# Functions registered for this hook take (request, person) and answer True (may see
# the person's certificate), False (may not) or None (no opinion). With no answer, only
# administrators may.
CERTIFICATE_ACCESS_HOOK = "consent_certificate_access"

FORM_LABELS = {
    "registration": _("the registration form"),
    "renewed_consent": _("the renewed consent page of the account"),
    "represented_consent": _(
        "the consent page of a person represented by an applicant (link sent by e-mail)"
    ),
}


def form_label(form_name):
    return FORM_LABELS.get(form_name, form_name)


@dataclass(frozen=True)
class CertificateEntry:
    """One consent on the certificate, and what the chain says of it."""

    record: ConsentRecord
    check: RecordCheck
    linked: bool

    @property
    def intact(self):
        return self.check.intact and self.linked

    @property
    def edition(self):
        return self.record.edition

    @property
    def form(self):
        return form_label(self.record.form_name)

    @property
    def agreed_to_whole_text(self):
        return self.record.purpose == ConsentRecord.POLICY_ACCEPTANCE

    @property
    def given_at_hashed(self):
        """The moment as the record hash holds it (UTC)."""
        return chain.timestamp(self.record.given_at)


@dataclass(frozen=True)
class Certificate:
    person: object
    entries: list = field(default_factory=list)
    issued_at: object = None
    ledger_length: int = 0
    ledger_last_hash: str = chain.GENESIS

    @property
    def intact(self):
        return all(entry.intact for entry in self.entries)

    @property
    def withdrawn(self):
        return [entry for entry in self.entries if entry.record.is_withdrawn]


def certificate_for(person):
    """The certificate of the account ``person``: their consents, oldest first."""
    records = list(
        ConsentRecord.objects.filter(user=person)
        .select_related("edition__page__locale")
        .order_by("sequence")
    )
    links = chain_links(records)
    head = ConsentLedgerHead.objects.filter(pk=ConsentLedgerHead.PK).first()
    return Certificate(
        person=person,
        entries=[
            CertificateEntry(
                record=record,
                check=check_record(record, record.edition.number),
                linked=links[record.pk],
            )
            for record in records
        ],
        issued_at=timezone.now(),
        ledger_length=head.length if head else 0,
        ledger_last_hash=head.last_hash if head else chain.GENESIS,
    )


def may_see_certificate(request, person):
    """Whether the member of staff behind ``request`` may read ``person``'s certificate
    in the admin: as the access policy registered for ``CERTIFICATE_ACCESS_HOOK`` says;
    with none registered, administrators only."""
    user = request.user
    if not (user.is_authenticated and user.is_active):
        return False
    answers = [
        answer
        for answer in (
            decide(request, person)
            for decide in hooks.get_hooks(CERTIFICATE_ACCESS_HOOK)
        )
        if answer is not None
    ]
    if answers:
        return all(answers)
    return user.is_superuser
