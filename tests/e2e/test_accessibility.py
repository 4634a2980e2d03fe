"""axe-core on every public page: no serious or critical accessibility violations, no CSP
violations, nothing wider than the screen, and screenshots at phone and desktop width when
E2E_SCREENSHOTS=1."""

import pytest

from .conftest import axe_violations, close_context, describe, screenshot

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PUBLIC_PAGES = [
    "/",
    "/en/",
    "/kk/",
    "/about/",
    "/en/about/",
    "/how-to-apply/",
    "/faq/",
    "/news/",
    "/contacts/",
    "/search/?q=%D0%B8%D1%81%D0%BF%D1%8B%D1%82%D0%B0%D0%BD%D0%B8%D1%8F",
    "/en/search/?q=pilot",
    "/requests/",
    "/kk/requests/",
    "/en/requests/",
    "/requests/produced-water-treatment/",
    "/no-such-page/",
    "/policy/",
    "/policy/editions/",
    "/policy/editions/1/",
    "/policy/editions/2/changes/",
    "/en/policy/editions/2/changes/",
    "/kk/policy/",
    "/kk/policy/editions/2/changes/",
    "/kk/register/",
    "/register/",
    "/en/register/",
    "/consent/",
    "/accounts/login/",
]


def test_public_pages_pass_axe(browser, demo_site):
    failures = {}
    for width in (390, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        console = []
        page.on("console", lambda message, log=console: log.append(message.text))
        for path in PUBLIC_PAGES:
            page.goto(demo_site.url + path)
            violations = axe_violations(page)
            if violations:
                failures[f"{path} @ {width}px"] = describe(violations)
            wider = page.evaluate(
                "document.documentElement.scrollWidth - window.innerWidth"
            )
            if wider > 0:
                failures[f"{path} @ {width}px"] = f"{wider}px wider than the screen"
            name = path.strip("/").split("?")[0].replace("/", "_") or "home"
            screenshot(page, f"{name}_{width}")
        csp = [text for text in console if "Content Security Policy" in text]
        if csp:
            failures[f"CSP @ {width}px"] = "\n".join(csp)
        close_context(context)
    assert not failures, "\n\n".join(
        f"{key}\n{value}" for key, value in failures.items()
    )
