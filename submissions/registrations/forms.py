"""Forms of a registration: the details an applicant registers with (policy 3.3–3.4),
correcting them, and the answer of the person represented.

The form asks only for what the policy lists, and for an optional phone with its purpose
said beside it; why each detail is there is written on
``submissions.models.registrations.RegistrationDetails``. No job title, no individual's
IIN: the policy lists neither."""

import re

from captcha.fields import CaptchaField
from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from accounts.models import normalize_email
from core.identifiers import validate_bin_iin
from submissions.models.registrations import FILE_FIELDS, PersonType
from submissions.validators import validate_registration_file

YES_NO = [("yes", _("Yes")), ("no", _("No"))]

# A phone as people write it: digits, spaces, brackets, hyphens, a leading +.
PHONE_CHARACTERS = re.compile(r"\+?[0-9 ()\-]+")
# The fifth digit of a BIN says what registered: 4 a resident legal entity, 5 a
# non-resident one (a branch or representative office), 6 a joint business of
# individual entrepreneurs. An IIN has the first digit of a day of birth there (0–3).
BIN_ENTITY_DIGITS = "456"

DETAIL_INITIAL_FIELDS = (
    "person_type",
    "full_name",
    "organization",
    "country",
    "bin_iin",
    "phone",
    "via_representative",
    "representative_name",
    "represented_email",
)


class RegistrationDetailsForm(forms.Form):
    """The facts an applicant registers with (policy 3.3–3.4), and the rules between
    them. Conditional fields are checked in ``clean()``: the form gives the same answers
    with or without JavaScript. ``existing_files`` names the files already on record,
    which need not be chosen again. The fields are declared in the order the page shows
    them, so that the error summary lists them in that order too."""

    FILE_FIELDS = FILE_FIELDS

    person_type = forms.ChoiceField(
        label=_("I am registering as"),
        choices=PersonType.choices,
        widget=forms.RadioSelect,
    )
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=255,
        help_text=_("Your own, or that of the head of the legal entity."),
    )
    organization = forms.CharField(
        label=_("Organization name"), max_length=255, required=False
    )
    phone = forms.CharField(
        label=_("Contact phone"),
        max_length=32,
        required=False,
        help_text=_(
            "Optional. Used only to reach you about your registration or application "
            "if e-mail fails."
        ),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    resident = forms.ChoiceField(
        label=_("Resident of the Republic of Kazakhstan"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    bin_iin = forms.CharField(
        label=_("BIN"),
        max_length=12,
        required=False,
        help_text=_("The organization's business identification number: 12 digits."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    country = forms.CharField(
        label=_("Country of registration"), max_length=100, required=False
    )
    registration_certificate = forms.FileField(
        label=_("Certificate of state registration"),
        required=False,
        help_text=_("PDF, JPEG or PNG, up to 10 MB."),
    )
    via_representative = forms.BooleanField(
        label=_("A representative registers for me"), required=False
    )
    representative_name = forms.CharField(
        label=_("Representative's full name"), max_length=255, required=False
    )
    represented_email = forms.EmailField(
        label=_("E-mail of the person represented"),
        required=False,
        help_text=_(
            "The head of the legal entity, or the individual, you act for: they receive "
            "a link to give their own consent."
        ),
    )
    power_of_attorney = forms.FileField(
        label=_("Power of attorney"),
        required=False,
        help_text=_(
            "PDF, JPEG or PNG, up to 10 MB. No scans of passports or identity cards: "
            "the portal does not ask for them."
        ),
    )

    # Required only for some answers (see clean()); shown only then, and marked * when
    # shown. A file already on record need not be chosen again, so it is not marked.
    REQUIRED_WHEN_SHOWN = (
        "organization",
        "bin_iin",
        "country",
        "registration_certificate",
        "representative_name",
        "represented_email",
        "power_of_attorney",
    )

    def __init__(self, *args, existing_files=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.existing_files = set(existing_files)
        for name in self.REQUIRED_WHEN_SHOWN:
            if name in self.fields and name not in self.existing_files:
                self.fields[name].required_when_shown = True
                self.fields[name].widget.attrs["aria-required"] = "true"

    def clean_phone(self):
        phone = " ".join(self.cleaned_data.get("phone", "").split())
        digits = re.sub(r"[^0-9]", "", phone)
        if phone and (
            not PHONE_CHARACTERS.fullmatch(phone) or not 7 <= len(digits) <= 15
        ):
            raise forms.ValidationError(
                _(
                    "Enter a phone number: 7 to 15 digits, with spaces, brackets, "
                    "hyphens and a leading + if you like."
                ),
                code="phone",
            )
        return phone

    def clean_power_of_attorney(self):
        return self.checked_file("power_of_attorney")

    def clean_registration_certificate(self):
        return self.checked_file("registration_certificate")

    def checked_file(self, name):
        upload = self.cleaned_data.get(name)
        if upload:
            upload.checked_extension = validate_registration_file(upload)
        return upload

    def require(self, name, message):
        if not self.cleaned_data.get(name) and name not in self.errors:
            self.add_error(name, message)

    def require_file(self, name, message):
        if name not in self.existing_files:
            self.require(name, message)

    def clean(self):
        data = super().clean()
        legal = data.get("person_type") == PersonType.LEGAL_ENTITY
        resident = data.get("resident") == "yes"
        if legal:
            self.require("organization", _("Enter the name of the organization."))
            self.require_file(
                "registration_certificate",
                _("Attach the certificate of state registration."),
            )
        if legal and data.get("resident") == "no":
            self.require("country", _("Enter the country, as you are not a resident."))
        if legal and resident:
            self.check_bin(data)
        if data.get("via_representative"):
            self.require("representative_name", _("Enter the representative's name."))
            self.require(
                "represented_email",
                _("Enter the e-mail of the person you represent."),
            )
            self.require_file("power_of_attorney", _("Attach the power of attorney."))
        return data

    def check_bin(self, data):
        """A resident legal entity's BIN: 12 digits, a valid check digit, and the fifth
        digit of a legal entity (4, 5 or 6), so that an individual's IIN is never kept
        in its place."""
        if "bin_iin" in self.errors:
            return
        number = data.get("bin_iin", "").strip()
        if not number:
            self.add_error("bin_iin", _("Enter the BIN of the organization."))
            return
        try:
            number = validate_bin_iin(number, "bin")
        except forms.ValidationError as error:
            self.add_error("bin_iin", error)
            return
        if number[4] not in BIN_ENTITY_DIGITS:
            self.add_error(
                "bin_iin",
                _(
                    "This looks like an IIN, not a BIN: the fifth digit of a BIN is 4, "
                    "5 or 6. An individual, an individual entrepreneur included, "
                    "registers as an individual and gives no number."
                ),
            )
            return
        data["bin_iin"] = number

    @property
    def files_to_choose_again(self):
        """File fields that were filled in when the form comes back with errors: a
        browser never keeps a chosen file, so the page asks to choose it again."""
        return [self[name] for name in self.FILE_FIELDS if self.files.get(name)]


class RegistrationForm(RegistrationDetailsForm):
    """The registration form: the details, the login (e-mail and password), the two
    consents and the captcha."""

    # the e-mail sits with the person's name on the page (and in the error summary)
    field_order = ["person_type", "full_name", "organization", "email"]

    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("It will be your login; we send a confirmation link to it."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Confirm the password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    accept_policy = forms.BooleanField(
        error_messages={"required": _("Tick this box to accept the privacy policy.")}
    )
    consent_processing = forms.BooleanField(
        error_messages={
            "required": _(
                "Tick this box to consent to the processing of your personal data."
            )
        }
    )
    captcha = CaptchaField(label=_("The characters in the picture"))

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.fields["accept_policy"].label = _(
            "I accept the privacy policy (edition %(number)s)"
        ) % {"number": edition.number}
        self.fields["consent_processing"].label = _(
            "I consent to the processing of my personal data on the terms of the "
            "consent statement"
        )

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])

    def clean(self):
        data = super().clean()
        password = data.get("password1")
        if password and data.get("password2") and password != data["password2"]:
            self.add_error("password2", _("The two passwords differ."))
        elif password:
            try:
                password_validation.validate_password(password)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class ApplicantProfileForm(RegistrationDetailsForm):
    """The applicant's details on the dashboard. Saving sends them to the reviewers again;
    files already on record stay unless a new one is chosen."""

    @classmethod
    def initial_from(cls, profile):
        initial = {name: getattr(profile, name) for name in DETAIL_INITIAL_FIELDS}
        initial["resident"] = "yes" if profile.is_resident else "no"
        return initial

    def changed_details(self, profile):
        """Names of the details that differ from ``profile`` (files count when a new
        one is chosen)."""

        values = detail_values(self.cleaned_data)
        changed = [
            name for name, value in values.items() if getattr(profile, name) != value
        ]
        changed += [name for name in self.FILE_FIELDS if self.cleaned_data.get(name)]
        return changed


class RepresentedConsentForm(forms.Form):
    """The answer of the person represented: give or refuse consent to the statement of
    the edition shown (its number travels with the form)."""

    GIVE = "give"
    REFUSE = "refuse"

    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (GIVE, _("I consent to the processing of my personal data")),
            (REFUSE, _("I refuse consent")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you give or refuse consent.")},
    )
    edition = forms.IntegerField(widget=forms.HiddenInput)


def detail_values(data):
    """The details to store from a valid form's ``data``: what an answer does not call
    for is stored empty (an individual's organization, BIN and country, a resident's
    country, a non-resident's BIN, the representative's details when nobody
    represents)."""
    legal = data["person_type"] == PersonType.LEGAL_ENTITY
    resident = data["resident"] == "yes"
    representative = bool(data.get("via_representative"))
    return {
        "person_type": data["person_type"],
        "full_name": data["full_name"].strip(),
        "organization": data.get("organization", "").strip() if legal else "",
        "is_resident": resident,
        "country": data.get("country", "").strip() if legal and not resident else "",
        "bin_iin": data.get("bin_iin", "") if legal and resident else "",
        "phone": data.get("phone", ""),
        "via_representative": representative,
        "representative_name": data.get("representative_name", "").strip()
        if representative
        else "",
        "represented_email": data.get("represented_email", "")
        if representative
        else "",
    }
