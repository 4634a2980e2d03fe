"""The forms of technology requests: the index's filters, and the applicant's consent
to have an approved proposal named in a request's results."""

from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from submissions.models.applications import Subsidiary
from submissions.technology_requests.choices import TechnologyArea

OPEN = "open"
CLOSED = "closed"


class RequestFilterForm(forms.Form):
    """The filters of the list of requests (a GET form: every choice may be empty)."""

    subsidiary = forms.ModelChoiceField(
        label=_("Subsidiary"),
        queryset=Subsidiary.objects.none(),
        required=False,
        empty_label=_("All subsidiaries"),
    )
    area = forms.ChoiceField(
        label=_("Technology area"),
        choices=[
            ("", _("All areas")),
            *((value, capfirst(label)) for value, label in TechnologyArea.choices),
        ],
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("Open and closed")),
            (OPEN, _("Open for proposals")),
            (CLOSED, _("Closed")),
        ],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # only the subsidiaries that have a request: a choice never leads to nothing
        self.fields["subsidiary"].queryset = Subsidiary.objects.filter(
            technology_requests__live=True
        ).distinct()

    def has_filters(self):
        return self.is_valid() and any(self.cleaned_data.values())

    def filter(self, requests):
        """``requests`` narrowed to what the valid filters ask for (an invalid choice,
        such as an old link's subsidiary, is ignored and shown as not chosen)."""
        if not self.is_bound or not self.is_valid():
            return requests
        data = self.cleaned_data
        if data["subsidiary"]:
            requests = requests.filter(subsidiary=data["subsidiary"])
        if data["area"]:
            requests = requests.filter(area=data["area"])
        today = timezone.localdate()
        if data["status"] == OPEN:
            requests = requests.filter(open_from__lte=today, closing_on__gte=today)
        elif data["status"] == CLOSED:
            requests = requests.filter(closing_on__lt=today)
        return requests

    def query_string(self):
        """The chosen filters as a query string, for the links of the pagination."""
        if not self.is_bound or not self.is_valid():
            return ""
        data = self.cleaned_data
        values = {
            "subsidiary": data["subsidiary"].pk if data["subsidiary"] else "",
            "area": data["area"],
            "status": data["status"],
        }
        return urlencode({name: value for name, value in values.items() if value})


class PublicationConsentForm(forms.Form):
    """The applicant's consent to have an approved proposal named in the results."""

    consent = forms.BooleanField(
        label=_(
            "I agree that the title of my proposal and the name of my organisation (or "
            "my name, if I applied as an individual) are published in the results of "
            "this technology request."
        ),
        error_messages={
            "required": _("Tick the box to give your consent, or leave the page.")
        },
    )
