"""One person's way through the portal in a real browser, looked at on the way.

A journey is walked at one width; at each of its key pages ``look`` checks the page at
a phone's and a desktop's width (390 and 1280 px) and fails on what a person would trip
over: a page wider than the screen, an axe-core violation, an error in the console, a
page in another language than the journey's, and a page that answers a form's post
(reloading it would ask to send the form again). With ``E2E_SCREENSHOTS=1`` it saves
each look at each width under ``tests/e2e/artifacts/journeys/``.
"""

import os
import re

from .conftest import ARTIFACTS, axe_violations, close_context, describe

WIDTHS = (390, 1280)
HEIGHT = 900
# The first path segment of each language's public pages.
PREFIXES = {"ru": "", "kk": "/kk", "en": "/en"}

# How far the page reaches past the screen's right edge: the page itself scrolled
# sideways, or something in the main area cut off by it (the admin's main area hides
# what overflows). What a box of its own scrolls or clips inside it is measured by that
# box. Left out by design: the admin's closed side panel and minimap and its bulk actions'
# bar with nothing chosen (off-screen until opened) and its breadcrumbs (they shorten a
# long title with an ellipsis).
OVERFLOW = """() => {
    const width = window.innerWidth;
    let reach = document.documentElement.scrollWidth, widest = 'the page';
    const main = document.querySelector('main');
    const aside = 'aside.form-side:not(.form-side--open), [data-w-breadcrumbs],'
        + ' .w-minimap:not(.w-minimap--expanded), .bulk-actions-choices.hidden';
    for (const element of main ? main.querySelectorAll('*') : []) {
        if (element.closest(aside)) continue;
        let box = element.parentElement, clipped = false;
        for (; box && box !== main; box = box.parentElement) {
            if (getComputedStyle(box).overflowX !== 'visible') { clipped = true; break; }
        }
        if (clipped) continue;
        const rect = element.getBoundingClientRect();
        if (rect.width && rect.height && rect.right + window.scrollX > reach) {
            reach = rect.right + window.scrollX;
            widest = `<${element.tagName.toLowerCase()} class="${element.className}">`
                + ` ${(element.textContent || '').trim().slice(0, 60)}`;
        }
    }
    return [Math.round(reach - width), widest];
}"""
# The short animations and transitions have ended: the admin's messages fade in (mid-way
# their colours are not yet their own), its sidebar and side panel slide when the width
# changes. Longer ones are decoration (the help badge pings for 25 s, a spinner forever).
SETTLED = """() => document.getAnimations().every(a => a.playState !== 'running'
    || a.effect.getComputedTiming().endTime > 2000)"""
# The admin scrolls inside its main area: the window is made as tall as what it holds.
TALLEST = """() => Math.max(document.documentElement.scrollHeight,
    ...[...document.querySelectorAll('main, .content-wrapper')].map(e => e.scrollHeight))"""


class Journey:
    def __init__(self, browser, name, language, width):
        self.name = name
        self.language = language
        self.width = width
        self.context = browser.new_context(
            viewport={"width": width, "height": HEIGHT}, locale=language
        )
        self.page = self.context.new_page()
        self.errors = []
        self.documents = []  # (method, url) of each page the main frame loaded
        self.looked = []
        self.page.on("console", self.note_console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", self.note_document)

    def note_console(self, message):
        if message.type == "error":
            self.errors.append(f"{message.text} ({message.location.get('url')})")

    def note_document(self, request):
        if request.is_navigation_request() and request.frame == self.page.main_frame:
            self.documents.append((request.method, request.url))

    def url(self, base, path):
        """``path`` of the public site in the journey's language."""
        return base + PREFIXES[self.language] + path

    def look(self, label):
        """Check the page on screen at both widths (and save what it looks like)."""
        page = self.page
        page.wait_for_load_state("load")
        number = len(self.looked) + 1
        where = f"{self.name} ({self.language}) {number} {label}: {page.url}"
        method, url = self.documents[-1]
        assert method == "GET", (
            f"{where} answers a {method} to {url}: reloading it would ask to send "
            "the form again"
        )
        assert page.locator("html").get_attribute("lang") == self.language, where
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            page.wait_for_function(SETTLED)
            wider, widest = page.evaluate(OVERFLOW)
            assert wider <= 0, f"{where} is {wider} px wider than {width} px: {widest}"
            violations = axe_violations(page)
            assert not violations, f"{where} at {width} px:\n{describe(violations)}"
            self.save(f"{number:02d}-{label}-{width}")
        page.set_viewport_size({"width": self.width, "height": HEIGHT})
        assert self.errors == [], f"{where}: console errors {self.errors}"
        self.looked.append(label)

    def save(self, name):
        if os.environ.get("E2E_SCREENSHOTS") != "1":
            return
        folder = ARTIFACTS / "journeys" / f"{self.name}-{self.language}"
        folder.mkdir(parents=True, exist_ok=True)
        page = self.page
        size = page.viewport_size
        height = min(page.evaluate(TALLEST), 8000)
        page.set_viewport_size({"width": size["width"], "height": max(height, 400)})
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
        page.set_viewport_size(size)

    def wait_for(self, pattern):
        self.page.wait_for_url(re.compile(pattern))

    def close(self):
        close_context(self.context)
