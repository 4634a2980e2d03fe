"""The dossier panel of an application for reviewers and experts: what is asked, who
assesses, the scores, the files, the messages."""

from wagtail.admin.panels import Panel

from submissions.applications.changes import changes_since_request
from submissions.applications.request_answers import request_context
from submissions.applications.review import timeline
from submissions.applications.rubric import rubric
from submissions.models.applications import FileCategory
from submissions.permissions import hidden_from, is_application_reviewer


def dossier_context(application, user):
    """Everything about ``application`` that is not an answer, as ``user`` may see it:
    progress, experts and disclosures, assessments with averages, files, the thread with
    internal notes and, for reviewers, the applicant's registration and what changed
    since the last request for changes; and the technology request it answers with the
    answers to the request's own questions."""

    reviewer = is_application_reviewer(user)
    assessments = list(
        application.assessments.select_related("expert").order_by("-submitted_at")
    )
    if not reviewer:
        assessments = [a for a in assessments if a.expert_id == user.pk]
    profile = getattr(application.applicant, "applicant_profile", None)
    blocked = profile is not None and profile.is_blocked
    if blocked and hidden_from(user, application.applicant_id):
        profile = None  # nothing of the person while their data is blocked
    return {
        "blocked": blocked,
        "applicant_id": application.applicant_id,
        "application": application,
        "reviewer": reviewer,
        "timeline": timeline(application),
        "experts": list(application.experts.all()),
        "assessments": assessments,
        "score_rows": score_rows(assessments),
        "files": list(application.files.all()),
        "thread": list(application.messages.select_related("author"))
        if reviewer
        else [],
        "profile": profile,
        "registration": profile.registration_requests.order_by("-pk").first()
        if reviewer and profile
        else None,
        "disclosures": list(application.disclosures.select_related("expert", "by"))
        if reviewer
        else [],
        "conclusion_category": FileCategory.CONCLUSION,
        # what the applicant's corrections changed: reviewers only (it names files)
        "changes": changes_since_request(application) if reviewer else None,
        # the technology request answered, and the answers to its own questions
        **request_context(application),
    }


class ApplicationDossierPanel(Panel):
    """The dossier on the application's edit screen (``dossier_context``), with links to
    write to the applicant, change the experts or file the conclusion. An expert sees the
    applicant's organization only."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "submissions/admin/application_dossier_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["application"] = self.instance
            if self.instance.pk is not None:
                context.update(dossier_context(self.instance, self.request.user))
            return context


def score_rows(assessments):
    """One row per criterion of the rubric: its name, each assessment's score with the
    expert's comment on it, and the average of the scores."""

    rows = []
    for criterion in rubric():
        values = [getattr(assessment, criterion.key) for assessment in assessments]
        rows.append(
            {
                "label": criterion.name,
                "values": values,
                "cells": [
                    {
                        "score": getattr(assessment, criterion.key),
                        "comment": assessment.comment_on(criterion.key),
                    }
                    for assessment in assessments
                ],
                "average": sum(values) / len(values) if values else None,
            }
        )
    return rows
