"""What the load tests' visitors do over HTTP: register at /register/ and fill in and
submit an application at /apply/, each with a requests.Session of their own."""

import hashlib
import html
import re
import secrets

import requests

from tests.factories import STEP_ANSWERS

TIMEOUT = (10, 120)  # connect, read: a request queued behind 200 others still answers
PDF_HEAD = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
)
PDF_TAIL = b"trailer<</Root 1 0 R>>\n%%EOF\n"
REQUIRED_CATEGORIES = ("technical_documentation", "presentation")


def visitor_session():
    """A requests.Session that opens a new connection for every request.

    Reusing an idle keep-alive connection races with gunicorn closing it (its keep-alive
    is 2 s, and a visitor here may wait longer than that for the test's own database
    connections between two requests): the POST then meets a reset connection, which a
    browser would silently resend and requests does not. That race is the client's, not
    the portal's, so the load tests' visitors do not keep connections alive."""
    session = requests.Session()
    session.headers["Connection"] = "close"
    return session


def pdf_bytes(size):
    """A plain PDF of about ``size`` bytes whose content is unique (a random comment)."""
    filler = max(0, size - len(PDF_HEAD) - len(PDF_TAIL) - 3) // 2
    return PDF_HEAD + b"% " + secrets.token_hex(filler).encode() + b"\n" + PDF_TAIL


def sha256(content):
    return hashlib.sha256(content).hexdigest()


def input_value(page, name):
    """The value of the form input called ``name`` in the HTML ``page``."""
    for tag in re.findall(r"<input[^>]*>", page):
        if re.search(rf'\bname="{re.escape(name)}"', tag):
            value = re.search(r'\bvalue="([^"]*)"', tag)
            return html.unescape(value.group(1)) if value else ""
    raise AssertionError(f"no input {name!r} on the page")


# --- registration ---------------------------------------------------------------------------

VALID_BIN = "940740000911"
PASSWORD = "a-long-and-fine-password"


def legal_entity(number, email):
    """The answers and files of a legal entity that registers properly."""
    answers = {
        "person_type": "legal_entity",
        "full_name": f"Регистрант {number}",
        "email": email,
        "organization": f"ТОО «Регистрант {number}»",
        "resident": "yes",
        "bin_iin": VALID_BIN,
        "phone": "+7 701 000 00 00",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "accept_policy": "on",
        "consent_processing": "on",
    }
    files = {"registration_certificate": (f"certificate-{number}.pdf", pdf_bytes(8000))}
    return answers, files


def register(portal, answers, files):
    """Open /register/, solve its captcha (the answer read from the portal's database, as
    a load test may) and send the form. Returns the response to the POST."""
    session = visitor_session()
    page = session.get(portal.base + "/register/", timeout=TIMEOUT)
    assert page.status_code == 200, page.status_code
    hashkey = input_value(page.text, "captcha_0")
    [(answer,)] = portal.sql(
        "SELECT response FROM captcha_captchastore WHERE hashkey = %s", [hashkey]
    )
    data = {
        "csrfmiddlewaretoken": input_value(page.text, "csrfmiddlewaretoken"),
        "captcha_0": hashkey,
        "captcha_1": answer,
        **answers,  # may answer the captcha wrongly
    }
    return session.post(
        portal.base + "/register/",
        data=data,
        files={
            name: (file_name, content, "application/pdf")
            for name, (file_name, content) in files.items()
        },
        allow_redirects=False,
        timeout=TIMEOUT,
    )


# --- applications ---------------------------------------------------------------------------


class Applicant:
    """A logged-in applicant (their session made in the database) filling in /apply/."""

    def __init__(self, portal, email, session_key):
        self.portal = portal
        self.email = email
        self.http = visitor_session()
        self.http.cookies.set("sessionid", session_key, domain="127.0.0.1")
        self.csrf = None
        self.uploaded = {}  # category: (original name, size, sha256)
        self.requests = 0

    def post(self, path, data, files=None):
        self.requests += 1
        response = self.http.post(
            self.portal.base + path,
            data={**data, "csrfmiddlewaretoken": self.csrf},
            files=files,
            allow_redirects=False,
            timeout=TIMEOUT,
        )
        if response.status_code != 302:
            raise AssertionError(
                f"POST {path} answered {response.status_code}: {response.text[:300]!r}"
            )
        return response.headers["Location"]

    def apply(self, file_size):
        """Start an application, answer steps 1–4, upload the two required files,
        submit it. Returns the application's URL path after submission."""
        self.requests += 1
        page = self.http.get(self.portal.base + "/apply/", timeout=TIMEOUT)
        assert page.status_code == 200, page.status_code
        self.csrf = input_value(page.text, "csrfmiddlewaretoken")
        step_one = self.post("/apply/", {})
        base = step_one.removesuffix("1/")
        for number, answers in STEP_ANSWERS.items():
            self.post(f"{base}{number}/", {**answers, "action": "next"})
        for category in REQUIRED_CATEGORIES:
            name = f"{category}-{self.email}.pdf"
            content = pdf_bytes(file_size)
            self.post(
                f"{base}5/",
                {"action": "upload", "category": category},
                files={"file": (name, content, "application/pdf")},
            )
            self.uploaded[category] = (name, len(content), sha256(content))
        self.post(f"{base}5/", {"action": "next"})
        return self.post(f"{base}6/", {"action": "submit", "rights_confirmed": "on"})
