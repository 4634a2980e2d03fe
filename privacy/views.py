"""The applicant's own data export: asking for it and downloading it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.login_identity import normalised_login
from core import rate_limits
from privacy.data_export import request_export
from privacy.models.exports import DataExport


@login_required
@require_POST
def request_data_export(request):
    """/account/export/: prepare a ZIP of everything the portal holds about the user."""

    refusal = rate_limits.attempt(
        request, "data_export", normalised_login(request.user.email)
    )
    if refusal:  # each export is a ZIP of everything, built and stored
        messages.error(request, refusal.message)
        return redirect("account")
    request_export(request.user)
    messages.success(
        request,
        _("Your data is being prepared; the link appears here and works for 24 hours."),
    )
    return redirect("account")


@login_required
def download_data_export(request, pk):
    """/account/export/<id>/: the person's own export, while its link is valid."""

    export = DataExport.objects.filter(pk=pk, user=request.user).first()
    if export is None or not export.is_downloadable:
        raise Http404
    response = FileResponse(
        export.file.open("rb"), as_attachment=True, filename="opi-center-my-data.zip"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
