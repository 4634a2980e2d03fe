"""What tests do through the portal's pages, as a person would: log in, fill the
application's steps, upload a file, submit, act on a workflow task in the admin, assess on
the expert's screen, read the reviewers' register. The data they post lives in
tests/factories.py."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.models import User
from submissions.models.applications import Application, FileCategory
from submissions.models.registrations import ApplicantProfile
from tests.factories import STEP_ANSWERS, pdf
from tests.two_factor import verified_login

APPLICATION_LIST = reverse("wagtailsnippets_submissions_application:list")
ROOT = Path(__file__).resolve().parents[1]  # the repository
# the most queries a public page may take made afresh (issue 18)
PAGE_QUERY_BUDGET = 8


def run_manage(*args, **env):
    """``manage.py`` run in a process of its own with ``env`` on top of this one's
    environment (without the test run's database and settings)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "DATABASE_URL",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def logged_in(user):
    """A browser of its own, logged in as ``user`` (staff pass the second factor)."""
    client = Client()
    verified_login(client, user)
    return client


def step_url(application, number):
    return f"/apply/{application.pk}/step/{number}/"


def filled_application(client, applicant, *, files=True):
    """A draft with every step answered (and the required files), through the form."""
    client.post("/apply/")
    application = Application.objects.filter(applicant=applicant).latest("pk")
    for number, answers in STEP_ANSWERS.items():
        response = client.post(
            step_url(application, number), {**answers, "action": "next"}
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    if files:
        for category in (FileCategory.TECHNICAL, FileCategory.PRESENTATION):
            client.post(
                step_url(application, 5),
                {
                    "action": "upload",
                    "category": category,
                    "file": pdf(f"{category}.pdf"),
                },
            )
    return Application.objects.get(pk=application.pk)


def submit(client, application, capture):
    """Submit at step 6, running what waits for the commit (the e-mails)."""
    with capture(execute=True):
        return client.post(
            step_url(application, 6), {"action": "submit", "rights_confirmed": "on"}
        )


def upload(client, application, name, content):
    """Attach a file at step 5 as the page's script does (the answer is JSON)."""
    return client.post(
        step_url(application, 5),
        {
            "action": "upload",
            "category": "other",
            "file": SimpleUploadedFile(name, content),
        },
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )


def act(client, obj, action, **data):
    """A reviewer's or expert's workflow action on ``obj`` (an application, a
    registration, a data-subject request), as the admin's modal posts it."""
    obj.refresh_from_db()
    state = obj.current_workflow_task_state
    url = reverse(
        f"wagtailsnippets_{obj._meta.app_label}_{obj._meta.model_name}:workflow_action",
        args=[obj.pk, action, state.pk],
    )
    return client.post(url, data)


def assessment_url(application):
    """The assigned expert's own screen of ``application``."""
    return reverse("application_assessment", args=[application.pk])


def assess(client, application, **answers):
    """An expert's assessment (scores, recommendation, comments), as their screen posts
    it: "Check and send", then "Send the assessment" from the check the redirect shows
    (the form with its errors when the answers are not valid)."""
    url = assessment_url(application)
    posted = client.post(url, {**answers, "step": "check"})
    if posted.status_code != 302:
        return posted
    check = client.get(posted.url)
    if not check.context.get("checking"):
        return check
    return client.post(
        url, {**answers, "step": "send", "checked": check.context["checked"]}
    )


def export(client, query=""):
    """The reviewers' register of applications as CSV, filtered by ``query``."""
    response = client.get(
        APPLICATION_LIST + query + ("&" if query else "?") + "export=csv"
    )
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8-sig")


def inspect_url(application):
    return reverse(
        "wagtailsnippets_submissions_application:inspect", args=[application.pk]
    )


def approve_registration(email):
    """A reviewer approves the registration in the admin (the reviewer's own journey
    does it in the browser)."""
    registration = ApplicantProfile.objects.get(
        user__email=email
    ).registration_requests.get()
    client = Client()
    verified_login(client, User.objects.get(email="reviewer@example.kz"))
    assert act(client, registration, "approve").status_code == 302
