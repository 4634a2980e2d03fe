"""The questions a technology request adds to the application form: editors build them
from a small set of field types (``submissions.technology_requests.questions`` turns each
into a form field and keeps its answer with the application)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from submissions.models.applications import FileCategory


class QuestionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("question"), max_length=255)
    help_text = blocks.CharBlock(
        label=_("help under the question"), required=False, max_length=500
    )
    required = blocks.BooleanBlock(
        label=_("an answer is required to submit"), required=False, default=True
    )

    class Meta:
        icon = "help"


class ShortTextQuestion(QuestionBlock):
    class Meta:
        label = _("Short text")
        icon = "pilcrow"


class LongTextQuestion(QuestionBlock):
    class Meta:
        label = _("Long text")
        icon = "doc-full"


class NumberQuestion(QuestionBlock):
    unit = blocks.CharBlock(label=_("unit"), required=False, max_length=40)

    class Meta:
        label = _("Number")
        icon = "order"


class ChoiceQuestion(QuestionBlock):
    choices = blocks.ListBlock(
        blocks.CharBlock(label=_("choice"), max_length=255), label=_("choices")
    )

    class Meta:
        label = _("Choice")
        icon = "list-ul"


class YesNoQuestion(QuestionBlock):
    class Meta:
        label = _("Yes or no")
        icon = "tick-inverse"


class FileQuestion(QuestionBlock):
    """A file the applicant attaches in a category (at the attachments step)."""

    category = blocks.ChoiceBlock(
        label=_("attachment category"), choices=FileCategory.applicant_choices
    )

    class Meta:
        label = _("File in a category")
        icon = "doc-empty"


class QuestionsBlock(blocks.StreamBlock):
    short_text = ShortTextQuestion()
    long_text = LongTextQuestion()
    number = NumberQuestion()
    choice = ChoiceQuestion()
    yes_no = YesNoQuestion()
    file = FileQuestion()

    class Meta:
        required = False
