"""Erasure (policy 5; on deletion on request, on withdrawal of the consent to processing,
and by retention): the person's sessions end, their drafts go, their open applications are
withdrawn, and every place ``privacy.inventory`` declares is erased, pseudonymised or
deleted as it says. What stays keeps its rows under one stable pseudonym per person: the
consent ledger, the audit trail, decided applications, the record of e-mails sent.
"""

import json
from pathlib import PurePosixPath

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult
from wagtail.admin.models import EditingSession
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Revision, TaskState

from accounts.login_identity import login_attempts_of, normalised_login
from accounts.session_policy import end_sessions as end_indexed_sessions
from core.network import keyed_digest
from policy.consent import (
    pseudonymise_consents,
    pseudonymise_consents_of_address,
    withdraw_consents,
    withdraw_consents_of_address,
)
from privacy.inventory import (
    HOLDINGS,
    MENTIONS,
    Action,
    Person,
)
from submissions.applications.review import withdraw_application
from submissions.files import delete_draft
from submissions.models.applications import Application, ApplicationStatus

PSEUDONYM_DOMAIN = "anonymised.invalid"
ERASED = ""
SHORTEST_MENTION = 4  # shorter strings (a two-letter name) would match everywhere


def pseudonym_for(user):
    """The person's one pseudonym: the same every time for the same account, and
    nothing of them in it."""
    return f"person-{keyed_digest('pseudonym', user.pk)[:16]}@{PSEUDONYM_DOMAIN}"


def address_pseudonym(address):
    """The pseudonym of a person known only by an address (the principal of a
    representative): stable for the address, and nothing of it in it."""
    digest = keyed_digest("pseudonym-address", normalised_login(address))[:16]
    return f"person-{digest}@{PSEUDONYM_DOMAIN}"


def is_pseudonym(email):
    return email.endswith(f"@{PSEUDONYM_DOMAIN}")


def person_of(user):
    """What names ``user`` anywhere, read before anything is erased: the strings that
    mentions are searched for."""
    profile = getattr(user, "applicant_profile", None)
    person = Person(
        user=user,
        email=user.email,
        full_name=user.full_name,
        organization=profile.organization if profile else "",
    )
    found = {user.email, user.full_name}
    holders = [profile] if profile else []
    if profile is not None:
        holders += list(profile.registration_requests.all())
    for holder in holders:
        for name in (
            "full_name",
            "organization",
            "representative_name",
            "represented_email",
            "phone",
            "bin_iin",
            "power_of_attorney_name",
            "registration_certificate_name",
            "email",
        ):
            found.add(getattr(holder, name, "") or "")
    person.represented = sorted(
        {
            normalised_login(holder.represented_email)
            for holder in holders
            if holder.represented_email
        }
    )
    found |= set(
        Application.objects.filter(applicant=user)
        .exclude(files__isnull=True)
        .values_list("files__original_name", flat=True)
    )
    person.strings = sorted(
        (value.strip() for value in found if len(value.strip()) >= SHORTEST_MENTION),
        key=len,
        reverse=True,  # the longest first: a name inside an e-mail goes with the e-mail
    )
    return person


def end_sessions(user):
    """Log ``user`` out everywhere (through the login-session index); returns how many
    sessions were ended."""
    return end_indexed_sessions(user, reason="anonymised")


@transaction.atomic
def anonymise(user, *, by=None, reason=""):
    """Erase ``user`` as the inventory says; returns their pseudonym."""
    person = person_of(user)
    pseudonym = pseudonym_for(user)
    end_sessions(user)
    settle_applications(user, by)
    for holding in HOLDINGS:
        erase_holding(holding, person, pseudonym, reason or "anonymised")
    for mention in MENTIONS:
        scrub_mentions(mention, person, pseudonym)
    login_attempts_of(person.email).delete()
    forget_finished_tasks(person)
    user.refresh_from_db()
    user.is_active = False
    user.email_verified_at = None
    user.save(update_fields=["is_active", "email_verified_at"])
    log(instance=user, action="opi.anonymise", user=by, data={"reason": reason[:200]})
    return pseudonym


def settle_applications(user, by):
    """Open applications are withdrawn (the reviewers are told), drafts deleted with
    their files; decided ones stay (the company's record of its decisions)."""
    for application in Application.objects.filter(applicant=user):
        if application.is_open:
            withdraw_application(application, by or user)
        elif application.status == ApplicationStatus.DRAFT:
            delete_draft(application)


def erase_from_ledger(person, pseudonym, reason):
    """The consent ledger's erasure (``Holding.erased_by``): what the person had not
    withdrawn yet is withdrawn now, for ``reason``; then the ledger's one
    pseudonymisation replaces them (its rows and hashes stay: evidence). The same for
    the consents of the people they registered for, each under their own pseudonym."""
    withdraw_consents(person.user, reason=reason)
    pseudonymise_consents(person.user, pseudonym)
    for address in person.represented:
        withdraw_consents_of_address(address, reason=reason)
        pseudonymise_consents_of_address(address, address_pseudonym(address))


# --- one holding -----------------------------------------------------------------------


def erase_holding(holding, person, pseudonym, reason):
    model = apps.get_model(holding.model)
    rows = list(model._base_manager.filter(holding.rows_of(person)).distinct())
    if not rows:
        return
    if holding.erased_by is not None:
        import_string(holding.erased_by)(person, pseudonym, reason)
        return
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    pks = [row.pk for row in rows]
    if holding.task_comments == Action.ERASE:
        TaskState.objects.filter(
            workflow_state__base_content_type=ContentType.objects.get_for_model(model),
            workflow_state__object_id__in=[str(pk) for pk in pks],
        ).update(comment=ERASED)
    forget_unsaved_forms(content_type, pks)
    if holding.row == Action.DELETE:
        for row in rows:
            delete_files(row, holding.items)
        model._base_manager.filter(pk__in=pks).delete()
        relabel_log_entries(content_type, dict.fromkeys(pks, pseudonym), person)
        return
    labels = {}
    for row in rows:
        values = erased_values(row, holding.items, pseudonym, person)
        if values:
            delete_files(row, holding.items, only=values)
            model._base_manager.filter(pk=row.pk).update(**values)
            for name, value in values.items():
                setattr(row, name, value)
        labels[row.pk] = label_of(row, pseudonym)
        if holding.revisions:
            rewrite_revisions(model, row, values, labels[row.pk])
    relabel_log_entries(content_type, labels, person)


def erased_values(row, items, pseudonym, person):
    """{field: new value} for ``row``'s items that erasure changes."""
    values = {}
    for item in items:
        field = row._meta.get_field(item.name)
        current = getattr(row, item.name)
        if item.erasure == Action.ERASE:
            empty = None if field.null else ERASED
            if (
                current.name if isinstance(field, models.FileField) else current
            ) not in (
                None,
                ERASED,
            ):
                values[item.name] = empty
        elif item.erasure == Action.PSEUDONYMISE:
            new = pseudonymised(row, field, current, pseudonym, person)
            if new != current:
                values[item.name] = new
    return values


def pseudonymised(row, field, current, pseudonym, person):
    if not current:
        return current
    if isinstance(field, models.EmailField):
        if normalised_login(current) in person.represented:
            return address_pseudonym(current)  # the principal's own pseudonym
        return pseudonym
    if field.name == "original_name":  # a file's name: only its kind survives
        return f"file-{row.pk}{PurePosixPath(current).suffix.lower()}"
    return pseudonym


def delete_files(row, items, only=None):
    for item in items:
        field = row._meta.get_field(item.name)
        if not isinstance(field, models.FileField):
            continue
        if only is not None and item.name not in only:
            continue
        stored = getattr(row, item.name)
        if stored and stored.name:
            stored.storage.delete(stored.name)


def label_of(row, pseudonym):
    """The row's label once erased; the pseudonym where nothing is left of it."""
    text = str(row).strip(" <>·—")
    return text if text and text != "None" else pseudonym


def rewrite_revisions(model, row, values, label):
    """Put the erased ``values`` into every stored revision of ``row``."""
    serialised = {
        name: (value.name if hasattr(value, "name") else value) or ERASED
        for name, value in values.items()
    }
    for revision in Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(model),
        object_id=str(row.pk),
    ):
        content = {**revision.content}
        for name, value in serialised.items():
            if name in content:
                content[name] = value
        revision.content = content
        revision.object_str = label
        revision.save(update_fields=["content", "object_str"])


def relabel_log_entries(content_type, labels, person):
    """The audit trail keeps its rows; their labels are made again from the erased
    records and their details lose every mention of the person."""
    for pk, label in labels.items():
        for entry in ModelLogEntry.objects.filter(
            content_type=content_type, object_id=str(pk)
        ):
            entry.label = label
            entry.data = scrubbed(entry.data, person, "")
            entry.save(update_fields=["label", "data"])


def forget_unsaved_forms(content_type, pks):
    """A staff member's unsaved edit of the person's record, and who was editing it."""
    ids = [str(pk) for pk in pks]
    FormState = apps.get_model("wagtailadmin", "FormState")
    FormState.objects.filter(content_type=content_type, object_id__in=ids).delete()
    EditingSession.objects.filter(content_type=content_type, object_id__in=ids).delete()


# --- mentions elsewhere ----------------------------------------------------------------


def scrubbed(value, person, replacement):
    """``value`` (text, or JSON of lists and dicts) with every string of the person
    replaced."""
    if isinstance(value, str):
        for string in person.strings:
            if string.lower() in value.lower():
                value = replace_ignoring_case(value, string, replacement)
        return value
    if isinstance(value, list):
        return [scrubbed(item, person, replacement) for item in value]
    if isinstance(value, dict):
        return {key: scrubbed(item, person, replacement) for key, item in value.items()}
    return value


def replace_ignoring_case(text, old, new):
    lowered, needle, start, parts = text.lower(), old.lower(), 0, []
    while (found := lowered.find(needle, start)) != -1:
        parts += [text[start:found], new]
        start = found + len(old)
    return "".join(parts) + text[start:]


def scrub_mentions(mention, person, pseudonym):
    if not person.strings:
        return
    model = apps.get_model(mention.model)
    for name in mention.fields:
        query = models.Q()
        for string in person.strings:
            query |= models.Q(**{f"{name}__icontains": string})
        for row in model._base_manager.filter(query):
            setattr(row, name, scrubbed(getattr(row, name), person, pseudonym))
            row.save(update_fields=[name])


def forget_finished_tasks(person):
    """Finished background tasks whose arguments or result still name the person (a
    task queued before its arguments were erased)."""
    for result in DBTaskResult.objects.exclude(finished_at__isnull=True):
        text = json.dumps(
            [result.args_kwargs, result.return_value, result.traceback],
            ensure_ascii=False,
        ).lower()
        if any(string.lower() in text for string in person.strings):
            result.delete()
