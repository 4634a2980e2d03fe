"""The export of everything the portal holds about a person (policy 5): a ZIP with a
machine-readable ``data.json``, a readable ``index.html`` in the person's language (labels
and values in words), the text of each policy edition they consented to, and their files.
What it holds is what ``privacy.inventory`` declares exportable, holding by holding: the
consent evidence, the registration, the applications with their files and messages, who
opened their data, the experts it was disclosed to, their logins, the e-mails sent to them,
their requests. Built by a background task; the link works 24 hours, then the ZIP goes.
"""

import datetime
import io
import json
import zipfile
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.models import ModelLogEntry

from privacy.inventory import HOLDINGS, Person
from privacy.models.exports import DataExport
from submissions.applications.request_answers import answered

LINK_HOURS = 24


def request_export(user):
    """A new export for ``user``, built once the transaction commits."""
    export = DataExport.objects.create(user=user)
    transaction.on_commit(lambda: build_export.enqueue(export.pk))
    return export


def collect(user):
    """Everything the inventory holds about ``user``: (data for data.json, the readable
    sections for index.html, the files to include, the policy editions consented to)."""
    person = Person(user=user, email=user.email, full_name=user.full_name)
    data = {"exported_at": timezone.now()}
    sections, files, editions, stored_names = [], [], {}, set()
    for holding in HOLDINGS:
        if not holding.exported_as:
            continue
        rows = exported_rows(holding, person)
        fields = exported_fields(holding)
        records = [machine_readable(row, fields) for row in rows]
        data[holding.exported_as] = (
            (records[0] if records else None) if holding.single else records
        )
        sections.append(
            Section(holding.section, [readable(row, fields) for row in rows])
        )
        for row in rows:
            for name, stored in files_of(row, holding):
                # the registration's files are the profile's: one copy each
                if stored.name not in stored_names:
                    stored_names.add(stored.name)
                    files.append((name, stored))
            if holding.model == "policy.ConsentRecord":
                editions[row.edition.number] = row.edition
    history = list(account_history(user))
    data["account_history"] = [
        {"action": entry.action, "at": entry.timestamp} for entry in history
    ]
    sections.append(
        Section(
            _("Logins and changes to your account"),
            [
                [
                    (_("what"), entry.message),
                    (
                        _("when"),
                        formats.date_format(entry.timestamp, "DATETIME_FORMAT"),
                    ),
                ]
                for entry in history
            ],
        )
    )
    return data, sections, files, editions


@dataclass
class Section:
    title: str
    rows: list  # each a list of (label, value in words)


def exported_rows(holding, person):
    model = apps.get_model(holding.model)
    rows = model._base_manager.filter(holding.rows_of(person))
    if holding.exported_rows is not None:
        rows = rows.filter(holding.exported_rows)
    # the links shown (an edition, an expert) come with the rows, not a query each
    return list(rows.select_related(*holding.shown_links).distinct().order_by("pk"))


def exported_fields(holding):
    """The row's fields the export shows: its own values (not ids of other records,
    but the links the holding names), less the items the inventory keeps out."""
    model = apps.get_model(holding.model)
    hidden = {item.name for item in holding.items if not item.export} | HIDDEN_FIELDS
    chosen = []
    for field in model._meta.concrete_fields:
        if field.name in hidden or field.primary_key:
            continue
        if field.is_relation and field.name not in holding.shown_links:
            continue
        chosen.append(field)
    return chosen


# Wagtail's bookkeeping on the models that have revisions, workflows and locks.
HIDDEN_FIELDS = {
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "latest_revision",
    "go_live_at",
    "expire_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
    "is_staff",
    "is_superuser",
    "last_login",
    "task_run",
    "internal",  # the exported messages are never the reviewers' internal notes
    # the ledger's chain: the record's own hash is exported (the person's proof), the
    # links of the chain are not
    "sequence",
    "previous_hash",
    "evidence_hash",
    "withdrawal_hash",
}


def machine_readable(row, fields):
    values = {}
    for field in fields:
        value = getattr(row, field.name)
        if field.is_relation:
            value = link_name(value)
        elif isinstance(field, models.FileField):
            value = value.name.rsplit("/", 1)[-1] if value else None
        values[field.name] = value
    return values


def readable(row, fields):
    """(label, value in words) of each field, in the language active now."""
    shown = []
    for field in fields:
        value = getattr(row, field.name)
        if field.is_relation:
            value = link_name(value)
        elif field.choices:
            value = getattr(row, f"get_{field.name}_display")()
        elif isinstance(field, models.BooleanField):
            value = _("yes") if value else _("no")
        elif isinstance(field, models.DateTimeField):
            value = (
                formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
                if value
                else None
            )
        elif isinstance(field, models.DateField):
            value = formats.date_format(value, "DATE_FORMAT") if value else None
        elif isinstance(field, models.FileField):
            value = _("attached (in the files folder)") if value else None
        elif isinstance(field, models.JSONField):
            # the answers to a technology request's questions, each with its question
            asked = getattr(row, "technology_request", None)
            value = "\n".join(
                f"{question}: {answer}" for question, answer in answered(value, asked)
            )
        shown.append(
            (capfirst(field.verbose_name), value if value not in ("", None) else "—")
        )
    return shown


def link_name(value):
    """A linked record as the person should read it: a person by name, anything else
    by its label."""
    if value is None:
        return None
    if hasattr(value, "full_name"):
        return value.full_name or _("a member of the staff")
    if hasattr(value, "in_language"):  # a technology request: as the person read it
        return str(value.in_language())
    return str(value)


def files_of(row, holding):
    """(name in the ZIP, stored file) of the row's exported files."""
    found = []
    for item in holding.items:
        field = row._meta.get_field(item.name)
        stored = getattr(row, item.name)
        if not item.export or not isinstance(field, models.FileField) or not stored:
            continue
        if holding.model == "submissions.ApplicationFile":
            application = row.application
            folder = application.reference or f"draft-{application.pk}"
            found.append((f"applications/{folder}/{row.original_name}", stored))
        else:
            original = (
                getattr(row, f"{item.name}_name", "") or stored.name.rsplit("/", 1)[-1]
            )
            found.append((f"registration/{original}", stored))
    return found


def account_history(user):
    """The audit entries of the account itself: logins, logouts, password and
    two-factor changes."""
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(user, for_concrete_model=False),
        object_id=str(user.pk),
    ).order_by("timestamp")


def write_zip(user):
    with translation.override(user.language or settings.LANGUAGE_CODE):
        data, sections, files, editions = collect(user)
        index = render_to_string(
            "privacy/export_index.html",
            {"data": data, "sections": sections, "user": user},
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json",
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
        archive.writestr("index.html", index)
        for number, edition in editions.items():
            archive.writestr(f"policy/edition-{number}.html", edition.text_html)
        for name, stored in files:
            try:
                with stored.open("rb") as handle:
                    archive.writestr(f"files/{name}", handle.read())
            except FileNotFoundError:
                archive.writestr(f"files/{name}.missing.txt", "The file is missing.")
    return buffer.getvalue()


@task()
def build_export(export_id):
    export = DataExport.objects.select_related("user").get(pk=export_id)
    try:
        content = write_zip(export.user)
    except Exception:
        export.status = DataExport.FAILED
        export.save(update_fields=["status"])
        raise
    export.file.save(f"export-{export.pk}.zip", ContentFile(content), save=False)
    export.status = DataExport.READY
    export.ready_at = timezone.now()
    export.expires_at = export.ready_at + datetime.timedelta(hours=LINK_HOURS)
    export.save(update_fields=["file", "status", "ready_at", "expires_at"])
    return export.pk
