"""No 500 for a wrong-user or anonymous request: every URL pattern the portal answers,
filled with values that name nothing (an id no object has, one past PostgreSQL's
integer and bigint ranges, zero, a token that was never issued, text with quotes and
markup) and with another applicant's objects, answers anonymous visitors and a logged-in
applicant with 200, 302, 403 or 404, never an error.

The exposure sweep (test_exposure_sweep.py) opens every pattern with the world's real
objects as every role and fails on any server error too; this walk adds the values
no link ever carries, which an attacker types by hand. Patterns that take POST only may
answer a GET with 405 (their ``POST_ONLY`` list is the sweep's).
"""

import itertools

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.urls.converters import (
    IntConverter,
    PathConverter,
    SlugConverter,
    StringConverter,
    UUIDConverter,
    get_converters,
)
from wagtail.models import Page

from tests.exposure.patterns import EXCLUDED, is_post_only, walk
from tests.factories import ApplicantFactory, ApplicationFactory

# The answers a visitor may get: the page, a redirect (to the login, to where the
# object is), a refusal, nothing there.
ALLOWED = {200, 302, 403, 404}
# What a GET of a view that takes POST only may answer besides.
ALLOWED_POST_ONLY = ALLOWED | {405}
# What an empty form posted may answer besides: the form again with its errors (200, or
# 400 for a form that tells so), 405 from views that only show, 410/400 from the pages
# of ALLOWED_BESIDES, 429 when the rate limit of a public form is reached.
ALLOWED_POSTED = ALLOWED | {400, 405, 410, 429}
# Patterns whose page says more precisely why there is nothing (pattern → statuses).
ALLOWED_BESIDES = {
    # the confirmation link's page: 400 "this link is not one of ours", 410 "expired"
    "verify_email": {400, 410},
    # django-simple-captcha: a challenge that does not exist or has expired is Gone;
    # the form's refresh button asks for a new one
    "captcha-image": {410},
    "captcha-image-2x": {410},
    "captcha-audio": {410},
}

# Values that name nothing, by converter: zero, an id no object has, one past
# PostgreSQL's integer (2**31) and bigint (2**63) ranges, one past any 64-bit number.
HOSTILE_INTEGERS = ("0", "987654", "2147483648", "9223372036854775808", "9" * 30)
# Text without a slash: a token never issued, quotes, markup, a full-text operator,
# a NUL byte, an encoded dot-dot, a very long value.
HOSTILE_TEXT = (
    "MTA",
    "x'\"<b>",
    "NEAR(a b)*",
    "%00",
    "%2e%2e",
    "a" * 400,
)
HOSTILE_SLUGS = ("no-such-thing", "x" * 200)
HOSTILE_PATHS = ("no/such/thing", "..%2f..%2fsettings.py", "%5c..%5cx")
HOSTILE_UUIDS = ("00000000-0000-0000-0000-000000000000",)
# Unnamed regex groups and custom converters get whatever of these their regex takes.
ANY_VALUE = HOSTILE_INTEGERS + HOSTILE_TEXT + HOSTILE_SLUGS + HOSTILE_UUIDS


def hostile_values(pattern, argument):
    """The values tried for ``argument`` of ``pattern``, by its converter."""
    converter = converter_of(pattern, argument)
    if isinstance(converter, IntConverter):
        return HOSTILE_INTEGERS
    if isinstance(converter, UUIDConverter):
        return HOSTILE_UUIDS
    if isinstance(converter, SlugConverter):
        return HOSTILE_SLUGS
    if isinstance(converter, PathConverter):
        return HOSTILE_PATHS + HOSTILE_TEXT
    if isinstance(converter, StringConverter):
        return HOSTILE_TEXT
    return ANY_VALUE


def converter_of(pattern, argument):
    """The converter of ``argument`` in the pattern's route (None for regex groups)."""
    for part in pattern.route.split("<")[1:]:
        spec = part.split(">", 1)[0]
        kind, _, name = spec.rpartition(":")
        if name == argument:
            return get_converters().get(kind or "str")
    return None


def hostile_urls(pattern, routable_pages):
    """The pattern's URLs with hostile values: the i-th try gives every argument its
    i-th value (cycling through shorter lists), so each value is tried once. Values its
    regex refuses are skipped; a pattern none of whose values fits is returned empty."""
    arguments = [a for a in pattern.arguments if a != "page"]
    if pattern.page_class is not None:
        page = routable_pages.get(pattern.page_class)
        if page is None:
            return []
    if not arguments:
        return []
    choices = [hostile_values(pattern, a) for a in arguments]
    tries = max(len(c) for c in choices)
    urls = []
    for i in range(tries):
        values = {a: c[i % len(c)] for a, c in zip(arguments, choices, strict=True)}
        try:
            urls.append(url_of(pattern, values, routable_pages))
        except NoReverseMatch:
            continue
    return sorted(set(urls))


def url_of(pattern, values, routable_pages):
    if pattern.page_class is not None:
        page = routable_pages[pattern.page_class]
        base = page.url.rstrip("/") + "/"
        return base + page.reverse_subpage(pattern.subpage_name, kwargs=values).lstrip(
            "/"
        )
    if pattern.name is None:
        raise NoReverseMatch(pattern.route)
    positional = [values[a] for a in pattern.arguments if a.startswith("#")]
    if positional:
        return reverse(pattern.name, args=positional)
    return reverse(pattern.name, kwargs=values)


def walk_as(client, seeds):
    """Every URL opened with GET, and the portal's own (not the admin's) posted to with
    an empty form too; the answers outside the allowed, one line each."""
    problems = []
    for url, pattern in seeds:
        allowed = ALLOWED_POST_ONLY if is_post_only(pattern.key) else ALLOWED
        allowed = allowed | ALLOWED_BESIDES.get(pattern.key, set())
        problems += unexpected("GET", client.get(url), url, pattern, allowed)
        if not url.startswith("/admin/"):
            response = client.post(url, {})
            problems += unexpected("POST", response, url, pattern, ALLOWED_POSTED)
    return problems


def unexpected(method, response, url, pattern, allowed):
    if response.status_code in allowed:
        return []
    error = getattr(response, "exc_info", None)
    reason = repr(error[1])[:160] if error else ""
    return [f"{method} {response.status_code} {url[:120]} ({pattern.key}) {reason}"]


@pytest.fixture
def routable_pages(apply_page, data_page):
    """A live page of each routable page type the site has."""
    found = {}
    for page in Page.objects.live().specific():
        found.setdefault(type(page), page)
    return found


@pytest.fixture
def others_objects(db):
    """Applicant A's draft and submitted applications, opened by anonymous and B."""
    owner = ApplicantFactory(email="owner-a@example.kz")
    return [
        ApplicationFactory(applicant=owner, title="Черновик A"),
        ApplicationFactory(applicant=owner, title="Заявка A", status="screening"),
    ]


def other_applicant_urls(pattern, routable_pages, others):
    """The pattern with applicant A's applications' ids in its integer arguments (and
    a step number where a step is asked for)."""
    arguments = [a for a in pattern.arguments if a != "page"]
    if not arguments or "application" not in pattern.key.lower():
        return []
    if not all(isinstance(converter_of(pattern, a), IntConverter) for a in arguments):
        return []
    if pattern.page_class is None and pattern.name is None:
        return []
    urls = []
    for application, step in itertools.product(others, (1, 5)):
        values = {a: str(step if "step" in a else application.pk) for a in arguments}
        try:
            urls.append(url_of(pattern, values, routable_pages))
        except NoReverseMatch:
            continue
    return urls


@pytest.mark.django_db
def test_no_url_answers_an_error_to_anonymous_or_another_applicant(
    routable_pages, others_objects
):
    patterns = [p for p in walk() if p.key not in EXCLUDED]
    seeds = []
    for pattern in patterns:
        seeds += [(url, pattern) for url in hostile_urls(pattern, routable_pages)]
        seeds += [
            (url, pattern)
            for url in other_applicant_urls(pattern, routable_pages, others_objects)
        ]
    filled = {pattern.key for _url, pattern in seeds}
    with_arguments = [p for p in patterns if any(a != "page" for a in p.arguments)]
    # the walk reaches the patterns that take arguments, not just a few of them
    assert len(filled) >= 0.9 * len(with_arguments), sorted(
        p.key for p in with_arguments if p.key not in filled
    )
    assert any(p.page_class for _url, p in seeds)

    anonymous = Client(raise_request_exception=False)
    applicant = Client(raise_request_exception=False)
    applicant.force_login(ApplicantFactory(email="applicant-b@example.kz"))
    problems = walk_as(anonymous, seeds)
    problems += [f"as applicant B: {line}" for line in walk_as(applicant, seeds)]
    assert not problems, f"{len(problems)} of {2 * len(seeds)} answers:\n" + "\n".join(
        problems
    )
