"""Code the load tests run inside the portal under test (its production settings and its
database), in a subprocess: ``python -m tests.load.portal_scripts <function> '<json>'``
prints the function's result as JSON on its last line."""

import json
import sys


def make_applicants(prefix, count):
    """``count`` applicants ready to apply: e-mail confirmed, registration verified,
    consent given to the policy edition in force, and each logged in (a session made
    directly, so that the test does not spend its time on password hashing). Returns
    their e-mail addresses and session keys."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: PLC0415 (Django is set up in main(), in the subprocess)
    from django.contrib.sessions.backends.db import SessionStore  # noqa: PLC0415 (Django is set up in main(), in the subprocess)
    from django.db import transaction  # noqa: PLC0415 (Django is set up in main(), in the subprocess)
    from django.utils import timezone  # noqa: PLC0415 (Django is set up in main(), in the subprocess)

    from accounts.models import User  # noqa: PLC0415 (Django is set up in main(), in the subprocess)
    from policy.consent import edition_in_force, record_policy_consents  # noqa: PLC0415 (Django is set up in main(), in the subprocess)
    from submissions.models.registrations import ApplicantProfile, VerificationStatus  # noqa: PLC0415 (Django is set up in main(), in the subprocess)

    now = timezone.now()
    edition = edition_in_force("ru")
    hashed = User(email="x@example.kz")
    hashed.set_password("load-test-password")
    applicants = []
    with transaction.atomic():
        users = User.objects.bulk_create(
            User(
                email=f"{prefix}-{number}@example.kz",
                full_name=f"Заявитель {number}",
                password=hashed.password,
                is_active=True,
                email_verified_at=now,
            )
            for number in range(count)
        )
        ApplicantProfile.objects.bulk_create(
            ApplicantProfile(
                user=user,
                person_type="legal_entity",
                full_name=user.full_name,
                organization=f"ТОО «Нагрузка {number}»",
                bin_iin="940740000911",
                phone="+7 701 000 00 00",
                status=VerificationStatus.VERIFIED,
                verified_at=now,
            )
            for number, user in enumerate(users)
        )
        for user in users:
            record_policy_consents(
                edition=edition, email=user.email, form_name="registration", user=user
            )
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = (
                "django.contrib.auth.backends.AllowAllUsersModelBackend"
            )
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            applicants.append({"email": user.email, "session": session.session_key})
    return applicants


def registrations(emails):
    """What the database holds for each address: the account, profile, registration
    request and its workflow, consents, and the confirmation e-mail queued."""
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415 (Django is set up in main(), in the subprocess)

    from accounts.models import User  # noqa: PLC0415 (Django is set up in main(), in the subprocess)
    from policy.models import ConsentRecord  # noqa: PLC0415 (Django is set up in main(), in the subprocess)
    from submissions.models.registrations import ApplicantProfile, RegistrationRequest  # noqa: PLC0415 (Django is set up in main(), in the subprocess)

    queued = {
        result.args_kwargs["args"][0]
        for result in DBTaskResult.objects.filter(
            task_path="accounts.verification.send_verification_email"
        )
    }
    found = {}
    for email in emails:
        users = list(User.objects.filter(email__iexact=email))
        if not users:
            continue
        user = users[0]
        profile = ApplicantProfile.objects.filter(user=user).first()
        requests = list(
            RegistrationRequest.objects.filter(profile__user=user).select_related(
                "profile"
            )
        )
        files = {}
        if profile is not None:
            for field in ("registration_certificate", "power_of_attorney"):
                if getattr(profile, field):
                    files[field] = {
                        "name": getattr(profile, field).name,
                        "original": getattr(profile, f"{field}_name"),
                    }
        found[email] = {
            "accounts": len(users),
            "active": user.is_active,
            "profile": profile is not None,
            "files": files,
            "registrations": len(requests),
            "in_workflow": [
                (request.current_workflow_state is not None)
                and request.current_workflow_state.status == "in_progress"
                for request in requests
            ],
            "consents": sorted(
                ConsentRecord.objects.filter(user=user).values_list(
                    "purpose", flat=True
                )
            ),
            "confirmation_queued": user.pk in queued,
        }
    return found


def applications():
    """Every application: reference, status, revision, workflow and files."""
    from wagtail.models import WorkflowState  # noqa: PLC0415 (Django is set up in main(), in the subprocess)

    from submissions.models.applications import Application, ReferenceCounter  # noqa: PLC0415 (Django is set up in main(), in the subprocess)

    described = []
    for application in Application.objects.select_related("applicant").order_by("pk"):
        state = application.current_workflow_state
        described.append(
            {
                "pk": application.pk,
                "applicant": application.applicant.email,
                "title": application.title,
                "reference": application.reference,
                "status": application.status,
                "submitted": application.submitted_at is not None,
                "revision": application.latest_revision_id is not None,
                "workflow": state.status if state is not None else None,
                "files": [
                    {
                        "name": record.file.name,
                        "category": record.category,
                        "original": record.original_name,
                        "size": record.size,
                        "sha256": record.sha256,
                    }
                    for record in application.files.all()
                ],
            }
        )
    counters = dict(ReferenceCounter.objects.values_list("year", "last"))
    return {
        "applications": described,
        "counters": counters,
        "in_progress": WorkflowState.STATUS_IN_PROGRESS,
    }


if __name__ == "__main__":
    import django

    django.setup()
    function, arguments = sys.argv[1], json.loads(sys.argv[2])
    result = globals()[function](**arguments)
    print(json.dumps(result, default=str))
