"""Checks a migrated copy of an old site against what the old file held.

Run by ``test_upgrade.py`` after ``migrate``, in the portal's own subprocess
(``manage.py shell -c "from tests.upgrade.check_upgraded import main; main(FACTS)"``,
with ``DJANGO_SETTINGS_MODULE`` and ``DATABASE_URL`` set); no test module imports it.
FACTS is the path of the JSON
the test read from the old file: its revisions, workflow and task states, audit log,
pages, tasks, group permissions, the applicant's applications and the privacy records,
each content type named by the old (app label, model name).

Models are found by their model name among all installed apps (the old app label is
preferred while it still has the model), so the checks hold whether a model still lives
where it lived or has moved to another app. Every failure is listed; the exit status is
1 if there was any.
"""

import json
import sys
import traceback
import uuid
from collections import Counter
from datetime import UTC
from decimal import Decimal

from django.apps import apps
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, models, transaction
from django.test import Client
from django.urls import reverse
from django.utils.dateparse import parse_date, parse_datetime, parse_time
from django.utils.html import escape
from wagtail.models import (
    ModelLogEntry,
    Page,
    PageLogEntry,
    Revision,
    RevisionMixin,
    Task,
    TaskState,
    WorkflowContentType,
    WorkflowMixin,
    WorkflowState,
)

from tests.two_factor import verified_login

failures = []

# Workflow tasks that migrations made after the old file was (they are new rows, the
# old ones are all checked one by one below)
TASKS_MADE_SINCE = {"Approval by another editor"}  # submissions 0021


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def main(facts_path):
    with open(facts_path) as facts_file:
        facts = json.load(facts_file)
    checks = Checks(facts)
    for part in (
        checks.foreign_keys,
        checks.everything_still_there,
        checks.content_types,
        checks.records,
    ):
        try:
            part()
        except Exception:  # one broken part does not hide what the others find
            failures.append(f"{part.__name__} broke:\n{traceback.format_exc()}")
    if not failures:  # the admin is worth opening only on sound data
        checks.admin()
    if failures:
        print(f"{len(failures)} checks failed:")
        for failure in failures:
            print(f"  - {failure}")
        sys.exit(1)
    print("\n".join(checks.report))


class Checks:
    def __init__(self, facts):
        self.facts = facts
        self.report = []

    # --- finding the current models ---------------------------------------------------

    def model(self, app_label, model_name):
        """The current model of that name: the one under the old app label while it is
        there, else the only one of that name in any app."""
        found = [
            model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.model_name == model_name
        ]
        same_app = [model for model in found if model._meta.app_label == app_label]
        if same_app:
            return same_app[0]
        if len(found) == 1:
            return found[0]
        raise LookupError(
            f"{app_label}.{model_name}: {len(found)} current models of that name "
            f"({[model._meta.label for model in found]})"
        )

    def content_type(self, old):
        """The content type the current code gives the model the old one was for."""
        return ContentType.objects.get_for_model(
            self.model(*old), for_concrete_model=False
        )

    def record_model(self, name):
        return self.model(self.facts["types"][name], name)

    # --- rows ---------------------------------------------------------------------------

    def foreign_keys(self):
        """Every foreign key points at a row (SQLite does not check them as it goes)."""
        try:
            with transaction.atomic():
                connection.check_constraints()
        except IntegrityError as error:
            failures.append(f"a foreign key points at no row: {error}")
        else:
            self.report.append("every foreign key points at a row")

    def everything_still_there(self):
        facts = self.facts
        for model, key in (
            (Revision, "revisions"),
            (WorkflowState, "workflow_states"),
            (TaskState, "task_states"),
            (Task, "tasks"),
            (Page, "pages"),
            (ModelLogEntry, "model_log_entries"),
            (PageLogEntry, "page_log_entries"),
            (WorkflowContentType, "workflow_content_types"),
        ):
            rows = model.objects.all()
            if model is Task:  # the tasks of workflows that later migrations made
                rows = rows.exclude(name__in=TASKS_MADE_SINCE)
            count = rows.count()
            check(
                count == len(facts[key]),
                f"{model.__name__}: {count} rows, the old file had {len(facts[key])}",
            )
            self.report.append(f"{model.__name__}: {count} rows as before")

        revisions = Revision.objects.in_bulk()
        for old in facts["revisions"]:
            revision = revisions.get(old["id"])
            if not check(revision is not None, f"revision {old['id']} is gone"):
                continue
            what = f"revision {old['id']}"
            self.same_type(revision.content_type_id, old["content_type_id"], what)
            self.same_type(
                revision.base_content_type_id, old["base_content_type_id"], what
            )
            check(revision.object_id == old["object_id"], f"{what}: another object")
            self.exists(old["content_type_id"], old["object_id"], what)

        states = WorkflowState.objects.in_bulk()
        for old in facts["workflow_states"]:
            state = states.get(old["id"])
            if not check(state is not None, f"workflow state {old['id']} is gone"):
                continue
            what = f"workflow state {old['id']}"
            self.same_type(state.content_type_id, old["content_type_id"], what)
            self.same_type(
                state.base_content_type_id, old["base_content_type_id"], what
            )
            self.exists(old["content_type_id"], old["object_id"], what)
            check(
                (state.object_id, state.status, state.workflow_id)
                == (old["object_id"], old["status"], old["workflow_id"]),
                f"{what}: now {state.object_id}, {state.status}, {state.workflow_id}",
            )
            check(
                state.current_task_state_id == old["current_task_state_id"],
                f"{what}: another current task",
            )

        task_states = TaskState.objects.in_bulk()
        for old in facts["task_states"]:
            task_state = task_states.get(old["id"])
            if not check(task_state is not None, f"task state {old['id']} is gone"):
                continue
            what = f"task state {old['id']}"
            self.same_type(task_state.content_type_id, old["content_type_id"], what)
            check(
                (
                    task_state.status,
                    task_state.workflow_state_id,
                    task_state.revision_id,
                    task_state.task_id,
                )
                == (
                    old["status"],
                    old["workflow_state_id"],
                    old["revision_id"],
                    old["task_id"],
                ),
                f"{what}: changed",
            )
            check(
                task_state.revision_id is None or task_state.revision_id in revisions,
                f"{what}: its revision is gone",
            )
            self.is_specific(task_state, old["content_type_id"], what)

        tasks = Task.objects.in_bulk()
        for old in facts["tasks"]:
            task = tasks.get(old["id"])
            if check(task is not None, f"task {old['id']} is gone"):
                what = f"task {old['id']} ({old['name']})"
                self.same_type(task.content_type_id, old["content_type_id"], what)
                self.is_specific(task, old["content_type_id"], what)

        pages = Page.objects.in_bulk()
        for old in facts["pages"]:
            page = pages.get(old["id"])
            if check(page is not None, f"page {old['id']} is gone"):
                what = f"page {old['id']} ({old['title']})"
                self.same_type(page.content_type_id, old["content_type_id"], what)
                self.is_specific(page, old["content_type_id"], what)

        for model, key, object_field in (
            (ModelLogEntry, "model_log_entries", "object_id"),
            (PageLogEntry, "page_log_entries", "page_id"),
        ):
            entries = model.objects.in_bulk()
            for old in facts[key]:
                entry = entries.get(old["id"])
                what = f"{model.__name__} {old['id']}"
                if check(entry is not None, f"{what} is gone"):
                    self.same_type(entry.content_type_id, old["content_type_id"], what)
                    check(
                        (getattr(entry, object_field), entry.action)
                        == (old[object_field], old["action"]),
                        f"{what}: changed",
                    )

        now = Counter(
            WorkflowContentType.objects.values_list("workflow_id", "content_type_id")
        )
        before = Counter(
            (old["workflow_id"], self.content_type(old["content_type_id"]).pk)
            for old in facts["workflow_content_types"]
        )
        check(now == before, f"workflows' content types: {now} instead of {before}")

        held = {
            (group, content_type, codename)
            for group, content_type, codename in Group.objects.values_list(
                "name", "permissions__content_type_id", "permissions__codename"
            )
        }
        for old in facts["group_permissions"]:
            content_type = self.content_type(old["content_type_id"])
            check(
                (old["group_name"], content_type.pk, old["codename"]) in held,
                f"group {old['group_name']} lost {old['codename']} "
                f"on {content_type.app_label}.{content_type.model}",
            )
        self.report.append(f"{len(facts['group_permissions'])} group permissions kept")

    def same_type(self, content_type_id, old, what):
        try:
            expected = self.content_type(old)
        except LookupError as error:
            failures.append(f"{what}: {error}")
            return
        if content_type_id != expected.pk:
            now = ContentType.objects.filter(pk=content_type_id).first()
            failures.append(
                f"{what}: content type {now and (now.app_label, now.model)}, "
                f"not {expected.app_label}.{expected.model} (was {'.'.join(old)})"
            )

    def exists(self, old_type, object_id, what):
        model = self.model(*old_type)
        check(
            model._base_manager.filter(pk=object_id).exists(),
            f"{what}: {model._meta.label} {object_id} is gone",
        )

    def is_specific(self, instance, old_type, what):
        """``.specific`` (which follows the stored content type) reaches the row of
        the current model."""
        model = self.model(*old_type)
        check(
            type(instance.specific) is model,
            f"{what}: .specific is a {type(instance.specific).__name__}, "
            f"not a {model.__name__}",
        )

    # --- content types ------------------------------------------------------------------

    def content_types(self):
        """No row points at a content type of no current model, and no model has a
        second, leftover content type under another app label."""
        types = ContentType.objects.in_bulk()
        models_with_rows = 0
        for model in apps.get_models(include_auto_created=True):
            if model._meta.proxy:
                continue
            for field in model._meta.local_concrete_fields:
                if not (
                    isinstance(field, models.ForeignKey)
                    and field.related_model is ContentType
                ):
                    continue
                used = set(
                    model._base_manager.values_list(field.attname, flat=True)
                ) - {None}
                for pk in used:
                    content_type = types[pk]
                    check(
                        content_type.model_class() is not None,
                        f"{model._meta.label}.{field.name} points at "
                        f"{content_type.app_label}.{content_type.model}, "
                        "which is no current model",
                    )
            if model._base_manager.exists():
                models_with_rows += 1
        for model in apps.get_models(include_auto_created=True):
            for leftover in ContentType.objects.filter(
                model=model._meta.model_name
            ).exclude(app_label=model._meta.app_label):
                check(
                    leftover.model_class() is not None,
                    f"{model._meta.label}: leftover content type "
                    f"{leftover.app_label}.{leftover.model} (id {leftover.pk})",
                )
        self.report.append(
            f"{models_with_rows} models with rows; every content type in use is a "
            "current model's, none left over"
        )

    # --- the applicant's applications and the privacy records ---------------------------

    def records(self):
        facts = self.facts
        revisions = Counter(
            (tuple(old["base_content_type_id"]), old["object_id"])
            for old in facts["revisions"]
        )
        states = Counter(
            (tuple(old["base_content_type_id"]), old["object_id"])
            for old in facts["workflow_states"]
        )
        entries = Counter(
            (tuple(old["content_type_id"]), old["object_id"])
            for old in facts["model_log_entries"]
        )
        in_progress = {
            (tuple(old["base_content_type_id"]), old["object_id"]): old["id"]
            for old in facts["workflow_states"]
            if old["status"] in ("in_progress", "needs_changes")
        }
        kinds = {"application": facts["applications"], **facts["records"]}
        self.objects = {}
        for name, old_rows in kinds.items():
            model = self.record_model(name)
            old_type = (facts["types"][name], name)
            found = model._base_manager.in_bulk([row["id"] for row in old_rows])
            self.objects[name] = [found.get(row["id"]) for row in old_rows]
            for row in old_rows:
                what = f"{model._meta.label} {row['id']}"
                instance = found.get(row["id"])
                if not check(instance is not None, f"{what} is gone"):
                    continue
                self.same_values(instance, row, what)
                key = (old_type, str(row["id"]))
                if isinstance(instance, RevisionMixin):
                    count = Revision.objects.for_instance(instance).count()
                    check(
                        count == revisions[key],
                        f"{what}: {count} revisions, it had {revisions[key]}",
                    )
                if isinstance(instance, WorkflowMixin):
                    count = WorkflowState.objects.for_instance(instance).count()
                    check(
                        count == states[key],
                        f"{what}: {count} workflow states, it had {states[key]}",
                    )
                    current = instance.current_workflow_state
                    check(
                        (current and current.pk) == in_progress.get(key),
                        f"{what}: workflow in progress {current}, "
                        f"not {in_progress.get(key)}",
                    )
                count = ModelLogEntry.objects.for_instance(instance).count()
                check(
                    count == entries[key],
                    f"{what}: {count} log entries, it had {entries[key]}",
                )
            self.report.append(f"{model._meta.label}: {len(old_rows)} rows unchanged")

        applications = [a for a in self.objects["application"] if a is not None]
        check(
            all(a.applicant.email == facts["applicant"] for a in applications),
            "an application changed applicant",
        )
        self.report.append(
            "applications of "
            + facts["applicant"]
            + ": "
            + ", ".join(f"{a.pk} {a.status}" for a in applications)
        )
        (data_request,) = self.objects["datasubjectrequest"]
        if data_request is not None:
            task = data_request.current_workflow_task
            check(
                task is not None and type(task)._meta.model_name == "datarequesttask",
                f"the data request's current task is {task!r}",
            )
        notices = self.objects["breachnotice"]
        incidents = {i.pk for i in self.objects["breachincident"] if i is not None}
        check(
            all(n is not None and n.incident_id in incidents for n in notices),
            "a breach notice lost its incident",
        )

    def same_values(self, instance, row, what):
        """Every column the old row had, if the model still has it, holds the same."""
        for field in instance._meta.concrete_fields:
            if field.column not in row:
                continue
            new, old = getattr(instance, field.attname), row[field.column]
            check(
                same(field, new, old),
                f"{what}.{field.name}: {new!r}, it was {old!r}",
            )

    # --- the admin ----------------------------------------------------------------------

    def admin(self):
        def url(model, view, *args):
            meta = model._meta
            return reverse(
                f"wagtailsnippets_{meta.app_label}_{meta.model_name}:{view}", args=args
            )

        def opens(client, path, *texts):
            response = client.get(path)
            if check(
                response.status_code == 200,
                f"{path}: {response.status_code} {response.get('Location', '')}",
            ):
                content = response.content.decode()
                for text in texts:
                    check(escape(text) in content, f"{path}: {text!r} not shown")
            return response

        User = get_user_model()
        admin = Client()
        verified_login(admin, User.objects.get(email="admin@example.kz"))
        opened = [opens(admin, reverse("wagtailadmin_home"))]
        for application in self.objects["application"]:
            model = type(application)
            pk = quote(application.pk)
            if application.status == "draft":
                # a draft is the applicant's alone, the administrator's admin included
                for view in ("edit", "history"):
                    path = url(model, view, pk)
                    status = admin.get(path).status_code
                    check(status == 404, f"{path} (a draft): {status}, not 404")
                continue
            opened.append(opens(admin, url(model, "edit", pk), application.title))
            opened.append(opens(admin, url(model, "history", pk), application.title))
        for name in ("datasubjectrequest", "breachincident"):
            for record in self.objects[name]:
                opened.append(opens(admin, url(type(record), "edit", quote(record.pk))))
        reviewer = Client()
        verified_login(reviewer, User.objects.get(email="reviewer@example.kz"))
        application_model = self.record_model("application")
        opened.append(opens(reviewer, url(application_model, "list")))
        self.report.append(
            f"admin: {len(opened)} pages opened (home, edit and history of every "
            "submitted application, the data request and the incident; the reviewer's "
            "list); drafts refused"
        )


def same(field, new, old):
    """Whether the current value ``new`` is the old file's ``old`` (as SQLite keeps it:
    booleans 0/1, times as UTC text, JSON as text, UUIDs as hex)."""
    if old is None or new is None:
        return old is None and new is None
    if isinstance(field, models.BooleanField):
        return new == bool(old)
    if isinstance(field, models.DateTimeField):
        old = parse_datetime(old)
        return new == (old if old.tzinfo else old.replace(tzinfo=UTC))
    if isinstance(field, models.DateField):
        return new == parse_date(old)
    if isinstance(field, models.TimeField):
        return new == parse_time(old)
    if isinstance(field, models.FileField):
        return new.name == old
    if isinstance(field, models.JSONField):
        return new == json.loads(old)
    if isinstance(field, models.UUIDField):
        return new == uuid.UUID(str(old))
    if isinstance(field, models.DecimalField):
        return new == Decimal(str(old))
    return new == old
