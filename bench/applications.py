"""The reviewers' admin with many applications: each page at 100 and at 100,000.

Run with ``make bench-applications`` (never by the tests); ``make bench-applications
DB=postgres`` (``--postgres``) runs it on a throwaway PostgreSQL cluster of its own, started
the way the load tests start theirs (initdb with fsync off on a free loopback port, as user
postgres when run as root) and stopped at the end. It migrates a throwaway database under
production settings and fills it with ``--small`` applications (default 100), each with two
files' metadata, a revision and the review workflow where its status leaves it (tasks
done, in progress or asking for changes), then requests each page in-process with Django's
test client as a reviewer; then fills it up to ``--applications`` (default 100,000) and
requests the same pages again. For each page it prints the median over ``--repeat``
requests (default 15) at both sizes, their ratio (target: at most 2×) and the SQL queries
at both (which must be equal); the report counted afresh on PostgreSQL has its own
target, under 150 ms.
"""

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import ROOT, bench_environment, free_port, manage  # noqa: E402

sys.path.insert(0, str(ROOT))
from tests.load.cluster import DB_USER, Cluster, postgres_bin  # noqa: E402

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


def people():
    """The reviewer, ten subsidiaries and 200 verified applicants."""
    from django.contrib.auth.models import Group  # noqa: PLC0415 (Django is set up at run time, after the environment)

    from accounts.models import User  # noqa: PLC0415 (Django is set up at run time, after the environment)
    from submissions.models.applications import Subsidiary  # noqa: PLC0415 (Django is set up at run time, after the environment)
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
    return reviewer, subsidiaries, applicants


# The review's tasks (screening, assessment, decision) each status has been through:
# (status of each task state in order, the workflow's status).
TASKS_BY_STATUS = {
    "screening": (["in_progress"], "in_progress"),
    "assessment": (["approved", "in_progress"], "in_progress"),
    "decision": (["approved", "approved", "in_progress"], "in_progress"),
    "changes_requested": (["rejected"], "needs_changes"),
    "approved": (["approved", "approved", "approved"], "approved"),
    "rejected": (["approved", "approved", "rejected"], "cancelled"),
    "withdrawn": (["cancelled"], "cancelled"),
}
TASK_DAYS = [3, 10, 5]  # how long each task took


@contextlib.contextmanager
def dates_as_given(*fields):
    """Let bulk_create keep the dates given to ``auto_now_add`` fields."""
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


def fill(start, stop, reviewer, subsidiaries, applicants):
    """Applications ``start`` to ``stop`` - 1, each with two files' metadata, a revision
    and its workflow."""
    from django.contrib.contenttypes.models import ContentType  # noqa: PLC0415 (Django is set up at run time, after the environment)
    from django.db.models import OuterRef, Subquery  # noqa: PLC0415 (Django is set up at run time, after the environment)
    from django.utils import timezone  # noqa: PLC0415 (Django is set up at run time, after the environment)
    from wagtail.models import Revision, TaskState, WorkflowState  # noqa: PLC0415 (Django is set up at run time, after the environment)

    from submissions.models.applications import Application, ApplicationFile  # noqa: PLC0415 (Django is set up at run time, after the environment)

    content_type = ContentType.objects.get_for_model(Application)
    workflow = Application().get_workflow()
    tasks = list(workflow.tasks)
    now = timezone.now()
    day = timezone.timedelta(days=1)
    batch = 5000
    for first in range(start, stop, batch):
        numbers = range(first, min(first + batch, stop))
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
                    submitted_at=now - (n % 365 + sum(TASK_DAYS)) * day,
                )
                for n in numbers
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
        common = {"content_type": content_type, "base_content_type": content_type}
        with dates_as_given(
            Revision._meta.get_field("created_at"),
            WorkflowState._meta.get_field("created_at"),
            TaskState._meta.get_field("started_at"),
        ):
            revisions = Revision.objects.bulk_create(
                [
                    Revision(
                        **common,
                        object_id=str(a.pk),
                        created_at=a.submitted_at,
                        user=a.applicant,
                        object_str=str(a.title),
                        content={"title": a.title},
                    )
                    for a in applications
                ]
            )
            states = WorkflowState.objects.bulk_create(
                [
                    WorkflowState(
                        **common,
                        object_id=str(a.pk),
                        workflow=workflow,
                        status=TASKS_BY_STATUS[a.status][1],
                        requested_by=a.applicant,
                        created_at=a.submitted_at,
                    )
                    for a in applications
                ]
            )
            task_states = []
            for a, revision, state in zip(applications, revisions, states, strict=True):
                began = a.submitted_at
                for task, status, days in zip(
                    tasks, TASKS_BY_STATUS[a.status][0], TASK_DAYS, strict=False
                ):
                    done = status != "in_progress"
                    task_states.append(
                        TaskState(
                            workflow_state=state,
                            revision=revision,
                            task=task,
                            status=status,
                            started_at=began,
                            finished_at=began + days * day if done else None,
                            finished_by=reviewer if done else None,
                        )
                    )
                    began += days * day
            TaskState.objects.bulk_create(task_states)
        WorkflowState.objects.filter(
            pk__in=[s.pk for s in states], status__in=["in_progress", "needs_changes"]
        ).update(
            current_task_state=Subquery(
                TaskState.objects.filter(workflow_state=OuterRef("pk"))
                .order_by("-pk")
                .values("pk")[:1]
            )
        )
    return Application.objects.order_by("pk").first()


def timed(client, path, repeat, fresh=False):
    """(median ms over ``repeat`` requests, SQL queries of one more request) for
    ``path``; ``fresh``: the report's figures are forgotten before each request."""
    from django.core.cache import cache  # noqa: PLC0415 (Django is set up at run time, after the environment)
    from django.db import connection  # noqa: PLC0415 (Django is set up at run time, after the environment)
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 (Django is set up at run time, after the environment)

    cache.clear()
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
    if fresh:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return statistics.median(timings), len(queries)


def start_cluster(directory):
    """The load tests' throwaway cluster (``tests.load.cluster``) with the database
    ``opi`` of the user ``opi``; its URL."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        sys.exit("PostgreSQL's server binaries (initdb, pg_ctl) are not installed")
    cluster = Cluster(bin_dir, directory, free_port())
    cluster.init()
    cluster.execute(f"CREATE DATABASE opi OWNER {DB_USER}")
    return cluster


def settle(cluster):
    """What autovacuum and the checkpointer would have done by the time anyone looks at
    100,000 applications, done now rather than during the timings."""
    from django.db import connection  # noqa: PLC0415 (Django is set up at run time, after the environment)

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    cluster.execute("CHECKPOINT", database="opi")


BASE = "/admin/snippets/submissions/application/"
FILTER = BASE + "?status=screening&kind=software&q="
# (label, path or None for the first application's dossier, counted afresh, target or
# None for at most 2×)
PAGES = [
    ("admin home", "/admin/", False, None),
    ("register", BASE, False, None),
    # the same three rows at both sizes: OPI-2026-000029, -000064 and -000099
    ("filtered register (status, kind, reference)", FILTER + "OPI-2026-0000", False, None),
    # every application matches the search: 3 rows at 100, a page of 50 at 100,000
    ("filtered register, a search matching all", FILTER + "Предложение", False, "none: 3 rows, then 50"),
    ("dossier", None, False, None),
    ("pipeline report (figures reused)", "/admin/reports/pipeline/", False, None),
    ("pipeline report, counted afresh", "/admin/reports/pipeline/", True, None),
]  # fmt: skip
AFRESH_ON_POSTGRES_MS = 150


def measure(client, application, repeat):
    return [
        timed(
            client,
            path or f"{BASE}inspect/{application.pk}/",
            repeat,
            fresh=fresh,
        )
        for _label, path, fresh, _target in PAGES
    ]


def table(small, large, counts, postgres):
    lines = [
        f"| page | ms at {counts[0]:,} | ms at {counts[1]:,} | ratio | "
        f"SQL at {counts[0]:,} | SQL at {counts[1]:,} | target |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    failures = []
    for (label, _path, fresh, target), (ms_small, q_small), (ms_large, q_large) in zip(
        PAGES, small, large, strict=True
    ):
        ratio = ms_large / ms_small
        if target:
            met = True
        elif fresh:
            target = f"< {AFRESH_ON_POSTGRES_MS} ms" if postgres else "none on SQLite"
            met = ms_large < AFRESH_ON_POSTGRES_MS if postgres else True
        else:
            target, met = "≤ 2×", ratio <= 2
        if q_small != q_large:
            met = False
        if not met:
            failures.append(label)
        lines.append(
            f"| {label} | {ms_small:.1f} | {ms_large:.1f} | {ratio:.2f}× | "
            f"{q_small} | {q_large} | {target}{'' if met else ' — missed'} |"
        )
    return "\n".join(lines), failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="on a throwaway PostgreSQL cluster of its own instead of SQLite",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="opi-bench-apps-") as tmp:
        cluster = start_cluster(Path(tmp)) if args.postgres else None
        try:
            env = bench_environment(Path(tmp), free_port())
            if cluster is not None:
                env["DATABASE_URL"] = cluster.url("opi")
            run(args, env, tmp, cluster)
        finally:
            if cluster is not None and cluster.is_running():
                if "django.db" in sys.modules:  # let the server stop without waiting
                    sys.modules["django.db"].connections.close_all()
                cluster.stop()


def run(args, env, tmp, cluster):
    database = "SQLite" if cluster is None else "PostgreSQL"
    print(f"Migrating a throwaway {database} database in {tmp} …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django  # noqa: PLC0415 (Django is set up at run time, after the environment)

    django.setup()
    from second_factor import logged_in_client  # noqa: PLC0415 (Django is set up at run time, after the environment)

    reviewer, subsidiaries, applicants = people()
    client = logged_in_client(reviewer)
    results = []
    start = 0
    for count in (args.small, args.applications):
        started = time.perf_counter()
        application = fill(start, count, reviewer, subsidiaries, applicants)
        start = count
        if cluster is not None:
            settle(cluster)
        print(
            f"Filled up to {count:,} applications (2 files' metadata, a revision and "
            f"a workflow each) in {time.perf_counter() - started:.0f} s.",
            flush=True,
        )
        results.append(measure(client, application, args.repeat))
    text, failures = table(
        *results, (args.small, args.applications), postgres=cluster is not None
    )
    print(
        f"\n{database}, production settings, {args.repeat} requests each, in-process, "
        "each page compared with itself\n"
    )
    print(text)
    if failures:
        print("\nMissed: " + "; ".join(failures))


if __name__ == "__main__":
    main()
