"""Consents: the one way a ConsentRecord is made, and the one way it is withdrawn."""

from django.utils import timezone

from .models import ConsentRecord

USER_AGENT_MAX_LENGTH = 1000


def client_ip(request):
    """The address the request came from. Behind the TLS proxy Django sees the proxy's
    address in REMOTE_ADDR unless the proxy rewrites it; production sets that up."""
    return request.META.get("REMOTE_ADDR") or None


def shown_text_sha256(edition, purpose):
    """The hash of the text a person agrees to: the whole policy to accept it, the consent
    statement to consent to the processing of their data."""
    if purpose == ConsentRecord.POLICY_ACCEPTANCE:
        return edition.text_sha256
    return edition.consent_statement_sha256


def record_consent(*, edition, purpose, email, form_name, request=None, user=None):
    """Record that ``email`` (and ``user``, once there is an account) gave consent for
    ``purpose`` to ``edition``, through the form ``form_name``."""
    return ConsentRecord.objects.create(
        user=user,
        email=email.strip().lower(),
        edition=edition,
        text_sha256=shown_text_sha256(edition, purpose),
        purpose=purpose,
        ip_address=client_ip(request) if request is not None else None,
        user_agent=(
            request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX_LENGTH]
            if request is not None
            else ""
        ),
        form_name=form_name,
    )


def withdraw_consent(record, reason=""):
    """Mark ``record`` withdrawn now; a record already withdrawn stays as it was."""
    if record.withdrawn_at is None:
        record.withdrawn_at = timezone.now()
        record.withdrawal_reason = reason
        record.save(update_fields=["withdrawn_at", "withdrawal_reason"])
    return record
