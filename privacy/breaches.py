"""Incidents of loss or disclosure (policy 6.4): every affected applicant is told by
e-mail once, each delivery recorded; the authority's notice is exported with what it needs
(full name, BIN, phone of each affected person, the measures taken, the contact of the
person responsible for personal-data protection), and its sending is recorded: when, how,
by whom, under which outgoing number."""

import logging

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.log_actions import log
from wagtail.models import Site

from core.spreadsheets import spreadsheet_response
from home.models import PortalSettings
from policy.tasks import deliver_notice
from privacy.models.incidents import BreachIncident, BreachNotice

logger = logging.getLogger(__name__)


def notify_affected(incident, by):
    """Queue one notice per affected applicant not told yet; returns how many."""
    with transaction.atomic():
        for user in incident.applicants.all():
            BreachNotice.objects.get_or_create(
                incident=incident, user=user, defaults={"email": user.email}
            )
        queued = list(
            incident.notices.filter(status=BreachNotice.QUEUED).values_list(
                "pk", flat=True
            )
        )
        log(instance=incident, action="opi.breach.notify", user=by)
        for pk in queued:
            transaction.on_commit(lambda pk=pk: send_breach_notice.enqueue(pk))
    return len(queued)


def record_authority_notice(incident, by):
    """Save the notice to the authorised body that ``incident`` now holds (when, how,
    its outgoing number, a note) as recorded by ``by``, in the audit log too."""
    incident.authority_notice_recorded_by = by
    with transaction.atomic():
        incident.save(
            update_fields=[
                "authority_notified_at",
                "authority_notice_channel",
                "authority_notice_reference",
                "authority_notice_note",
                "authority_notice_recorded_by",
            ]
        )
        log(
            instance=incident,
            action="opi.breach.authority_notified",
            user=by,
            data={
                "sent_at": incident.authority_notified_at.isoformat(),
                "channel": incident.authority_notice_channel,
                "reference": incident.authority_notice_reference,
            },
        )


@task()
def send_breach_notice(notice_id):
    """Tell one affected applicant about the incident; record whether it was sent."""

    def compose(notice):
        language = notice.user.language if notice.user else settings.LANGUAGE_CODE
        context = {"incident": notice.incident, "user": notice.user}
        return "privacy/emails/breach_notice", context, language

    return deliver_notice(BreachNotice, notice_id, ["incident", "user"], compose)


AUTHORITY_COLUMNS = [
    "full_name",
    "iin_bin",
    "phone",
    "email",
    "measures",
    "responsible_person",
]


def authority_rows(incident, responsible):
    """One row per affected person, with what the authority's notice needs."""
    for user in incident.applicants.select_related("applicant_profile"):
        profile = getattr(user, "applicant_profile", None)
        yield {
            "full_name": (profile.full_name if profile else "") or user.full_name,
            "iin_bin": profile.bin_iin if profile else "",
            "phone": profile.phone if profile else "",
            "email": user.email,
            "measures": incident.measures,
            "responsible_person": responsible,
        }


def authority_export(incident, responsible, spreadsheet_format="csv"):
    headings = [
        _("Full name"),
        _("BIN"),
        _("Phone"),
        _("E-mail"),
        _("Measures taken"),
        _("Person responsible for personal-data protection"),
    ]
    rows = list(authority_rows(incident, responsible))
    return spreadsheet_response(
        f"incident-{incident.pk}-authority",
        headings,
        ([row[name] for name in AUTHORITY_COLUMNS] for row in rows),
        spreadsheet_format,
    )


def responsible_contact(request):
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    contacts = PortalSettings.for_site(site)
    parts = [
        contacts.protection_officer_name,
        contacts.protection_officer_email,
        contacts.protection_officer_phone,
    ]
    return ", ".join(part for part in parts if part)


__all__ = [
    "BreachIncident",
    "notify_affected",
    "record_authority_notice",
    "authority_export",
]
