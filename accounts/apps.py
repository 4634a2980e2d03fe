from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"


class PortalUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms that know the portal's e-mail login and full name."""

    user_viewset = "accounts.views.PortalUserViewSet"
