"""The staff groups the data migration creates, and what the editor can do with them."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from accounts import roles
from home.models import InfoPage
from tests.factories import ReviewerFactory, UserFactory, add_info_page
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db


def test_every_role_of_the_design_exists():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Editors", "Policy approvers", "Reviewers", "Experts"} <= names
    assert "Moderators" not in names


@pytest.mark.parametrize("name", list(roles.ROLES))
def test_every_staff_role_may_enter_the_admin(name):
    group = Group.objects.get(name=name)
    assert group.permissions.filter(codename="access_admin").exists()


def test_editors_manage_pages_images_and_documents():
    editors = Group.objects.get(name=roles.EDITORS)
    page_codenames = set(
        GroupPagePermission.objects.filter(group=editors).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page"} <= page_codenames
    collection_codenames = set(
        GroupCollectionPermission.objects.filter(
            group=editors, collection=Collection.get_first_root_node()
        ).values_list("permission__codename", flat=True)
    )
    assert {"add_image", "change_image", "add_document", "change_document"} <= (
        collection_codenames
    )


def test_other_roles_get_no_page_rights_yet():
    for name in (roles.POLICY_APPROVERS, roles.REVIEWERS, roles.EXPERTS):
        assert not GroupPagePermission.objects.filter(group__name=name).exists()


@pytest.mark.parametrize("name", list(roles.ROLES))
def test_the_migrations_grant_each_role_exactly_what_roles_describes(name):
    granted = set(
        Group.objects.get(name=name).permissions.values_list(
            "content_type__app_label", "content_type__model", "codename"
        )
    )
    described = {
        (app_label, model, codename)
        for app_label, model, codename, _label in roles.ROLES[name]["permissions"]
    }
    # Wagtail's own migrations gave its starter "Editors" group image and document rights
    wagtail_starter = {(app, model) for app, model, _code in granted} & {
        ("wagtailimages", "image"),
        ("wagtaildocs", "document"),
    }
    extra = {p for p in granted - described if (p[0], p[1]) not in wagtail_starter}
    assert described <= granted and extra == set()
    pages = set(
        GroupPagePermission.objects.filter(group__name=name).values_list(
            "permission__codename", flat=True
        )
    )
    assert pages == set(roles.ROLES[name].get("page_permissions", []))


def test_editor_publishes_a_page_through_the_admin(client, editor, home_page):
    page = add_info_page(home_page, title="Контакты", slug="contacts")
    verified_login(client, editor)
    assert client.get("/admin/").status_code == 200
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {
            "title": "Контакты центра",
            "slug": "contacts",
            "intro": "Как с нами связаться.",
            "body-count": "0",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    assert page.live and page.title == "Контакты центра"
    assert "Контакты центра" in client.get("/contacts/").content.decode()


def test_reviewer_cannot_edit_pages(client, home_page):
    reviewer = ReviewerFactory()
    page = add_info_page(home_page, title="Об ОПИ", slug="about")
    verified_login(client, reviewer)
    assert client.get("/admin/").status_code == 200
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code in (302, 403)
    assert InfoPage.objects.get(pk=page.pk).title == "Об ОПИ"


def test_applicant_without_role_is_kept_out_of_the_admin(client):
    client.force_login(UserFactory())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
