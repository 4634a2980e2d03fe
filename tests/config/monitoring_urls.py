"""A URL map for the monitoring tests: the portal's own, plus a view that fails while
holding personal data everywhere an error report could pick it up."""

import logging

import sentry_sdk
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from accounts.models import User
from config.urls import urlpatterns as portal_urlpatterns
from tests.factories import VALID_IIN

# What the failing view holds; none of it may leave in an event or a log line.
PERSONAL = {
    "email": "ivanov.ivan@example.kz",
    "iin": VALID_IIN,
    "phone": "+7 701 234 56 78",
    "ip": "203.0.113.77",
    "name": "Иванов Иван Иванович",
    "reference": "OPI-2026-00417",
}

logger = logging.getLogger("opi.test")


@csrf_exempt
def failing_with_personal_data(request, reference):
    email = request.POST.get("email", PERSONAL["email"])
    iin = PERSONAL["iin"]
    phone = PERSONAL["phone"]
    ip = PERSONAL["ip"]
    name = PERSONAL["name"]
    sentry_sdk.set_user({"email": email, "ip_address": ip, "username": name})
    sentry_sdk.set_tag("applicant", name)
    sentry_sdk.set_extra("applicant", {"email": email, "iin": iin})
    logger.info("Looking up %s (%s, %s)", email, name, phone)
    User.objects.filter(
        email=email
    ).exists()  # a breadcrumb with the e-mail a parameter
    raise ValueError(
        f"{name} <{email}> IIN {iin}, phone {phone}, from {ip}, {reference}"
    )


def fine(request):
    return HttpResponse("fine")


urlpatterns = [
    path("fail/pii/<str:reference>/", failing_with_personal_data),
    path("fine/", fine),
    *portal_urlpatterns,
]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
