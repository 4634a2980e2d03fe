"""The consent ledger's hash chain: what each record's hashes are made of.

Every ``ConsentRecord`` carries ``record_hash``, the SHA-256 of its canonical content,
which includes ``previous_hash``, the record hash of the row before it (``GENESIS`` for
the first). The canonical content is what never changes once a consent is given: its
place in the ledger, the purpose, the edition and the text agreed to, when, through
which form, and who, the person entering only as ``person_digest`` (a keyed digest of
their account, or of the e-mail of a person without one) and the account's number, so
that replacing their e-mail by a pseudonym leaves the chain valid.

Two shorter hashes cover what may change once, legitimately: ``evidence_hash`` the
network and browser the consent came from (erased, with the hash, when the person is),
and ``withdrawal_hash`` the withdrawal, once it is recorded.

The format is frozen: a row keeps the hash it was given, so any change here would make
every earlier row fail the check. A new format needs a new ``FORMAT``, and every format
is kept:

- format 1 (the rows made before migration 0015): the content above;
- format 2 (every row since): the same, plus ``language``, the language of the text
  shown (``ru``, ``kk``, ``en``). A row's format is told by its ``language``: empty
  (``NULL``) on format 1 rows, which were made before the column, set on every new one.
  Blanking a new row's language, or giving an old row one, changes the content its hash
  is computed from (``format`` is part of it), so either is found.
"""

import datetime
import hashlib
import json

from core.network import keyed_digest

FORMAT = 2  # the format of the rows made now
LANGUAGE_FORMAT = 2  # the first format that covers the language of the text shown
GENESIS = "0" * 64
PSEUDONYM_DOMAIN = "anonymised.invalid"
PERSON_DIGEST_PURPOSE = "consent-person"


def is_pseudonym(email):
    """Whether ``email`` is a pseudonym that replaced a person (the guard's rule too)."""
    return (email or "").lower().endswith(f"@{PSEUDONYM_DOMAIN}")


def person_digest(user_id, email):
    """The person as the chain knows them: a keyed digest of their account's number, or
    of the e-mail given when there is no account (a person represented by an
    applicant)."""
    subject = f"user:{user_id}" if user_id is not None else f"email:{email.lower()}"
    return keyed_digest(PERSON_DIGEST_PURPOSE, subject)


def timestamp(value):
    """A moment as the chain writes it: UTC, to the microsecond."""
    if value is None:
        return None
    return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def _sha256(content):
    text = json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(text.encode()).hexdigest()


def record_format(record):
    """The chain format of ``record``: 1 for a row made without a language (before
    migration 0015, or read through an older migration's model), format 2 for every
    row that has it."""
    return 1 if getattr(record, "language", None) is None else LANGUAGE_FORMAT


def canonical_content(record, edition_number):
    """The content ``record_hash`` is the SHA-256 of (as compact JSON, keys sorted)."""
    content = {
        "format": record_format(record),
        "sequence": record.sequence,
        "previous_hash": record.previous_hash,
        "purpose": record.purpose,
        "edition": record.edition_id,
        "edition_number": edition_number,
        "text_sha256": record.text_sha256,
        "given_at": timestamp(record.given_at),
        "form_name": record.form_name,
        "person_digest": record.person_digest,
        "account": record.user_id,
    }
    if content["format"] >= LANGUAGE_FORMAT:
        content["language"] = record.language
    return content


def record_hash(record, edition_number):
    return _sha256(canonical_content(record, edition_number))


def evidence_hash(record):
    """The network and browser a consent came from, bound to the record; empty once
    they are erased (a person without them has nothing to cover)."""
    if record.network is None and not record.user_agent:
        return ""
    return _sha256(
        {
            "record_hash": record.record_hash,
            "network": record.network,
            "user_agent": record.user_agent,
        }
    )


def withdrawal_hash(record):
    """The withdrawal, bound to the record; empty while it is not withdrawn."""
    if record.withdrawn_at is None:
        return ""
    return _sha256(
        {
            "record_hash": record.record_hash,
            "withdrawn_at": timestamp(record.withdrawn_at),
            "withdrawal_reason": record.withdrawal_reason,
        }
    )
