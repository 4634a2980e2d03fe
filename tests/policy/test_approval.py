"""The "Policy approval" workflow: editors submit, policy approvers decide."""

import pytest
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from policy.models import PolicyEdition
from tests.factories import PolicyApproverFactory, PolicyPageFactory
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(home_page):
    page = PolicyPageFactory(parent=home_page)
    page.save_revision()
    return page


@pytest.fixture
def approver(db):
    return PolicyApproverFactory(email="approver@example.kz")


def edit_form(page, action):
    """What the page editor posts for ``page``, built with Wagtail's form-data helpers."""
    clause = {
        "value": rich_text("<p>Политика действует для всех.</p>"),
        "deleted": "",
        "order": "0",
        "id": "",
    }
    section = {"heading": "Общие положения", "clauses": {"count": "1", "0": clause}}
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "document_code": page.document_code,
            "approval_order_number": page.approval_order_number,
            "approval_order_date": page.approval_order_date.isoformat(),
            "approved_by": page.approved_by,
            "effective_date": page.effective_date.isoformat(),
            "introduction": rich_text(page.introduction),
            "consent_statement": rich_text(page.consent_statement),
            "change_summary": "Первая редакция.",
            "body": streamfield([("section", section)]),
        }
    )
    data[action] = action
    return data


def submit(client, editor, page):
    verified_login(client, editor)
    response = client.post(
        f"/admin/pages/{page.pk}/edit/", edit_form(page, "action-submit")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(page.pk), status="in_progress"
    )


def test_every_policy_page_is_in_the_policy_approval_workflow(policy):
    assert policy.get_workflow().name == "Policy approval"


def test_editor_cannot_publish_the_policy(client, editor, policy):
    assert not policy.permissions_for_user(editor).can_publish()
    verified_login(client, editor)
    client.post(f"/admin/pages/{policy.pk}/edit/", edit_form(policy, "action-publish"))
    policy.refresh_from_db()
    assert not policy.live
    assert not PolicyEdition.objects.exists()


def test_approver_approves_and_the_edition_goes_live(client, editor, approver, policy):
    state = submit(client, editor, policy)
    verified_login(client, approver)
    response = client.post(
        f"/admin/pages/workflow/action/{policy.pk}/approve/{state.current_task_state.pk}/",
        {"comment": "Согласовано с юридическим отделом."},
    )
    assert response.status_code in (200, 302), response.content.decode()[:2000]
    policy.refresh_from_db()
    assert policy.live
    edition = PolicyEdition.objects.get(page=policy)
    assert edition.number == 1 and edition.change_summary == "Первая редакция."


def test_approver_requests_changes_with_a_comment(client, editor, approver, policy):
    state = submit(client, editor, policy)
    verified_login(client, approver)
    client.post(
        f"/admin/pages/workflow/action/{policy.pk}/reject/{state.current_task_state.pk}/",
        {"comment": "Уточните срок хранения данных."},
    )
    state.refresh_from_db()
    policy.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Уточните срок хранения данных."
    assert not policy.live and not PolicyEdition.objects.exists()


def test_who_may_publish_the_policy(policy, superuser, editor, approver):
    assert policy.permissions_for_user(superuser).can_publish()
    assert policy.permissions_for_user(approver).can_publish()
    assert not policy.permissions_for_user(editor).can_publish()
    assert not policy.permissions_for_user(approver).can_unpublish()
