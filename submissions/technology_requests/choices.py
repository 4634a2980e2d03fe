"""The fixed lists of a technology request: its technology area and its status."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TechnologyArea(models.TextChoices):
    PRODUCTION = "production", _("oil and gas production")
    DRILLING = "drilling", _("drilling and well construction")
    PROCESSING = "processing", _("processing and refining")
    TRANSPORT = "transport", _("pipelines and transport")
    ECOLOGY = "ecology", _("ecology and water")
    ENERGY = "energy", _("energy efficiency")
    SAFETY = "safety", _("industrial safety")
    DIGITAL = "digital", _("digital technologies")


class RequestStatus(models.TextChoices):
    UPCOMING = "upcoming", _("opens soon")
    OPEN = "open", _("open for proposals")
    CLOSED = "closed", _("closed")
    RESULTS = "results", _("results published")
