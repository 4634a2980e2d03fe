"""Load and fault tests: the portal in its production shape, on loopback only.

The tests start their own PostgreSQL cluster (so they may stop and restart it), build the
demo site once in a template database, and give each test module a copy of it, served by
its own gunicorn (production settings, 2 workers with 4 threads) and, where a test needs
it, its own task worker (``manage.py db_worker``), with e-mail going to an SMTP sink in
this process. Everything they start is stopped and every temporary directory removed,
whatever happens.

They run only when the suite runs on PostgreSQL (``DATABASE_URL=postgres://…``, as the
second pass of ``.ci/run``) and PostgreSQL's server binaries are installed; otherwise they
are skipped with the reason (under ``CI=true`` missing binaries are a failure instead).
The pytest-django test database is never used.
"""

import contextlib
import itertools
import json
import os
import pwd
import re
import secrets
import select
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg
import pytest
import requests

from tests.conftest import free_port
from tests.load.cluster import DB_USER, Cluster, log_tail, postgres_bin

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
TEMPLATE_DATABASE = "opi_load_template"
WAIT_STEP = 0.2  # seconds between two looks at a condition being waited for
_database_numbers = itertools.count(1)


# --- waiting and concurrency ----------------------------------------------------------------


def wait_until(condition, timeout, message, step=WAIT_STEP):
    """Poll ``condition()`` every ``step`` seconds until it returns something true, which
    is returned; fail the test with ``message`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"{message} (waited {timeout} s)")
        time.sleep(step)


def run_concurrently(work, items, timeout):
    """``work(item)`` for every item, each in its own thread, all released at once.
    Returns (results, seconds) in the order of ``items``; an exception raised by one
    item's work is its result."""
    items = list(items)
    results = [None] * len(items)
    start = threading.Barrier(len(items) + 1)

    def run(index, item):
        start.wait(timeout=60)
        try:
            results[index] = work(item)
        except Exception as error:  # the caller decides what it means
            results[index] = error

    threads = [
        threading.Thread(target=run, args=(index, item), daemon=True)
        for index, item in enumerate(items)
    ]
    for thread in threads:
        thread.start()
    start.wait(timeout=60)
    started = time.perf_counter()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    if any(thread.is_alive() for thread in threads):
        pytest.fail(f"concurrent work still running after {timeout} s")
    return results, time.perf_counter() - started


def stop_process(process, sig=signal.SIGTERM, timeout=10):
    """Send ``sig``, then SIGKILL if it has not ended within ``timeout`` seconds."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


# --- PostgreSQL -----------------------------------------------------------------------------


def missing_requirement():
    """(action, reason): why the load tests cannot run here, and whether that is a
    failure under CI ("fail") or simply not their pass (None); (None, None) if they can."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return None, (
            "load tests run only when the suite runs on PostgreSQL "
            "(DATABASE_URL=postgres://…, the second pass of .ci/run)"
        )
    if postgres_bin() is None:
        return "fail", "PostgreSQL server binaries (initdb, pg_ctl) are not installed"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "fail", "running as root, but there is no user postgres for initdb"
    return None, None


# --- the SMTP sink ----------------------------------------------------------------------


class SmtpSink:
    """A minimal SMTP server on a loopback port that keeps the messages it accepts.

    A message is kept only once the sink has answered 250 to the end of its DATA.
    ``hold_next(address, seconds)`` makes it wait that long before answering the next
    message to ``address``; ``holding`` is set while it waits, and if the sender goes
    away meanwhile (its process killed) the message is dropped, as a real server drops
    an unfinished transaction."""

    def __init__(self):
        self.messages = []  # (sender, [recipients], data)
        self.holding = threading.Event()
        self.lock = threading.Lock()
        self._hold = None  # (address, seconds)
        self.server = socketserver.ThreadingTCPServer(
            ("127.0.0.1", 0), SmtpSession, bind_and_activate=True
        )
        self.server.daemon_threads = True
        self.server.sink = self
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def hold_next(self, address, seconds):
        with self.lock:
            self._hold = (address, seconds)
        self.holding.clear()

    def sent_to(self, address):
        with self.lock:
            return [m for m in self.messages if address in m[1]]

    def end_of_data(self, sock, recipients):
        """Called before answering a message's DATA; False when the sender went away
        while the answer was held."""
        with self.lock:
            if self._hold is None or self._hold[0] not in recipients:
                return True
            (_address, seconds), self._hold = self._hold, None
        self.holding.set()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            readable, _w, _x = select.select([sock], [], [], WAIT_STEP)
            if readable and not sock.recv(1, socket.MSG_PEEK):
                return False  # end of file: the sender is gone
        return True

    def keep(self, sender, recipients, data):
        with self.lock:
            self.messages.append((sender, recipients, data))

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class SmtpSession(socketserver.StreamRequestHandler):
    """One SMTP conversation: the few commands Django's SMTP backend sends."""

    timeout = 60
    ADDRESS = re.compile(r"<([^>]*)>")

    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self):
        sink = self.server.sink
        sender, recipients = "", []
        self.reply("220 opi-load-sink ESMTP")
        while True:
            line = self.rfile.readline(4096)
            if not line:
                return
            command = line.decode("ascii", "replace").strip()
            verb = command[:4].upper()
            address = self.ADDRESS.search(command)
            if verb in ("EHLO", "HELO"):
                self.reply("250 opi-load-sink")
            elif verb == "MAIL":
                sender, recipients = address.group(1) if address else "", []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(address.group(1) if address else "")
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = self.read_data()
                if data is None or not sink.end_of_data(self.request, recipients):
                    return
                self.reply("250 OK: queued")
                sink.keep(sender, recipients, data)
            elif verb in ("RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def read_data(self):
        lines = []
        while True:
            line = self.rfile.readline(65536)
            if not line:
                return None
            if line in (b".\r\n", b".\n"):
                return b"".join(lines)
            lines.append(line[1:] if line.startswith(b"..") else line)


# --- the portal's processes -----------------------------------------------------------------


class Site:
    """The demo site built once: a template database, static and media files, and the
    applicants' private files the demo content holds."""

    def __init__(self, cluster, directory):
        self.cluster = cluster
        self.directory = directory
        self.secret_key = secrets.token_urlsafe(64)
        self.static_root = directory / "static"
        self.media_root = directory / "media"
        self.private_root = directory / "private"

    def environment(self, database, private_root, port, smtp_port):
        env = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("DJANGO_", "PYTEST_"))
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "config.settings.production",
                "SECRET_KEY": self.secret_key,
                "DEBUG": "false",
                "SECURE_SSL_REDIRECT": "false",
                "SECURE_HSTS_SECONDS": "0",
                "SECURE_COOKIES": "false",  # plain HTTP on loopback
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
                "DATABASE_URL": self.cluster.url(database),
                "TASKS_BACKEND": "database",
                "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
                "VAR_DIR": str(self.directory / "var"),
                "STATIC_ROOT": str(self.static_root),
                "MEDIA_ROOT": str(self.media_root),
                "PRIVATE_MEDIA_ROOT": str(private_root),
                "REDIS_URL": "",
                "S3_BUCKET": "",
                "CLAMD_SOCKET": "",
                # hundreds of registrations from loopback, one network (core.rate_limits)
                "RATE_LIMIT_PER_NETWORK": "0",
                "LOG_LEVEL": "WARNING",
            }
        )
        return env

    def build(self):
        self.cluster.execute(f"CREATE DATABASE {TEMPLATE_DATABASE} OWNER {DB_USER}")
        # never served: its port and mail server do not matter
        env = self.environment(TEMPLATE_DATABASE, self.private_root, 8000, 25)
        for command in (
            ["migrate", "--noinput"],
            ["load_demo"],
            ["collectstatic", "--noinput"],
        ):
            manage(env, *command, timeout=300)


def run_python(env, arguments, what, timeout):
    """Python in the project with ``env``; returns its standard output."""
    finished = subprocess.run(
        [PYTHON, *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if finished.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{finished.stderr[-4000:]}")
    return finished.stdout


def manage(env, *args, timeout=120):
    """``manage.py`` with ``env``; returns its standard output."""
    return run_python(env, ["manage.py", *args], f"manage.py {' '.join(args)}", timeout)


class Portal:
    """One copy of the demo site (its own database and private files), with gunicorn and
    the task worker as subprocesses. Stopped and removed by ``close()``."""

    def __init__(self, site, sink):
        self.site = site
        self.cluster = site.cluster
        self.sink = sink
        self.database = f"opi_load_{next(_database_numbers)}"
        self.directory = Path(tempfile.mkdtemp(prefix="opi-load-portal-"))
        self.private_root = self.directory / "private"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.cluster.copy_database(TEMPLATE_DATABASE, self.database)
        shutil.copytree(site.private_root, self.private_root)
        self.env = site.environment(
            self.database, self.private_root, self.port, sink.port
        )
        self.server = None
        self.worker = None
        self.logs = []
        # the test's own connections stay few, whatever the number of its threads
        self.connections = threading.BoundedSemaphore(10)

    # processes

    def start_server(self, workers=2, threads=4):
        log = self.directory / f"gunicorn-{len(self.logs)}.log"
        self.logs.append(log)
        self.server = subprocess.Popen(
            [
                GUNICORN,
                "config.wsgi:application",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={workers}",
                f"--threads={threads}",
                "--timeout=30",
                "--graceful-timeout=5",
                "--error-logfile=-",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=log.open("w"),
        )
        wait_until(
            lambda: self.answers("/health/") == 200 or self.server.poll() is not None,
            60,
            "gunicorn did not answer /health/",
        )
        if self.server.poll() is not None:
            pytest.fail(f"gunicorn exited:\n{log_tail(log)}")
        wait_until(
            lambda: len(self.worker_pids()) == workers, 30, "gunicorn workers missing"
        )

    def worker_pids(self):
        """The gunicorn workers: the master's child processes."""
        if self.server is None:
            return []
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == self.server.pid:  # field 4 of stat: the parent
                children.append(int(stat.parent.name))
        return sorted(children)

    def worker_writing_private_file(self, timeout):
        """(pid, file name) of the first gunicorn worker seen with a file of private
        storage open (writing an applicant's upload), watched closely for up to
        ``timeout`` seconds; or None."""
        prefix = os.path.realpath(self.private_root) + "/"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pids = self.worker_pids()  # looked up again now and then: workers change
            look_again = min(deadline, time.monotonic() + 0.5)
            while time.monotonic() < look_again:
                for pid in pids:
                    for path in open_files(pid):
                        if path.startswith(prefix):
                            return pid, path.removeprefix(prefix)
                time.sleep(0.0005)
        return None

    def kill_gunicorn_worker(self, pid):
        """SIGKILL one gunicorn worker and wait until the master has started another."""
        os.kill(pid, signal.SIGKILL)
        wait_until(
            lambda: pid not in (pids := self.worker_pids()) and len(pids) >= 2,
            30,
            "gunicorn did not replace the killed worker",
        )

    def start_worker(self, worker_id):
        log = self.directory / f"db_worker-{len(self.logs)}.log"
        self.logs.append(log)
        self.worker = subprocess.Popen(
            [
                PYTHON,
                "manage.py",
                "db_worker",
                f"--worker-id={worker_id}",
                "--interval=0.2",
                "--no-startup-delay",
                "--no-reload",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        return self.worker

    def kill_worker(self):
        """SIGKILL the task worker, as the out-of-memory killer would."""
        os.kill(self.worker.pid, signal.SIGKILL)
        self.worker.wait(timeout=10)

    def close(self):
        stop_process(self.worker, timeout=5)
        stop_process(self.server, signal.SIGINT)  # gunicorn's quick shutdown
        with contextlib.suppress(psycopg.Error):  # the cluster may be down already
            self.cluster.execute(
                f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)"
            )
        shutil.rmtree(self.directory, ignore_errors=True)

    # talking to it

    def answers(self, path, timeout=5):
        """The status of GET ``path``, or None when nothing answered."""
        try:
            return requests.get(self.base + path, timeout=timeout).status_code
        except requests.RequestException:
            return None

    def manage(self, *args, timeout=120):
        return manage(self.env, *args, timeout=timeout)

    def script(self, function, **arguments):
        """Run ``tests.load.portal_scripts.<function>(**arguments)`` inside the portal
        (its settings, its database) and return what it returns."""
        output = manage_python(self.env, function, arguments)
        return json.loads(output.strip().splitlines()[-1])

    def sql(self, query, params=()):
        """Rows of ``query`` run on the portal's database (a connection of its own)."""
        with (
            self.connections,
            self.cluster.connect(self.database, user=DB_USER) as connection,
        ):
            return connection.execute(query, params).fetchall()

    def private_files(self, directory):
        """Names (relative to private storage) of the files under ``directory``."""
        base = self.private_root / directory
        if not base.exists():
            return set()
        return {
            str(path.relative_to(self.private_root))
            for path in base.rglob("*")
            if path.is_file()
        }


def open_files(pid):
    """The paths of the files process ``pid`` has open (none if it is gone)."""
    try:
        with os.scandir(f"/proc/{pid}/fd") as entries:
            links = [entry.path for entry in entries]
    except OSError:
        return []
    paths = []
    for link in links:
        try:
            paths.append(os.readlink(link))
        except OSError:
            continue  # closed meanwhile
    return paths


def manage_python(env, function, arguments, timeout=300):
    """``function`` of ``tests/load/portal_scripts.py``, run inside the portal."""
    return run_python(
        env,
        ["-m", "tests.load.portal_scripts", function, json.dumps(arguments)],
        function,
        timeout,
    )


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def cluster():
    action, reason = missing_requirement()
    if reason is not None:
        if action == "fail" and os.environ.get("CI") == "true":
            pytest.fail(f"load tests cannot run under CI: {reason}")
        pytest.skip(reason)
    directory = Path(tempfile.mkdtemp(prefix="opi-load-pg-"))
    server = Cluster(postgres_bin(), directory, free_port())
    try:
        server.init()
        yield server
    finally:
        if server.is_running():
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                server.stop("immediate")
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def site(cluster):
    directory = Path(tempfile.mkdtemp(prefix="opi-load-site-"))
    built = Site(cluster, directory)
    try:
        built.build()
        yield built
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def sink():
    server = SmtpSink()
    yield server
    server.close()


@pytest.fixture(scope="module")
def portal(site, sink):
    """A copy of the demo site for the test module, served by gunicorn."""
    copy = Portal(site, sink)
    try:
        copy.start_server()
        yield copy
    finally:
        copy.close()
