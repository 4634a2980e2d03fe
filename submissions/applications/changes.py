"""What the applicant changed since the reviewers asked for changes, for the dossier.

A request for changes is a task of the "Application review" workflow finished as
rejected (its ``revision`` is what the reviewers read then); the corrected application is
a new revision, that of the task started again on resubmission. The answers of the two
revisions are compared field by field. Files are not in revisions: those uploaded after
the request are the ones added, and those the applicant removed are in the audit log
(``submissions.files.delete_application_file``). Read-only: nothing here saves.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import ModelLogEntry

from submissions.applications.apply import answers_by_step
from submissions.applications.forms import STEP_FIELDS
from submissions.applications.review import task_states_of
from submissions.models.applications import FileCategory, Subsidiary

FILE_REMOVED = "opi.application.file_removed"


@dataclass
class AnswerChange:
    """One answer the applicant changed: where it is, and what it said before."""

    step: int
    name: str
    label: str
    old: object
    new: object


@dataclass
class Changes:
    """What changed between a request for changes and the resubmission answering it."""

    requested_at: object
    comment: str
    answers: list = field(default_factory=list)
    added: list = field(default_factory=list)  # ApplicationFile rows
    removed: list = field(default_factory=list)  # category labels of removed files

    @property
    def by_name(self):
        return {change.name: change for change in self.answers}

    @property
    def added_ids(self):
        return {record.pk for record in self.added}

    @property
    def requested_on(self):
        return formats.date_format(timezone.localtime(self.requested_at), "DATE_FORMAT")

    @property
    def summary(self):
        """ "Changed since the request for changes of 12 March 2026: 3 answers, 1 file
        added", in the reader's language."""
        parts = []
        if self.answers:
            count = len(self.answers)
            parts.append(
                ngettext("%(count)d answer", "%(count)d answers", count)
                % {"count": count}
            )
        if self.added:
            count = len(self.added)
            parts.append(
                ngettext("%(count)d file added", "%(count)d files added", count)
                % {"count": count}
            )
        if self.removed:
            count = len(self.removed)
            parts.append(
                ngettext("%(count)d file removed", "%(count)d files removed", count)
                % {"count": count}
            )
        if not parts:
            return _(
                "Sent again without changes since the request for changes of %(date)s."
            ) % {"date": self.requested_on}
        return _("Changed since the request for changes of %(date)s: %(what)s.") % {
            "date": self.requested_on,
            "what": ", ".join(parts),
        }


def answered_request(application):
    """(the request for changes, the task started again by the resubmission) of the
    latest request for changes, once the applicant has answered it; else None."""
    states = list(task_states_of(application))
    for index in range(len(states) - 1, -1, -1):
        state = states[index]
        if state.status == state.STATUS_REJECTED and state.finished_at:
            later = states[index + 1 :]
            return (state, later[0]) if later else None
    return None


def answers_of(revision):
    """{field name: (step, label, value in words)} of a revision of an application."""
    application = revision.as_object()
    if (
        application.subsidiary_id
        and not Subsidiary.objects.filter(pk=application.subsidiary_id).exists()
    ):
        application.subsidiary_id = None  # removed from the list since
    found = {}
    for number, _title, items in answers_by_step(application):
        for name, (label, value) in zip(STEP_FIELDS[number], items, strict=True):
            found[name] = (number, label, value)
    return found


def same(old, new):
    def words(value):
        return str(value).replace("\r\n", "\n").strip()

    return words(old) == words(new)


def changes_since_request(application):
    """What the applicant changed in answer to the latest request for changes
    (``Changes``), or None when the application was never sent back and resubmitted."""
    found = answered_request(application)
    if found is None:
        return None
    request, resubmission = found
    if request.revision_id is None or resubmission.revision_id is None:
        return None
    before = answers_of(request.revision)
    after = answers_of(resubmission.revision)
    changes = Changes(requested_at=request.finished_at, comment=request.comment)
    for name, (number, label, value) in after.items():
        old = before.get(name, (number, label, ""))[2]
        if not same(old, value):
            changes.answers.append(AnswerChange(number, name, label, old, value))
    changes.added = list(
        application.files.filter(uploaded_at__gt=request.finished_at).exclude(
            category=FileCategory.CONCLUSION
        )
    )
    labels = dict(FileCategory.choices)
    for entry in ModelLogEntry.objects.for_instance(application).filter(
        action=FILE_REMOVED, timestamp__gt=request.finished_at
    ):
        data = entry.data or {}
        uploaded = data.get("uploaded_at")
        if uploaded and datetime.fromisoformat(uploaded) > request.finished_at:
            continue  # added after the request and removed again: no change
        category = data.get("category", "")
        changes.removed.append(labels.get(category, category))
    return changes


def marked_answers(application, changes):
    """The answers by step as the dossier shows them: (step number, title, [answer])
    where each answer is a dict with its ``name``, ``label``, ``value`` and ``change``
    (an ``AnswerChange`` or None)."""
    changed = changes.by_name if changes else {}
    sections = []
    for number, title, items in answers_by_step(application):
        sections.append(
            (
                number,
                title,
                [
                    {
                        "name": name,
                        "label": label,
                        "value": value,
                        "change": changed.get(name),
                    }
                    for name, (label, value) in zip(
                        STEP_FIELDS[number], items, strict=True
                    )
                ],
            )
        )
    return sections
