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
        from accounts import mail  # noqa: F401  (connects the task-run receivers)
        from accounts.signals import connect_signals

        connect_signals()


class PortalUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms that know the portal's e-mail login and full name."""

    user_viewset = "accounts.views.PortalUserViewSet"
