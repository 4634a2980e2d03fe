"""The demo content command: what it creates, and that running it twice is harmless."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from wagtail.models import Page

from accounts.models import User
from home.models import PortalSettings

pytestmark = pytest.mark.django_db

DEMO_EMAILS = [
    "admin@example.kz",
    "editor@example.kz",
    "approver@example.kz",
    "reviewer@example.kz",
    "expert@example.kz",
    "applicant@example.kz",
]


def snapshot():
    return (
        Page.objects.count(),
        Page.objects.live().count(),
        User.objects.count(),
        PortalSettings.objects.count(),
    )


def test_load_demo_twice_creates_nothing_the_second_time(client, capsys):
    call_command("load_demo", password="first-password-1")
    first = snapshot()
    call_command("load_demo", password="second-password-2")
    assert snapshot() == first
    output = capsys.readouterr().out
    assert "nothing to create" in output
    assert "second-password-2" in output
    # the printed password is the one that works now
    assert authenticate(email="editor@example.kz", password="second-password-2")
    assert not authenticate(email="editor@example.kz", password="first-password-1")


def test_demo_site_in_three_languages(client):
    call_command("load_demo", password="demo-password-1")
    for path, text in [
        ("/", "Подать заявку"),
        ("/about/", "Об ОПИ"),
        ("/how-to-apply/", "Как подать заявку"),
        ("/faq/", "Вопросы и ответы"),
        ("/contacts/", "Контакты"),
        ("/news/", "Итоги испытаний системы мониторинга коррозии"),
        ("/en/", "Test your technology"),
        ("/en/about/", "About pilot testing"),
        ("/kk/", "ТӨС орталығы"),
        ("/kk/faq/", "Сұрақтар мен жауаптар"),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert text in response.content.decode(), path


def test_main_menu_follows_the_language(client):
    call_command("load_demo", password="demo-password-1")
    assert (
        '<a href="/en/how-to-apply/">How to apply</a>'
        in client.get("/en/").content.decode()
    )
    assert '<a href="/kk/about/">ТӨС туралы</a>' in client.get("/kk/").content.decode()


def test_one_user_per_role(client):
    call_command("load_demo", password="demo-password-1")
    for email in DEMO_EMAILS:
        assert authenticate(email=email, password="demo-password-1"), email
    assert User.objects.get(email="admin@example.kz").is_superuser
    assert (
        User.objects.get(email="expert@example.kz")
        .groups.filter(name="Experts")
        .exists()
    )
    editor = User.objects.get(email="editor@example.kz")
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    client.force_login(User.objects.get(email="applicant@example.kz"))
    assert client.get("/admin/").status_code == 302
