"""The structure of the privacy policy: numbered sections of numbered clauses.

Editors never type numbers: the template numbers sections (1., 2., …) and clauses
(1.1., 1.2., …) from their order, and gives each an anchor for the table of contents.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

CLAUSE_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class PolicySectionBlock(blocks.StructBlock):
    """One numbered section of the policy with its numbered clauses."""

    heading = blocks.CharBlock(label=_("Section heading"), max_length=255)
    clauses = blocks.ListBlock(
        blocks.RichTextBlock(label=_("Clause"), features=CLAUSE_FEATURES),
        label=_("Clauses"),
        min_num=1,
        help_text=_("Each item is one clause; it may hold a list. Numbers are added."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Section")
        description = _("A numbered section of the policy made of numbered clauses.")
        preview_value = {
            "heading": "Общие положения",
            "clauses": [
                "<p>Политика определяет порядок обработки персональных данных.</p>",
                "<p>Политика действует в отношении всех пользователей портала.</p>",
            ],
        }


class PolicyBodyBlock(blocks.StreamBlock):
    """The body of the policy: its sections, in order."""

    section = PolicySectionBlock()
