"""Forms of the submissions: registration and profile, the represented person's answer,
the steps and files of an application, messages, the conclusion."""

from captcha.fields import CaptchaField
from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.validators import URLValidator
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from accounts.models import normalize_email
from core.identifiers import validate_bin_iin
from submissions.registrations.models import PersonType
from submissions.validators import validate_application_file, validate_registration_file

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class RegistrationDetailsForm(forms.Form):
    """The facts an applicant registers with (policy 3.3–3.4), and the rules between
    them. Conditional fields are checked in ``clean()``: the form gives the same answers
    with or without JavaScript. ``existing_files`` names the files already on record,
    which need not be chosen again."""

    FILE_FIELDS = ("power_of_attorney", "registration_certificate")

    person_type = forms.ChoiceField(
        label=_("I register as"),
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
    resident = forms.ChoiceField(
        label=_("Resident of the Republic of Kazakhstan"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    country = forms.CharField(
        label=_("Country of registration or residence"), max_length=100, required=False
    )
    bin_iin = forms.CharField(
        label=_("BIN or IIN"),
        max_length=12,
        required=False,
        help_text=_("BIN for a legal entity, IIN for an individual: 12 digits."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    position = forms.CharField(label=_("Position"), max_length=255)
    phone = forms.CharField(
        label=_("Contact phone"),
        max_length=32,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    via_representative = forms.BooleanField(
        label=_("I file through a representative"), required=False
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
    registration_certificate = forms.FileField(
        label=_("Certificate of state registration"),
        required=False,
        help_text=_("PDF, JPEG or PNG, up to 10 MB."),
    )

    def __init__(self, *args, existing_files=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.existing_files = set(existing_files)

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
        if data.get("resident") == "no":
            self.require("country", _("Enter the country, as you are not a resident."))
        if resident and data.get("person_type"):
            kind = "bin" if legal else "iin"
            number = data.get("bin_iin", "").strip()
            if not number:
                self.add_error(
                    "bin_iin",
                    _("Enter the BIN of the organization.")
                    if legal
                    else _("Enter your IIN."),
                )
            elif "bin_iin" not in self.errors:
                try:
                    data["bin_iin"] = validate_bin_iin(number, kind)
                except forms.ValidationError as error:
                    self.add_error("bin_iin", error)
        if data.get("via_representative"):
            self.require("representative_name", _("Enter the representative's name."))
            self.require(
                "represented_email",
                _("Enter the e-mail of the person you represent."),
            )
            self.require_file("power_of_attorney", _("Attach the power of attorney."))
        return data

    @property
    def files_to_choose_again(self):
        """File fields that were filled in when the form comes back with errors: a
        browser never keeps a chosen file, so the page asks to choose it again."""
        return [self[name] for name in self.FILE_FIELDS if self.files.get(name)]


class RegistrationForm(RegistrationDetailsForm):
    """The registration form: the details, the login (e-mail and password), the two
    consents and the captcha."""

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
        label=_("Password again"),
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
    captcha = CaptchaField(label=_("Characters in the picture"))

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
        from submissions.registrations.register import detail_values

        values = detail_values(self.cleaned_data)
        changed = [
            name for name, value in values.items() if getattr(profile, name) != value
        ]
        changed += [name for name in self.FILE_FIELDS if self.cleaned_data.get(name)]
        return changed


DETAIL_INITIAL_FIELDS = (
    "person_type",
    "full_name",
    "organization",
    "country",
    "bin_iin",
    "position",
    "phone",
    "via_representative",
    "representative_name",
    "represented_email",
)


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


# --- the application form -------------------------------------------------------------------

STEPS = {
    1: _("The proposal"),
    2: _("Applicability and value"),
    3: _("Prior tests"),
    4: _("Permits and protection"),
    5: _("Attachments"),
    6: _("Review and submit"),
}
STEP_FIELDS = {
    1: [
        "title",
        "kind",
        "summary",
        "problem",
        "subsidiary",
        "application_area",
        "trl",
    ],
    2: ["applicability_criteria", "expected_value"],
    3: ["prior_tests", "reviews", "public_links"],
    4: ["permits", "lab_report", "ip_protection"],
}
REQUIRED_FIELDS = {
    1: ["title", "kind", "summary", "problem", "trl"],
    2: ["applicability_criteria", "expected_value"],
    3: ["prior_tests"],
    4: [],
}
TRL_CHOICES = [("", "—")] + [
    (n, _("TRL %(level)s") % {"level": n}) for n in range(1, 10)
]


class ApplicationStepForm(forms.ModelForm):
    """One step of the application. With ``draft=True`` nothing is required, so whatever
    the applicant typed can be kept; the full rules apply on "Next" and at submission."""

    def __init__(self, *args, draft=False, step=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        required = set(REQUIRED_FIELDS.get(step, []))
        for name, field in self.fields.items():
            field.required = not draft and name in required
        if "subsidiary" in self.fields:
            from submissions.applications.models import Subsidiary

            self.fields["subsidiary"].queryset = Subsidiary.objects.filter(
                is_active=True
            )
            self.fields["subsidiary"].empty_label = _("— not in the list —")
        if "kind" in self.fields:
            from submissions.applications.models import ApplicationKind

            self.fields["kind"].choices = ApplicationKind.choices  # no empty radio
        if "trl" in self.fields:
            self.fields["trl"] = forms.TypedChoiceField(
                label=self.fields["trl"].label,
                choices=TRL_CHOICES,
                coerce=int,
                empty_value=None,
                required=self.fields["trl"].required,
                help_text=_(
                    "1: the basic principle is known … 9: proven in real operation."
                ),
            )
        self.draft = draft

    def clean_public_links(self):
        validate = URLValidator(schemes=["http", "https"])
        lines = [
            line.strip()
            for line in self.cleaned_data.get("public_links", "").splitlines()
            if line.strip()
        ]
        for line in lines:
            try:
                validate(line)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(line)s” is not a web address (http:// or https://)."),
                    params={"line": line},
                    code="invalid_link",
                ) from None
        return "\n".join(lines)

    def clean(self):
        data = super().clean()
        if (
            self.step == 1
            and not self.draft
            and not data.get("subsidiary")
            and not data.get("application_area", "").strip()
        ):
            self.add_error(
                "application_area",
                _("Choose a subsidiary or asset from the list, or describe where."),
            )
        return data


def step_form_class(number):
    from submissions.applications.models import Application

    return forms.modelform_factory(
        Application,
        form=ApplicationStepForm,
        fields=STEP_FIELDS[number],
        widgets={
            name: forms.Textarea(attrs={"rows": 5})
            for name in STEP_FIELDS[number]
            if name not in ("title", "kind", "subsidiary", "application_area", "trl")
        }
        | ({"kind": forms.RadioSelect} if number == 1 else {}),
    )


class ApplicationFileForm(forms.Form):
    """One file of an application, in a category; checked by content and by size, also
    against what the application holds already."""

    category = forms.ChoiceField(label=_("Category"))
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "PDF, DOCX, XLSX, PPTX, ODT, ODS, JPEG, PNG or ZIP, up to 25 MB each and "
            "200 MB for the whole application. Never send scans of passports or "
            "identity cards: the portal does not need them."
        ),
    )

    def __init__(self, *args, application, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        from submissions.applications.models import FileCategory

        self.application = application
        self.fields["category"].choices = categories or FileCategory.applicant_choices()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        upload.checked_extension, upload.checked_type = validate_application_file(
            upload
        )
        held = self.application.files.aggregate(total=Sum("size"))["total"] or 0
        limit = settings.APPLICATION_TOTAL_MAX_BYTES
        if held + upload.size > limit:
            raise forms.ValidationError(
                _(
                    "The application would hold %(total)s of files; the limit is "
                    "%(limit)s. Remove a file or send smaller ones."
                ),
                params={
                    "total": filesizeformat(held + upload.size),
                    "limit": filesizeformat(limit),
                },
                code="total_too_large",
            )
        return upload


class SubmitApplicationForm(forms.Form):
    rights_confirmed = forms.BooleanField(
        label=_(
            "I confirm that I hold the rights to the materials I upload, or the "
            "permission of those who do."
        ),
        error_messages={
            "required": _("Confirm that you hold the rights to what you upload.")
        },
    )


class ApplicantMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message to the reviewers"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReviewerMessageForm(forms.Form):
    """What a reviewer writes on an application: a message to the applicant, an internal
    note, or a request for materials in a named category."""

    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    internal = forms.BooleanField(
        label=_("Internal note: the applicant never sees it"), required=False
    )
    requested_category = forms.ChoiceField(
        label=_("Ask for materials"),
        required=False,
        help_text=_("Opens an upload for this category on the applicant's page."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from submissions.applications.models import FileCategory

        self.fields["requested_category"].choices = [
            ("", _("— no materials asked —"))
        ] + FileCategory.applicant_choices()

    def clean(self):
        data = super().clean()
        if data.get("internal") and data.get("requested_category"):
            self.add_error(
                "requested_category",
                _("An internal note cannot ask the applicant for materials."),
            )
        return data


class ConclusionForm(forms.Form):
    file = forms.FileField(
        label=_("Conclusion on the results of the pilot test"),
        help_text=_("PDF, DOCX or ODT, up to 25 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        upload.checked_extension, upload.checked_type = validate_application_file(
            upload
        )
        return upload


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
        from policy.models import ConsentRecord
        from privacy.models.data_requests import DataRequestKind

        self.fields["kind"].choices = DataRequestKind.choices
        self.fields["purpose"].choices = [
            ("all", _("both: the processing of my data and the policy")),
            *ConsentRecord.PURPOSES,
        ]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == "withdraw_consent" and not data.get("purpose"):
            self.add_error("purpose", _("Choose which consent you withdraw."))
        if kind == "correct" and not data.get("details", "").strip():
            self.add_error("details", _("Say what is wrong and what is right."))
        if kind in ("withdraw_consent", "delete") and not data.get("confirm"):
            self.add_error(
                "confirm",
                _("Tick this box to confirm you have read what follows."),
            )
        return data
