"""The applicant's own pages under /account/ (language-prefixed, like the rest of the
public site): the dashboard, the registration details, the applications."""

from django.urls import path

from submissions import dashboard
from submissions.applications import views as application_views
from submissions.registrations import views as registration_views

urlpatterns = [
    path("account/", dashboard.account, name="account"),
    path(
        "account/profile/", registration_views.account_profile, name="account_profile"
    ),
    path(
        "account/applications/<int:pk>/",
        application_views.account_application,
        name="account_application",
    ),
    path(
        "account/applications/<int:pk>/message/",
        application_views.account_application_message,
        name="account_application_message",
    ),
    path(
        "account/applications/<int:pk>/requests/<int:message_id>/",
        application_views.account_application_upload,
        name="account_application_upload",
    ),
    path(
        "account/applications/<int:pk>/withdraw/",
        application_views.account_application_withdraw,
        name="account_application_withdraw",
    ),
    path(
        "account/applications/<int:pk>/publication/",
        application_views.account_application_publication,
        name="account_application_publication",
    ),
    path(
        "account/represented-consent/",
        registration_views.ask_represented_consent_again,
        name="ask_represented_consent_again",
    ),
]
