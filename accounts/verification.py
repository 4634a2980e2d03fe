"""E-mail confirmation: a signed link that expires, which activates the login."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from accounts.login_identity import normalised_login
from accounts.mail import absolute, send_portal_mail
from accounts.models import User

SALT = "accounts.email-verification"


def make_token(user):
    # The e-mail is part of the signed value: a link stops working if the address changes.
    return signing.dumps({"user": user.pk, "email": user.email}, salt=SALT)


def user_for_token(token):
    """The user a valid, unexpired link is for; raises signing.BadSignature (tampered)
    or signing.SignatureExpired (older than EMAIL_VERIFICATION_DAYS)."""
    value = signing.loads(
        token, salt=SALT, max_age=settings.EMAIL_VERIFICATION_DAYS * 24 * 3600
    )
    user = User.objects.filter(pk=value.get("user"), email=value.get("email")).first()
    if user is None:
        raise signing.BadSignature("no such user")
    return user


def confirm_email(user):
    """Open the account: the address is proven to be the person's."""
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.is_active = True
        user.save(update_fields=["email_verified_at", "is_active"])
    return user


@task()
def send_verification_email(user_id):
    send_confirmation_link(User.objects.get(pk=user_id))


@task()
def send_confirmation_link_again(email):
    """The confirmation link again, to the account of ``email`` (as typed) if it has
    not confirmed its address yet. The page asking for it enqueues this for any
    address, so that its answer takes as long whether an account has it or not."""
    user = User.objects.filter(
        email=normalised_login(email), email_verified_at__isnull=True
    ).first()
    if user is not None:
        send_confirmation_link(user)


def send_confirmation_link(user):
    with translation.override(user.language):
        link = absolute(reverse("verify_email", args=[make_token(user)]))
    context = {"user": user, "link": link, "days": settings.EMAIL_VERIFICATION_DAYS}
    send_portal_mail("accounts/emails/verify", context, user.email, user.language)
