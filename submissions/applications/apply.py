"""The application form (/apply/): drafts, the six steps, files, submission.

Every step saves what was typed on "Next", "Back" and "Save draft", even when the step
still has errors, so leaving never loses work; the step reached is kept, and the drafts
list resumes there. Submitting needs a verified registration and a complete application.

Every POST that could be saved answers with a redirect (post / redirect / get), so that
reloading a page never sends a form again: a refused "Next" saves the draft and sends the
applicant back to the step with ``?check=1``, where the step is checked again from what is
saved and its errors are shown. What cannot be saved at all (a draft with an invalid
answer, a file refused without the page's script, a refused submission) waits in the
session for the one page the redirect leads to, which shows it again with its errors
(``keep_refused`` / ``take_refused``); a file itself is never kept.
"""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from core.pages import render_page
from core.posted import as_form_data, posted_values
from submissions.applications.forms import (
    REQUIRED_FIELDS,
    STEP_FIELDS,
    STEPS,
    ApplicationFileForm,
    SubmitApplicationForm,
    step_form_class,
)
from submissions.applications.request_answers import request_context
from submissions.applications.review import submit_application
from submissions.files import (
    delete_application_file,
    delete_draft,
    store_application_file,
)
from submissions.models.applications import Application, ApplicationStatus, FileCategory
from submissions.models.registrations import ApplicantProfile, VerificationStatus
from submissions.technology_requests import questions
from submissions.technology_requests.pages import TechnologyRequestPage
from submissions.technology_requests.questions import (
    closed_problem,
    required_file_categories,
)

LAST_STEP = 6
FILES_STEP = 5


def render(page, request, template, **context):
    """A page of the form; a step's page also gets its title."""
    if "number" in context:
        context["step_title"] = STEPS[context["number"]]
    return render_page(page, request, template, **context)


CHECK = "check"  # the query parameter of a step shown again after a refused "Next"


def step_url(page, application, number, *, check=False):
    url = page.url + page.reverse_subpage("step", args=[application.pk, number])
    return f"{url}?{CHECK}=1" if check else url


def checking(request):
    """Whether the step is shown after a refused "Next": its errors are shown then."""
    return request.method == "GET" and request.GET.get(CHECK) == "1"


REFUSED_SESSION_KEY = "opi_refused_step"  # what a refused post held, for one page


def keep_refused(page, request, application, number, **kept):
    """Answer a post that could not be saved with a redirect too: what it held waits in
    the session for the page the redirect leads to, which takes it (``take_refused``)."""
    request.session[REFUSED_SESSION_KEY] = {
        "application": application.pk,
        "step": number,
        **kept,
    }
    return redirect(step_url(page, application, number, check=True))


def take_refused(request, application, number):
    """What a refused post of this step held, once: the session forgets it as it is
    shown (and a leftover of another step or application is dropped)."""
    if not checking(request):
        return None
    kept = request.session.pop(REFUSED_SESSION_KEY, None)
    if kept and (kept.get("application"), kept.get("step")) == (application.pk, number):
        return kept
    return None


def own_application(request, pk):
    """The requester's own application, or 404 (whoever else's it is)."""
    return get_object_or_404(
        Application.objects.select_related("subsidiary"), pk=pk, applicant=request.user
    )


def is_xhr(request):
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


REQUEST_PARAMETER = "request"  # /apply/?request=<id>: start with a technology request


def chosen_request(request):
    """The technology request named by the GET or POST parameter, in the active
    language, or None (no such live request: the form starts as a free proposal)."""
    value = request.POST.get(REQUEST_PARAMETER) or request.GET.get(REQUEST_PARAMETER)
    if not value or not str(value).isdigit():
        return None
    found = TechnologyRequestPage.objects.live().public().filter(pk=value).first()
    return found.in_language() if found is not None else None


def drafts_page(page, request):
    """/apply/: the applicant's drafts and a button to start a new application, to the
    technology request chosen (``?request=<id>``) or outside any request."""
    profile = ApplicantProfile.objects.filter(user=request.user).first()
    technology_request = chosen_request(request)
    if request.method == "POST" and profile is not None:
        if technology_request is not None and not technology_request.is_open:
            messages.error(request, closed_problem(technology_request))
            return redirect(page.url)
        application = Application(applicant=request.user, live=False)
        if technology_request is not None:
            # the request says where: its subsidiary is the answer to start from
            application.technology_request = technology_request.original
            application.subsidiary = technology_request.subsidiary
        application.save()
        return redirect(step_url(page, application, 1))
    drafts = (
        Application.objects.filter(
            applicant=request.user, status=ApplicationStatus.DRAFT
        )
        .select_related("technology_request")
        .order_by("-updated_at")
    )
    return render(
        page,
        request,
        "submissions/application_form_page.html",
        profile=profile,
        drafts=drafts,
        steps=STEPS,
        technology_request=technology_request,
        closed=closed_problem(technology_request),
    )


def step_page(page, request, pk, number):
    """/apply/<pk>/step/<n>/: one step of an application the applicant may still edit."""
    application = own_application(request, pk)
    if number not in STEPS:
        raise Http404
    if not application.is_editable_by_applicant:
        return redirect("account_application", application.pk)
    if number == FILES_STEP:
        return files_step(page, request, application)
    if number == LAST_STEP:
        return review_step(page, request, application)
    return answers_step(page, request, application, number)


def target_step(request, number):
    """Where the pressed button leads: the next or previous step, the same step for
    "Save draft", or a step chosen in the progress indicator."""
    action = request.POST.get("action", "save")
    if action == "next":
        return min(number + 1, LAST_STEP)
    if action == "back":
        return max(number - 1, 1)
    if action.startswith("goto-") and action[5:].isdigit():
        return min(max(int(action[5:]), 1), LAST_STEP)
    return number


def remember_step(application, number):
    Application.objects.filter(pk=application.pk).update(step=number)


def answers_step(page, request, application, number):
    form_class = step_form_class(number)
    refused = take_refused(request, application, number)
    if refused is not None:
        # Nothing could be saved: the typed answers again, with what stopped them.
        form = form_class(
            data=as_form_data(refused["data"]),
            instance=application,
            step=number,
            draft=True,
        )
        form.is_valid()
    elif checking(request):
        # The draft was saved on the refused "Next": check it again to show the errors.
        form = form_class(
            data=step_data(application, number), instance=application, step=number
        )
        form.is_valid()
    else:
        form = form_class(request.POST or None, instance=application, step=number)
    if request.method == "POST":
        target = target_step(request, number)
        strict = request.POST.get("action") == "next"
        if strict and form.is_valid():
            form.save()
            remember_step(application, target)
            return redirect(step_url(page, application, target))
        # Keep whatever is acceptable as a draft, even when the step is not complete.
        fresh = Application.objects.get(pk=application.pk)
        draft = form_class(request.POST, instance=fresh, step=number, draft=True)
        if draft.is_valid():
            draft.save()
            if not strict:
                remember_step(application, target)
                if target == number:
                    messages.success(request, _("Draft saved."))
                return redirect(step_url(page, application, target))
            messages.info(
                request,
                _("Your answers are saved. Complete what is marked to go on."),
            )
            return redirect(step_url(page, application, number, check=True))
        # Not even a draft can be saved: the answers come back after the redirect.
        return keep_refused(
            page,
            request,
            application,
            number,
            data=posted_values(request, leave_out=["action"]),
        )
    return render(
        page,
        request,
        "submissions/application_step.html",
        application=application,
        form=form,
        number=number,
        steps=STEPS,
        help=page.step_help(number),
    )


def request_in_language(application):
    """The request ``application`` answers, in the active language: looked up once per
    view (the attachments step and the last step ask for it several times)."""
    if "_request_in_language" not in application.__dict__:
        application.__dict__["_request_in_language"] = (
            application.technology_request.in_language()
        )
    return application.__dict__["_request_in_language"]


def required_categories(page, application):
    """(category, label) of every attachment the application needs: the form page's
    required categories, and those the application's technology request asks for
    (labelled with the request's question)."""
    labels = dict(FileCategory.choices)
    required = {
        category: labels[category] for category in page.required_category_values
    }
    if application.technology_request_id:
        for category, question in required_file_categories(
            request_in_language(application)
        ):
            required.setdefault(category, f"{labels[category]}: {question}")
    return list(required.items())


def missing_categories(page, application):
    held = set(application.files.values_list("category", flat=True))
    return [
        (category, label)
        for category, label in required_categories(page, application)
        if category not in held
    ]


def files_context(page, application):
    """What the list of attached files shows: the required categories, what is still
    missing, the files (the page, and the answer to an upload by the page's script)."""
    missing = missing_categories(page, application)
    return {
        "application": application,
        "files": application.files.exclude(category=FileCategory.CONCLUSION),
        "missing": missing,
        "missing_values": [category for category, _label in missing],
        "required": [
            category for category, _label in required_categories(page, application)
        ],
        "category_choices": FileCategory.applicant_choices(),
    }


def uploaded_answer(page, request, application, record):
    """The JSON answer to an upload sent by the page's script: the new list of files,
    for the script to put in place of the old one (the page is never reloaded, so no
    form on it is ever sent again)."""
    context = files_context(page, application)
    return JsonResponse(
        {
            "ok": True,
            "name": record.original_name,
            "message": _("“%(name)s” is attached.") % {"name": record.original_name},
            "missing": [str(label) for _category, label in context["missing"]],
            "html": render_to_string(
                "submissions/includes/application_files.html",
                {"page": page, **context},
                request,
            ),
        }
    )


def files_step(page, request, application):
    form = ApplicationFileForm(application=application)
    missing = missing_categories(page, application)
    refused = take_refused(request, application, FILES_STEP)
    if refused is not None:
        form = ApplicationFileForm(
            application=application, initial={"category": refused["category"]}
        )
        form.report_refusal(refused["errors"])
    elif checking(request) and missing:
        form.report_missing([label for _category, label in missing])
    if request.method == "POST":
        action = request.POST.get("action", "upload")
        if action == "upload":
            form = ApplicationFileForm(
                request.POST, request.FILES, application=application
            )
            if form.is_valid():
                record = store_application_file(
                    application,
                    form.cleaned_data["file"],
                    form.cleaned_data["category"],
                    request.user,
                )
                if is_xhr(request):
                    return uploaded_answer(page, request, application, record)
                messages.success(
                    request,
                    _("“%(name)s” is attached.") % {"name": record.original_name},
                )
                return redirect(step_url(page, application, FILES_STEP))
            if is_xhr(request):
                return JsonResponse(
                    {"ok": False, "errors": form.errors.get_json_data()}, status=400
                )
            return keep_refused(
                page,
                request,
                application,
                FILES_STEP,
                category=request.POST.get("category", ""),
                errors={name: list(errors) for name, errors in form.errors.items()},
            )
        else:
            target = target_step(request, FILES_STEP)
            if action == "next" and missing:
                return redirect(step_url(page, application, FILES_STEP, check=True))
            remember_step(application, target)
            return redirect(step_url(page, application, target))
    return render(
        page,
        request,
        "submissions/application_files_step.html",
        form=form,
        number=FILES_STEP,
        steps=STEPS,
        help=page.step_help(FILES_STEP),
        **files_context(page, application),
    )


def completeness_problems(page, application):
    """What still stops submission: (step, message) for each incomplete step."""
    problems = []
    for number in REQUIRED_FIELDS:
        form = step_form_class(number)(
            data=step_data(application, number), instance=application, step=number
        )
        if not form.is_valid():
            problems.append(
                (
                    number,
                    _("Step %(number)s, “%(title)s”, is not complete.")
                    % {"number": number, "title": STEPS[number]},
                )
            )
    for _category, label in missing_categories(page, application):
        problems.append(
            (FILES_STEP, _("No file in the category “%(label)s”.") % {"label": label})
        )
    if request_closed(application):
        problems.append((1, closed_problem(request_in_language(application))))
    return problems


def request_closed(application):
    """Whether ``application`` is a draft to a request that takes no proposals now."""
    return (
        application.status == ApplicationStatus.DRAFT
        and application.technology_request_id is not None
        and not application.technology_request.is_open
    )


def step_data(application, number):
    """The application's answers of step ``number`` as form data."""

    data = {}
    for name in STEP_FIELDS[number]:
        value = getattr(application, f"{name}_id" if name == "subsidiary" else name)
        data[name] = "" if value is None else value
    if number == 1:
        data.update(questions.initial(application))
    return data


def review_step(page, request, application):
    profile = ApplicantProfile.objects.filter(user=request.user).first()
    verified = profile is not None and profile.status == VerificationStatus.VERIFIED
    problems = completeness_problems(page, application)
    form = SubmitApplicationForm(request.POST or None)
    refused = take_refused(request, application, LAST_STEP)
    if refused is not None:
        form = SubmitApplicationForm(data=as_form_data(refused["data"]))
        form.is_valid()
    if request.method == "POST":
        action = request.POST.get("action", "submit")
        if action != "submit":
            target = target_step(request, LAST_STEP)
            remember_step(application, target)
            return redirect(step_url(page, application, target))
        if form.is_valid() and verified and not problems:
            application.rights_confirmed = True
            submit_application(application, request.user)
            return redirect(
                page.url + page.reverse_subpage("submitted", args=[application.pk])
            )
        return keep_refused(
            page,
            request,
            application,
            LAST_STEP,
            data=posted_values(request, leave_out=["action"]),
        )
    return render(
        page,
        request,
        "submissions/application_review_step.html",
        application=application,
        form=form,
        number=LAST_STEP,
        steps=STEPS,
        help=page.step_help(LAST_STEP),
        answers=answers_by_step(application),
        **request_context(application),
        request_closed=request_closed(application),
        verified=verified,
        problems=problems,
        files=application.files.exclude(category=FileCategory.CONCLUSION),
    )


def delete_file_view(page, request, pk, file_id):
    application = own_application(request, pk)
    if request.method != "POST" or not application.is_editable_by_applicant:
        raise Http404
    record = get_object_or_404(application.files, pk=file_id)
    name = record.original_name
    delete_application_file(record, by=request.user)
    messages.success(request, _("“%(name)s” is removed.") % {"name": name})
    return redirect(step_url(page, application, FILES_STEP))


def delete_draft_view(page, request, pk):
    """Ask, then delete a draft never submitted (with its files)."""
    application = own_application(request, pk)
    if application.status != ApplicationStatus.DRAFT or application.reference:
        raise Http404
    if request.method == "POST":
        delete_draft(application)
        messages.success(request, _("The draft is deleted."))
        return redirect(page.url)
    return render(
        page,
        request,
        "submissions/application_delete_draft.html",
        application=application,
    )


def outside_request_view(page, request, pk):
    """Make a draft to a technology request (one that closed) a proposal outside any
    request: the request's answers go with it; the rest of the draft stays."""
    application = own_application(request, pk)
    if request.method != "POST" or application.status != ApplicationStatus.DRAFT:
        raise Http404
    Application.objects.filter(pk=application.pk).update(
        technology_request=None, request_answers={}
    )
    messages.success(
        request,
        _("The draft is now a proposal outside any request; its answers are kept."),
    )
    return redirect(step_url(page, application, LAST_STEP))


def submitted_page(page, request, pk):
    application = own_application(request, pk)
    return render(
        page,
        request,
        "submissions/application_submitted.html",
        application=application,
        account_url=reverse("account_application", args=[application.pk]),
    )


def answers_by_step(application):
    """The answers of steps 1–4, as (step number, title, [(label, value)]) for display."""

    sections = []
    for number, names in STEP_FIELDS.items():
        items = []
        for name in names:
            field = Application._meta.get_field(name)
            if name == "subsidiary":
                value = application.subsidiary or ""
            elif field.choices:
                value = getattr(application, f"get_{name}_display")()
            else:
                value = getattr(application, name)
            items.append((field.verbose_name, "" if value is None else value))
        sections.append((number, STEPS[number], items))
    return sections
