"""Admin views for reviewers on an application: write to the applicant (or add an
internal note, or ask for materials), and file the conclusion on the pilot test."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from submissions.applications.forms import ConclusionForm, ReviewerMessageForm
from submissions.applications.reports import cached_charts
from submissions.applications.review import (
    AssignExpertsForm,
    add_conclusion,
    assign_experts,
    post_message,
)
from submissions.models.access_log import AccessLog
from submissions.models.applications import Application, Disclosure
from submissions.permissions import is_application_reviewer


def reviewer_application(request, pk):
    if not is_application_reviewer(request.user):
        raise PermissionDenied
    return get_object_or_404(Application, pk=pk)


def edit_url(application):
    return reverse(
        "wagtailsnippets_submissions_application:edit", args=[application.pk]
    )


def message(request, pk):
    application = reviewer_application(request, pk)
    form = ReviewerMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        post_message(
            application,
            request.user,
            form.cleaned_data["body"],
            internal=form.cleaned_data["internal"],
            requested_category=form.cleaned_data["requested_category"],
        )
        messages.success(
            request,
            _("The note is saved.")
            if form.cleaned_data["internal"]
            else _("The message is sent to the applicant."),
        )
        return redirect(edit_url(application))
    return render(
        request,
        "submissions/admin/application_form.html",
        {
            "application": application,
            "form": form,
            "title": _("Write about %(application)s") % {"application": application},
            "submit": _("Send"),
            "back": edit_url(application),
        },
    )


def conclusion(request, pk):
    application = reviewer_application(request, pk)
    form = ConclusionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        add_conclusion(application, form.cleaned_data["file"], request.user)
        messages.success(request, _("The conclusion is filed; the applicant is told."))
        return redirect(edit_url(application))
    return render(
        request,
        "submissions/admin/application_form.html",
        {
            "application": application,
            "form": form,
            "title": _("Conclusion on %(application)s") % {"application": application},
            "submit": _("File the conclusion"),
            "back": edit_url(application),
            "multipart": True,
        },
    )


def experts(request, pk):
    """Give experts access to an application, or take it away (each change recorded)."""
    application = reviewer_application(request, pk)
    form = AssignExpertsForm(
        request.POST or None,
        initial={"experts": list(application.experts.values_list("pk", flat=True))},
    )
    form.fields["experts"].required = False
    del form.fields["comment"]
    if request.method == "POST" and form.is_valid():
        changes = assign_experts(
            application, form.cleaned_data["experts"], request.user
        )
        messages.success(
            request,
            _("Experts updated.") if changes else _("Nothing changed."),
        )
        return redirect(edit_url(application))
    return render(
        request,
        "submissions/admin/application_form.html",
        {
            "application": application,
            "form": form,
            "title": _("Experts of %(application)s") % {"application": application},
            "submit": _("Save"),
            "back": edit_url(application),
        },
    )


def access_report(request, user_id):
    """Who accessed this applicant's data: every view and download of their
    registration and applications, and every expert given access to an application."""

    if not is_application_reviewer(request.user):
        raise PermissionDenied
    applicant = get_object_or_404(get_user_model(), pk=user_id)
    accesses = AccessLog.objects.filter(applicant=applicant).select_related("actor")
    page = Paginator(accesses, 50).get_page(request.GET.get("p"))
    disclosures = Disclosure.objects.filter(
        application__applicant=applicant
    ).select_related("expert", "by", "application")
    return render(
        request,
        "submissions/admin/access_report.html",
        {
            "applicant": applicant,
            "page": page,
            "disclosures": disclosures,
            "title": _("Who accessed the data of %(name)s") % {"name": applicant},
        },
    )


def pipeline_report(request):
    """The report on the pipeline: charts with their tables, each exportable as CSV."""

    if not is_application_reviewer(request.user):
        raise PermissionDenied
    charts, computed_at = cached_charts()
    wanted = request.GET.get("export")
    if wanted:
        chart = next((c for c in charts if c.slug == wanted), None)
        if chart is None:
            raise Http404
        return chart.csv_response()
    return render(
        request,
        "submissions/admin/pipeline_report.html",
        {
            "charts": charts,
            "computed_at": computed_at,
            "title": _("Applications: the pipeline"),
        },
    )
