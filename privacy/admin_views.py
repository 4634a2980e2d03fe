"""Admin views of data protection: lifting a block, the visitor statistics report, an
incident's notices and the authority's export (administrators only)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from privacy.blocking import lift_block
from privacy.breaches import authority_export, notify_affected, responsible_contact
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
