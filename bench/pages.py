"""Latency, throughput and worker memory of the portal under gunicorn, and each page's SQL.

Run with ``make bench`` (never by the tests). It builds a throwaway copy of the demo site
(SQLite, production settings with the HTTPS redirect and secure cookies switched off by their
variables, DEBUG off, collected and hashed static files), serves it with gunicorn (2 workers)
on a free loopback port and measures, for a hashed static CSS file and each page below:

1. latency: requests one after another, round-robin, ``--requests`` per target after a
   warm-up; median and p90 in milliseconds, and the median as a multiple of the static file's;
2. throughput: ``--clients`` concurrent clients for ``--burst`` seconds per target, in
   requests per second;
3. memory: the resident memory of each worker after the warm-up, then after
   ``--memory-requests`` more requests (default 10,000) spread over every target, its peak
   (VmHWM), and the growth in per cent.

Targets (``TARGETS``, each with the issue's target beside it): public pages from the page
cache and made afresh (a query string the cache does not keep), public pages for a visitor
with a session and for a logged-in applicant, the applicant's dashboard, application and
renewed-consent page, and the reviewers' admin (home, register, dossier; past the second
factor). Each target's SQL queries are counted in-process, with the same session, as a
running worker serves it. Bounded: a ``--seconds`` deadline for the latency part, timeouts
on every request; loopback only; the server it started is always stopped.
"""

import argparse
import concurrent.futures
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# (label, path, who, target): who is None (anonymous, no session), "visitor" (not
# logged in, with a session), "applicant" (the demo applicant, consent renewed),
# "renewing" (an applicant who must accept the edition in force) or "reviewer"; the
# target is the most the median may be, as a multiple of the static file's (issue 18).
# "{application}" stands for the demo applicant's newest application.
TARGETS = [
    ("home page, cached", "/", None, 2),
    ("info page, cached", "/about/", None, 2),
    ("policy page, cached", "/policy/", None, 2),
    ("home page, made afresh", "/?bench=fresh", None, 5),
    ("info page, made afresh", "/about/?bench=fresh", None, 5),
    ("policy page, made afresh", "/policy/?bench=fresh", None, 5),
    ("news index, made afresh", "/news/?bench=fresh", None, 5),
    ("search", "/search/?q=" + urllib.request.quote("испытания"), None, 5),
    ("home page, visitor with a session", "/", "visitor", 8),
    ("home page, logged-in applicant", "/", "applicant", 8),
    ("info page, logged-in applicant", "/about/", "applicant", 8),
    ("applicant's dashboard", "/account/", "applicant", 8),
    ("applicant's application", "/account/applications/{application}/", "applicant", 8),
    ("renewed-consent page", "/account/consent/", "renewing", 8),
    ("admin home (reviewer)", "/admin/", "reviewer", 15),
    ("admin: register", "/admin/snippets/submissions/application/", "reviewer", 15),
    (
        "admin: dossier",
        "/admin/snippets/submissions/application/inspect/{application}/",
        "reviewer",
        15,
    ),
]
LOGINS = {
    "applicant": "applicant@example.kz",
    "renewing": "renewing@bench.invalid",
    "reviewer": "reviewer@example.kz",
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_environment(workdir, port):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "DEBUG": "false",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "SECURE_HSTS_SECONDS": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def manage(env, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def fetch(url, cookie=""):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:  # loopback only
        response.read()
        status = response.status
    return status, (time.perf_counter() - started) * 1000


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


urllib.request.install_opener(urllib.request.build_opener(NoRedirect))


def wait_for_server(base, server, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            if fetch(base + "/health/")[0] == 200:
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    server.terminate()
    _out, err = server.communicate(timeout=10)
    sys.exit(
        f"gunicorn did not answer /health/ within {seconds} s:\n{err.decode()[-2000:]}"
    )


def stylesheet_path(base):
    with urllib.request.urlopen(base + "/", timeout=10) as response:
        html = response.read().decode()
    match = re.search(r'<link rel="stylesheet" href="([^"]+)"', html)
    if not match or not re.search(r"\.[0-9a-f]{12}\.css$", match.group(1)):
        sys.exit(f"no hashed stylesheet on the home page: {match and match.group(1)}")
    return match.group(1)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure(base, targets, requests, seconds):
    for _label, path, cookie, _target in targets:  # warm-up
        for _ in range(20):
            fetch(base + path, cookie)
    timings = {(path, cookie): [] for _label, path, cookie, _target in targets}
    deadline = time.monotonic() + seconds
    stopped_early = False
    for _round in range(requests):
        if time.monotonic() > deadline:
            stopped_early = True
            break
        for _label, path, cookie, _target in targets:
            status, elapsed = fetch(base + path, cookie)
            if status != 200:
                sys.exit(f"{path} answered {status}")
            timings[path, cookie].append(elapsed)
    return timings, stopped_early


def throughput(base, path, cookie, clients, seconds):
    """Requests per second of ``clients`` concurrent clients during ``seconds``."""
    deadline = time.monotonic() + seconds

    def client():
        done = 0
        while time.monotonic() < deadline:
            if fetch(base + path, cookie)[0] != 200:
                raise RuntimeError(f"{path} failed under load")
            done += 1
        return done

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        total = sum(pool.map(lambda _n: client(), range(clients)))
    return total / (time.monotonic() - started)


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text()
    return [int(pid) for pid in children.split()]


def memory_kib(pid):
    """(resident, peak resident) of a process, in KiB."""
    fields = dict(
        line.split(":", 1)
        for line in Path(f"/proc/{pid}/status").read_text().splitlines()
        if ":" in line
    )
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def spread_requests(base, targets, total, clients):
    """``total`` requests over every target, ``clients`` at a time."""
    plan = [targets[n % len(targets)] for n in range(total)]

    def one(target):
        _label, path, cookie, _target = target
        return fetch(base + path, cookie)[0]

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        failures = sum(1 for status in pool.map(one, plan) if status != 200)
    if failures:
        sys.exit(f"{failures} of {total} requests failed")


def print_latency_table(targets, timings, rates, queries):
    static_median = statistics.median(timings[targets[0][1], targets[0][2]])
    print(
        "| target | path | median ms | p90 ms | × static | target | met | SQL queries "
        "| requests/s, 8 clients |"
    )
    print("|---|---|---:|---:|---:|---:|:---:|---:|---:|")
    missed = []
    for label, path, cookie, target in targets:
        values = timings[path, cookie]
        median = statistics.median(values)
        ratio = median / static_median
        met = "—" if target is None else ("yes" if ratio <= target else "no")
        if met == "no":
            missed.append(
                f"{label}: {ratio:.1f}× for {target}× ({ratio / target:.2f} of it)"
            )
        print(
            f"| {label} | `{path}` | {median:.2f} | {percentile(values, 0.9):.2f} | "
            f"{ratio:.2f} | {'' if target is None else f'≤ {target}'} | {met} | "
            f"{queries.get((path, cookie), '')} | {rates[path, cookie]:.0f} |"
        )
    print(
        "\nEvery target met." if not missed else "\nMissed: " + "; ".join(missed) + "."
    )


def print_memory_table(before, after, requests):
    print(
        f"\n| worker | RSS after warm-up, MiB | RSS after {requests:,} more "
        "requests, MiB | peak, MiB | growth |"
    )
    print("|---|---:|---:|---:|---:|")
    for pid in sorted(before):
        rss_before, _peak = before[pid]
        rss_after, peak = after.get(pid, (0, 0))
        growth = (rss_after - rss_before) / rss_before * 100
        print(
            f"| {pid} | {rss_before / 1024:.1f} | {rss_after / 1024:.1f} | "
            f"{peak / 1024:.1f} | {growth:+.1f} % |"
        )


def setup_django(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django  # noqa: PLC0415 (Django is set up at run time, after the environment)

    django.setup()


def sessions():
    """Session cookies, made in this process against the bench database: the demo
    applicant (consent renewed), an applicant of the bench who must accept the edition
    in force (consent to an older one only), the demo reviewer (past the second factor)
    and a visitor who is not logged in."""
    from django.conf import settings  # noqa: PLC0415 (Django is set up at run time, after the environment)
    from django.contrib.sessions.backends.db import SessionStore  # noqa: PLC0415 (Django is set up at run time, after the environment)
    from second_factor import logged_in_client  # noqa: PLC0415 (Django is set up at run time, after the environment)

    from accounts.models import User  # noqa: PLC0415 (Django is set up at run time, after the environment)
    from policy.consent import record_policy_consents, renewed_consent_due  # noqa: PLC0415 (Django is set up at run time, after the environment)
    from policy.models import PolicyEdition  # noqa: PLC0415 (Django is set up at run time, after the environment)

    applicant = User.objects.get(email=LOGINS["applicant"])
    edition = renewed_consent_due(applicant, "ru").awaiting
    if edition is not None:
        record_policy_consents(
            edition=edition,
            email=applicant.email,
            form_name="renewed_consent",
            user=applicant,
        )
    renewing = User.objects.create_user(
        email=LOGINS["renewing"], password=None, full_name="Bench", is_active=True
    )
    first = PolicyEdition.objects.filter(page__locale__language_code="ru").earliest(
        "number"
    )
    record_policy_consents(
        edition=first, email=renewing.email, form_name="registration", user=renewing
    )
    if renewed_consent_due(renewing, "ru").awaiting is None:
        sys.exit("the demo has no edition that asks for renewed consent")
    name = settings.SESSION_COOKIE_NAME
    cookies = {}
    for who, email in LOGINS.items():
        client = logged_in_client(User.objects.get(email=email))
        cookies[who] = f"{name}={client.cookies[name].value}"
    visitor = SessionStore()
    visitor["bench"] = "a visitor who is not logged in"
    visitor.save()
    cookies["visitor"] = f"{name}={visitor.session_key}"
    return cookies


def newest_application():
    from submissions.models.applications import Application  # noqa: PLC0415 (Django is set up at run time, after the environment)

    return Application.objects.filter(applicant__email=LOGINS["applicant"]).latest("pk")


def count_queries(targets, show_sql):
    """Queries of each target as a running worker serves it (the page cache on, the
    visit counter's writes off), counted in this process with the same sessions."""
    from django.db import connection  # noqa: PLC0415 (Django is set up at run time, after the environment)
    from django.test import Client, override_settings  # noqa: PLC0415 (Django is set up at run time, after the environment)
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 (Django is set up at run time, after the environment)

    override_settings(VISIT_STATISTICS=False).enable()
    counts, details = {}, []
    for _label, path, cookie, _target in targets[1:]:
        client = Client(HTTP_HOST="127.0.0.1", HTTP_COOKIE=cookie)
        client.get(path)  # fill what a running worker keeps
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code} in-process")
        counts[path, cookie] = len(queries)
        details.append((path, [query["sql"] for query in queries.captured_queries]))
    if show_sql:
        for path, statements in details:
            print(f"\n{path}")
            for sql in statements:
                print("  " + (sql if len(sql) <= 160 else sql[:157] + "..."))
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per target")
    parser.add_argument(
        "--seconds", type=float, default=180, help="deadline of the latency part"
    )
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument(
        "--burst", type=float, default=3, help="seconds of concurrent load per target"
    )
    parser.add_argument(
        "--memory-requests", type=int, default=10_000, help="requests of the memory run"
    )
    parser.add_argument("--sql", action="store_true", help="print the SQL statements")
    parser.add_argument("--keep", action="store_true", help="keep the temporary site")
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="opi-bench-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = bench_environment(workdir, port)
    server = None
    try:
        print(f"Preparing the demo site in {workdir} ...", file=sys.stderr)
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--noinput")
        setup_django(env)
        cookies = sessions()
        application = newest_application().pk
        targets = [
            (label, path.format(application=application), cookies.get(who, ""), target)
            for label, path, who, target in TARGETS
        ]
        queries = count_queries([("static CSS", "", "", None), *targets], options.sql)
        server = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "config.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        wait_for_server(base, server)
        targets = [("static CSS", stylesheet_path(base), "", None), *targets]
        timings, stopped_early = measure(
            base, targets, options.requests, options.seconds
        )
        rates = {
            (path, cookie): throughput(
                base, path, cookie, options.clients, options.burst
            )
            for _label, path, cookie, _target in targets
        }
        before = {pid: memory_kib(pid) for pid in worker_pids(server.pid)}
        spread_requests(base, targets, options.memory_requests, options.clients)
        after = {pid: memory_kib(pid) for pid in worker_pids(server.pid)}
        print(
            f"gunicorn, 2 workers (1 thread each), SQLite, production settings, "
            f"per-process memory cache, {base}; latency round-robin after 20 warm-up "
            f"requests per target; throughput with {options.clients} concurrent "
            f"clients for {options.burst:g} s per target\n"
        )
        print_latency_table(targets, timings, rates, queries)
        if stopped_early:
            print(f"\n(stopped at the {options.seconds:.0f} s deadline)")
        print_memory_table(before, after, options.memory_requests)
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
    if options.keep:
        print(f"\nKept {workdir}", file=sys.stderr)
    else:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
