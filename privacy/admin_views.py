"""Admin views of data protection: lifting a block, the visitor statistics report, an
incident's notices, the authority's export and the record of the authority's notice
(administrators only)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.log_actions import log

from privacy.blocking import lift_block
from privacy.breaches import (
    authority_export,
    notify_affected,
    record_authority_notice,
    responsible_contact,
)
from privacy.models.incidents import BreachIncident
from privacy.visit_report import may_see_visits, per_day, top_pages
from submissions.models.registrations import ApplicantProfile
from submissions.permissions import is_administrator


def unblock(request, user_id):
    """An administrator (the only one who sees who is blocked) lifts the block on an
    applicant's data: asks, then does it."""

    if not is_administrator(request.user):
        raise PermissionDenied
    profile = get_object_or_404(ApplicantProfile, user_id=user_id)
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = ""
    if request.method == "POST":
        lift_block(profile, request.user)
        messages.success(request, _("The block is lifted."))
        return redirect(back or "wagtailadmin_home")
    return render(
        request,
        "submissions/admin/application_form.html",
        {
            "form": forms.Form(),
            "title": _("Lift the block on the data of applicant no. %(pk)s?")
            % {"pk": user_id},
            "submit": _("Lift the block"),
            "back": back or reverse("wagtailadmin_home"),
        },
    )


def visits_report(request):
    """Visitor statistics: views and unique visitors per day, the top pages, as charts
    with tables and CSV. No IP address is stored; visitors are daily keyed hashes."""

    if not may_see_visits(request.user):
        raise PermissionDenied
    charts = per_day()
    top_chart, top_rows = top_pages()
    charts.append(top_chart)
    wanted = request.GET.get("export")
    if wanted:
        chart = next((c for c in charts if c.slug == wanted), None)
        if chart is None:
            raise Http404
        return chart.csv_response()
    return render(
        request,
        "privacy/admin/visits_report.html",
        {"charts": charts, "top_rows": top_rows, "title": _("Visitors")},
    )


def administrator_only(request):
    if not request.user.is_superuser:
        raise PermissionDenied


def incident_notify(request, pk):
    administrator_only(request)
    incident = get_object_or_404(BreachIncident, pk=pk)
    edit = reverse("wagtailsnippets_privacy_breachincident:edit", args=[pk])
    if request.method == "POST":
        count = notify_affected(incident, request.user)
        messages.success(request, _("%(count)s notices queued.") % {"count": count})
        return redirect(edit)
    return render(
        request,
        "privacy/admin/incident_notify.html",
        {
            "incident": incident,
            "back": edit,
            "title": _("Notify the affected applicants"),
        },
    )


def incident_authority_export(request, pk, spreadsheet_format):
    administrator_only(request)
    incident = get_object_or_404(BreachIncident, pk=pk)
    log(
        instance=incident,
        action="opi.export",
        user=request.user,
        data={"what": "authority notice", "format": spreadsheet_format},
    )
    return authority_export(incident, responsible_contact(request), spreadsheet_format)


class AuthorityNoticeForm(forms.ModelForm):
    """When, how and under which outgoing number the authorised body was told."""

    class Meta:
        model = BreachIncident
        fields = [
            "authority_notified_at",
            "authority_notice_channel",
            "authority_notice_reference",
            "authority_notice_note",
        ]
        widgets = {
            "authority_notified_at": AdminDateTimeInput,
            "authority_notice_note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "authority_notice_reference": gettext_lazy(
                "The outgoing number of the notice, or the number the e-portal gave it."
            ),
        }
        error_messages = {
            "authority_notified_at": {
                "required": gettext_lazy("Give the date and time the notice was sent.")
            },
            "authority_notice_channel": {
                "required": gettext_lazy("Choose how the notice was sent.")
            },
            "authority_notice_reference": {
                "required": gettext_lazy("Give the notice's outgoing number.")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in (
            "authority_notified_at",
            "authority_notice_channel",
            "authority_notice_reference",
        ):
            self.fields[name].required = True

    def clean_authority_notified_at(self):
        sent = self.cleaned_data["authority_notified_at"]
        if sent > timezone.now():
            raise forms.ValidationError(
                _("The notice cannot have been sent later than now.")
            )
        if sent < self.instance.detected_at:
            raise forms.ValidationError(
                _(
                    "The notice cannot have been sent before the incident was detected "
                    "(%(detected)s)."
                )
                % {
                    "detected": date_format(
                        timezone.localtime(self.instance.detected_at),
                        "SHORT_DATETIME_FORMAT",
                    )
                }
            )
        return sent

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("authority_notice_channel") == "other"
            and not cleaned.get("authority_notice_note", "").strip()
        ):
            self.add_error(
                "authority_notice_note", _("Say in the note how the notice was sent.")
            )
        return cleaned


def incident_authority_notice(request, pk):
    """Record that the authorised body was told of the incident (or correct the
    record): the administrator recording it is kept as who did."""
    administrator_only(request)
    incident = get_object_or_404(BreachIncident, pk=pk)
    edit = reverse("wagtailsnippets_privacy_breachincident:edit", args=[pk])
    form = AuthorityNoticeForm(
        request.POST if request.method == "POST" else None,
        # its own copy: what the form is given must not show as recorded until saved
        instance=BreachIncident.objects.get(pk=pk),
    )
    if form.is_bound and form.is_valid():
        record_authority_notice(form.instance, request.user)
        messages.success(request, _("The notice to the authority is recorded."))
        return redirect(edit)
    return render(
        request,
        "privacy/admin/incident_authority_notice.html",
        {
            "form": form,
            "incident": incident,
            "back": edit,
            "title": _("Record the notice to the authority"),
        },
    )
