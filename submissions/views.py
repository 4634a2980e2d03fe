"""Views of submissions: the consent page's answer and the private file downloads."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404

from submissions.files import private_download
from submissions.models.applications import ApplicationFile
from submissions.models.registrations import REGISTRATION_FILES, RegistrationRequest
from submissions.permissions import (
    can_see_application,
    can_see_registration,
    hidden_from,
)


@login_required
def registration_file(request, pk, kind):
    """/files/registrations/<pk>/<kind>/: a registration's document, for its applicant and
    for reviewers only; every download is written to the access log."""
    field = REGISTRATION_FILES.get(kind)
    registration = get_object_or_404(
        RegistrationRequest.objects.select_related("profile"), pk=pk
    )
    if field is None or not can_see_registration(request.user, registration):
        raise Http404
    if hidden_from(request.user, registration.profile.user_id):
        raise Http404  # blocked during a check
    stored = getattr(registration, field)
    if not stored:
        raise Http404
    name = getattr(registration, f"{field}_name") or "file"
    return private_download(
        request,
        stored,
        name,
        instance=registration,
        what=f"{registration._meta.verbose_name} #{registration.pk}: {name}",
    )


@login_required
def application_file(request, pk):
    """/files/applications/<pk>/: a file of an application, for its applicant, the
    reviewers and the experts assigned to it; every download is in the access log."""
    record = get_object_or_404(
        ApplicationFile.objects.select_related("application"), pk=pk
    )
    if not can_see_application(request.user, record.application):
        raise Http404
    if hidden_from(request.user, record.application.applicant_id):
        raise Http404  # blocked during a check
    return private_download(
        request,
        record.file,
        record.original_name,
        instance=record.application,
        what=f"{record.application}: {record.original_name}",
    )
