"""The consent of the person an applicant represents (the head of the legal entity or the
individual they act for): asked by an e-mailed, signed link that expires, answered on the
consent page, given consents recorded in the ledger like any other."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task
from wagtail.models import Page

from accounts.login_identity import normalised_login
from accounts.mail import absolute, send_portal_mail
from policy.consent import record_consent
from policy.models import ConsentRecord
from submissions.models.registrations import RepresentedConsent

SALT = "submissions.represented-consent"
FORM_NAME = "represented_consent"


def make_token(consent):
    return signing.dumps({"consent": consent.pk, "email": consent.email}, salt=SALT)


def consent_for_token(token):
    """The request a valid, unexpired link is for; raises signing.SignatureExpired when
    older than REPRESENTED_CONSENT_DAYS, signing.BadSignature when tampered with or no
    longer current (the registration now names someone else)."""
    value = signing.loads(
        token, salt=SALT, max_age=settings.REPRESENTED_CONSENT_DAYS * 24 * 3600
    )
    consent = (
        RepresentedConsent.objects.select_related("registration__profile__user")
        .filter(pk=value.get("consent"), email=value.get("email"))
        .first()
    )
    if consent is None:
        raise signing.BadSignature("no such request")
    return consent


def ask_represented_person(registration):
    """A new request for consent to the address the registration gives; the e-mail goes
    once the transaction commits."""
    consent = RepresentedConsent.objects.create(
        registration=registration,
        email=normalised_login(registration.represented_email),
    )
    transaction.on_commit(lambda: send_consent_request.enqueue(consent.pk))
    return consent


def give_consent(consent, edition, request):
    """The person represented consents to ``edition``'s consent statement."""
    consent.consent_record = record_consent(
        edition=edition,
        purpose=ConsentRecord.PERSONAL_DATA_PROCESSING,
        email=consent.email,
        form_name=FORM_NAME,
        request=request,
    )
    return decide(consent, RepresentedConsent.GIVEN)


def refuse_consent(consent):
    return decide(consent, RepresentedConsent.REFUSED)


def decide(consent, decision):
    consent.decision = decision
    consent.decided_at = timezone.now()
    consent.save(update_fields=["decision", "decided_at", "consent_record"])
    transaction.on_commit(lambda: send_answer_to_applicant.enqueue(consent.pk))
    return consent


def consent_pages():
    """The live consent pages (one per language). The page type sits above this module
    (its route answers with ``give_consent``), so it is found by its content type."""
    page_type = ContentType.objects.get_by_natural_key("submissions", "consentformpage")
    return Page.objects.live().filter(content_type=page_type).select_related("locale")


def consent_page_url(token, language):
    """The link to the consent page (in ``language`` if translated) for ``token``."""
    pages = consent_pages()
    page = pages.filter(locale__language_code=language).first() or pages.first()
    if page is None:
        return None
    with translation.override(page.locale.language_code):
        return absolute(f"{page.url}?{urlencode({'t': token})}")


@task()
def send_consent_request(consent_id):
    consent = RepresentedConsent.objects.select_related(
        "registration__profile__user"
    ).get(pk=consent_id)
    applicant = consent.registration.profile.user
    link = consent_page_url(make_token(consent), applicant.language)
    send_portal_mail(
        "submissions/emails/represented_consent_request",
        {
            "registration": consent.registration,
            "link": link,
            "days": settings.REPRESENTED_CONSENT_DAYS,
        },
        consent.email,
        applicant.language,
    )


@task()
def send_answer_to_applicant(consent_id):
    consent = RepresentedConsent.objects.select_related(
        "registration__profile__user"
    ).get(pk=consent_id)
    applicant = consent.registration.profile.user
    send_portal_mail(
        "submissions/emails/represented_consent_answer",
        {"consent": consent, "user": applicant},
        applicant.email,
        applicant.language,
    )
