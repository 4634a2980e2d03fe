from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    """The privacy policy, its frozen editions and the consent ledger (built in issue 3)."""

    name = "policy"
    verbose_name = _("Privacy policy")
    default_auto_field = "django.db.models.BigAutoField"
