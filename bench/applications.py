"""The reviewers' admin with many applications: list, filtered list, dossier and report.

Run with ``make bench-applications`` (never by the tests). It migrates a throwaway SQLite
database under production settings, fills it with ``--applications`` applications (default
100,000) and two files' metadata each (no files), then requests each page in-process with
Django's test client as a reviewer and prints a Markdown table: the median time of each page
over ``--repeat`` requests (default 15), its SQL queries, and the median as a ratio to the
admin's (empty) list of registrations on the same run.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import ROOT, bench_environment, free_port, manage  # noqa: E402

KINDS = ["technology", "equipment", "material", "software", "service"]
STATUSES = [
    "screening",
    "assessment",
    "decision",
    "changes_requested",
    "approved",
    "rejected",
    "withdrawn",
]


def fill(count):
    from django.contrib.auth.models import Group  # noqa: PLC0415 (Django is set up at run time, after the environment)
    from django.utils import timezone  # noqa: PLC0415 (Django is set up at run time, after the environment)

    from accounts.models import User  # noqa: PLC0415 (Django is set up at run time, after the environment)
    from submissions.models.applications import Application, ApplicationFile, Subsidiary  # noqa: PLC0415 (Django is set up at run time, after the environment)
    from submissions.models.registrations import ApplicantProfile  # noqa: PLC0415 (Django is set up at run time, after the environment)

    reviewer = User.objects.create_user(
        email="bench-reviewer@example.kz", password="bench-password-1"
    )
    reviewer.groups.add(Group.objects.get(name="Reviewers"))
    subsidiaries = [Subsidiary.objects.create(name_ru=f"Актив {n}") for n in range(10)]
    applicants = []
    for n in range(200):
        user = User.objects.create_user(email=f"applicant{n}@example.kz")
        ApplicantProfile.objects.create(
            user=user,
            person_type="legal_entity",
            full_name=f"Заявитель {n}",
            organization=f"ТОО «Компания {n}»",
            bin_iin="940740000911",
            phone="+7 701 000 00 00",
            status="verified",
        )
        applicants.append(user)
    now = timezone.now()
    batch = 5000
    for start in range(0, count, batch):
        applications = Application.objects.bulk_create(
            [
                Application(
                    applicant=applicants[n % len(applicants)],
                    reference=f"OPI-2026-{n + 1:06d}",
                    status=STATUSES[n % len(STATUSES)],
                    kind=KINDS[n % len(KINDS)],
                    subsidiary=subsidiaries[n % len(subsidiaries)],
                    title=f"Предложение {n + 1}",
                    summary="Краткое описание.",
                    live=False,
                    submitted_at=now - timezone.timedelta(days=n % 365),
                )
                for n in range(start, min(start + batch, count))
            ]
        )
        ApplicationFile.objects.bulk_create(
            [
                ApplicationFile(
                    application=application,
                    category=category,
                    file=f"applications/{application.pk}-{category}.pdf",
                    original_name=f"{category}.pdf",
                    size=1000,
                    sha256="0" * 64,
                    content_type="application/pdf",
                )
                for application in applications
                for category in ("technical_documentation", "presentation")
            ]
        )
    return reviewer, Application.objects.order_by("pk").first()


def timed(client, path, repeat, fresh=False):
    from django.core.cache import cache  # noqa: PLC0415 (Django is set up at run time, after the environment)
    from django.db import connection  # noqa: PLC0415 (Django is set up at run time, after the environment)
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 (Django is set up at run time, after the environment)

    client.get(path)  # warm the caches a running worker would have
    timings = []
    for _ in range(repeat):
        if fresh:
            cache.clear()
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return statistics.median(timings), len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="opi-bench-apps-") as tmp:
        env = bench_environment(Path(tmp), free_port())
        print(f"Migrating a throwaway database in {tmp} …", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django  # noqa: PLC0415 (Django is set up at run time, after the environment)

        django.setup()
        from second_factor import logged_in_client  # noqa: PLC0415 (Django is set up at run time, after the environment)

        started = time.perf_counter()
        reviewer, application = fill(args.applications)
        print(
            f"Filled {args.applications:,} applications (2 files' metadata each) "
            f"in {time.perf_counter() - started:.0f} s.",
            flush=True,
        )
        client = logged_in_client(reviewer)
        base = "/admin/snippets/submissions/"
        targets = [
            ("empty list (registrations)", base + "registrationrequest/"),
            ("application list", base + "application/"),
            (
                "filtered list",
                base + "application/?status=screening&kind=software&q=Предложение",
            ),
            ("dossier", base + f"application/inspect/{application.pk}/"),
            ("pipeline report", "/admin/reports/pipeline/"),
            ("pipeline report, counted afresh", "/admin/reports/pipeline/"),
        ]
        results = [
            (label, path, *timed(client, path, args.repeat, fresh="afresh" in label))
            for label, path in targets
        ]
        baseline = results[0][2]
        print(
            f"\n{args.applications:,} applications, SQLite, production settings, "
            f"{args.repeat} requests each, in-process\n"
        )
        print("| page | median ms | SQL queries | × empty list |")
        print("|---|---:|---:|---:|")
        for label, _path, median, queries in results:
            print(f"| {label} | {median:.1f} | {queries} | {median / baseline:.2f} |")


if __name__ == "__main__":
    main()
