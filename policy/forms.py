"""Forms of the policy app: the renewed consent to a new edition of the policy."""

from django import forms
from django.utils.translation import gettext_lazy as _


class RenewedConsentForm(forms.Form):
    """Two separate boxes, never ticked in advance: accepting the policy and consenting
    to the processing of personal data are two consents, recorded separately."""

    accept_policy = forms.BooleanField(
        error_messages={
            "required": _("Tick this box to accept the new edition of the policy.")
        },
    )
    consent_processing = forms.BooleanField(
        error_messages={
            "required": _(
                "Tick this box to consent to the processing of your personal data."
            )
        },
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.fields["accept_policy"].label = _(
            "I have read and accept the privacy policy, edition %(number)s"
        ) % {"number": edition.number}
        self.fields["consent_processing"].label = _(
            "I consent to the processing of my personal data on the terms of the "
            "consent statement above"
        )
