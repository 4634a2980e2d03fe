"""PostgreSQL stopped under load: /health/ and every page not cached answer 503 (never 500)
while the database is down, and the portal serves again within 10 s of the
database coming back."""

import threading
import time

import pytest
import requests

from .conftest import WAIT_STEP, wait_until

pytestmark = pytest.mark.load

# Public pages may come from the page cache; the registration form never does, and it
# reads and writes the database (the edition in force, a new captcha).
PATHS = ("/", "/health/", "/about/", "/register/")
BACK_WITHIN = 10  # seconds after PostgreSQL accepts connections again


class Visitors:
    """A few threads requesting PATHS in turn until stopped; each answer is kept as
    (sent at, answered at, path, status or the exception's name)."""

    def __init__(self, portal, threads=6):
        self.portal = portal
        self.answers = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=self.visit, args=(offset,), daemon=True)
            for offset in range(threads)
        ]

    def visit(self, offset):
        http = requests.Session()
        for number in range(offset, 10**9):
            if self.stopping.is_set():
                return
            path = PATHS[number % len(PATHS)]
            sent = time.monotonic()
            try:
                status = http.get(self.portal.base + path, timeout=15).status_code
            except requests.RequestException as error:
                status = type(error).__name__
            with self.lock:
                self.answers.append((sent, time.monotonic(), path, status))

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=20)

    def between(self, start, end):
        """Answers to requests sent at or after ``start`` and answered before ``end``."""
        with self.lock:
            return [a for a in self.answers if a[0] >= start and a[1] <= end]


def test_health_says_503_while_postgresql_is_down_and_the_portal_comes_back(portal):
    visitors = Visitors(portal)
    visitors.start()
    try:
        began = time.monotonic()
        wait_until(
            lambda: len(visitors.between(began, time.monotonic())) >= 40,
            30,
            "the visitors were not served before the database went down",
        )
        portal.cluster.stop("fast")
        down_since = time.monotonic()
        health_while_down = []
        while time.monotonic() < down_since + 3:
            health_while_down.append(portal.answers("/health/"))
            time.sleep(WAIT_STEP)
        restarting_at = time.monotonic()
        portal.cluster.start()  # returns once it accepts connections
        back_at = time.monotonic()
        wait_until(
            lambda: all(portal.answers(path) == 200 for path in PATHS),
            BACK_WITHIN,
            "the portal did not serve again after PostgreSQL came back",
        )
        serving_after = time.monotonic() - back_at
        wait_until(
            lambda: (
                len(visitors.between(back_at + serving_after, time.monotonic())) >= 40
            ),
            30,
            "the visitors were not served after the database came back",
        )
    finally:
        visitors.stop()
        if not portal.cluster.is_running():
            portal.cluster.start()  # for the tests that follow

    while_down = visitors.between(down_since, restarting_at)
    print(
        f"\nserving again {serving_after:.2f} s after PostgreSQL came back; "
        f"{len(visitors.answers)} requests during the test; while it was down: "
        + ", ".join(
            f"{path} {sorted({a[3] for a in while_down if a[2] == path})}"
            for path in PATHS
        )
    )
    everything = visitors.between(0, float("inf"))
    # Never a server error: pages either come from the page cache or say "try again
    # shortly" (503 with Retry-After, home.views.server_error).
    assert {a[3] for a in everything} <= {200, 503}, "a page failed with something else"
    health = {a[3] for a in everything if a[2] == "/health/"}
    assert health <= {200, 503}, "the health check failed with something else"
    assert health_while_down and set(health_while_down) == {503}
    assert {a[3] for a in while_down if a[2] == "/health/"} == {503}
    after = visitors.between(back_at + serving_after, float("inf"))
    assert {a[3] for a in after} == {200}, "some pages still failing after recovery"
