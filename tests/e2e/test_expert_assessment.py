"""The expert's assessment screen in a real browser: the demo expert follows the link on
the admin's home, reads the application beside the form (at desktop and phone widths, no
axe violation), sends half a form and is told what is missing, then gives the assessment
with the keyboard only and is told it is submitted; the application moves on to the
decision."""

import os
import re
from pathlib import Path

import pytest

from submissions.models.applications import Application, ExpertAssessment

from .conftest import admin_login, axe_violations, close_page, describe

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The screenshots a person looks at (the brief of the screen asked for these two).
SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOT_DIR", "/tmp"))
# What the keyboard gives each group: (name, score or choice index, from 1)
KEYED = [
    ("novelty", 4),
    ("group_fit", 5),
    ("economic_effect", 3),
    ("safety", 5),
    ("readiness", 2),
    ("recommendation", 2),  # with conditions
]


def save_whole(page, name):
    """A screenshot of the whole screen: the admin scrolls inside its main area, so the
    window is made as tall as what it holds, then put back."""
    size = page.viewport_size
    height = page.evaluate(
        "() => Math.max(document.documentElement.scrollHeight,"
        " document.querySelector('main').scrollHeight)"
    )
    page.set_viewport_size({"width": size["width"], "height": max(height, 400)})
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)
    page.set_viewport_size(size)


def audited(page):
    """axe's blocking violations once the admin's messages have faded in (mid-way, their
    colours are not yet their own)."""
    page.wait_for_function(
        "() => document.getAnimations().every(a => a.playState !== 'running'"
        " || !a.effect.target.closest('.messages'))"
    )
    return axe_violations(page)


def fits_the_width(page):
    return page.evaluate(
        "() => document.querySelector('.assessment').scrollWidth"
        " <= document.querySelector('.assessment').clientWidth"
    )


def test_the_expert_assesses_on_their_screen_with_the_keyboard(browser, demo_site):
    application = Application.objects.get(status="assessment")
    context, page = admin_login(browser, demo_site, "expert@example.kz")
    try:
        page.goto(demo_site.url + "/admin/")
        page.locator(
            "#opi-assessments-content a", has_text=application.reference
        ).click()
        page.wait_for_url(
            re.compile(rf".*/admin/applications/{application.pk}/assessment/$")
        )

        main = page.inner_text("main")
        assert application.title in main and application.summary in main
        assert "Техническая новизна (1–5)" in main
        assert "1 — уже широко применяется в группе или на рынке" in main
        profile = application.applicant.applicant_profile
        for personal in (
            application.applicant.email,
            profile.full_name,
            profile.bin_iin,
        ):
            assert personal not in main
        violations = audited(page)
        assert not violations, describe(violations)
        save_whole(page, "expert-screen-1280.png")

        page.set_viewport_size({"width": 390, "height": 844})
        page.reload()
        assert fits_the_width(page)
        violations = audited(page)
        assert not violations, describe(violations)
        save_whole(page, "expert-screen-390.png")

        # half a form: each group left out says so, and nothing typed is lost
        page.check("#id_novelty_3")
        page.fill("#id_comment", "Черновик мысли.")
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        assert page.locator(".assessment__group .error-message").count() == 5
        assert page.is_checked("#id_novelty_3")
        assert page.input_value("#id_comment") == "Черновик мысли."
        violations = audited(page)
        assert not violations, describe(violations)
        save_whole(page, "expert-screen-errors-390.png")
        page.set_viewport_size({"width": 1280, "height": 900})

        # the keyboard only: into the first group, then each choice by the arrows, Tab on
        page.locator("#id_novelty_0").focus()
        for name, position in KEYED:
            page.keyboard.press("Space")
            for _step in range(position - 1):
                page.keyboard.press("ArrowRight")
            assert page.evaluate("() => document.activeElement.name") == name
            page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.name") == "comment"
        page.keyboard.press("Control+A")
        page.keyboard.type("Нужен пилот на одном объекте.")
        page.keyboard.press("Tab")
        with page.expect_navigation():
            page.keyboard.press("Enter")

        assert "Ваша оценка отправлена. Спасибо." in page.inner_text(".messages")
        assert page.locator("input[name=novelty]").count() == 0
        assert "Что вы отправили" in page.inner_text("main")
        violations = audited(page)
        assert not violations, describe(violations)
        save_whole(page, "expert-screen-submitted-1280.png")
    finally:
        close_page(context, page)

    assessment = ExpertAssessment.objects.get(application=application)
    assert [getattr(assessment, name) for name, _p in KEYED[:5]] == [4, 5, 3, 5, 2]
    assert assessment.recommendation == ExpertAssessment.CONDITIONS
    assert assessment.comment == "Нужен пилот на одном объекте."
    application.refresh_from_db()
    assert application.status == "decision"  # the demo's one expert has assessed
