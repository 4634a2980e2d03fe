"""The policy app's own admin view: a person's consent certificate, next to the consent
ledger's register."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from policy.certificate import certificate_for, may_see_certificate


def consent_certificate(request, user_id):
    """/admin/consents/certificate/<user id>/: the person's certificate, for the staff
    the access policy lets see that person (administrators, with no policy registered)."""
    person = get_user_model().objects.filter(pk=user_id).first()
    if person is None:
        if request.user.is_superuser:
            raise Http404
        raise PermissionDenied
    if not may_see_certificate(request, person):
        raise PermissionDenied
    response = render(
        request,
        "policy/admin/consent_certificate.html",
        {
            "certificate": certificate_for(person),
            "title": _("Consent certificate of %(person)s") % {"person": person},
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response
