from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

urlpatterns = [
    path(
        "account/e-mails/", views.account_email_settings, name="account_email_settings"
    ),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/verify/resend/", views.resend_verification, name="resend_verification"
    ),
    path("accounts/verify/<str:token>/", views.verify_email, name="verify_email"),
    path("accounts/password-reset/", views.password_reset, name="password_reset"),
    path(
        "accounts/password-reset/sent/",
        views.password_reset_done,
        name="password_reset_done",
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "accounts/password-reset/done/",
        views.password_reset_complete,
        name="password_reset_complete",
    ),
    path("accounts/password-change/", views.password_change, name="password_change"),
    path(
        "accounts/password-change/done/",
        views.password_change_done,
        name="password_change_done",
    ),
]
