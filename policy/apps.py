from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    """The privacy policy, its frozen editions and the consent ledger."""

    name = "policy"
    verbose_name = _("Privacy policy")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # connect the signal receivers: editions on go-live, workflow on creation
        from policy import approval, editions  # noqa: F401, PLC0415 (ready(): models loaded)
