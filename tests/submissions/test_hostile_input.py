"""Hostile input: random and malicious values (huge strings, control characters, scripts,
SQL, null bytes, wrong types) posted to every public form never cause a server error,
store nothing, and what applicants type is never rendered as HTML."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from privacy.models.data_requests import DataSubjectRequest
from submissions.models.applications import Application
from tests.factories import HOSTILE_QUERIES, ApplicantFactory

pytestmark = pytest.mark.django_db

NASTY = [
    "<script>alert(1)</script>",
    "'; DROP TABLE accounts_user; --",
    "\x00",
    "a\x00b",
    "\u202e\u200b\ufeff",
    "𝕏" * 300,
    "x" * 70000,
    "../../etc/passwd",
    "{{ 7*7 }}",
    "%(name)s",
    "-1",
    "9" * 40,
    "",
    '"',
    'a"b',
    "NEAR(a b)",
    "a:*",
    "<->",
]
hostile_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=300),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=50),
)
# How many examples: the Hypothesis profile (tests/conftest.py; many under
# HYPOTHESIS_PROFILE=ci).
RUNS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

REGISTRATION_FIELDS = [
    "person_type",
    "full_name",
    "email",
    "organization",
    "resident",
    "country",
    "bin_iin",
    "phone",
    "representative_name",
    "represented_email",
    "password1",
    "password2",
    "accept_policy",
    "consent_processing",
    "captcha_0",
    "captcha_1",
]


def the_applicant():
    """One applicant for all of an example run (the database keeps it between them)."""
    email = "applicant@example.kz"
    return User.objects.filter(email=email).first() or ApplicantFactory(email=email)


def answered(response):
    """A page with an error shown (200/400) or a redirect; never a server error."""
    assert response.status_code < 500, response.status_code
    return response


@RUNS
@given(
    values=st.lists(
        hostile_text,
        min_size=len(REGISTRATION_FIELDS),
        max_size=len(REGISTRATION_FIELDS),
    )
)
def test_the_registration_form(register_page, values):
    data = dict(zip(REGISTRATION_FIELDS, values, strict=True))
    users = User.objects.count()
    response = answered(Client().post("/register/", data))
    assert response.status_code == 200  # the form again, with its errors
    assert "field__error" in response.content.decode()
    assert User.objects.count() == users


@RUNS
@given(
    username=hostile_text, password=hostile_text, email=hostile_text, query=hostile_text
)
def test_login_reset_resend_and_search(register_page, username, password, email, query):
    client = Client()
    answered(
        client.post("/accounts/login/", {"username": username, "password": password})
    )
    answered(client.post("/accounts/password-reset/", {"email": email}))
    answered(client.post("/accounts/verify/resend/", {"email": email}))
    answered(client.get("/search/", {"q": query}))
    answered(client.get("/consent/", {"t": query}))


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_search_with_every_operator_of_the_full_text_syntax(register_page, query):
    """Fixed examples, not left to chance: each operator of SQLite's FTS5 and of
    PostgreSQL's tsquery, in every language's search."""
    client = Client()
    for url in ("/search/", "/kk/search/", "/en/search/"):
        response = client.get(url, {"q": query, "page": query})
        assert response.status_code == 200, (url, response.status_code)
        assert 'id="search-query"' in response.content.decode()


@RUNS
@given(kind=hostile_text, purpose=hostile_text, details=hostile_text)
def test_the_data_request_form(register_page, data_page, kind, purpose, details):
    user = the_applicant()
    client = Client()
    client.force_login(user)
    before = DataSubjectRequest.objects.count()
    response = answered(
        client.post(
            "/data-requests/", {"kind": kind, "purpose": purpose, "details": details}
        )
    )
    if kind not in ("withdraw_consent", "block", "correct", "export", "delete"):
        assert response.status_code == 200
        assert DataSubjectRequest.objects.count() == before


@RUNS
@given(values=st.lists(hostile_text, min_size=7, max_size=7))
def test_the_application_steps_and_nothing_is_rendered_as_html(apply_page, values):
    user = the_applicant()
    client = Client()
    client.force_login(user)
    application = Application.objects.filter(applicant=user).first()
    if application is None:
        client.post("/apply/")
        application = Application.objects.get(applicant=user)
    fields = [
        "title",
        "kind",
        "summary",
        "problem",
        "subsidiary",
        "application_area",
        "trl",
    ]
    data = dict(zip(fields, values, strict=True))
    answered(
        client.post(f"/apply/{application.pk}/step/1/", {**data, "action": "next"})
    )
    answered(
        client.post(
            f"/apply/{application.pk}/step/3/",
            {"public_links": values[0], "action": "save"},
        )
    )
    page = client.get(f"/account/applications/{application.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page
