from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    # apps.py holds two configurations; "accounts" in INSTALLED_APPS means this one.
    default = True
    name = "accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # receivers connect on import: the task-run receivers of mail, the login signals
        from accounts import mail  # noqa: F401, PLC0415 (ready(): models are loaded now)
        from accounts.signals import connect_signals  # noqa: PLC0415 (ready(): the app registry is loaded only now)

        connect_signals()


class PortalUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms that know the portal's e-mail login and full name."""

    user_viewset = "accounts.views.PortalUserViewSet"
