"""Forms of an application: its six steps, its files, the messages between applicant and
reviewers, the conclusion."""

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from submissions.models.applications import (
    Application,
    ApplicationKind,
    FileCategory,
    Subsidiary,
)
from submissions.technology_requests import questions
from submissions.validators import validate_application_file

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
            self.fields["subsidiary"].queryset = Subsidiary.objects.filter(
                is_active=True
            )
            self.fields["subsidiary"].empty_label = _("— not in the list —")
        if "kind" in self.fields:
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
        # the first step also asks the questions of the request the proposal answers
        self.request_page = None
        if step == 1 and self.instance.technology_request_id:
            self.request_page = self.instance.technology_request.in_language()
            self.fields.update(
                questions.question_fields(self.request_page, required=not draft)
            )
            if not self.is_bound:
                self.initial.update(questions.initial(self.instance))

    def application_fields(self):
        return [
            field for field in self if not field.name.startswith(questions.FIELD_PREFIX)
        ]

    def request_fields(self):
        return [
            field for field in self if field.name.startswith(questions.FIELD_PREFIX)
        ]

    def save(self, commit=True):
        if self.request_page is not None:
            self.instance.request_answers = questions.answers(
                self.request_page,
                self.cleaned_data,
                self.instance.request_answers or {},
            )
        return super().save(commit)

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

    # Choosing a category alone is nothing to lose: only a chosen file is (site.js).
    category = forms.ChoiceField(
        label=_("Category"), widget=forms.Select(attrs={"data-unsaved-ignore": ""})
    )
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

        self.application = application
        self.fields["category"].choices = categories or FileCategory.applicant_choices()

    def report_missing(self, labels):
        """Show the required categories still without a file as errors of the file
        field (the step shown after a refused "Next"): the error summary then names
        each one and links to the file's input, where the missing file goes."""
        self.cleaned_data = {}
        for label in labels:
            self.add_error(
                "file",
                _("Attach a file in the category “%(label)s”.") % {"label": label},
            )

    def report_refusal(self, errors):
        """Show again why a file sent without the page's script was refused (the page
        after the redirect): ``errors`` maps a field's name, or ``__all__``, to its
        messages. The file itself is not kept: it has to be chosen again."""
        self.cleaned_data = {}
        for name, messages in errors.items():
            for message in messages:
                self.add_error(None if name == "__all__" else name, message)

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
