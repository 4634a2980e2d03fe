"""The reviewers' register of applications: who sees which rows and columns, filters,
search, exports, disclosures to experts, and a query count that does not grow."""

import datetime
import json
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry, TaskState

from core.working_days import working_days_between
from submissions.applications.reports import (
    all_charts,
    by_kind,
    funnel,
    median_days_per_stage,
    month_bounds,
    months_back,
    per_month_by_outcome,
    registrations_per_month,
)
from submissions.applications.review import (
    DecisionTask,
    ExpertAssessmentTask,
    ScreeningTask,
)
from submissions.home_panels import last_day_too_long
from submissions.models.applications import (
    Application,
    ApplicationStatus,
    Disclosure,
    Subsidiary,
)
from submissions.models.registrations import RegistrationRequest, VerificationStatus
from tests.factories import (
    ApplicantFactory,
    ApplicationFactory,
    ApplicationFileFactory,
    ExpertFactory,
    RegistrationRequestFactory,
    ReviewerFactory,
)
from tests.helpers import APPLICATION_LIST, export, inspect_url, logged_in

pytestmark = pytest.mark.django_db


def rows(client, query=""):
    html = client.get(APPLICATION_LIST + query).content.decode()
    return {ref for ref in ("OPI-2026-00001", "OPI-2026-00002") if ref in html}


def test_an_unfiltered_register_shows_no_filter_as_applied(world):
    client = logged_in(world["reviewer"])
    unfiltered = client.get(APPLICATION_LIST).content.decode()
    assert 'class="w-active-filters"' not in unfiltered
    assert 'data-w-active-filter-id="id_assigned_to_me"' not in unfiltered
    # ticked, "Assigned to me" shows as the one filter applied
    mine = client.get(APPLICATION_LIST + "?assigned_to_me=on").content.decode()
    assert 'data-w-active-filter-id="id_assigned_to_me"' in mine


def test_the_register_counts_in_words(world):
    """Russian has three forms after a number, Kazakh keeps the noun singular."""
    reviewer = world["reviewer"]
    html = logged_in(reviewer).get(APPLICATION_LIST).content.decode()
    assert "2 заявки" in html  # world: two submitted applications
    for count, russian, kazakh in (
        (1, "1 заявка", "1 өтінім"),
        (5, "5 заявок", "5 өтінім"),
        (12, "12 заявок", "12 өтінім"),
        (22, "22 заявки", "22 өтінім"),
    ):
        with translation.override("ru"):
            assert Application.counted(count) == russian
        with translation.override("kk"):
            assert Application.counted(count) == kazakh


def test_reviewers_see_every_submitted_application_and_no_draft(world):
    html = logged_in(world["reviewer"]).get(APPLICATION_LIST).content.decode()
    assert "OPI-2026-00001" in html and "OPI-2026-00002" in html
    assert "Предложение 3" not in html  # the draft is the applicant's alone
    assert "Иванов Иван" in html and "ТОО «Датчик»" in html  # applicant, organization


def test_experts_see_only_their_applications_without_personal_contacts(world):
    client = logged_in(world["expert"])
    html = client.get(APPLICATION_LIST).content.decode()
    assert "OPI-2026-00002" in html and "OPI-2026-00001" not in html
    assert "person@example.kz" not in html and "Иванов Иван" not in html
    assert "физическое лицо" in html  # of the applicant, only what kind of person
    assert rows(logged_in(world["other_expert"])) == set()
    other = world["first"]
    inspect = reverse(
        "wagtailsnippets_submissions_application:inspect", args=[other.pk]
    )
    assert client.get(inspect).status_code in (302, 403, 404)


def test_editors_see_no_applications(world):
    response = logged_in(world["editor"]).get(APPLICATION_LIST)
    assert response.status_code in (302, 403)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status=assessment", {"OPI-2026-00002"}),
        ("?kind=equipment", {"OPI-2026-00001"}),
        ("?person_type=individual", {"OPI-2026-00002"}),
        ("?is_resident=false", {"OPI-2026-00002"}),
        ("?q=940740000911", {"OPI-2026-00001", "OPI-2026-00002"}),
        ("?q=company%40example.kz", {"OPI-2026-00001"}),
        ("?q=OPI-2026-00002", {"OPI-2026-00002"}),
        ("?q=%D0%94%D0%B0%D1%82%D1%87%D0%B8%D0%BA", {"OPI-2026-00001"}),  # "Датчик"
    ],
)
def test_filters_and_search_return_the_right_rows(world, query, expected):
    assert rows(logged_in(world["reviewer"]), query) == expected


def test_the_subsidiary_filter_and_assigned_to_me(world):
    reviewer = logged_in(world["reviewer"])
    field = Subsidiary.objects.get()
    assert rows(reviewer, f"?subsidiary={field.pk}") == {"OPI-2026-00001"}
    expert = logged_in(world["expert"])
    assert rows(expert, "?assigned_to_me=on") == {"OPI-2026-00002"}


def test_exports_hold_exactly_the_filtered_rows(world):
    csv = export(logged_in(world["reviewer"]), "?status=screening")
    assert "OPI-2026-00001" in csv and "OPI-2026-00002" not in csv
    assert "company@example.kz" in csv


def test_an_experts_export_has_no_field_an_expert_may_not_see(world):
    csv = export(logged_in(world["expert"]))
    assert "OPI-2026-00002" in csv and "OPI-2026-00001" not in csv
    assert "person@example.kz" not in csv and "Иванов Иван" not in csv
    header = csv.splitlines()[0]
    assert "Заявитель" not in header and "Электронная почта" not in header


def test_every_assignment_and_unassignment_is_a_disclosure(world):
    application, reviewer = world["first"], world["reviewer"]
    expert, other = world["expert"], world["other_expert"]
    client = logged_in(reviewer)
    url = reverse("application_admin_experts", args=[application.pk])
    client.post(url, {"experts": [expert.pk, other.pk]})
    client.post(url, {"experts": [other.pk]})
    records = list(
        Disclosure.objects.filter(application=application)
        .order_by("pk")
        .values_list("expert__email", "action", "by__email")
    )
    assert records == [
        ("expert@example.kz", "granted", "reviewer@example.kz"),
        ("other-expert@example.kz", "granted", "reviewer@example.kz"),
        ("expert@example.kz", "revoked", "reviewer@example.kz"),
    ]
    assert list(application.experts.all()) == [other]
    edit = reverse(
        "wagtailsnippets_submissions_application:edit", args=[application.pk]
    )
    dossier = client.get(edit).content.decode()
    assert "Раскрытие сведений экспертам" in dossier and str(expert) in dossier
    assert logged_in(world["expert"]).get(url).status_code in (302, 403)


def test_the_list_costs_the_same_queries_for_10_and_1000_rows(world):
    client = logged_in(world["reviewer"])
    experts = [world["expert"], world["other_expert"]]

    def fill(up_to):
        start = Application.objects.count() + 1
        new = Application.objects.bulk_create(
            [
                Application(
                    applicant=world["company"],
                    title=f"Заявка {n}",
                    status="screening",
                    reference=f"OPI-2025-{n:05d}",
                    live=False,
                )
                for n in range(start, up_to + 1)
            ]
        )
        through = Application.experts.through
        through.objects.bulk_create(
            [through(application=a, user=experts[a.pk % 2]) for a in new]
        )

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(APPLICATION_LIST).status_code == 200
        return len(captured)

    fill(10)
    count()
    ten = count()
    fill(1000)
    assert count() == ten


# --- the admin's home, per role -----------------------------------------------------------


def test_each_role_finds_what_needs_it_on_the_admin_home():
    reviewer = ReviewerFactory(email="reviewer@example.kz")
    expert = ExpertFactory(email="expert@example.kz")
    applicant = ApplicantFactory(email="company@example.kz")
    waiting = ApplicationFactory(
        applicant=applicant, status=ApplicationStatus.SCREENING
    )
    asked = ApplicationFactory(
        applicant=applicant,
        status=ApplicationStatus.CHANGES_REQUESTED,
        reviewed_by=reviewer,
        comment="Уточните.",
    )
    assessed = ApplicationFactory(
        applicant=applicant,
        status=ApplicationStatus.ASSESSMENT,
        reviewed_by=reviewer,
        experts=[expert],
    )
    staff_client = logged_in(reviewer)
    # the first application has waited in screening for three weeks
    TaskState.objects.filter(pk=waiting.current_workflow_task_state.pk).update(
        started_at=timezone.now() - datetime.timedelta(days=21)
    )

    home = staff_client.get("/admin/").content.decode()
    assert "Заявки на рассмотрении" in home
    stale = home.split("Дольше")[1].split("Исправления запрошены")[0]
    assert waiting.reference in stale and asked.reference not in stale
    unanswered = home.split("Исправления запрошены")[1]
    assert Application.objects.get(pk=asked.pk).reference in unanswered

    expert_home = logged_in(expert).get("/admin/").content.decode()
    assert "Оценки, назначенные вам" in expert_home
    assert Application.objects.get(pk=assessed.pk).reference in expert_home
    assert "Иванов Иван" not in expert_home  # no applicant's name for an expert
    assert waiting.reference not in expert_home


def test_the_admin_home_costs_the_same_queries_for_3_and_30_open_applications(
    django_assert_num_queries,
):
    reviewer = ReviewerFactory(email="reviewer@example.kz")
    applicant = ApplicantFactory(email="company@example.kz")
    client = logged_in(reviewer)
    statuses = [
        ApplicationStatus.SCREENING,
        ApplicationStatus.CHANGES_REQUESTED,
        ApplicationStatus.ASSESSMENT,
    ]
    made = []

    def open_up_to(count):
        while len(made) < count:
            made.append(
                ApplicationFactory(
                    applicant=applicant,
                    status=statuses[len(made) % 3],
                    reviewed_by=reviewer,
                    files=False,
                )
            )
        # the n-th application's current task began (or asked for changes) 40 + n
        # days ago: every one waits too long, the first the longest
        for n, application in enumerate(made):
            moment = timezone.now() - datetime.timedelta(days=40 + len(made) - n)
            current = TaskState.objects.filter(
                workflow_state__object_id=str(application.pk),
                workflow_state__status__in=["in_progress", "needs_changes"],
            )
            current.filter(status=TaskState.STATUS_IN_PROGRESS).update(
                started_at=moment
            )
            current.filter(status=TaskState.STATUS_REJECTED).update(finished_at=moment)

    def home():
        return client.get("/admin/").content.decode()

    def listed(html, start, end):
        part = html.split(start)[1].split(end)[0]
        return re.findall(r"OPI-\d{4}-\d{5}", part)

    open_up_to(3)
    home()  # the caches a running worker has
    with CaptureQueriesContext(connection) as three:
        html = home()
    assert listed(html, "Дольше", "Исправления запрошены") == [
        made[0].reference,
        made[2].reference,
    ]
    assert listed(html, "Исправления запрошены", "</table>") == [made[1].reference]

    open_up_to(30)
    with django_assert_num_queries(len(three)):
        html = home()
    counts = {
        status: int(n)
        for status, n in re.findall(r'\?status=(\w+)"><strong>(\d+)</strong>', html)
    }
    assert counts == {
        "screening": 10,
        "assessment": 10,
        "decision": 0,
        "changes_requested": 10,
    }
    in_a_stage = [a.reference for a in made if a.status != "changes_requested"]
    assert listed(html, "Дольше", "Исправления запрошены") == in_a_stage  # 20
    asked = [a.reference for a in made if a.status == "changes_requested"]
    assert listed(html, "Исправления запрошены", "</table>") == asked
    # "awaiting your review": the 20 newest tasks of the 20 in screening or assessment
    awaiting = html.split('id="awaiting-review-content"')[1].split("</table>")[0]
    assert awaiting.count("<tr") == 20 + 1  # and the table's head
    newest_first = list(dict.fromkeys(re.findall(r"OPI-\d{4}-\d{5}", awaiting)))
    assert newest_first == in_a_stage[::-1]


@pytest.mark.parametrize("limit", [0, 1, 5, 10])
def test_waiting_too_long_starts_where_the_working_days_exceed_the_limit(limit):
    for today in (
        datetime.date(2026, 3, 23),  # after Nauryz
        datetime.date(2026, 12, 2),
        datetime.date(2027, 1, 4),
    ):
        last = last_day_too_long(today, limit)
        assert working_days_between(last, today) > limit
        assert working_days_between(last + datetime.timedelta(days=1), today) <= limit


# --- the dossier and the audit trail ------------------------------------------------------


def test_the_dossier_shows_everything_to_reviewers_and_is_not_an_experts_screen(
    world,
):
    application = world["second"]
    html = logged_in(world["reviewer"]).get(inspect_url(application)).content.decode()
    assert "Предложение 2" in html and "Регистрация заявителя" in html
    assert "person@example.kz" in html and "Иванов Иван" in html
    assert "Кто что делал и когда" in html and "Эксперты назначены" in html
    # the workflow and its steps by their names in the reader's language
    assert "Рассмотрение заявки" in html and "Первичная проверка" in html
    assert "Application review" not in html and "&#x27;Screening" not in html
    company = logged_in(world["reviewer"]).get(inspect_url(world["first"]))
    assert "940740000911" in company.content.decode()
    # experts assess on a screen of their own, never on Wagtail's views of the record
    expert = logged_in(world["expert"])
    assert expert.get(inspect_url(application)).status_code == 403
    assert expert.get(inspect_url(world["first"])).status_code == 403


def test_views_downloads_and_exports_are_in_the_audit_log_and_the_access_report(world):
    application, reviewer = world["second"], world["reviewer"]
    record = ApplicationFileFactory(
        application=application, category="other", original_name="отчёт.pdf"
    )
    client = logged_in(reviewer)
    client.get(inspect_url(application))
    client.get(reverse("application_file", args=[record.pk]))
    export(client, "?status=assessment")
    actions = set(
        ModelLogEntry.objects.filter(user=reviewer).values_list("action", flat=True)
    )
    assert {"opi.access.view", "opi.access.download", "opi.export"} <= actions
    report = client.get(
        reverse("applicant_access_report", args=[world["person"].pk])
    ).content.decode()
    assert "отчёт.pdf" in report and str(reviewer) in report
    assert str(world["expert"]) in report  # the disclosure to the expert
    assert logged_in(world["expert"]).get(
        reverse("applicant_access_report", args=[world["person"].pk])
    ).status_code in (302, 403)


# --- the report ---------------------------------------------------------------------------


def test_the_report_figures_match_a_known_data_set(world):
    now = timezone.now()
    company = world["company"]
    for number, status, kind in (
        (11, "approved", "software"),
        (12, "rejected", "software"),
        (13, "withdrawn", "material"),
    ):
        ApplicationFactory(
            applicant=company,
            title=f"Предложение {number}",
            reference=f"OPI-2026-{number:05d}",
            kind=kind,
            status=status,
            reviewed_by=world["reviewer"],
            experts=[world["expert"]],
        )
    Application.objects.filter(
        reference__in=["OPI-2026-00001", "OPI-2026-00002"]
    ).update(submitted_at=now)
    month = per_month_by_outcome().rows[-1]
    assert month == (
        f"{now:%m.%Y}",
        [1, 1, 1, 2],
    )  # approved, rejected, withdrawn, open
    kinds = dict(by_kind().rows)
    assert kinds["программное обеспечение"] == [3] and kinds["материал"] == [1]
    assert kinds["оборудование"] == [1]
    assert funnel().rows[0][1] == [5] and funnel().rows[-1][1] == [1]

    cache.clear()  # the report reuses its figures for two minutes
    client = logged_in(world["reviewer"])
    page = client.get(reverse("pipeline_report")).content.decode()
    assert "<svg" in page and "Заявки по видам" in page and "<table" in page
    csv = client.get(reverse("pipeline_report") + "?export=by-kind")
    assert csv["Content-Type"].startswith("text/csv")
    assert "программное обеспечение,3" in b"".join(csv.streaming_content).decode(
        "utf-8-sig"
    )
    assert logged_in(world["expert"]).get(reverse("pipeline_report")).status_code in (
        302,
        403,
    )


def test_the_report_counts_local_months_and_each_stages_median_in_the_database(world):
    this_month = month_bounds(months_back())[-2]  # its first local midnight
    Application.objects.filter(pk=world["first"].pk).update(submitted_at=this_month)
    Application.objects.filter(pk=world["second"].pk).update(
        submitted_at=this_month - datetime.timedelta(seconds=1)
    )
    rows = per_month_by_outcome().rows
    assert rows[-1][1] == [0, 0, 0, 1] and rows[-2][1] == [0, 0, 0, 1]
    RegistrationRequest.objects.update(submitted_at=this_month)
    assert registrations_per_month().rows[-1][1] == [
        RegistrationRequest.objects.count()
    ]

    for n in range(2):
        ApplicationFactory(
            applicant=world["company"],
            reference=f"OPI-2026-{80 + n:05d}",
            status="approved",
            reviewed_by=world["reviewer"],
            experts=[world["expert"]],
            files=False,
        )
    # screening finished thrice (1, 2, 4 days), assessment and decision twice each
    spans = {
        ScreeningTask: [1, 2, 4],
        ExpertAssessmentTask: [3, 6],
        DecisionTask: [1, 2],
    }
    for model, days in spans.items():
        finished = TaskState.objects.filter(
            task__content_type=ContentType.objects.get_for_model(model),
            finished_at__isnull=False,
        ).order_by("pk")
        assert finished.count() == len(days)
        for state, span in zip(finished, days, strict=True):
            TaskState.objects.filter(pk=state.pk).update(
                started_at=state.finished_at - datetime.timedelta(days=span)
            )
    assert [row[1] for row in median_days_per_stage().rows] == [[2.0], [4.5], [1.5]]


def test_the_report_costs_the_same_queries_with_more_applications(
    world, django_assert_num_queries, django_assert_max_num_queries
):
    cache.clear()
    with django_assert_max_num_queries(14) as few:  # 13, and one for the requests
        all_charts()
    for n, status in enumerate(
        ("approved", "changes_requested", "rejected", "assessment")
    ):
        ApplicationFactory(
            applicant=world["company"],
            reference=f"OPI-2026-{90 + n:05d}",
            status=status,
            reviewed_by=world["reviewer"],
            experts=[world["expert"]],
            files=False,
        )
    RegistrationRequestFactory()
    with django_assert_num_queries(len(few.captured_queries)):
        all_charts()
    client = logged_in(world["reviewer"])
    client.get(reverse("pipeline_report"))
    cache.clear()
    with CaptureQueriesContext(connection) as afresh:
        assert client.get(reverse("pipeline_report")).status_code == 200
    cache.clear()
    ApplicationFactory(
        applicant=world["company"],
        reference="OPI-2026-00099",
        status="screening",
        files=False,
    )
    with django_assert_num_queries(len(afresh)):
        client.get(reverse("pipeline_report"))


# --- bulk actions -------------------------------------------------------------------------


def bulk_url(action, *applications):
    ids = "&".join(f"id={a.pk}" for a in applications)
    return (
        f"/admin/bulk/submissions/application/{action}/?next={APPLICATION_LIST}&{ids}"
    )


def test_experts_are_assigned_to_several_applications_at_once(world):
    client = logged_in(world["reviewer"])
    other = world["other_expert"]
    url = bulk_url("assign_experts", world["first"], world["second"])
    assert "Назначить экспертов" in client.get(url).content.decode()
    response = client.post(url, {"experts": [other.pk]})
    assert response.status_code == 302
    assert set(world["first"].experts.all()) == {other}
    assert set(world["second"].experts.all()) == {world["expert"], other}
    assert Disclosure.objects.filter(expert=other, action="granted").count() == 2
    expert = logged_in(world["expert"])
    assert expert.post(url, {"experts": [other.pk]}).status_code in (200, 302, 403)
    assert (
        Disclosure.objects.filter(expert=other).count() == 2
    )  # the expert changed nothing


def test_the_selected_rows_are_exported(world):
    client = logged_in(world["reviewer"])
    response = client.post(bulk_url("export_selected", world["first"]), {})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "OPI-2026-00001" in body and "OPI-2026-00002" not in body
    assert "company@example.kz" in body
    expert = logged_in(world["expert"])
    expert_response = expert.post(bulk_url("export_selected", world["second"]), {})
    expert_body = b"".join(expert_response.streaming_content).decode("utf-8-sig")
    assert "OPI-2026-00002" in expert_body and "person@example.kz" not in expert_body


def test_a_reviewer_is_made_responsible_for_several_applications(world):
    colleague = ReviewerFactory(email="colleague@example.kz")
    client = logged_in(world["reviewer"])
    url = bulk_url("assign_reviewer", world["first"], world["second"])
    client.post(url, {"reviewer": colleague.pk})
    assert set(Application.objects.filter(reviewer=colleague)) == {
        world["first"],
        world["second"],
    }
    assert rows(logged_in(colleague), "?assigned_to_me=on") == {
        "OPI-2026-00001",
        "OPI-2026-00002",
    }
    assert rows(client, "?assigned_to_me=on") == set()


def footer_actions(html):
    """(main action, the others) of an edit view's action menu, as the reviewer reads
    them."""
    footer = html[html.index('<footer class="footer') :]
    footer = footer[: footer.index("</footer>")]
    labels = [
        " ".join(re.sub(r"<[^>]+>", " ", chunk).split())
        for chunk in re.findall(
            r"data-workflow-action-name=[^>]*>(.*?)</button>", footer, re.S
        )
    ]
    return labels[0], labels[1:]


def test_approving_is_the_main_action_and_never_says_publish():
    reviewer = ReviewerFactory()
    application = ApplicationFactory(status=ApplicationStatus.DECISION)
    html = (
        logged_in(reviewer)
        .get(
            reverse(
                "wagtailsnippets_submissions_application:edit", args=[application.pk]
            )
        )
        .content.decode()
    )
    main, others = footer_actions(html)
    assert (
        main == "Одобрить для ОПИ"
    )  # the final task: Wagtail would add "и Опубликовать"
    assert others == ["Запросить исправления", "Отклонить заявку"]
    assert "Опубликовать" not in html[html.index('<footer class="footer') :]


def act_in_the_editor(client, obj, action, **data):
    """A workflow action as the admin's edit view takes it from the footer (the modal
    collects ``data``, then the editor's form is posted), following the redirect."""
    url = reverse(
        f"wagtailsnippets_{obj._meta.app_label}_{obj._meta.model_name}:edit",
        args=[obj.pk],
    )
    return url, client.post(
        url,
        {
            "action-workflow-action": "1",
            "workflow-action-name": action,
            "workflow-action-extra-data": json.dumps(data),
        },
        follow=True,
    )


def messages_of(response):
    """The messages as the reviewer reads them (Wagtail renders each as a fragment)."""
    return [str(message).strip() for message in response.context["messages"]]


def test_after_approving_a_registration_the_reviewer_stays_on_it_and_is_told_so():
    reviewer = ReviewerFactory()
    registration = RegistrationRequestFactory()
    url, response = act_in_the_editor(logged_in(reviewer), registration, "approve")
    assert response.redirect_chain == [(url, 302)]
    assert messages_of(response) == ["Регистрация подтверждена; заявителю сообщено."]
    registration.refresh_from_db()
    assert registration.profile.status == VerificationStatus.VERIFIED


def test_after_requesting_changes_the_reviewer_stays_on_the_dossier():
    reviewer = ReviewerFactory()
    application = ApplicationFactory(status=ApplicationStatus.SCREENING)
    url, response = act_in_the_editor(
        logged_in(reviewer), application, "reject", comment="Уточните бюджет."
    )
    assert response.redirect_chain == [(url, 302)]
    assert messages_of(response) == [
        "Исправления запрошены; заявителю сообщено, что исправить."
    ]
    assert "обновлен" not in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CHANGES_REQUESTED


def test_the_editor_takes_no_assessment_from_an_expert_who_assesses_on_their_screen():
    expert = ExpertFactory()
    application = ApplicationFactory(
        status=ApplicationStatus.ASSESSMENT, experts=[expert]
    )
    _url, response = act_in_the_editor(
        logged_in(expert),
        application,
        "assess",
        novelty=4,
        group_fit=5,
        economic_effect=4,
        safety=5,
        readiness=3,
        recommendation="recommend",
        comment="Стоит испытать.",
    )
    assert "Ваша оценка отправлена" not in response.content.decode()
    assert not application.assessments.exists()


def test_a_registration_offers_approval_first_and_keeps_each_action_its_own_name():
    registration = RegistrationRequestFactory()
    html = (
        logged_in(ReviewerFactory())
        .get(
            reverse(
                "wagtailsnippets_submissions_registrationrequest:edit",
                args=[registration.pk],
            )
        )
        .content.decode()
    )
    main, others = footer_actions(html)
    assert main == "Одобрить"
    assert sorted(others) == ["Запросить исправления", "Одобрить с комментарием"]


def test_an_action_from_awaiting_your_review_lands_on_the_dossier_with_its_message(
    world,
):
    registration = RegistrationRequestFactory(profile=world["person"].applicant_profile)
    state = registration.current_workflow_task_state
    url = reverse(
        "wagtailsnippets_submissions_registrationrequest:workflow_action",
        args=[registration.pk, "approve", state.pk],
    )
    client = logged_in(world["reviewer"])
    # the home page's modal posts with ?next= the home page, as XHR
    answer = client.post(
        f"{url}?next=/admin/", {}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    dossier = reverse(
        "wagtailsnippets_submissions_registrationrequest:edit", args=[registration.pk]
    )
    assert json.loads(answer.content)["redirect"] == dossier
    page = client.get(dossier).content.decode()
    assert "Регистрация подтверждена; заявителю сообщено." in page
    registration.profile.refresh_from_db()
    assert registration.profile.status == VerificationStatus.VERIFIED
