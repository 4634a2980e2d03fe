from django.urls import path

from policy import views

urlpatterns = [
    path("account/consent/", views.renewed_consent, name="renewed_consent"),
    path(
        "account/consents/certificate/",
        views.consent_certificate,
        name="consent_certificate",
    ),
    path("cookies/dismiss/", views.dismiss_cookie_notice, name="dismiss_cookie_notice"),
]
