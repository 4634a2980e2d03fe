"""The experts' independence (issue 19, item 4): before the dossier opens, an assigned
expert declares in their own words that they have no conflict of interest with the
applicant, or declares one, or declines the assignment; a conflict or a decline takes
the application away from them (list, dossier, files, assessment), is in the disclosure
and audit logs and tells the reviewers with the reason; the declarations are on the
reviewers' dossier, never the applicant's; the reviewers see each expert's load when they
choose experts."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from privacy.data_export import collect
from submissions.applications.review import (
    AssignExpertsForm,
    assign_experts,
    declare,
    expert_may_assess,
    open_assessments,
)
from submissions.models.applications import (
    Application,
    ApplicationStatus,
    Disclosure,
    ExpertAssessment,
)
from submissions.permissions import (
    can_see_application,
    dossier_applications,
    is_assigned_expert,
    visible_applications,
)
from tests.factories import (
    APPLICATION_ANSWERS,
    ApplicantFactory,
    ApplicationFactory,
    ExpertAssessmentFactory,
    ExpertFactory,
    ReviewerFactory,
    declare_no_conflict,
)
from tests.helpers import (
    APPLICATION_LIST,
    assess,
    assessment_url,
    inspect_url,
    logged_in,
)

pytestmark = pytest.mark.django_db

NO_CONFLICT = "Не работаю в ТОО «Датчик» и не связан с ним ни владением, ни родством."
CONFLICT = "Мой брат — учредитель ТОО «Датчик»."
DECLINE = "Нет времени в срок экспертизы."
SCORES = {
    "novelty": "4",
    "group_fit": "5",
    "economic_effect": "3",
    "safety": "5",
    "readiness": "2",
    "recommendation": "conditions",
}


def in_english(user):
    """``user`` reads the admin and their e-mails in English (the words asserted)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    user.language = "en"
    user.save(update_fields=["language"])
    return user


def declaration_url(application):
    return reverse("application_declaration", args=[application.pk])


def file_url(application):
    return reverse("application_file", args=[application.files.first().pk])


def post_declaration(client, application, declaration, statement):
    return client.post(
        declaration_url(application),
        {"declaration": declaration, f"{declaration}-statement": statement},
    )


@pytest.fixture
def expert():
    return in_english(
        ExpertFactory(email="expert@example.kz", full_name="Ким Виктория")
    )


@pytest.fixture
def reviewer_in_charge():
    return in_english(ReviewerFactory(email="in-charge@example.kz"))


@pytest.fixture
def undeclared(expert, reviewer_in_charge):
    """An application of ТОО «Датчик» (Иванов Иван) in assessment by ``expert``, who has
    not declared yet; ``reviewer_in_charge`` is its responsible reviewer."""
    application = ApplicationFactory(
        applicant=ApplicantFactory(email="person@example.kz"),
        status=ApplicationStatus.ASSESSMENT,
        experts=[expert],
        declared=False,
    )
    Application.objects.filter(pk=application.pk).update(reviewer=reviewer_in_charge)
    return Application.objects.get(pk=application.pk)


# --- the gate ---------------------------------------------------------------------------------


def test_before_declaring_the_expert_sees_only_what_a_conflict_is_judged_by(
    undeclared, expert
):
    client = logged_in(expert)

    # the screen, a post of an assessment and a file all send to (or refuse for) the
    # declaration
    assert client.get(assessment_url(undeclared))["Location"] == declaration_url(
        undeclared
    )
    posted = client.post(assessment_url(undeclared), {"step": "check"})
    assert posted["Location"] == declaration_url(undeclared)
    assert client.get(file_url(undeclared)).status_code == 404
    assert not expert_may_assess(undeclared, expert)
    assert not ExpertAssessment.objects.exists()

    html = client.get(declaration_url(undeclared)).content.decode()
    assert undeclared.reference in html and undeclared.title in html
    assert "ТОО «Датчик»" in html  # the organization, as the assessment screen names it
    for unseen in (
        APPLICATION_ANSWERS["summary"],
        "Иванов",  # the person
        "person@example.kz",
        undeclared.files.first().original_name,
    ):
        assert unseen not in html
    for choice in Disclosure.DECLARATIONS:
        assert f'name="{choice}-statement"' in html

    # the application stays in their list, to declare from
    assert undeclared.reference in client.get(APPLICATION_LIST).content.decode()
    # the access policy says so, once: seen in the list, not opened
    assert undeclared in visible_applications(expert)
    assert undeclared not in dossier_applications(expert)
    assert not can_see_application(expert, undeclared)


def test_no_conflict_in_the_experts_words_opens_the_dossier(undeclared, expert):
    client = logged_in(expert)

    response = post_declaration(client, undeclared, Disclosure.NO_CONFLICT, NO_CONFLICT)

    assert response["Location"] == assessment_url(undeclared)
    declaration = undeclared.disclosures.get(action=Disclosure.NO_CONFLICT)
    assert (declaration.expert, declaration.by) == (expert, expert)
    assert declaration.statement == NO_CONFLICT
    assert ModelLogEntry.objects.filter(
        action="opi.application.expert_no_conflict", user=expert
    ).exists()
    html = client.get(assessment_url(undeclared)).content.decode()
    assert APPLICATION_ANSWERS["summary"] in html and 'name="novelty"' in html
    assert client.get(file_url(undeclared)).status_code == 200
    assess(client, undeclared, **SCORES)
    assert ExpertAssessment.objects.filter(expert=expert).exists()
    # declared and assessed: the declaration's screen sends on
    assert client.get(declaration_url(undeclared))["Location"] == assessment_url(
        undeclared
    )


def test_given_access_again_the_expert_declares_again(undeclared, expert):
    declare_no_conflict(undeclared, expert)
    reviewer = ReviewerFactory()
    assign_experts(undeclared, [], reviewer)
    assign_experts(undeclared, [expert.pk], reviewer)

    response = logged_in(expert).get(assessment_url(undeclared))

    assert response["Location"] == declaration_url(undeclared)


@pytest.mark.parametrize(
    "declaration, typed, error",
    [
        (
            Disclosure.NO_CONFLICT,
            "Нет конфликта",
            "why you have no conflict of interest",
        ),
        (Disclosure.NO_CONFLICT, "", "why you have no conflict of interest"),
        (Disclosure.CONFLICT, "  ", "Describe the conflict of interest"),
        (Disclosure.DECLINED, "Нет", "Give the reason you decline"),
    ],
)
def test_missing_or_too_short_words_say_so_beside_the_field_and_keep_what_was_typed(
    undeclared, expert, declaration, typed, error
):
    client = logged_in(expert)

    response = post_declaration(client, undeclared, declaration, typed)

    assert response.status_code == 200
    html = response.content.decode()
    assert error in html
    form = next(f for f in response.context["forms"] if f.declaration == declaration)
    assert form.errors["statement"]
    assert form["statement"].value() == typed
    if typed.strip():
        assert f"{typed}</textarea>" in html
    assert not undeclared.disclosures.filter(action__in=Disclosure.DECLARATIONS)
    assert is_assigned_expert(undeclared, expert)


# --- a conflict or a decline --------------------------------------------------------------------


def assert_nothing_more_for(expert, application):
    """``expert`` sees nothing of ``application`` any more, on any surface."""
    client = logged_in(expert)
    assert not is_assigned_expert(application, expert)
    assert application not in visible_applications(expert)
    assert application.reference not in client.get(APPLICATION_LIST).content.decode()
    for url in (
        assessment_url(application),
        declaration_url(application),
        file_url(application),
    ):
        assert client.get(url).status_code == 404, url
    posted = client.post(assessment_url(application), {"step": "check"})
    assert posted.status_code == 404
    assert client.get(inspect_url(application)).status_code in (302, 403, 404)
    assert application.reference not in client.get("/admin/").content.decode()


def test_a_declared_conflict_takes_the_application_away_and_tells_the_reviewer(
    undeclared,
    expert,
    reviewer_in_charge,
    django_capture_on_commit_callbacks,
):
    other_reviewer = ReviewerFactory(email="other-reviewer@example.kz")
    client = logged_in(expert)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = post_declaration(client, undeclared, Disclosure.CONFLICT, CONFLICT)

    assert response.status_code == 302
    actions = list(
        undeclared.disclosures.filter(expert=expert)
        .order_by("pk")
        .values_list("action", "statement")
    )
    assert actions == [
        (Disclosure.GRANTED, ""),
        (Disclosure.CONFLICT, CONFLICT),
        (Disclosure.REVOKED, ""),
    ]
    logged = set(
        ModelLogEntry.objects.for_instance(undeclared).values_list("action", flat=True)
    )
    assert {
        "opi.application.expert_conflict",
        "opi.application.assign_experts",
    } <= logged
    [email] = mail.outbox
    assert email.to == [reviewer_in_charge.email]  # the reviewer in charge, only
    assert other_reviewer.email not in email.to
    assert undeclared.reference in email.subject
    assert "an expert declared a conflict of interest" in email.subject  # in English
    assert CONFLICT in email.body
    assert (
        reverse("wagtailsnippets_submissions_application:edit", args=[undeclared.pk])
        in email.body
    )
    assert_nothing_more_for(expert, undeclared)
    # the round waits for the reviewers: it does not complete with nobody assigned
    undeclared.refresh_from_db()
    assert undeclared.status == ApplicationStatus.ASSESSMENT


def test_a_decline_takes_the_application_away_and_tells_every_reviewer_without_one(
    expert, django_capture_on_commit_callbacks
):
    reviewers = [ReviewerFactory(), ReviewerFactory()]
    application = ApplicationFactory(
        status=ApplicationStatus.ASSESSMENT, experts=[expert], declared=False
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        post_declaration(logged_in(expert), application, Disclosure.DECLINED, DECLINE)

    assert application.disclosures.filter(
        action=Disclosure.DECLINED, statement=DECLINE
    ).exists()
    told = {address for email in mail.outbox for address in email.to}
    assert {reviewer.email for reviewer in reviewers} <= told
    assert all(DECLINE in email.body for email in mail.outbox)
    assert_nothing_more_for(expert, application)


def test_a_declaration_is_refused_to_anyone_else_and_once_declared(undeclared, expert):
    stranger = ExpertFactory()
    assert (
        post_declaration(
            logged_in(stranger), undeclared, Disclosure.CONFLICT, CONFLICT
        ).status_code
        == 404
    )
    declare(undeclared, expert, Disclosure.NO_CONFLICT, NO_CONFLICT)
    with pytest.raises(Exception, match="declared already"):
        declare(undeclared, expert, Disclosure.NO_CONFLICT, NO_CONFLICT)


def test_with_no_expert_left_the_reviewer_assigns_another_during_the_assessment(
    undeclared, expert, reviewer_in_charge, django_capture_on_commit_callbacks
):
    declare(undeclared, expert, Disclosure.CONFLICT, CONFLICT)
    another = ExpertFactory(email="another@example.kz")
    client = logged_in(reviewer_in_charge)
    experts_url = reverse("application_admin_experts", args=[undeclared.pk])
    assert client.get(experts_url).status_code == 200
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(experts_url, {"experts": [another.pk]})

    assert [m.to for m in mail.outbox] == [[another.email]]
    # the new expert declares too, then assesses; the round completes
    assert logged_in(another).get(assessment_url(undeclared))[
        "Location"
    ] == declaration_url(undeclared)
    declare_no_conflict(undeclared, another)
    ExpertAssessmentFactory(application=undeclared, expert=another)
    undeclared.refresh_from_db()
    assert undeclared.status == ApplicationStatus.DECISION


def test_the_round_completes_when_every_expert_left_has_assessed(expert):
    leaving = ExpertFactory()
    application = ApplicationFactory(
        status=ApplicationStatus.ASSESSMENT, experts=[expert, leaving], declared=False
    )
    declare_no_conflict(application, expert)
    ExpertAssessmentFactory(application=application, expert=expert)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ASSESSMENT  # one is yet to assess

    declare(application, leaving, Disclosure.DECLINED, DECLINE)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECISION


# --- what the reviewers see -----------------------------------------------------------------------


def test_the_declarations_are_on_the_reviewers_dossier_never_the_applicants(
    undeclared, expert, reviewer_in_charge
):
    declare(undeclared, expert, Disclosure.CONFLICT, CONFLICT)
    reviewer = logged_in(reviewer_in_charge)

    for url in (
        reverse("wagtailsnippets_submissions_application:edit", args=[undeclared.pk]),
        inspect_url(undeclared),
    ):
        html = reviewer.get(url).content.decode()
        assert CONFLICT in html, url
        assert "declared a conflict of interest" in html

    applicant = undeclared.applicant
    page = logged_in(applicant).get(
        reverse("account_application", args=[undeclared.pk])
    )
    assert page.status_code == 200 and CONFLICT not in page.content.decode()
    data, sections, _files, _editions = collect(applicant)
    assert CONFLICT not in str(data) and CONFLICT not in str(sections)
    assert {row["action"] for row in data["disclosures"]} == {
        Disclosure.GRANTED,
        Disclosure.REVOKED,
    }


def test_each_experts_load_is_beside_their_name_in_a_constant_number_of_queries(
    expert, django_assert_max_num_queries, django_assert_num_queries, settings
):
    settings.LANGUAGE_CODE = "en"
    busy = ExpertFactory(full_name="Занятый Эксперт")
    ApplicationFactory(status=ApplicationStatus.ASSESSMENT, experts=[busy, expert])
    ApplicationFactory(status=ApplicationStatus.ASSESSMENT, experts=[busy])
    assessed = ApplicationFactory(
        status=ApplicationStatus.ASSESSMENT, experts=[busy, expert]
    )
    ExpertAssessmentFactory(application=assessed, expert=expert)  # done: not open
    ApplicationFactory(status=ApplicationStatus.DECISION, experts=[busy])  # not open

    assert open_assessments() == {busy.pk: 3, expert.pk: 1}
    with django_assert_max_num_queries(3) as few:
        html = str(AssignExpertsForm()["experts"])
    assert "Занятый Эксперт · open assessments: 3" in html
    assert "Ким Виктория · open assessments: 1" in html

    for _n in range(3):
        ApplicationFactory(
            status=ApplicationStatus.ASSESSMENT, experts=[ExpertFactory(), busy]
        )
    with django_assert_num_queries(len(few.captured_queries)):
        html = str(AssignExpertsForm()["experts"])
    assert "Занятый Эксперт · open assessments: 6" in html

    # the reviewers' change-experts view names them so too
    page = logged_in(in_english(ReviewerFactory())).get(
        reverse("application_admin_experts", args=[assessed.pk])
    )
    assert "Занятый Эксперт · open assessments: 6" in page.content.decode()


def test_a_conflict_found_on_reading_the_dossier_is_declared_until_the_assessment(
    undeclared, expert
):
    declare_no_conflict(undeclared, expert)
    client = logged_in(expert)
    html = client.get(assessment_url(undeclared)).content.decode()
    assert f'href="{declaration_url(undeclared)}"' in html

    page = client.get(declaration_url(undeclared))
    names = [form.declaration for form in page.context["forms"]]
    assert names == [
        Disclosure.CONFLICT,
        Disclosure.DECLINED,
    ]  # no second "no conflict"
    response = post_declaration(client, undeclared, Disclosure.CONFLICT, CONFLICT)

    assert response.status_code == 302
    assert_nothing_more_for(expert, undeclared)


def test_once_assessed_the_expert_can_no_longer_withdraw(undeclared, expert):
    declare_no_conflict(undeclared, expert)
    other = ExpertFactory()
    assign_experts(undeclared, [expert.pk, other.pk], ReviewerFactory())
    ExpertAssessmentFactory(application=undeclared, expert=expert)
    client = logged_in(expert)

    assert client.get(declaration_url(undeclared))["Location"] == assessment_url(
        undeclared
    )
    with pytest.raises(PermissionDenied):
        declare(undeclared, expert, Disclosure.DECLINED, DECLINE)
    assert is_assigned_expert(undeclared, expert)
