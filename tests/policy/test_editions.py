"""Frozen editions: one per go-live, numbered in order, never changed afterwards."""

import datetime
import hashlib

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from policy.models import ImmutableRecordError, PolicyEdition
from tests.factories import (
    AdministratorFactory,
    PolicyPageFactory,
    go_live,
    policy_fields,
)
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_policy(home_page):
    return PolicyPageFactory(parent=home_page)


def test_each_go_live_makes_exactly_one_edition_in_sequence(draft_policy):
    first_revision = go_live(draft_policy)
    go_live(draft_policy, change_summary="Уточнён состав данных.")
    go_live(draft_policy, requires_renewed_consent=True)
    editions = list(PolicyEdition.objects.filter(page=draft_policy).order_by("number"))
    assert [edition.number for edition in editions] == [1, 2, 3]
    assert editions[0].revision == first_revision
    assert editions[1].change_summary == "Уточнён состав данных."
    assert editions[2].requires_renewed_consent is True


def test_saving_a_draft_makes_no_edition(draft_policy):
    draft_policy.save_revision()
    assert not PolicyEdition.objects.exists()


def test_frozen_text_survives_later_edits_and_its_hash_matches(client, draft_policy):
    go_live(draft_policy)
    edition = PolicyEdition.objects.get(page=draft_policy, number=1)
    assert "Политика действует для всех пользователей портала." in edition.text_html
    assert '<span class="policy__number">1.2.</span>' in edition.text_html
    assert edition.text_sha256 == hashlib.sha256(edition.text_html.encode()).hexdigest()
    assert "Я даю согласие" in edition.consent_statement_html
    assert (
        edition.consent_statement_sha256
        == hashlib.sha256(edition.consent_statement_html.encode()).hexdigest()
    )

    body = policy_fields()["body"]
    body[0]["value"]["clauses"][0] = "<p>Совсем другой текст пункта.</p>"
    go_live(draft_policy, body=body)
    edition.refresh_from_db()
    assert "Совсем другой текст пункта." not in edition.text_html
    assert (
        "Совсем другой текст пункта." in PolicyEdition.objects.get(number=2).text_html
    )


def test_scheduled_go_live_makes_an_edition_when_it_comes(draft_policy):
    draft_policy.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = draft_policy.save_revision()
    revision.publish()  # a go-live date in the future only schedules the revision
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    assert not PolicyEdition.objects.exists()

    # The day comes: move the schedule into the past instead of waiting for it.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled")

    assert Page.objects.get(pk=draft_policy.pk).live
    assert PolicyEdition.objects.filter(page=draft_policy, number=1).count() == 1


def test_an_edition_cannot_be_changed_or_deleted(draft_policy):
    go_live(draft_policy)
    edition = PolicyEdition.objects.get()
    edition.text_html = "<p>подмена</p>"
    with pytest.raises(ImmutableRecordError):
        edition.save()
    with pytest.raises(ImmutableRecordError):
        PolicyEdition.objects.get().delete()
    assert PolicyEdition.objects.get().text_html != "<p>подмена</p>"


def test_admin_lists_editions_read_only(client, draft_policy):
    go_live(draft_policy)
    edition = PolicyEdition.objects.get()
    verified_login(client, AdministratorFactory())
    listing = client.get("/admin/policy/policyedition/")
    assert listing.status_code == 200
    assert edition.text_sha256[:12] in listing.content.decode()
    inspect = client.get(f"/admin/policy/policyedition/inspect/{edition.pk}/")
    assert inspect.status_code == 200
    assert edition.text_sha256 in inspect.content.decode()
    assert client.get(
        f"/admin/policy/policyedition/edit/{edition.pk}/"
    ).status_code in (
        302,
        403,
    )
    assert client.get("/admin/policy/policyedition/create/").status_code in (302, 403)
    assert PolicyEdition.objects.get().text_html == edition.text_html
