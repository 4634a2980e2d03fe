"""The expert's own screen (/admin/applications/<pk>/assessment/): what an assigned expert
reads there and nobody else does, the form with what each score means, an assessment
given through the workflow's "assess" action, and the ways the expert is sent there."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry, TaskState
from wagtail.users.models import UserProfile

from privacy.blocking import block_applicant
from submissions.applications.review import assign_experts
from submissions.models.access_log import AccessLog
from submissions.models.applications import (
    ApplicationStatus,
    ExpertAssessment,
    FileCategory,
)
from tests.factories import (
    VALID_BIN,
    ApplicantFactory,
    ApplicationFactory,
    ApplicationFileFactory,
    ApplicationMessageFactory,
    ExpertFactory,
    ReviewerFactory,
    act_on,
    declare_no_conflict,
)
from tests.helpers import act, assess, assessment_url, logged_in

pytestmark = pytest.mark.django_db

ANSWERS = {
    "novelty": "4",
    "group_fit": "5",
    "economic_effect": "3",
    "safety": "5",
    "readiness": "2",
    "recommendation": "conditions",
    "comment": "Испытать на одном объекте.",
}


@pytest.fixture
def expert():
    return ExpertFactory(email="expert@example.kz")


@pytest.fixture
def in_assessment(expert):
    """An application of ТОО «Датчик» (Иванов Иван) in assessment by ``expert``, with a
    power of attorney, an internal note and a message to the applicant."""
    application = ApplicationFactory(
        applicant=ApplicantFactory(email="person@example.kz"),
        status=ApplicationStatus.ASSESSMENT,
        experts=[expert],
    )
    ApplicationFileFactory(
        application=application,
        category=FileCategory.POWER_OF_ATTORNEY,
        original_name="Доверенность Иванова.pdf",
    )
    ApplicationMessageFactory(
        application=application, note=True, body="Заметка проверяющих о бюджете."
    )
    ApplicationMessageFactory(
        application=application, body="Письмо заявителю о сроках."
    )
    return application


def fieldsets_by_name(html):
    """{field name: the HTML of its fieldset} of the assessment form."""
    fieldsets = re.findall(r"<fieldset.*?</fieldset>", html, re.S)
    return {re.search(r'name="(\w+)"', f).group(1): f for f in fieldsets}


def messages_of(response):
    return [str(message).strip() for message in response.context["messages"]]


def test_the_assigned_expert_reads_the_application_beside_the_form_and_no_person(
    in_assessment, expert
):
    response = logged_in(expert).get(assessment_url(in_assessment))

    assert response.status_code == 200
    html = response.content.decode()
    assert f"Оценка заявки {in_assessment.reference}" in html
    assert "Датчик утечек" in html and "ТОО «Датчик»" in html
    for answer in (
        "Оптический датчик утечек газа.",
        "Меньше потерь газа.",
        "Стенд, 2025.",
    ):
        assert answer in html
    technical = in_assessment.files.get(category=FileCategory.TECHNICAL)
    assert f'href="{reverse("application_file", args=[technical.pk])}"' in html
    assert "presentation.pdf" in html
    # a fieldset with its legend for each criterion of the rubric, what it assesses
    # and what 1, 3 and 5 mean, each in the label of its radio button
    groups = fieldsets_by_name(html)
    assert list(groups) == [*ExpertAssessment.SCORES, "recommendation"]
    assert all(group.count("<legend") == 1 for group in groups.values())
    novelty = groups["novelty"]
    assert "Техническая новизна</legend>" in novelty
    assert 'aria-describedby="id_novelty-about"' in novelty
    assert re.search(
        r'<label[^>]*for="id_novelty_0"><input[^>]*value="1"[^>]*>'
        r"<span[^>]*>1</span><span[^>]*>Уже широко применяется в группе",
        novelty,
    )
    assert "Готовый продукт, проверенный в реальной эксплуатации" in groups["readiness"]
    assert "Рекомендовать с условиями" in groups["recommendation"]
    assert '<textarea name="novelty_comment"' in html
    assert '<textarea name="comment"' in html
    assert '<button type="submit" name="step" value="check"' in html
    # nothing of the person, of the reviewers' thread, nor the power of attorney
    profile = in_assessment.applicant.applicant_profile
    for hidden in (
        "person@example.kz",
        profile.full_name,
        VALID_BIN,
        profile.phone,
        "Доверенность Иванова",
        "Заметка проверяющих",
        "Письмо заявителю",
    ):
        assert hidden not in html
    # the opening is in the access log
    assert list(
        AccessLog.objects.filter(applicant=in_assessment.applicant).values_list(
            "actor", "action"
        )
    ) == [(expert.pk, AccessLog.VIEW)]


def test_nobody_but_the_assigned_experts_opens_the_screen(in_assessment):
    url = assessment_url(in_assessment)
    assert logged_in(ExpertFactory()).get(url).status_code == 404
    # a reviewer has the dossier; the admin's allow-list or the screen refuses this one
    assert logged_in(ReviewerFactory()).get(url).status_code in (403, 404)
    # an applicant, even this one, is turned away at the admin's door (Wagtail's login)
    applicant = logged_in(in_assessment.applicant).get(url)
    assert applicant.status_code == 302
    assert applicant["Location"].startswith("/admin/login/")
    assert not AccessLog.objects.exists()


def test_an_expert_whose_access_is_taken_away_no_longer_opens_it(expert):
    other = ExpertFactory()
    application = ApplicationFactory(
        status=ApplicationStatus.ASSESSMENT, experts=[expert, other]
    )
    assign_experts(application, [expert.pk], ReviewerFactory())
    assert logged_in(other).get(assessment_url(application)).status_code == 404
    assert logged_in(expert).get(assessment_url(application)).status_code == 200


def test_an_assessment_goes_through_the_workflow_and_the_last_one_completes_the_task(
    expert,
):
    second = ExpertFactory()
    application = ApplicationFactory(
        status=ApplicationStatus.ASSESSMENT, experts=[expert, second]
    )
    state = application.current_workflow_task_state
    url = assessment_url(application)

    client = logged_in(expert)
    check = client.post(url, {**ANSWERS, "step": "check"}, follow=True)
    assert check.context["checking"] and not ExpertAssessment.objects.exists()
    response = client.post(
        url,
        {**ANSWERS, "step": "send", "checked": check.context["checked"]},
        follow=True,
    )

    assert response.redirect_chain == [(url, 302)]
    assert messages_of(response) == ["Ваша оценка отправлена. Спасибо."]
    mine = ExpertAssessment.objects.get(application=application, expert=expert)
    assert mine.task_state_id == state.pk
    assert [getattr(mine, name) for name in ExpertAssessment.SCORES] == [4, 5, 3, 5, 2]
    assert (mine.recommendation, mine.comment) == (
        "conditions",
        "Испытать на одном объекте.",
    )
    assert (
        ModelLogEntry.objects.for_instance(application)
        .filter(action="opi.application.assess", user=expert)
        .count()
        == 1
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ASSESSMENT  # one expert to go
    # the form is gone; what was submitted is shown, and why there is no form
    html = response.content.decode()
    assert 'name="novelty"' not in html and '<form method="post"' not in html
    assert "Что вы отправили" in html and "Испытать на одном объекте." in html
    assert "Вы уже оценили эту заявку; оценку изменить нельзя." in html

    response = assess(logged_in(second), application, **{**ANSWERS, "comment": ""})
    response = logged_in(second).get(url)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECISION
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED
    assert application.assessments.count() == 2
    assert "сейчас она на этапе «решение»" in response.content.decode()


def test_an_expert_working_in_kazakh_is_thanked_in_kazakh(expert):
    """Wagtail speaks the expert's language only while its view runs; the message given
    there is worded then, not in the site's Russian when it is stored."""
    profile = UserProfile.get_for_user(expert)
    profile.preferred_language = "kk"
    profile.save()
    application = ApplicationFactory(
        status=ApplicationStatus.ASSESSMENT, experts=[expert]
    )
    url = assessment_url(application)
    client = logged_in(expert)
    check = client.post(url, {**ANSWERS, "step": "check"}, follow=True)

    response = client.post(
        url,
        {**ANSWERS, "step": "send", "checked": check.context["checked"]},
        follow=True,
    )

    assert messages_of(response) == ["Бағалауыңыз жіберілді. Рақмет."]


def test_errors_are_said_next_to_each_group_and_what_was_typed_is_kept(
    in_assessment, expert
):
    response = logged_in(expert).post(
        assessment_url(in_assessment),
        {"group_fit": "5", "safety": "9", "comment": "Нужен расчёт эффекта."},
        follow=True,
    )

    assert [status for _url, status in response.redirect_chain] == [302]
    assert not ExpertAssessment.objects.exists()
    assert messages_of(response) == ["Оценка не отправлена: исправьте отмеченное."]
    html = response.content.decode()
    groups = fieldsets_by_name(html)
    for name in ("novelty", "economic_effect", "readiness"):
        assert "Выберите оценку от 1 до 5." in groups[name]
        assert f'aria-describedby="id_{name}-about id_{name}-errors"' in groups[name]
        assert f'id="id_{name}-errors"' in groups[name]
    assert "error-message" in groups["safety"]  # 9 is no score
    assert "Выберите рекомендацию." in groups["recommendation"]
    assert "error-message" not in groups["group_fit"]
    assert re.search(r'value="5"[^>]*checked', groups["group_fit"])
    assert "Нужен расчёт эффекта.</textarea>" in html


def test_out_of_the_assessment_the_screen_shows_the_application_and_why_no_form(
    expert,
):
    screening = ApplicationFactory(status=ApplicationStatus.SCREENING)
    assign_experts(screening, [expert.pk], ReviewerFactory())
    declare_no_conflict(screening, expert)
    client = logged_in(expert)

    html = client.get(assessment_url(screening)).content.decode()

    assert "Оптический датчик утечек газа." in html
    assert 'name="novelty"' not in html
    assert "Заявка не на экспертной оценке (её этап: «первичная проверка»)" in html
    response = client.post(assessment_url(screening), ANSWERS)
    assert response.status_code == 302
    assert not ExpertAssessment.objects.exists()

    decided = ApplicationFactory(status=ApplicationStatus.DECISION, experts=[expert])
    html = client.get(assessment_url(decided)).content.decode()
    assert 'name="novelty"' not in html
    assert "Вы оценили эту заявку; сейчас она на этапе «решение»." in html
    assert "Что вы отправили" in html


def test_while_the_applicants_data_is_blocked_nothing_of_the_application_is_shown(
    in_assessment, expert
):
    block_applicant(in_assessment.applicant.applicant_profile, ReviewerFactory())
    client = logged_in(expert)

    html = client.get(assessment_url(in_assessment)).content.decode()

    assert "Данные заявителя заблокированы на время проверки" in html
    assert "Оптический датчик утечек газа." not in html
    assert 'name="novelty"' not in html
    client.post(assessment_url(in_assessment), ANSWERS)
    assert not ExpertAssessment.objects.exists()
    assert not AccessLog.objects.exists()


def test_the_expert_is_sent_to_the_screen_by_the_email_and_the_admin_home(
    expert, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(status=ApplicationStatus.SCREENING)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act_on(application, ReviewerFactory(), "approve", experts=[expert.pk])

    [email] = [m for m in mail.outbox if m.to == ["expert@example.kz"]]
    assert f"http://testserver{assessment_url(application)}\n" in email.body
    assert "/snippets/" not in email.body
    home = logged_in(expert).get("/admin/").content.decode()
    assert f'href="{assessment_url(application)}"' in home
    assert "/snippets/submissions/application/edit/" not in home


def test_wagtails_edit_view_no_longer_takes_an_experts_assessment(
    in_assessment, expert
):
    task = in_assessment.current_workflow_task
    assert task.get_actions(in_assessment, expert) == []
    response = act(logged_in(expert), in_assessment, "assess", **ANSWERS)
    assert response.status_code == 403
    assert not ExpertAssessment.objects.exists()
