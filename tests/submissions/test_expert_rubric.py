"""The experts' rubric (issue 17): each criterion as editors word it, in the expert's
language, with what 1, 3 and 5 mean; a comment on each criterion, saved and shown to
the reviewers beside the score; the check before sending, with the average of the
scores, without which nothing is sent."""

import re

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from submissions.models.applications import (
    CRITERIA,
    ApplicationStatus,
    AssessmentCriterion,
    ExpertAssessment,
)
from tests.factories import (
    ApplicationFactory,
    EditorFactory,
    ExpertFactory,
    ReviewerFactory,
)
from tests.helpers import assess, assessment_url, inspect_url, logged_in

pytestmark = pytest.mark.django_db

ANSWERS = {
    "novelty": "4",
    "novelty_comment": "Аналог есть у одного поставщика, но без самодиагностики.",
    "group_fit": "5",
    "group_fit_comment": "",
    "economic_effect": "3",
    "economic_effect_comment": "Расчёт эффекта приблизительный.",
    "safety": "5",
    "safety_comment": "",
    "readiness": "2",
    "readiness_comment": "Испытан только на стенде.",
    "recommendation": "conditions",
    "comment": "Пилот на одном объекте.",
}


@pytest.fixture
def expert():
    return ExpertFactory(email="expert@example.kz")


@pytest.fixture
def application(expert):
    return ApplicationFactory(status=ApplicationStatus.ASSESSMENT, experts=[expert])


def fieldset_of(html, name):
    return next(
        f
        for f in re.findall(r"<fieldset.*?</fieldset>", html, re.S)
        if f'name="{name}"' in f
    )


def label_of(fieldset, value):
    """The text of the label of the radio button ``value``, tags removed."""
    label = re.search(
        rf'<label[^>]*>\s*<input[^>]*value="{value}"[^>]*>(.*?)</label>', fieldset, re.S
    ).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", label).split())


def test_the_migration_words_every_criterion_in_three_languages():
    criteria = list(AssessmentCriterion.objects.order_by("sort_order"))
    assert [criterion.key for criterion in criteria] == list(CRITERIA)
    for criterion in criteria:
        for field in ("name", "description", "score_1", "score_3", "score_5"):
            for language in ("ru", "kk", "en"):
                assert getattr(criterion, f"{field}_{language}").strip()


def test_the_expert_reads_the_rubric_in_russian_with_what_1_3_and_5_mean(
    application, expert
):
    html = logged_in(expert).get(assessment_url(application)).content.decode()

    novelty = fieldset_of(html, "novelty")
    assert "<legend" in novelty and "Техническая новизна</legend>" in novelty
    assert "Насколько решение ново для группы и для рынка" in novelty
    # the meaning is the label of its radio button: a screen reader says both
    assert label_of(novelty, 1).startswith("1 Уже широко применяется в группе")
    assert label_of(novelty, 3).startswith("3 Известное решение с заметным улучшением")
    assert label_of(novelty, 5).startswith("5 Принципиально новое решение")
    assert label_of(novelty, 2).startswith("2 —")  # between 1 and 3, for screen readers
    readiness = fieldset_of(html, "readiness")
    assert "Готовность</legend>" in readiness
    assert label_of(readiness, 1) == (
        "1 Идея или лабораторный образец; испытаний в реальных условиях не было."
    )
    assert "Техникалық" not in html


def test_the_expert_reads_the_rubric_in_kazakh(application, expert):
    profile = UserProfile.get_for_user(expert)
    profile.preferred_language = "kk"
    profile.save()

    html = logged_in(expert).get(assessment_url(application)).content.decode()

    novelty = fieldset_of(html, "novelty")
    assert "Техникалық жаңалығы</legend>" in novelty
    assert "Шешім топ пен нарық үшін қаншалықты жаңа" in novelty
    assert label_of(novelty, 1).startswith("1 Топта немесе нарықта кеңінен қолданылады")
    assert label_of(novelty, 5).startswith("5 Түбегейлі жаңа шешім")
    assert "Қауіпсіздік және қоршаған орта</legend>" in fieldset_of(html, "safety")
    assert "Уже широко применяется" not in html


def test_what_editors_write_is_what_the_expert_reads(application, expert):
    criterion = AssessmentCriterion.objects.get(key="economic_effect")
    criterion.score_3_ru = "Эффект есть, но посчитан на глаз."
    criterion.save()

    html = logged_in(expert).get(assessment_url(application)).content.decode()

    economic = fieldset_of(html, "economic_effect")
    assert label_of(economic, 3) == "3 Эффект есть, но посчитан на глаз."


def test_editors_reword_the_rubric_but_nobody_adds_or_removes_a_criterion(superuser):
    criterion = AssessmentCriterion.objects.get(key="safety")
    editor = logged_in(EditorFactory())
    edit = reverse(
        "wagtailsnippets_submissions_assessmentcriterion:edit", args=[criterion.pk]
    )
    assert editor.get(edit).status_code == 200
    admin = logged_in(superuser)
    for client in (editor, admin):  # Wagtail sends a refused person to the home
        add = reverse("wagtailsnippets_submissions_assessmentcriterion:add")
        assert client.get(add).status_code in (302, 403)
        assert client.post(add, {"name_ru": "Ещё один"}).status_code in (302, 403)
        delete = reverse(
            "wagtailsnippets_submissions_assessmentcriterion:delete",
            args=[criterion.pk],
        )
        assert client.post(delete).status_code in (302, 403)
    listing = editor.get(
        reverse("wagtailsnippets_submissions_assessmentcriterion:list")
    ).content.decode()
    assert "Безопасность и экология" in listing
    assert "/assessmentcriterion/add/" not in listing
    assert AssessmentCriterion.objects.count() == len(CRITERIA)
    # reviewers and experts do not open the rubric's admin
    for other in (ReviewerFactory(), ExpertFactory()):
        assert logged_in(other).get(edit).status_code == 403


def test_the_check_before_sending_shows_the_mean_of_the_chosen_scores(
    application, expert
):
    client = logged_in(expert)

    response = client.post(
        assessment_url(application), {**ANSWERS, "step": "check"}, follow=True
    )

    assert [status for _url, status in response.redirect_chain] == [302]
    assert not ExpertAssessment.objects.exists()  # nothing is sent yet
    assert response.context["checking"]
    chosen = [int(ANSWERS[key]) for key in CRITERIA]
    assert response.context["average"] == pytest.approx(sum(chosen) / len(chosen))
    html = response.content.decode()
    assert 'data-average="3.80"' in html and ">3,8</strong>" in html
    # each criterion with its score, what the score means and the comment on it
    assert "Техническая новизна" in html
    assert "Аналог есть у одного поставщика, но без самодиагностики." in html
    assert (
        "Опытный образец" not in html and "Испытан только на стенде." in html
    )  # 2 on readiness: "between 1 and 3", and the comment
    assert "Решает острую задачу дочерних организаций" in html  # 5 on the group fit
    assert 'name="novelty"' in html and 'type="hidden"' in html
    assert 'name="step" value="send"' in html and 'name="step" value="edit"' in html


def test_sending_without_the_check_submits_nothing(application, expert):
    client = logged_in(expert)
    url = assessment_url(application)

    # "send" without having seen the check: the check is shown instead
    response = client.post(url, {**ANSWERS, "step": "send"}, follow=True)
    assert response.redirect_chain == [(url + "?step=check", 302)]
    assert response.context["checking"]
    assert not ExpertAssessment.objects.exists()

    # the check of other answers does not send these
    token = response.context["checked"]
    changed = {**ANSWERS, "readiness": "5", "step": "send", "checked": token}
    response = client.post(url, changed, follow=True)
    assert response.context["checking"]
    assert response.context["average"] == pytest.approx(4.4)
    assert not ExpertAssessment.objects.exists()

    # "change" goes back to the form with what was given, and sends nothing
    response = client.post(url, {**ANSWERS, "step": "edit"}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert not response.context["checking"]
    html = response.content.decode()
    assert re.search(r'value="4"[^>]*checked', fieldset_of(html, "novelty"))
    assert "Испытан только на стенде.</textarea>" in html
    assert not ExpertAssessment.objects.exists()

    # what the check showed is what is sent
    response = client.post(url, {**ANSWERS, "step": "send", "checked": token})
    assert response.status_code == 302
    assert ExpertAssessment.objects.get().readiness == 2


def test_a_comment_on_each_criterion_is_saved_and_shown_to_the_reviewer(
    application, expert
):
    assess(logged_in(expert), application, **ANSWERS)

    assessment = ExpertAssessment.objects.get(application=application)
    assert assessment.novelty_comment == ANSWERS["novelty_comment"]
    assert assessment.economic_effect_comment == "Расчёт эффекта приблизительный."
    assert assessment.readiness_comment == "Испытан только на стенде."
    assert assessment.group_fit_comment == ""
    assert assessment.comment == "Пилот на одном объекте."

    # the expert sees what they sent, the comments beside the scores
    mine = logged_in(expert).get(assessment_url(application)).content.decode()
    assert "Аналог есть у одного поставщика, но без самодиагностики." in mine

    reviewer = logged_in(ReviewerFactory())
    for url in (
        inspect_url(application),
        reverse("wagtailsnippets_submissions_application:edit", args=[application.pk]),
    ):
        html = reviewer.get(url).content.decode()
        table = re.search(
            r'<table class="listing dossier__scores">.*?</table>', html, re.S
        )
        rows = {
            re.sub(r"<[^>]+>", "", row[0]).strip(): row[1]
            for row in re.findall(
                r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', table.group(0), re.S
            )
        }
        assert "4" in rows["Техническая новизна"]
        assert ANSWERS["novelty_comment"] in rows["Техническая новизна"]
        assert "Испытан только на стенде." in rows["Готовность"]
        assert "3,8" in table.group(0)  # the expert's average
