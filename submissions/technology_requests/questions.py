"""A technology request's own questions in the application form: each question block
becomes a form field of the first step, and its answer is kept on the application with
the question as the applicant was asked it (``Application.request_answers``), so that a
later edit of the request never changes what an answer meant. File questions are asked
at the attachments step, as required categories."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FIELD_PREFIX = "request_"
YES, NO = "yes", "no"
YES_NO = [(YES, gettext_lazy("Yes")), (NO, gettext_lazy("No"))]


def field_name(block):
    return f"{FIELD_PREFIX}{block.id}"


def asked(request_page):
    """The questions answered in the form (all but the file questions), in order."""
    return [block for block in request_page.questions if block.block_type != "file"]


def form_field(block, *, required):
    value = block.value
    options = {
        "label": value["label"],
        "help_text": value.get("help_text", ""),
        "required": required and value.get("required", False),
    }
    kind = block.block_type
    if kind == "short_text":
        return forms.CharField(max_length=500, **options)
    if kind == "long_text":
        return forms.CharField(
            max_length=10000, widget=forms.Textarea(attrs={"rows": 5}), **options
        )
    if kind == "number":
        if value.get("unit"):
            options["label"] = f"{value['label']} ({value['unit']})"
        return forms.DecimalField(max_digits=18, decimal_places=4, **options)
    if kind == "choice":
        choices = [(choice, choice) for choice in value["choices"]]
        return forms.ChoiceField(
            choices=[("", "—"), *choices], widget=forms.Select, **options
        )
    if kind == "yes_no":
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **options)
    raise ValueError(f"no form field for a {kind} question")


def question_fields(request_page, *, required):
    """The form fields of the request's questions (``request_page`` in the language the
    applicant reads), by field name."""
    return {
        field_name(block): form_field(block, required=required)
        for block in asked(request_page)
    }


def stored_answer(value):
    """An answer as JSON keeps it (a number as its text, without trailing zeros)."""
    if value is None:
        return ""
    if hasattr(value, "normalize"):  # Decimal
        return format(value.normalize(), "f")
    return value


def answers(request_page, cleaned_data, kept):
    """``Application.request_answers`` from the form's ``cleaned_data``: each question
    asked, with its text and type, and the answer typed (or the one ``kept``)."""
    result = {}
    for block in asked(request_page):
        name = field_name(block)
        answer = cleaned_data.get(name, kept.get(block.id, {}).get("answer", ""))
        result[block.id] = {
            "question": block.value["label"],
            "kind": block.block_type,
            "answer": stored_answer(answer),
        }
    return result


def initial(application):
    """The kept answers as the form's initial (or check) data, by field name."""
    return {
        f"{FIELD_PREFIX}{block_id}": entry.get("answer", "")
        for block_id, entry in (application.request_answers or {}).items()
    }


def shown(entry):
    """An answer as people read it: yes/no in words, nothing as a dash."""
    answer = entry.get("answer", "")
    if entry.get("kind") == "yes_no" and answer in (YES, NO):
        return _("Yes") if answer == YES else _("No")
    return answer if answer not in ("", None) else "—"


def required_file_categories(request_page):
    """(category, the question's text) of each file question of the request."""
    return [
        (block.value["category"], block.value["label"])
        for block in request_page.questions
        if block.block_type == "file" and block.value.get("required", False)
    ]


def closed_problem(request_page):
    """Why a draft for ``request_page`` cannot be submitted any more, or ""."""
    if request_page is None or request_page.is_open:
        return ""
    if request_page.status == "upcoming":
        return _(
            "The technology request “%(title)s” opens for proposals on %(date)s; "
            "this application can be submitted from then."
        ) % {"title": request_page.title, "date": date_format(request_page.open_from)}
    return _(
        "The technology request “%(title)s” closed on %(date)s: applications to it can "
        "no longer be submitted. You can keep this draft, or make it a proposal outside "
        "any request."
    ) % {"title": request_page.title, "date": date_format(request_page.closing_on)}
