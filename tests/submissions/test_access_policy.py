"""Who sees what in the admin: the surfaces of Wagtail's that never asked the access
policy (site history, choosers, the edit view for experts, drafts, a blocked applicant
everywhere) each answer as the policy says, and each role opens only its own admin views."""

from fnmatch import fnmatchcase

import pytest
from django.urls import get_resolver, reverse
from wagtail.models import ModelLogEntry
from wagtail.permissions import policy_registry

from accounts import roles
from privacy.blocking import block_applicant, lift_block
from submissions.applications import notifications
from submissions.models.applications import Application, ApplicationMessage
from submissions.permissions import application_policy
from tests.factories import (
    AdministratorFactory,
    PolicyApproverFactory,
    RegistrationRequestFactory,
)
from tests.helpers import APPLICATION_LIST, logged_in

pytestmark = pytest.mark.django_db

SITE_HISTORY = reverse("wagtailadmin_reports:site_history")
REGISTRATION_LIST = reverse("wagtailsnippets_submissions_registrationrequest:list")


def snippet_url(model, view, *args):
    return reverse(f"wagtailsnippets_submissions_{model}:{view}", args=args)


def chooser_urls(model, pk):
    prefix = f"wagtailsnippetchoosers_submissions_{model}"
    return [
        reverse(f"{prefix}:choose"),
        reverse(f"{prefix}:choose_results") + "?q=example",
        reverse(f"{prefix}:chosen", args=[pk]),
        reverse(f"{prefix}:chosen_multiple") + f"?id={pk}",
    ]


def awaiting_review(home):
    """The "Awaiting your review" panel of the admin's home page."""
    start = home.index('id="awaiting-review-section"')
    return home[start : home.index("</section>", start)]


def staff_of_every_kind(world):
    return {
        "expert": world["expert"],
        "unassigned expert": world["other_expert"],
        "editor": world["editor"],
        "policy approver": PolicyApproverFactory(email="approver@example.kz"),
        "reviewer": world["reviewer"],
    }


def test_site_history_and_its_exports_are_the_administrators_alone(world):
    assert ModelLogEntry.objects.filter(user=world["person"]).exists()
    for role, user in staff_of_every_kind(world).items():
        client = logged_in(user)
        for query in ("", "?export=csv", "?export=xlsx"):
            response = client.get(SITE_HISTORY + query)
            assert response.status_code == 403, (role, query)
            assert "person@example.kz" not in response.content.decode(), role
    administrator = logged_in(AdministratorFactory())
    assert administrator.get(SITE_HISTORY).status_code == 200


def test_the_snippet_choosers_of_people_are_closed_to_staff_and_hold_no_drafts(world):
    registration = RegistrationRequestFactory(profile=world["person"].applicant_profile)
    for role, user in staff_of_every_kind(world).items():
        client = logged_in(user)
        for url in chooser_urls("application", world["second"].pk) + chooser_urls(
            "registrationrequest", registration.pk
        ):
            response = client.get(url)
            assert response.status_code == 403, (role, url)
    administrator = logged_in(AdministratorFactory())
    listing = administrator.get(chooser_urls("application", world["draft"].pk)[0])
    assert listing.status_code == 200
    html = listing.json()["html"]
    assert "Предложение 1" in html and "Предложение 3" not in html  # no draft
    chosen = chooser_urls("application", world["draft"].pk)[2]
    assert administrator.get(chosen).status_code == 404


def test_experts_never_open_wagtails_views_of_an_application(world):
    expert = logged_in(world["expert"])
    assigned = world["second"].pk
    for view in ("edit", "inspect", "history", "workflow_history", "usage"):
        assert expert.get(snippet_url("application", view, assigned)).status_code == 403
    # their register lists only what is assigned to them, without the person
    listing = expert.get(APPLICATION_LIST).content.decode()
    assert "OPI-2026-00002" in listing and "OPI-2026-00001" not in listing
    assert "person@example.kz" not in listing
    # and they cannot search by e-mail, BIN/IIN or name: the register searches none of
    # them for an expert
    found = expert.get(APPLICATION_LIST + "?q=person%40example.kz").content.decode()
    assert "OPI-2026-00002" not in found


def test_reviewers_never_open_a_draft(world):
    reviewer = logged_in(world["reviewer"])
    draft = world["draft"].pk
    for view in ("edit", "inspect", "history", "workflow_history"):
        response = reviewer.get(snippet_url("application", view, draft))
        assert response.status_code == 404, view
    # the admin's "not found" says neither that the draft exists nor that it does not
    page = response.content.decode()
    assert "Здесь нет ничего, что вы можете открыть" in page and "Wagtail" not in page
    assert "Предложение 3" not in reviewer.get(APPLICATION_LIST).content.decode()
    assert (
        reviewer.get(snippet_url("application", "edit", world["first"].pk)).status_code
        == 200
    )


def test_a_blocked_applicant_is_blocked_on_every_staff_surface_until_the_block_is_lifted(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    person, application = world["person"], world["second"]
    person.applicant_profile.full_name = "Петрова Сания"  # no one else's name
    person.applicant_profile.save()
    registration = RegistrationRequestFactory(profile=person.applicant_profile)
    assert registration.email == "person@example.kz"
    administrator_user = AdministratorFactory()
    home_url = reverse("wagtailadmin_home")
    home = logged_in(world["reviewer"]).get(home_url).content.decode()
    assert "OPI-2026-00002" in awaiting_review(home)
    block_applicant(person.applicant_profile, administrator_user, "проверка")
    reviewer = logged_in(world["reviewer"])
    personal = (
        "person@example.kz",
        person.applicant_profile.full_name,
        "Предложение 2",
    )

    # lists and search: the pseudonym, never the person, and no search finds them
    registrations = reviewer.get(REGISTRATION_LIST).content.decode()
    assert "заблокировано" in registrations
    assert person.applicant_profile.bin_iin not in registrations
    for text in personal:
        assert text not in registrations
    for query in ("person%40example.kz", person.applicant_profile.bin_iin):
        found = reviewer.get(REGISTRATION_LIST + f"?q={query}").content.decode()
        assert "заблокировано" not in found
        found = reviewer.get(APPLICATION_LIST + f"?q={query}").content.decode()
        assert "OPI-2026-00002" not in found
    listing = reviewer.get(APPLICATION_LIST).content.decode()
    assert "OPI-2026-00002" in listing and "Предложение 2" not in listing

    # every view of their records is refused with the reason
    for url in (
        snippet_url("registrationrequest", "edit", registration.pk),
        snippet_url("registrationrequest", "history", registration.pk),
        snippet_url("application", "edit", application.pk),
        snippet_url("application", "history", application.pk),
        snippet_url("application", "inspect", application.pk),
    ):
        refused = reviewer.get(url, follow=True)
        assert refused.redirect_chain, url
        page = refused.content.decode()
        assert "заблокированы на время проверки" in page, url
        for text in personal:
            assert text not in page, (url, text)

    # not awaiting anyone's review, and nothing can be done with it
    home = reviewer.get(home_url).content.decode()
    assert "Предложение 2" not in home and "person@example.kz" not in home
    assert "OPI-2026-00002" not in awaiting_review(home)
    assert "OPI-2026-00001" in awaiting_review(home)
    experts_url = reverse("application_admin_experts", args=[application.pk])
    refused = reviewer.post(
        experts_url, {"experts": [world["other_expert"].pk]}, follow=True
    )
    assert "заблокированы на время проверки" in refused.content.decode()
    assert not application.experts.filter(pk=world["other_expert"].pk).exists()
    message_url = reverse("application_admin_message", args=[application.pk])
    reviewer.post(message_url, {"body": "Здравствуйте"}, follow=True)
    assert not ApplicationMessage.objects.filter(body="Здравствуйте").exists()

    # nobody acts on it, the administrator included, and e-mails to staff carry the
    # pseudonym
    administrator = logged_in(administrator_user)
    refused = administrator.post(
        experts_url, {"experts": [world["other_expert"].pk]}, follow=True
    )
    assert "заблокированы на время проверки" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.after_commit("assessment_assigned", application)
    staff_mail = [m for m in mailoutbox if "expert@example.kz" in m.to]
    assert staff_mail
    for message in staff_mail:
        assert "Предложение 2" not in message.subject + message.body

    # lifting the block restores everything
    lift_block(person.applicant_profile, administrator_user)
    assert "Предложение 2" in reviewer.get(APPLICATION_LIST).content.decode()
    edit = reviewer.get(snippet_url("registrationrequest", "edit", registration.pk))
    assert edit.status_code == 200 and "person@example.kz" in edit.content.decode()


# --- the admin views each role may open -----------------------------------------------------


def admin_url_names():
    """Every named admin view the URL resolver knows, as ``namespace:name``."""

    def walk(patterns, namespace, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if hasattr(pattern, "url_patterns"):
                inner = namespace
                if pattern.namespace:
                    inner = (
                        f"{namespace}:{pattern.namespace}"
                        if namespace
                        else pattern.namespace
                    )
                yield from walk(pattern.url_patterns, inner, route)
            elif pattern.name and route.lstrip("^").startswith("admin/"):
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns, "", ""))


def test_every_allowed_admin_view_exists_and_the_allow_lists_are_these():
    names = admin_url_names()
    everyone = roles.EVERY_STAFF_MEMBER
    lists = {role: everyone + list(views) for role, views in roles.ADMIN_VIEWS.items()}
    for role, patterns in lists.items():
        for pattern in patterns:
            assert any(fnmatchcase(name, pattern) for name in names), (
                f"{role}: {pattern} names no admin view"
            )
    opened = {
        role: sorted(n for n in names if any(fnmatchcase(n, p) for p in patterns))
        for role, patterns in lists.items()
    }
    print("\nadmin views per role:")
    for role, views in opened.items():
        print(f"  {role} ({len(views)}): {', '.join(views)}")
    # what no one but an administrator opens
    closed_to_all = {
        "wagtailadmin_reports:site_history",
        "wagtailadmin_reports:workflow",
        "wagtailadmin_reports:workflow_tasks",
        "wagtailusers_users:index",
        "wagtailsnippetchoosers_submissions_application:choose",
        "wagtailsnippetchoosers_submissions_registrationrequest:choose",
        "wagtailsnippets_submissions_application:usage",
        "policy_consentrecord_modeladmin_index",
        "accounts_sentemail_modeladmin_index",
        "applicant_unblock",
    }
    for role, views in opened.items():
        assert not closed_to_all & set(views), role
    assert "application_assessment" in opened[roles.EXPERTS]
    assert "wagtailsnippets_submissions_application:edit" not in opened[roles.EXPERTS]


def bulk_url(action, *applications):
    ids = "&".join(f"id={application.pk}" for application in applications)
    return f"/admin/bulk/submissions/application/{action}/?{ids}"


def test_bulk_actions_list_only_what_the_policy_lets_one_see_and_never_delete(world):
    everything = (world["first"], world["second"], world["draft"])
    expert = logged_in(world["expert"])
    page = expert.get(bulk_url("export_selected", *everything)).content.decode()
    assert "Предложение 1" not in page and "Предложение 3" not in page
    reviewer = logged_in(world["reviewer"])
    for action in ("assign_reviewer", "assign_experts"):
        page = reviewer.get(bulk_url(action, *everything)).content.decode()
        assert "Предложение 1" in page and "Предложение 3" not in page, action
    administrator = logged_in(AdministratorFactory())
    page = administrator.get(bulk_url("delete", *everything)).content.decode()
    assert "Предложение 3" not in page
    administrator.post(bulk_url("delete", *everything))
    assert all(
        type(application).objects.filter(pk=application.pk).exists()
        for application in everything
    )


def test_wagtails_permission_policy_of_an_application_is_the_portals(world):
    policy = policy_registry.get_by_type(Application)
    assert policy is application_policy
    expert, reviewer = world["expert"], world["reviewer"]
    first, second, draft = world["first"], world["second"], world["draft"]
    assert list(policy.instances_user_has_permission_for(expert, "view")) == [second]
    seen_by_reviewer = set(policy.instances_user_has_permission_for(reviewer, "change"))
    assert seen_by_reviewer == {first, second}  # never the draft
    assert not policy.user_has_permission_for_instance(expert, "view", first)
    assert policy.user_has_permission_for_instance(expert, "view", second)
    assert not policy.user_has_permission_for_instance(world["editor"], "view", second)
    who = set(policy.users_with_any_permission_for_instance(["view"], second))
    assert {expert, reviewer} <= who and world["other_expert"] not in who
    assert not set(policy.users_with_any_permission_for_instance(["view"], draft))
