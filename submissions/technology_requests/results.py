"""The results of a technology request: the applicants to it told by e-mail when editors
first publish results, and the approved proposals named in them only with the
applicant's consent to publication (a purpose of its own in the consent ledger, one
record per application: ``form_name`` names it)."""

from django.db import IntegrityError, transaction
from django.utils import translation
from django_tasks import task
from wagtail.models import Page

from accounts.mail import absolute, send_portal_mail
from accounts.models import User
from policy.consent import edition_in_force, record_consent, withdraw_consent
from policy.models import ConsentRecord
from submissions.models.applications import Application, ApplicationStatus
from submissions.models.technology_requests import ResultsAnnouncement

PUBLICATION = ConsentRecord.PUBLICATION_IN_RESULTS
FORM_PREFIX = "results:"


def publication_form_name(application):
    return f"{FORM_PREFIX}{application.reference}"


def publication_consent(application):
    """The applicant's consent in force to name ``application`` in the results, or None."""
    return (
        ConsentRecord.objects.filter(
            user_id=application.applicant_id,
            purpose=PUBLICATION,
            form_name=publication_form_name(application),
            withdrawn_at__isnull=True,
        )
        .order_by("-given_at")
        .first()
    )


def may_consent_to_publication(application):
    return (
        application.technology_request_id is not None
        and application.status == ApplicationStatus.APPROVED
        and not application.applicant_blocked
    )


def consent_to_publication(application, request):
    """Record the applicant's consent to name ``application`` in its request's results
    (against the policy edition in force, in the applicant's language)."""
    user = application.applicant
    return record_consent(
        edition=edition_in_force(translation.get_language()),
        purpose=PUBLICATION,
        email=user.email,
        form_name=publication_form_name(application),
        request=request,
        user=user,
    )


def withdraw_publication_consent(application):
    record = publication_consent(application)
    if record is not None:
        withdraw_consent(record, reason="withdrawn by the applicant")
    return record


def published_proposals(request_page):
    """The approved proposals to ``request_page`` (the request in the default language)
    whose applicants consent to be named: (title, who) pairs."""
    applications = Application.objects.filter(
        technology_request=request_page, status=ApplicationStatus.APPROVED
    ).select_related("applicant__applicant_profile")
    consented = set(
        ConsentRecord.objects.filter(
            purpose=PUBLICATION,
            withdrawn_at__isnull=True,
            form_name__in=[publication_form_name(a) for a in applications],
        ).values_list("form_name", "user_id")
    )
    return [
        (application.title, public_name(application))
        for application in applications
        if (publication_form_name(application), application.applicant_id) in consented
        and not application.applicant_blocked
    ]


def public_name(application):
    """Who the results name: the organisation, or the individual who applied."""
    profile = getattr(application.applicant, "applicant_profile", None)
    if profile is not None and profile.organization:
        return profile.organization
    return application.applicant.full_name


def announce_results(page):
    """``page`` (a request in any language) was published: the first time it holds
    results, its applicants are told, once per request (the unique translation key of
    ``ResultsAnnouncement`` makes a second publication, or two at once, tell nobody)."""
    if not page.results_published:
        return
    try:
        with transaction.atomic():
            ResultsAnnouncement.objects.create(translation_key=page.translation_key)
    except IntegrityError:
        return  # told already
    original = page.original
    transaction.on_commit(lambda: send_results_notices.enqueue(original.pk))


@task()
def send_results_notices(request_id):
    """Tell every applicant who submitted a proposal to the request, in their language."""
    request_page = Page.objects.get(pk=request_id).specific
    submitted = Application.objects.filter(technology_request=request_page).exclude(
        status=ApplicationStatus.DRAFT
    )
    applicants = (
        User.objects.filter(is_active=True, applications__in=submitted)
        .distinct()
        .order_by("pk")
    )
    links = {}  # the request and its address, once per language
    for applicant in applicants:
        if applicant.language not in links:
            with translation.override(applicant.language):
                localized = request_page.in_language()
                links[applicant.language] = (localized, absolute(localized.url))
        localized, link = links[applicant.language]
        send_portal_mail(
            "submissions/emails/request_results",
            {"user": applicant, "request": localized, "link": link},
            applicant.email,
            applicant.language,
            reference=str(request_page.pk),
        )
