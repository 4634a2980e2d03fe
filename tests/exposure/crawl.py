"""Opening the portal as one role: the seed URLs, then the links and GET forms of every
HTML page answered (to ``MAX_DEPTH``; also the HTML inside JSON answers), the redirects
and every download; each answer searched for the markers: its body (the members of ZIP
and XLSX archives too, streamed answers consumed), the file name it sends, and the
messages it queues for the next page.

``Needles`` finds markers in a text in the forms a page may hold them (as written,
HTML-escaped, URL-encoded, JSON-escaped), whatever the case. ``sweep_as()`` runs one
role's sweep and returns a ``RoleResult`` with one ``Visit`` per URL opened.
"""

import html
import io
import json
import time
import zipfile
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, quote_plus, urlencode, urljoin, urlsplit

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from tests.exposure.patterns import EXCLUDED, surface_of
from tests.two_factor import verified_login

# Links are followed from the seeds (depth 0) to pages at this depth.
MAX_DEPTH = 2
# A role opens at most this many URLs beyond the seeds.
MAX_FOLLOWED = 50
# Of one path, at most this many query strings are followed (sorting, filters, pages);
# exports (?export=…) are not counted against it.
MAX_QUERIES_PER_PATH = 2
# Links are never followed to these.
SKIPPED_PREFIXES = (settings.STATIC_URL, "/__debug__/")

LOGIN_URL_NAMES = ("wagtailadmin_login", "login", "opi_2fa_verify", "opi_2fa_setup")
ZIP_MAGIC = b"PK\x03\x04"
SESSION_MESSAGES = SessionStorage.session_key
# The pattern of a followed link Django's resolver does not know.
UNRESOLVED = "(no pattern)"


# --- finding markers ---------------------------------------------------------------


def forms_of(value):
    """The forms ``value`` takes in a response, lower-cased: as written, HTML-escaped,
    URL-encoded (path and query style) and JSON-escaped (``\\u0410``…)."""
    forms = {
        value,
        html.escape(value),
        quote(value),
        quote(value, safe=""),
        quote_plus(value),
        json.dumps(value)[1:-1],
    }
    return sorted(form.lower() for form in forms)


class Needles:
    """The markers and their searchable forms."""

    def __init__(self, markers):
        self.forms = [(marker, forms_of(marker.value)) for marker in markers]

    def found_in(self, text):
        """The markers present in ``text``."""
        text = text.lower()
        return [
            marker
            for marker, forms in self.forms
            if any(form in text for form in forms)
        ]


# --- reading answers -----------------------------------------------------------------


def body_of(response):
    """The bytes of a response, streamed or not. The test client closes a streamed one
    once it is read to the end, with Django's "request finished" signal held back;
    closing it here would send that signal, which closes the database connection (the
    test's transaction with it, on PostgreSQL)."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def decoded(data):
    return data.decode("utf-8-sig", errors="replace")


def texts_of(response, data):
    """Every text a response carries: the Content-Disposition header (a file's name),
    the body, and for a ZIP (an XLSX, a data export) the name and text of each member."""
    texts = [response.headers.get("Content-Disposition", "")]
    if data.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.infolist():
                    texts.append(member.filename)
                    texts.append(decoded(archive.read(member)))
            return texts
        except zipfile.BadZipFile:
            pass
    texts.append(decoded(data))
    return texts


def take_queued_messages(client, response):
    """The texts of the messages (django.contrib.messages) ``response`` queued for the
    next page, taken out of the browser: they count as this answer's, not as that of
    whichever page the sweep happens to open next."""
    morsel = response.cookies.get(CookieStorage.cookie_name)
    if morsel is None or not morsel.value:
        return []
    request = HttpRequest()
    request.COOKIES[CookieStorage.cookie_name] = morsel.value
    request.session = client.session
    texts = [str(message) for message in FallbackStorage(request)]
    client.cookies.pop(CookieStorage.cookie_name, None)
    if SESSION_MESSAGES in request.session:  # those the cookie had no room for
        del request.session[SESSION_MESSAGES]
        request.session.save()
    return texts


def markup_of(response, data):
    """The HTML to look for links in: an HTML page, or the HTML inside a JSON answer
    (Wagtail's choosers and modals send their HTML that way); else ""."""
    content_type = response.headers.get("Content-Type", "")
    if content_type.startswith("text/html"):
        return decoded(data)
    if content_type.startswith("application/json"):
        try:
            return "\n".join(strings_in(json.loads(data)))
        except ValueError:
            return ""
    return ""


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


class LinkParser(HTMLParser):
    """The targets of ``<a href>`` and of GET forms (with their fields' initial values)
    in a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.form = None  # [action, fields] of the GET form being read

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            method = (attrs.get("method") or "get").lower()
            self.form = [attrs.get("action") or "", []] if method == "get" else None
        elif self.form is not None and tag in ("input", "select"):
            self.add_field(tag, attrs)

    def add_field(self, tag, attrs):
        name = attrs.get("name")
        kind = (attrs.get("type") or "text").lower()
        if not name or kind in ("submit", "button", "image", "file", "reset"):
            return
        if kind in ("checkbox", "radio") and "checked" not in attrs:
            return
        value = attrs.get("value") or ("on" if kind == "checkbox" else "")
        self.form[1].append((name, "" if tag == "select" else value))

    def handle_endtag(self, tag):
        if tag == "form" and self.form is not None:
            action, fields = self.form
            query = urlencode(fields)
            self.links.append(f"{action}{'&' if '?' in action else '?'}{query}")
            self.form = None


def links_in(markup, base):
    """The site's own URLs a page links to, absolute paths with their query."""
    parser = LinkParser()
    parser.feed(markup)
    found = []
    for link in parser.links:
        link = html.unescape(link.strip())
        if not link or link.startswith(
            ("#", "mailto:", "tel:", "javascript:", "data:")
        ):
            continue
        parts = urlsplit(urljoin(base, link))
        if parts.scheme not in ("", "http", "https"):
            continue
        if parts.netloc not in ("", "testserver"):
            continue
        if parts.path.startswith(SKIPPED_PREFIXES):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


# --- where a URL leads -----------------------------------------------------------------


def resolved_name(path):
    """The qualified name of the pattern ``path`` resolves to (the language prefix
    taken into account), or None."""
    language = path.split("/")[1] if path.count("/") > 1 else ""
    codes = [code for code, _name in settings.LANGUAGES]
    with translation.override(language if language in codes else None):
        try:
            match = resolve(path)
        except Resolver404:
            return None
    return match.view_name


def login_paths():
    """The paths a refusal sends people to: the logins and the second factor, in each
    language."""
    paths = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for name in LOGIN_URL_NAMES:
                paths.add(reverse(name))
    return paths


# --- the sweep ---------------------------------------------------------------------------

OPENED = "opened"
REFUSED = "refused"
REDIRECTED = "redirected"
OTHER = "other"
ERROR = "error"


@dataclass
class Visit:
    """One URL opened as a role: what answered (``outcome``: opened, refused,
    redirected, other, error), and the markers found in it the role may not see."""

    url: str
    pattern: str
    surface: str
    status: int
    outcome: str
    depth: int
    seconds: float = 0.0
    leaks: list = field(default_factory=list)
    error: str = ""  # the exception behind a server error


def outcome_of(response, refusals):
    status = response.status_code
    if 200 <= status < 300:
        return OPENED
    if status in (403, 404):
        return REFUSED
    if 300 <= status < 400:
        target = urlsplit(response.headers.get("Location", "")).path
        return REFUSED if target in refusals else REDIRECTED
    return ERROR if status >= 500 else OTHER


def is_export(query):
    return any(key == "export" for key, _value in parse_qsl(query))


@dataclass
class RoleResult:
    """What one role's sweep found: every visit, the markers it saw that it may see
    (the sweep's proof that it looked where the data is), and whether the role was
    still logged in at the end."""

    visits: list
    sighted: set
    logged_in: bool


class Sweep:
    """One role's walk over the portal with its ``client``; ``may_see`` is the role's
    policy."""

    def __init__(self, client, needles, may_see):
        self.client = client
        self.needles = needles
        self.may_see = may_see
        self.refusals = login_paths()
        self.visits = []
        self.sighted = set()
        self.seen = set()
        self.queries = {}
        self.followed = 0
        self.queue = deque()

    def add(self, url, depth, pattern=None):
        """Queue ``url`` (a seed of ``pattern``, or a link found at ``depth``) unless
        seen, excluded, elsewhere, or past the caps for followed links."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver"):
            return
        path, query = parts.path, parts.query
        url = path + (f"?{query}" if query else "")
        if url in self.seen:
            return
        seed = pattern is not None
        if not seed:
            pattern = resolved_name(path) or UNRESOLVED
            if pattern in EXCLUDED:
                return
            if self.followed >= MAX_FOLLOWED:
                return
            variants = self.queries.setdefault(path, set())
            if query and not is_export(query):
                if len(variants) >= MAX_QUERIES_PER_PATH:
                    return
                variants.add(query)
            self.followed += 1
        self.seen.add(url)
        self.queue.append((url, depth, pattern))

    def run(self):
        while self.queue:
            url, depth, pattern = self.queue.popleft()
            self.open(url, depth, pattern)
        return self.visits

    def open(self, url, depth, pattern):
        """GET ``url``, search what it answered, queue where it leads."""
        # each request in a savepoint of its own: a view that fails cannot spoil the
        # transaction the role's sweep runs in
        savepoint = transaction.savepoint()
        began = time.perf_counter()
        response = self.client.get(url)
        data = body_of(response)
        if response.status_code >= 500:
            transaction.savepoint_rollback(savepoint)
        else:
            transaction.savepoint_commit(savepoint)
        visit = Visit(
            url,
            pattern,
            surface_of(pattern),
            response.status_code,
            outcome_of(response, self.refusals),
            depth,
            seconds=time.perf_counter() - began,
        )
        if getattr(response, "exc_info", None):
            visit.error = repr(response.exc_info[1])[:200]
        self.visits.append(visit)
        texts = texts_of(response, data) + take_queued_messages(self.client, response)
        for text in texts:
            for marker in self.needles.found_in(text):
                if self.may_see(marker):
                    self.sighted.add(marker)
                elif marker not in visit.leaks:
                    visit.leaks.append(marker)
        if visit.outcome == REDIRECTED:
            self.add(urljoin(url, response.headers["Location"]), depth)
        elif visit.outcome == OPENED and depth < MAX_DEPTH:
            markup = markup_of(response, data)
            if markup:
                for link in links_in(markup, "http://testserver" + url):
                    self.add(link, depth + 1)


def sweep_as(role, world, seeds, needles):
    """Every seed (url, pattern key) and what it leads to, opened as ``role`` in a browser of
    its own (staff past the second factor), inside a savepoint rolled back afterwards,
    so that what one role's GETs write (access logs, editing sessions, locks) is not in
    the next role's world. Caches are emptied first for the same reason."""
    cache.clear()
    client = Client(raise_request_exception=False)
    user = role.user(world)
    if user is not None:
        verified_login(client, user)
    savepoint = transaction.savepoint()
    try:
        sweep = Sweep(client, needles, role.may_see)
        for url, pattern in seeds:
            sweep.add(url, 0, pattern)
        visits = sweep.run()
        logged_in = user is None or client.session.get(SESSION_KEY) == str(user.pk)
    finally:
        transaction.savepoint_rollback(savepoint)
    return RoleResult(visits, sweep.sighted, logged_in)
