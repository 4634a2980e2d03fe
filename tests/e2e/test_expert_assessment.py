"""The expert's assessment screen in a real browser: the demo expert follows the link on
the admin's home, reads the application beside the rubric (each criterion with what 1, 3
and 5 mean; at desktop and phone widths, no axe violation, nothing wider than the
phone), sends half a form and is told what is missing, then gives the assessment with
the keyboard only, a comment on a criterion included, watching the average change; the
check before sending shows that average (nothing is sent yet), and sending it submits
the assessment; the application moves on to the decision."""

import os
import re
from pathlib import Path

import pytest

from submissions.models.applications import Application, ExpertAssessment

from .conftest import admin_login, axe_violations, close_context, describe

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The screenshots a person looks at (the brief of the screen asked for these two).
SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOT_DIR", "/tmp"))
# What the keyboard gives each group: (name, score or choice index from 1, comment)
KEYED = [
    ("novelty", 4, "Аналог есть, но без самодиагностики."),
    ("group_fit", 5, ""),
    ("economic_effect", 3, ""),
    ("safety", 5, ""),
    ("readiness", 2, "Испытан только на стенде."),
    ("recommendation", 2, "Нужен пилот на одном объекте."),  # with conditions
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
    application = Application.objects.get(
        status="assessment", technology_request__isnull=True
    )
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
        assert "Техническая новизна" in main
        assert "Уже широко применяется в группе или на рынке" in main
        assert "Насколько решение ново для группы и для рынка" in main
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
        # scoring the last criteria, the expert still has the application beside them
        page.locator("[name=readiness]").last.scroll_into_view_if_needed()
        dossier = page.locator(".assessment__dossier").bounding_box()
        assert 0 <= dossier["y"] <= 40 and dossier["height"] > 300, dossier
        page.screenshot(path=str(SCREENSHOTS / "expert-screen-1280-scrolled.png"))

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
            page.click("main form button[name=step][value=check]")
        assert page.locator(".assessment__group .error-message").count() == 5
        assert page.is_checked("#id_novelty_3")
        assert page.input_value("#id_comment") == "Черновик мысли."
        violations = audited(page)
        assert not violations, describe(violations)
        save_whole(page, "expert-screen-errors-390.png")
        page.set_viewport_size({"width": 1280, "height": 900})

        # the keyboard only: into the first group, then each choice by the arrows, Tab
        # to its comment, Tab on to the next group; the average follows the scores
        average = page.locator("[data-assessment-average]")
        page.locator("#id_novelty_0").focus()
        for name, position, comment in KEYED:
            page.keyboard.press("Space")
            for _step in range(position - 1):
                page.keyboard.press("ArrowRight")
            assert page.evaluate("() => document.activeElement.name") == name
            page.keyboard.press("Tab")
            expected = "comment" if name == "recommendation" else f"{name}_comment"
            assert page.evaluate("() => document.activeElement.name") == expected
            page.keyboard.press("Control+A")
            if comment:
                page.keyboard.type(comment)
            else:
                page.keyboard.press("Delete")
            if name == "novelty":
                assert "4" in average.inner_text()  # one score so far
            page.keyboard.press("Tab")
        assert "3,8" in average.inner_text() and "5" in average.inner_text()
        with page.expect_navigation():
            page.keyboard.press("Enter")

        # the check before sending: the average, the answers; nothing is sent yet
        assert "3,8" in page.inner_text(".assessment__average--final")
        assert "Аналог есть, но без самодиагностики." in page.inner_text("main")
        assert not ExpertAssessment.objects.filter(application=application).exists()
        page.set_viewport_size({"width": 390, "height": 844})
        assert fits_the_width(page)
        violations = audited(page)
        assert not violations, describe(violations)
        save_whole(page, "expert-screen-check-390.png")
        with page.expect_navigation():
            page.click("main form button[name=step][value=send]")

        assert "Ваша оценка отправлена. Спасибо." in page.inner_text(".messages")
        assert page.locator("input[name=novelty]").count() == 0
        assert "Что вы отправили" in page.inner_text("main")
        assert "Испытан только на стенде." in page.inner_text("main")
        violations = audited(page)
        assert not violations, describe(violations)
        save_whole(page, "expert-screen-submitted-390.png")
    finally:
        close_context(context)

    assessment = ExpertAssessment.objects.get(application=application)
    assert [getattr(assessment, name) for name, _p, _c in KEYED[:5]] == [4, 5, 3, 5, 2]
    assert assessment.novelty_comment == "Аналог есть, но без самодиагностики."
    assert assessment.readiness_comment == "Испытан только на стенде."
    assert assessment.group_fit_comment == ""
    assert assessment.recommendation == ExpertAssessment.CONDITIONS
    assert assessment.comment == "Нужен пилот на одном объекте."
    application.refresh_from_db()
    assert application.status == "decision"  # the demo's one expert has assessed
