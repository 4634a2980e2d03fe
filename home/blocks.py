"""The content blocks every page body of the portal is built from (one shared set)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
# A step's description is a sentence or two: emphasis and the links where the step is done.
INLINE_TEXT_FEATURES = ["bold", "italic", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    """A section heading of level 2 or 3."""

    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (h2)")), ("h3", _("Subsection (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        description = _("A heading that starts a section of the page.")
        preview_value = {"text": "Как проходит отбор", "level": "h2"}


class ImageWithCaptionBlock(blocks.StructBlock):
    """An image with the alternative text readers need and an optional caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "blocks/image_block.html"
        description = _("An image across the text column, with a caption below it.")


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document from the document library, showing its type and size."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "blocks/document_block.html"
        description = _("A download link to a document: regulations, templates, forms.")


class CalloutBlock(blocks.StructBlock):
    """A boxed note that stands out from the text: information, important, or warning."""

    tone = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("info", _("Information")),
            ("important", _("Important")),
            ("warning", _("Warning")),
        ],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Call-out")
        template = "blocks/callout_block.html"
        description = _("A boxed note that draws the reader's attention.")
        preview_value = {
            "tone": "important",
            "title": "Обратите внимание",
            "text": "<p>Заявка рассматривается только после проверки регистрации.</p>",
        }


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")


class FAQBlock(blocks.StructBlock):
    """Questions and answers that open one by one (works without JavaScript)."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    items = blocks.ListBlock(QuestionBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "help"
        label = _("FAQ accordion")
        template = "blocks/faq_block.html"
        description = _(
            "Frequently asked questions that the reader opens one at a time."
        )
        preview_value = {
            "title": "Частые вопросы",
            "items": [
                {
                    "question": "Кто может подать заявку?",
                    "answer": "<p>Юридические и физические лица, резиденты и нерезиденты.</p>",
                }
            ],
        }


class StepBlock(blocks.StructBlock):
    """One step of a procedure: a short title and what happens in it, with links to the
    pages where it is done (the registration form, the policy, the application form)."""

    title = blocks.CharBlock(label=_("Step"), max_length=200)
    text = blocks.RichTextBlock(
        label=_("Description"), required=False, features=INLINE_TEXT_FEATURES
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = "blocks/step_block.html"
        description = _("One step of a procedure.")
        preview_value = {
            "title": "Регистрация",
            "text": "<p>Заполните форму регистрации.</p>",
        }


class NumberedStepsBlock(blocks.StructBlock):
    """A procedure as numbered steps; the numbers are generated, never typed."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Numbered steps")
        template = "blocks/steps_block.html"
        description = _("A procedure as a numbered list of steps.")
        preview_value = {
            "title": "Порядок действий",
            "steps": [
                {"title": "Регистрация", "text": "<p>Заполните форму регистрации.</p>"},
                {
                    "title": "Заявка",
                    "text": "<p>Опишите предложение и приложите файлы.</p>",
                },
            ],
        }


class NextStepBlock(blocks.StaticBlock):
    """ "Your next step": a button that leads each reader on from here, worked out for
    them (``submissions.next_step``): a visitor to the registration form, an applicant
    whose registration is not verified yet to its state, a verified one to the form."""

    class Meta:
        icon = "arrow-right"
        label = _("Your next step")
        template = "blocks/next_step_block.html"
        admin_text = _(
            "Shows each reader the button to their next step: registration, the state "
            "of their registration, or the application form."
        )
        description = _(
            "A button to the reader's next step towards an application, different for "
            "visitors and for logged-in applicants."
        )


class DataTableBlock(blocks.StructBlock):
    """A table with a caption; the first row is read as column headings."""

    caption = blocks.CharBlock(
        label=_("Caption"),
        max_length=250,
        help_text=_("What the table shows; screen readers announce it."),
    )
    table = TableBlock(
        label=_("Table"),
        table_options={"startRows": 3, "startCols": 3, "contextMenu": True},
    )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "blocks/table_block.html"
        description = _("A table of facts with a caption and a header row.")


class BaseStreamBlock(blocks.StreamBlock):
    """The body of every content page."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Rich text"),
        icon="pilcrow",
        features=RICH_TEXT_FEATURES,
        template="blocks/paragraph_block.html",
        description=_("Paragraphs of text with links and lists."),
    )
    image = ImageWithCaptionBlock()
    document = DocumentLinkBlock()
    callout = CalloutBlock()
    faq = FAQBlock()
    steps = NumberedStepsBlock()
    table = DataTableBlock()
    next_step = NextStepBlock()
