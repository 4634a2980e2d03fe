"""Views of the policy app that are not pages: the renewed consent to a new edition, the
person's consent certificate and the dismissal of the cookie notice. The policy itself
is served by ``PolicyPage``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from policy.certificate import certificate_for
from policy.comparison import compare_editions
from policy.consent import record_policy_consents, renewed_consent_due
from policy.forms import RenewedConsentForm
from policy.middleware import SETTLED_SESSION_KEY
from policy.models import ConsentRecord
from policy.tasks import send_consent_receipt

RENEWED_CONSENT_FORM = "renewed_consent"
COOKIE_NOTICE_COOKIE = "cookie_notice_dismissed"
COOKIE_NOTICE_MAX_AGE = 60 * 60 * 24 * 365


def safe_next(request, default="/"):
    """The ``next`` address of the request if it stays on this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return target
    return default


def last_accepted_edition(user, edition):
    """The newest edition of the same policy page that ``user`` accepted, if any."""
    record = (
        ConsentRecord.objects.filter(
            user=user,
            purpose=ConsentRecord.POLICY_ACCEPTANCE,
            edition__page=edition.page_id,
            edition__number__lt=edition.number,
        )
        .select_related("edition")
        .order_by("-edition__number")
        .first()
    )
    return record.edition if record else None


@login_required
def renewed_consent(request):
    """/account/consent/: read what changed in the edition in force, then accept it or
    log out."""
    next_url = safe_next(request)
    check = renewed_consent_due(request.user, get_language())
    if check.awaiting is None:
        return redirect(next_url)
    edition = check.awaiting
    form = RenewedConsentForm(request.POST or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            record_policy_consents(
                edition=edition,
                email=request.user.email,
                form_name=RENEWED_CONSENT_FORM,
                request=request,
                user=request.user,
            )
            transaction.on_commit(
                lambda: send_consent_receipt.enqueue(request.user.pk, edition.pk)
            )
        request.session[SETTLED_SESSION_KEY] = check.required_pk
        messages.success(
            request,
            _("Thank you. Your consent to edition %(number)s is recorded.")
            % {"number": edition.number},
        )
        return redirect(next_url)

    policy = edition.page.specific
    previous = last_accepted_edition(request.user, edition) or (
        policy.editions.filter(number=edition.number - 1).first()
    )
    return render(
        request,
        "policy/renewed_consent.html",
        {
            "edition": edition,
            "policy": policy,
            "comparison": compare_editions(previous, edition) if previous else None,
            "form": form,
            "next": next_url,
        },
    )


@login_required
def consent_certificate(request):
    """/account/consents/certificate/: the person's own consent certificate, a page to
    print or save as PDF."""
    response = render(
        request,
        "policy/consent_certificate.html",
        {"certificate": certificate_for(request.user)},
    )
    response["Cache-Control"] = "private, no-store"
    return response


@csrf_exempt  # it only hides a notice for this browser; nothing to forge
@require_POST
def dismiss_cookie_notice(request):
    """Remember, for a year, that this browser has read the cookie notice. The script
    of the notice asks with ``X-Requested-With`` and gets an empty answer; a plain form
    goes back to the page it came from."""
    if request.headers.get("X-Requested-With") == "fetch":
        response = HttpResponse(status=204)
    else:
        response = redirect(safe_next(request))
    response.set_cookie(
        COOKIE_NOTICE_COOKIE,
        "1",
        max_age=COOKIE_NOTICE_MAX_AGE,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return response
