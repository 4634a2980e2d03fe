"""The captcha of the forms (core/templates/captcha/widgets/captcha.html): a picture with
a text alternative, a button for other characters, and the characters spoken when flite
is installed."""

import re
import shutil

import pytest
from captcha.conf import settings as captcha_settings
from captcha.models import CaptchaStore
from django.test import Client

from tests.conftest import missing_tool

pytestmark = pytest.mark.django_db

FLITE = shutil.which("flite")


def captcha_key(html):
    return re.search(r'name="captcha_0" value="([^"]+)"', html).group(1)


@pytest.fixture
def flite(monkeypatch):
    """The library reads CAPTCHA_FLITE_PATH once, into its own settings module."""
    if not FLITE:
        missing_tool("flite is not installed (Debian package flite)")
    monkeypatch.setattr(captcha_settings, "CAPTCHA_FLITE_PATH", FLITE)
    return FLITE


def test_the_registration_captcha_has_its_controls(register_page, flite):
    html = Client().get("/register/").content.decode()
    key = captcha_key(html)
    assert f'src="/captcha/image/{key}/"' in html
    assert 'alt="captcha"' not in html  # a real text alternative
    assert "data-captcha-refresh" in html and 'type="button"' in html
    assert 'data-refresh-url="/captcha/refresh/"' in html
    assert f'<audio controls preload="none" src="/captcha/audio/{key}.wav"' in html
    assert 'aria-live="polite"' in html
    assert '<script src="/static/js/captcha.js" defer></script>' in html
    assert '<label for="id_captcha_1">' in html


def test_without_flite_there_is_no_audio(register_page, monkeypatch):
    monkeypatch.setattr(captcha_settings, "CAPTCHA_FLITE_PATH", None)
    html = Client().get("/register/").content.decode()
    assert "<audio" not in html and "data-captcha-refresh" in html


def test_the_spoken_characters_are_a_wav(register_page, flite):
    html = Client().get("/register/").content.decode()
    response = Client().get(f"/captcha/audio/{captcha_key(html)}.wav")
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    assert b"".join(response.streaming_content)[:4] == b"RIFF"


def test_refresh_gives_a_new_challenge(register_page, flite):
    html = Client().get("/register/").content.decode()
    old = captcha_key(html)
    response = Client().get(
        "/captcha/refresh/", headers={"x-requested-with": "XMLHttpRequest"}
    )
    data = response.json()
    assert data["key"] != old and CaptchaStore.objects.filter(hashkey=data["key"])
    assert data["image_url"] == f"/captcha/image/{data['key']}/"
    assert data["audio_url"] == f"/captcha/audio/{data['key']}.wav"
    image = Client().get(data["image_url"])
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
