"""The live server of the tests (``tests/conftest.py`` makes it Django's)."""

import threading
import time

from django.core.servers.basehttp import WSGIServer


class OneRequestAtATime(WSGIServer):
    """Every live server of the tests (the browser tests', the raw-path test's) answers
    one request after another. With SQLite in memory Django gives the server the test's
    own connection, and its threaded server would use that one connection from a thread
    per request at once (a page closing while the next logs in: "cannot commit
    transaction - SQL statements in progress", one request's transaction ended by
    another's). Production has a connection per thread.

    The test itself uses that connection too: ``wait_until_quiet`` lets it wait for the
    last request (a closed admin page's "editing session released" beacon arrives after
    the page is gone) before it empties the database or loads the next test's data."""

    activity = threading.Condition()
    answering = 0
    last_answered = 0.0

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)  # the thread that serves has them already

    def process_request(self, request, client_address):
        server = type(self)
        with server.activity:
            server.answering += 1
        try:
            super().process_request(request, client_address)
        finally:
            with server.activity:
                server.answering -= 1
                server.last_answered = time.monotonic()
                server.activity.notify_all()

    @classmethod
    def wait_until_quiet(cls, quiet=0.5, timeout=15):
        """Wait until no request has been answered for ``quiet`` seconds; False when
        requests still came after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        with cls.activity:
            while True:
                now = time.monotonic()
                if not cls.answering and now - cls.last_answered >= quiet:
                    return True
                if now >= deadline:
                    return False
                cls.activity.wait(min(quiet, deadline - now))
