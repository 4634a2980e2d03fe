"""Admin views on an application: for reviewers, write to the applicant (or add an
internal note, or ask for materials), change the experts, file the conclusion on the
pilot test; for an assigned expert, the declaration of independence and the assessment
screen."""

import hashlib
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.posted import as_form_data, posted_values
from core.working_days import add_working_days
from submissions.applications.apply import answers_by_step
from submissions.applications.forms import ConclusionForm, ReviewerMessageForm
from submissions.applications.reports import cached_charts
from submissions.applications.request_answers import request_context
from submissions.applications.review import (
    AssignExpertsForm,
    DeclarationForm,
    ExpertAssessmentForm,
    add_conclusion,
    assign_experts,
    current_assessment_round,
    declare,
    may_withdraw,
    post_message,
    submit_assessment,
    why_no_assessment_form,
)
from submissions.applications.rubric import rubric
from submissions.files import record_access
from submissions.models.access_log import AccessLog
from submissions.models.applications import (
    Disclosure,
    ExpertAssessment,
    FileCategory,
)
from submissions.permissions import (
    BLOCKED_REFUSAL,
    application_policy,
    awaits_declaration,
    hidden_from,
    is_application_reviewer,
    is_assigned_expert,
    visible_applications,
)


def reviewer_application(request, pk):
    """The application ``pk`` as the access policy lets a reviewer see it (404 for a
    draft or what they may not see)."""
    if not is_application_reviewer(request.user):
        raise PermissionDenied
    return get_object_or_404(visible_applications(request.user), pk=pk)


def refused(request, application):
    """The answer when the policy refuses to process ``application`` (its applicant is
    blocked): back to the register with the reason; None when it may be processed."""
    reason = application_policy.processing_refusal(application)
    if reason is None:
        return None
    messages.error(request, reason)
    return redirect("wagtailsnippets_submissions_application:list")


def edit_url(application):
    return reverse(
        "wagtailsnippets_submissions_application:edit", args=[application.pk]
    )


def message(request, pk):
    application = reviewer_application(request, pk)
    if refusal := refused(request, application):
        return refusal
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
    if refusal := refused(request, application):
        return refusal
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
    if refusal := refused(request, application):
        return refusal
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


def assigned_application(request, pk):
    """The application ``pk`` if the requester is one of its assigned experts; 404 for
    anyone else (reviewers included: they have the dossier)."""
    application = (
        visible_applications(request.user)
        .select_related("applicant__applicant_profile", "subsidiary")
        .filter(pk=pk)
        .first()
    )
    if application is None or not is_assigned_expert(application, request.user):
        raise Http404
    return application


def expert_dossier(application, user, criteria):
    """What the expert's screen shows of ``application``: no person, only the
    organization's name; the files but a power of attorney (a document about people);
    no messages (the thread is between the applicant and the reviewers)."""
    state = current_assessment_round(application)
    return {
        "answers": answers_by_step(application),
        **request_context(application),
        "files": list(
            application.files.exclude(category=FileCategory.POWER_OF_ATTORNEY)
        ),
        "due": add_working_days(
            timezone.localdate(state.started_at), settings.ASSESSMENT_WORKING_DAYS
        )
        if state is not None
        else None,
        "my_assessments": [
            {
                "assessment": mine,
                "scores": [
                    (
                        criterion.name,
                        getattr(mine, criterion.key),
                        mine.comment_on(criterion.key),
                    )
                    for criterion in criteria
                ],
            }
            for mine in ExpertAssessment.objects.filter(
                application=application, expert=user
            ).order_by("-submitted_at", "-pk")
        ],
    }


def check_signer(application, user):
    """Signs what the check before sending showed, for this expert, application and
    round: "send" takes only answers that were shown with their average."""
    state = current_assessment_round(application)
    return signing.Signer(
        salt=f"opi.assessment.check:{application.pk}:{user.pk}:{state and state.pk}"
    )


def answers_digest(form):
    """A digest of a valid assessment form's answers."""
    answers = {name: str(value) for name, value in form.cleaned_data.items()}
    return hashlib.sha256(
        json.dumps(answers, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


def was_checked(request, application, form):
    """Whether the expert saw exactly these answers on the check before sending."""
    try:
        shown = check_signer(application, request.user).unsign(
            request.POST.get("checked", "")
        )
    except signing.BadSignature:
        return False
    return shown == answers_digest(form)


ANSWERS_SESSION_KEY = "opi_assessment_answers"  # answers on their way to being sent
NOT_ANSWERS = ("step", "checked")  # the buttons and the check's signature


def keep_answers(request, application):
    """The expert's answers, kept in the session between the form, the check and the
    sending (each post is answered with a redirect, so a reload never sends again)."""
    kept = request.session.get(ANSWERS_SESSION_KEY, {})
    kept[str(application.pk)] = posted_values(request, leave_out=NOT_ANSWERS)
    request.session[ANSWERS_SESSION_KEY] = kept


def kept_answers(request, application):
    values = request.session.get(ANSWERS_SESSION_KEY, {}).get(str(application.pk))
    return None if values is None else as_form_data(values)


def forget_answers(request, application):
    kept = request.session.get(ANSWERS_SESSION_KEY, {})
    if kept.pop(str(application.pk), None) is not None:
        request.session[ANSWERS_SESSION_KEY] = kept


def assessment_url(application, *, check=False):
    url = reverse("application_assessment", args=[application.pk])
    return f"{url}?step=check" if check else url


def declaration_url(application):
    return reverse("application_declaration", args=[application.pk])


DECLARED_MESSAGES = {
    Disclosure.NO_CONFLICT: _(
        "Your declaration is recorded; the application is open to you."
    ),
    Disclosure.CONFLICT: _(
        "Your declaration of a conflict of interest is recorded and the reviewers "
        "are told. The application is no longer assigned to you."
    ),
    Disclosure.DECLINED: _(
        "You have declined the assignment; the reviewers are told. The application is "
        "no longer assigned to you."
    ),
}


def declaration(request, pk):
    """An assigned expert's declaration of independence, asked each time they are given
    access and before anything else of the application: only what they need to judge a
    conflict of interest (the reference, the proposal's title and what the assessment
    screen names of the applicant: the organization, or "individual"), and three forms,
    each with the expert's own words: no conflict (the assessment screen opens), a
    conflict, or a decline (the application is taken away from them). A form with
    missing or too short words comes back with the error and what was typed. Once they
    have declared no conflict, and until they assess, a conflict found on reading the
    dossier or a decline is declared here too (those two forms only)."""
    application = assigned_application(request, pk)
    user = request.user
    awaiting = awaits_declaration(application, user)
    if not awaiting and not may_withdraw(application, user):
        return redirect(assessment_url(application))
    blocked = hidden_from(user, application.applicant_id)
    choices = Disclosure.DECLARATIONS if awaiting else Disclosure.WITHDRAWALS
    declaration_forms = {choice: DeclarationForm(choice) for choice in choices}
    chosen = request.POST.get("declaration")
    if request.method == "POST" and not blocked and chosen in declaration_forms:
        form = declaration_forms[chosen] = DeclarationForm(chosen, request.POST)
        if form.is_valid():
            try:
                declare(application, user, chosen, form.cleaned_data["statement"])
            except PermissionDenied:  # declared in another tab meanwhile
                return redirect(declaration_url(application))
            messages.success(request, DECLARED_MESSAGES[chosen])
            if chosen == Disclosure.NO_CONFLICT:
                return redirect(assessment_url(application))
            return redirect("wagtailsnippets_submissions_application:list")
        messages.error(
            request, _("Your declaration is not recorded: correct what is marked.")
        )
    return render(
        request,
        "submissions/admin/application_declaration.html",
        {
            "application": application,
            "title": _("Declaration of independence: %(reference)s")
            % {"reference": application.reference},
            "blocked": blocked,
            "awaiting": awaiting,
            "reason": why_no_assessment_form(application, user) if blocked else "",
            "forms": list(declaration_forms.values()),
        },
    )


def assessment(request, pk):
    """An assigned expert's screen: the application without the applicant's person, and
    beside it the assessment form (or, once assessed or out of the assessment, the
    expert's own assessment read-only and why there is no form).

    The form is sent in two steps that need no JavaScript: "Check and send" shows the
    answers with their average (nothing is submitted), then "Send the assessment"
    submits them, only as they were shown; "Change the assessment" goes back to the
    form. Every post is answered with a redirect: the answers wait in the session until
    they are sent, so a reload shows the same screen and never sends a form again."""
    application = assigned_application(request, pk)
    user = request.user
    if awaits_declaration(application, user):
        return redirect(declaration_url(application))  # nothing before it
    reason = why_no_assessment_form(application, user)
    if request.method == "POST":
        return assessment_post(request, application, reason)
    criteria = rubric()
    form = None
    checking = False
    if reason:
        forget_answers(request, application)  # assessed, or the round is over
    else:
        answers = kept_answers(request, application)
        form = ExpertAssessmentForm(answers, criteria=criteria)
        if answers is not None:
            checking = form.is_valid() and request.GET.get("step") == "check"
    # blocked during a check: nothing of the application is opened, only why
    blocked = hidden_from(user, application.applicant_id)
    if not blocked:
        record_access(request, application, AccessLog.VIEW, str(application))
    context = {
        "application": application,
        "title": _("Assessment of %(reference)s")
        % {"reference": application.reference},
        "form": form,
        "reason": reason,
        "blocked": blocked,
        "checking": checking,
    }
    if checking:
        context.update(
            {
                "summary": form.summary(),
                "average": form.average(),
                "recommendation": dict(ExpertAssessment.RECOMMENDATIONS)[
                    form.cleaned_data["recommendation"]
                ],
                "checked": check_signer(application, user).sign(answers_digest(form)),
            }
        )
    if not blocked:
        context.update(expert_dossier(application, user, criteria))
    return render(request, "submissions/admin/application_assessment.html", context)


def assessment_post(request, application, reason):
    """The form's, the check's and the sending's posts, each answered with a redirect."""
    if reason:
        forget_answers(request, application)
        return redirect(assessment_url(application))
    form = ExpertAssessmentForm(request.POST, criteria=rubric())
    step = request.POST.get("step")
    if not form.is_valid():
        keep_answers(request, application)
        messages.error(
            request, _("The assessment is not submitted: correct what is marked.")
        )
        return redirect(assessment_url(application))
    if step == "send" and was_checked(request, application, form):
        forget_answers(request, application)
        try:
            task = submit_assessment(application, request.user, form.cleaned_data)
        except PermissionDenied:
            pass  # assessed in another tab, or the round closed: the screen says so
        else:
            messages.success(request, task.done_messages["assess"])
        return redirect(assessment_url(application))
    keep_answers(request, application)
    # "send" without the check (or with other answers than it showed) shows the check
    return redirect(assessment_url(application, check=step != "edit"))


def access_report(request, user_id):
    """Who accessed this applicant's data: every view and download of their
    registration and applications, and every expert given access to an application."""

    if not is_application_reviewer(request.user):
        raise PermissionDenied
    applicant = get_object_or_404(get_user_model(), pk=user_id)
    if hidden_from(request.user, applicant.pk):
        messages.error(request, BLOCKED_REFUSAL)
        return redirect("wagtailsnippets_submissions_application:list")
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
