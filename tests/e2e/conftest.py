"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

No browser is ever downloaded. Without Chromium (or Playwright, or axe-core) the tests are
skipped with the reason; under ``CI=true`` that absence is a failure instead.
"""

import contextlib
import io
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished

from accounts.models import User
from tests.live_server import OneRequestAtATime
from tests.two_factor import authenticator, code_for

try:
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # the browser tests skip without Playwright (missing_requirement)
    PlaywrightError = Exception

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
DEMO_PASSWORD = "e2e-demo-password"
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def missing_requirement():
    try:
        import playwright.sync_api  # noqa: PLC0415, F401 (optional: the browser tests skip without it)
    except ImportError:
        return "the playwright package is not installed"
    if not CHROMIUM.exists():
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    if not AXE.exists():
        return f"axe-core is not installed at {AXE} (npm ci)"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = missing_requirement()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run under CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (optional: the browser tests skip without it)

    # Playwright's sync API runs an event loop in this thread; Django refuses database
    # access from a thread with a running loop unless told that this is deliberate.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    args = list(CHROMIUM_ARGS)
    if os.geteuid() == 0:
        args.append("--no-sandbox")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=args
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(scope="session", autouse=True)
def migrated_data(browser, django_db_setup, django_db_blocker):
    """Lets Django's serialized rollback put back what the migrations created (root and
    home page, site, locales, staff groups) after each browser test's flush.

    Playwright's sync API runs the tests in a greenlet of its own, where Django hands out
    a fresh connection object that lacks the snapshot taken at database set-up; this takes
    the snapshot again on that connection (the data is the same database's)."""
    with django_db_blocker.unblock():
        if not hasattr(connection, "_test_serialized_contents"):
            connection._test_serialized_contents = (
                connection.creation.serialize_db_to_string()
            )


@pytest.fixture
def demo_site(live_server):
    """The demo content, served by the live server."""
    with override_settings(WAGTAILADMIN_BASE_URL=live_server.url):
        call_command("load_demo", password=DEMO_PASSWORD, stdout=io.StringIO())
    return live_server


class ConsoleWatch:
    """Console messages and page errors of one browser page, to catch CSP violations."""

    def __init__(self, page):
        self.messages = []
        page.on("console", lambda message: self.messages.append(message.text))
        page.on("pageerror", lambda error: self.messages.append(str(error)))

    def csp_violations(self):
        return [
            text
            for text in self.messages
            if "Content Security Policy" in text or "Refused to" in text
        ]


def open_page(browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    browser_page = context.new_page()
    browser_page.console_watch = ConsoleWatch(browser_page)
    return context, browser_page


def close_context(context):
    """Close a browser context and wait for the live server to answer its last requests:
    the test shares the server's database connection (``OneRequestAtATime``), and an
    admin page sends "editing session released" as it goes. Each page leaves for a blank
    one first, so that this goes out while the context is still open."""
    for open_page in context.pages:
        with contextlib.suppress(
            PlaywrightError
        ):  # a page that stays (it asks before leaving)
            open_page.goto("about:blank", timeout=5000)
    context.close()
    assert OneRequestAtATime.wait_until_quiet(), "the browser kept sending requests"


@pytest.fixture(autouse=True)
def every_context_closed(browser, transactional_db):
    """After each browser test, every context it opened is closed and the server is
    quiet before the database is emptied (this fixture depends on transactional_db, so
    it ends first): no page of one test still talks to the server in the next."""
    # the connection the server shares starts clean: no transaction left open by a request
    # of an earlier test (its on-commit e-mails would never be sent)
    assert not connection.in_atomic_block and not connection.run_on_commit, (
        "the live server's connection is inside a transaction an earlier request left"
    )
    yield
    for context in list(browser.contexts):
        close_context(context)
    assert OneRequestAtATime.wait_until_quiet(), "the browser kept sending requests"


# Both tabs depend on transactional_db so that they close before the test's database is
# flushed (fixtures are torn down in the reverse order of their setup).
@pytest.fixture
def page(browser, transactional_db):
    """A desktop-width browser tab."""
    context, browser_page = open_page(browser, 1280, 900)
    yield browser_page
    close_context(context)


@pytest.fixture
def phone_page(browser, transactional_db):
    """A phone-width browser tab (390 px)."""
    context, browser_page = open_page(browser, 390, 844)
    yield browser_page
    close_context(context)


def sign_in_to_admin(page, base_url, email, password=DEMO_PASSWORD):
    """Log in to the admin as staff do: the password, then a code from their
    authenticator app (one is made for them first, as if they had enrolled)."""

    device = authenticator(User.objects.get(email=email))
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/two-factor/verify/"))
    page.fill("input[name=code]", code_for(device))
    page.click("form.two-factor__form button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))


def screenshot(page, name):
    """Saved only with E2E_SCREENSHOTS=1, for a person to look at."""
    if os.environ.get("E2E_SCREENSHOTS") == "1":
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


BLOCKING_IMPACTS = {"serious", "critical"}


def axe_violations(page):
    # evaluate() goes through the DevTools protocol, which the page's CSP does not govern;
    # a <script> tag with the same source would be (rightly) refused.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    assert result["testEngine"]["name"] == "axe-core"  # the audit really ran
    return [
        violation
        for violation in result["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary']}")
    return "\n".join(lines)


def log_in(page, live_server, email):
    """Log ``email`` in by giving the browser a session made on the server."""
    client = Client()
    client.force_login(User.objects.get(email=email))
    cookie = client.cookies["sessionid"]
    page.context.add_cookies(
        [{"name": "sessionid", "value": cookie.value, "url": live_server.url}]
    )


def admin_login(browser, live_server, email):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in_to_admin(page, live_server.url, email)
    return context, page


@pytest.fixture(autouse=True)
def background_tasks_that_failed():
    """Fails a browser test in which a background task failed. The tests run tasks at
    once (the "immediate" backend), which keeps a task's exception in its result and
    only logs it: an e-mail that never came would otherwise fail the test later and
    without its cause."""
    failed = []

    def remember(sender, task_result, **kwargs):
        if task_result.status == TaskResultStatus.FAILED:
            failed.append(
                f"{task_result.task.module_path}: "
                + "\n".join(error.traceback for error in task_result.errors)
            )

    task_finished.connect(remember, weak=False, dispatch_uid="e2e-failed-tasks")
    yield failed
    task_finished.disconnect(dispatch_uid="e2e-failed-tasks")
    assert not failed, "background tasks failed:\n" + "\n\n".join(failed)
