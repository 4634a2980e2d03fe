"""The password reset e-mail, sent by a background task.

The page asking for a reset (the portal's /accounts/password-reset/ and Wagtail's
/admin/password_reset/) only enqueues ``send_password_reset`` with the address typed,
whether an account has it or not: the answer takes as long either way and tells nobody
who has an account. The task finds the account by the address normalised
(``accounts.login_identity.normalised_login``) and writes in the person's language.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from accounts.login_identity import normalised_login
from accounts.mail import send_portal_mail
from accounts.models import User

# Where the reset was asked for: the e-mail's template (``<name>.txt`` and
# ``<name>_subject.txt``), whose link leads back to the same place.
RESET_MAILS = {
    "site": "accounts/emails/password_reset",
    "admin": "wagtailadmin/account/password_reset/email",
}


def users_for_reset(email):
    """The accounts a reset for ``email`` (as typed) goes to: the active one with this
    address and a password (Django's rule), found by the normalised address."""
    users = User._default_manager.filter(email=normalised_login(email), is_active=True)
    return [user for user in users if user.has_usable_password()]


@task()
def send_password_reset(email, where="site"):
    """Send the link to choose a new password to the account of ``email``, if there is
    one; ``where`` is ``"site"`` or ``"admin"`` (``RESET_MAILS``)."""
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    for user in users_for_reset(email):
        context = {
            "email": user.email,
            "user": user,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
            "protocol": base.scheme,
            "domain": base.netloc,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        send_portal_mail(
            RESET_MAILS[where],
            context,
            user.email,
            user.language,
            kind="password_reset",
        )
