from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo OPI Center: its texts and ``manage.py load_demo``. No models, and no other
    app imports it; it drives the portal's own services as a person would."""

    name = "demo"
    verbose_name = _("Demo content")
