"""What one edition of the policy changed against the edition before it, clause by clause.

The comparison reads the frozen text of both editions (``PolicyEdition.text_html``), the
evidence people consented to, not the page's revisions. Sections are matched by their
headings and content, clauses within a matched section by their content, so a clause that
moved down because another was inserted above it is still "the same clause, unchanged".
A changed clause is shown word by word with ``<del>`` and ``<ins>``.
"""

import difflib
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"
UNCHANGED = "unchanged"

# Two items whose text is at least this similar are "one item, changed" rather than
# "one removed, another added".
SIMILAR_ENOUGH = 0.5

CACHE_SECONDS = 60 * 60 * 24 * 30  # editions never change; the key holds both hashes

WORDS = re.compile(r"\s+|[^\s]+")


@dataclass
class Clause:
    number: str
    anchor: str
    html: str
    text: str


@dataclass
class Section:
    number: str
    anchor: str
    heading: str
    clauses: list

    @property
    def text(self):
        return "\n".join([self.heading] + [clause.text for clause in self.clauses])


@dataclass
class ClauseChange:
    status: str
    old: Clause = None
    new: Clause = None
    diff_html: str = ""

    @property
    def moved(self):
        """The clause kept its text but not its number (one was added or removed above)."""
        return self.old and self.new and self.old.number != self.new.number


@dataclass
class SectionChange:
    status: str
    old: Section = None
    new: Section = None
    heading_diff_html: str = ""
    clauses: list = field(default_factory=list)

    @property
    def changed_clauses(self):
        return [change for change in self.clauses if change.status != UNCHANGED]

    @property
    def unchanged_count(self):
        return len(self.clauses) - len(self.changed_clauses)


@dataclass
class FactChange:
    label: str
    old: str
    new: str


@dataclass
class EditionComparison:
    old_edition: object
    new_edition: object
    facts: list
    sections: list
    consent_statement: ClauseChange

    @property
    def changed_sections(self):
        return [section for section in self.sections if section.status != UNCHANGED]

    def count(self, status):
        return sum(
            1
            for section in self.sections
            for change in section.clauses
            if change.status == status
        )

    @property
    def counts(self):
        return {status: self.count(status) for status in (CHANGED, ADDED, REMOVED)}

    @property
    def has_changes(self):
        return bool(
            self.facts
            or self.changed_sections
            or self.consent_statement.status != UNCHANGED
        )


def plain_text(element):
    """The words of a clause as a reader sees them: one line per paragraph or list item,
    list items marked with a bullet."""
    lines = []
    for block in element.find_all(["p", "li", "h3", "h4"]):
        if block.find(["p", "li"]):
            continue  # a container; its inner blocks are read instead
        text = " ".join(block.get_text(" ").split())
        if text:
            lines.append(f"• {text}" if block.name == "li" else text)
    if not lines:
        text = " ".join(element.get_text(" ").split())
        lines = [text] if text else []
    return "\n".join(lines)


def read_edition(text_html):
    """The sections and the consent statement of a frozen edition."""
    soup = BeautifulSoup(text_html, "html.parser")
    sections = []
    for section in soup.select("section.policy__section"):
        heading = section.find("h2")
        number = heading.find(class_="policy__number")
        section_number = number.get_text(strip=True) if number else ""
        if number:
            number.extract()
        clauses = []
        for clause in section.select(".policy__clause"):
            clause_number = clause.find(class_="policy__number")
            body = clause.find(class_="policy__clause-text") or clause
            clauses.append(
                Clause(
                    number=clause_number.get_text(strip=True) if clause_number else "",
                    anchor=clause.get("id", ""),
                    html=body.decode_contents().strip(),
                    text=plain_text(body),
                )
            )
        sections.append(
            Section(
                number=section_number,
                anchor=heading.get("id", ""),
                heading=" ".join(heading.get_text(" ").split()),
                clauses=clauses,
            )
        )
    consent = soup.select_one("section.policy__consent")
    if consent is not None and consent.find("h2"):
        consent.find("h2").extract()
    consent_clause = Clause(
        number="",
        anchor="consent-statement",
        html=consent.decode_contents().strip() if consent else "",
        text=plain_text(consent) if consent else "",
    )
    return sections, consent_clause


def similarity(old_text, new_text):
    return difflib.SequenceMatcher(
        None, old_text.split(), new_text.split(), autojunk=False
    ).ratio()


def align(old_items, new_items, text_of):
    """Pairs (old, new) in reading order; an item only in one edition is paired with None.

    Identical items are matched first; what lies between them is paired by similarity,
    keeping the order, so a rewritten clause is one change, not a removal and an addition.
    """
    pairs = []
    matcher = difflib.SequenceMatcher(
        None,
        [text_of(item) for item in old_items],
        [text_of(item) for item in new_items],
        autojunk=False,
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(zip(old_items[i1:i2], new_items[j1:j2], strict=True))
            continue
        olds, news = old_items[i1:i2], new_items[j1:j2]
        next_new = 0
        for old in olds:
            best, best_score = None, SIMILAR_ENOUGH
            for index in range(next_new, len(news)):
                score = similarity(text_of(old), text_of(news[index]))
                if score >= best_score:
                    best, best_score = index, score
            if best is None:
                pairs.append((old, None))
                continue
            pairs.extend((None, new) for new in news[next_new:best])
            pairs.append((old, news[best]))
            next_new = best + 1
        pairs.extend((None, new) for new in news[next_new:])
    return pairs


def change_runs(old_words, new_words):
    """Opcodes of a word diff in which changes separated only by white space are joined,
    so "трёх рабочих дней" → "одного рабочего дня" reads as one replacement."""
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    runs = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        gap = tag == "equal" and not "".join(new_words[j1:j2]).strip()
        if runs and runs[-1][0] != "equal" and (tag != "equal" or gap):
            runs[-1] = ("replace", runs[-1][1], i2, runs[-1][3], j2)
        else:
            runs.append((tag, i1, i2, j1, j2))
    return runs


def word_diff(old_text, new_text):
    """HTML of ``new_text`` with the words removed since ``old_text`` in ``<del>`` and the
    words added in ``<ins>``; line breaks are kept as ``<br>``."""
    old_words = WORDS.findall(old_text)
    new_words = WORDS.findall(new_text)
    parts = []
    for tag, i1, i2, j1, j2 in change_runs(old_words, new_words):
        if tag == "equal":
            parts.append(escape("".join(new_words[j1:j2])))
            continue
        removed = "".join(old_words[i1:i2])
        added = "".join(new_words[j1:j2])
        # the spaces around the change follow the new text, or the removed words when
        # nothing replaced them
        around = added if added.strip() else removed
        parts.append(escape(around[: len(around) - len(around.lstrip())]))
        if removed.strip():
            parts.append(f"<del>{escape(removed.strip())}</del>")
        if added.strip():
            if removed.strip():
                parts.append(" ")  # so "old new" never reads as one glued word
            parts.append(f"<ins>{escape(added.strip())}</ins>")
        parts.append(escape(around[len(around.rstrip()) :]))
    return mark_safe("".join(parts).replace("\n", "<br>"))


def compare_clause(old, new):
    if old is None:
        return ClauseChange(ADDED, new=new)
    if new is None:
        return ClauseChange(REMOVED, old=old)
    if old.text == new.text:
        return ClauseChange(UNCHANGED, old=old, new=new)
    return ClauseChange(
        CHANGED, old=old, new=new, diff_html=word_diff(old.text, new.text)
    )


def compare_section(old, new):
    if old is None:
        return SectionChange(
            ADDED, new=new, clauses=[ClauseChange(ADDED, new=c) for c in new.clauses]
        )
    if new is None:
        return SectionChange(
            REMOVED,
            old=old,
            clauses=[ClauseChange(REMOVED, old=c) for c in old.clauses],
        )
    clauses = [
        compare_clause(old_clause, new_clause)
        for old_clause, new_clause in align(
            old.clauses, new.clauses, lambda clause: clause.text
        )
    ]
    heading_changed = old.heading != new.heading
    unchanged = not heading_changed and all(c.status == UNCHANGED for c in clauses)
    return SectionChange(
        UNCHANGED if unchanged else CHANGED,
        old=old,
        new=new,
        heading_diff_html=word_diff(old.heading, new.heading)
        if heading_changed
        else "",
        clauses=clauses,
    )


def compare_facts(old, new):
    facts = []
    if old.title != new.title:
        facts.append(FactChange(_("Title"), old.title, new.title))
    if old.document_code != new.document_code:
        facts.append(
            FactChange(_("Document code"), old.document_code, new.document_code)
        )
    return facts


def compare_editions(old, new):
    """An ``EditionComparison`` of two editions of the same policy page."""
    key = f"policy-comparison:{old.pk}:{old.text_sha256}:{new.pk}:{new.text_sha256}"
    cached = cache.get(key)
    if cached is not None:
        cached.old_edition, cached.new_edition = old, new
        return cached
    old_sections, old_consent = read_edition(old.text_html)
    new_sections, new_consent = read_edition(new.text_html)
    comparison = EditionComparison(
        old_edition=None,
        new_edition=None,
        facts=compare_facts(old, new),
        sections=[
            compare_section(old_section, new_section)
            for old_section, new_section in align(
                old_sections, new_sections, lambda section: section.text
            )
        ],
        consent_statement=compare_clause(old_consent, new_consent),
    )
    cache.set(key, comparison, CACHE_SECONDS)
    comparison.old_edition, comparison.new_edition = old, new
    return comparison
