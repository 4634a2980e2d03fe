"""Page latency of the demo site under gunicorn, and the SQL queries of each page.

Run with ``make bench`` (never by the tests). It builds a throwaway copy of the demo site
(SQLite, production settings with the HTTPS redirect switched off by its variable, DEBUG
off, collected and hashed static files), serves it with gunicorn (2 workers) on a free
loopback port, warms up, then requests round-robin a hashed static CSS file, the home page,
an info page, the search page, the policy and its changes page, and prints a Markdown table: median and p90 latency in
milliseconds and each median as a multiple of the static file's (static = 1.00). Then it
counts the SQL queries of each page in-process with Django's test client.

Bounded: ``--requests`` per target (default 300) and a ``--seconds`` deadline (default
120); loopback only; the server it started is always stopped.
"""

import argparse
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
SEARCH_WORD = "испытания"
PAGES = [
    ("home page", "/"),
    ("info page", "/about/"),
    ("search page", "/search/?q=" + urllib.request.quote(SEARCH_WORD)),
    ("policy in force", "/policy/"),
    ("policy changes", "/policy/editions/2/changes/"),
    ("registration form", "/register/"),
]


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


def fetch(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=10) as response:  # loopback only
        response.read()
        status = response.status
    return status, (time.perf_counter() - started) * 1000


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
    for _label, path in targets:  # warm-up
        for _ in range(20):
            fetch(base + path)
    timings = {path: [] for _label, path in targets}
    deadline = time.monotonic() + seconds
    stopped_early = False
    for _round in range(requests):
        if time.monotonic() > deadline:
            stopped_early = True
            break
        for _label, path in targets:
            status, elapsed = fetch(base + path)
            if status != 200:
                sys.exit(f"{path} answered {status}")
            timings[path].append(elapsed)
    return timings, stopped_early


def print_latency_table(targets, timings):
    static_median = statistics.median(timings[targets[0][1]])
    print("| target | path | requests | median ms | p90 ms | × static |")
    print("|---|---|---:|---:|---:|---:|")
    for label, path in targets:
        values = timings[path]
        median = statistics.median(values)
        print(
            f"| {label} | `{path}` | {len(values)} | {median:.2f} | "
            f"{percentile(values, 0.9):.2f} | {median / static_median:.2f} |"
        )


def print_query_counts(env, show_sql):
    """Queries of each page, counted in this process against the bench database."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    print("\n| page | path | SQL queries |")
    print("|---|---|---:|")
    details = []
    for label, path in PAGES:
        client.get(path)  # fill per-process caches first, as a running worker has them
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code} in-process")
        print(f"| {label} | `{path}` | {len(queries)} |")
        details.append((path, [query["sql"] for query in queries.captured_queries]))
    if show_sql:
        for path, statements in details:
            print(f"\n{path}")
            for sql in statements:
                print("  " + (sql if len(sql) <= 160 else sql[:157] + "..."))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per target")
    parser.add_argument(
        "--seconds", type=float, default=120, help="deadline of the run"
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
        targets = [("static CSS", stylesheet_path(base)), *PAGES]
        timings, stopped_early = measure(
            base, targets, options.requests, options.seconds
        )
        print(
            f"gunicorn, 2 workers, SQLite, production settings, {base}; "
            f"round-robin after 20 warm-up requests per target\n"
        )
        print_latency_table(targets, timings)
        if stopped_early:
            print(f"\n(stopped at the {options.seconds:.0f} s deadline)")
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
    print_query_counts(env, options.sql)
    if options.keep:
        print(f"\nKept {workdir}", file=sys.stderr)
    else:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
