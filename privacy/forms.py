"""The form of a request about one's personal data."""

from django import forms
from django.utils.translation import gettext_lazy as _

from policy.models import ConsentRecord
from privacy.models.data_requests import DataRequestKind


class DataRequestForm(forms.Form):
    """A request about one's personal data (policy 5)."""

    kind = forms.ChoiceField(label=_("What do you ask for?"), widget=forms.RadioSelect)
    purpose = forms.ChoiceField(
        label=_("Which consent do you withdraw?"),
        required=False,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a correction: what is wrong and what is right."),
    )
    confirm = forms.BooleanField(
        label=_("I understand what follows from this request"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["kind"].choices = DataRequestKind.choices
        self.fields["purpose"].choices = [
            ("all", _("both: the processing of my data and the policy")),
            *ConsentRecord.PURPOSES,
        ]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == DataRequestKind.WITHDRAW_CONSENT and not data.get("purpose"):
            self.add_error("purpose", _("Choose which consent you withdraw."))
        if kind == DataRequestKind.CORRECT and not data.get("details", "").strip():
            self.add_error("details", _("Say what is wrong and what is right."))
        if kind in (
            DataRequestKind.WITHDRAW_CONSENT,
            DataRequestKind.DELETE,
        ) and not data.get("confirm"):
            self.add_error(
                "confirm",
                _("Tick this box to confirm you have read what follows."),
            )
        return data
