"""200 registrations at once through gunicorn: every accepted one is whole in the
database and on disk, the invalid ones leave nothing, and an address sent twice at the
same moment makes one account."""

import pytest

from .conftest import run_concurrently
from .flows import legal_entity, pdf_bytes, register, sha256

pytestmark = pytest.mark.load

VALID_IIN = "900203000002"
WRONG_BIN = "940740000912"  # its check digit is wrong
# Registrant n is of kind KINDS[n % 10]: half register properly, half must be refused.
KINDS = (
    "legal_entity",
    "individual",
    "representative",
    "legal_entity",
    "individual",
    "wrong_bin",
    "certificate_missing",
    "not_a_pdf",
    "wrong_captcha",
    "passwords_differ",
)
REFUSED = {
    "wrong_bin",
    "certificate_missing",
    "not_a_pdf",
    "wrong_captcha",
    "passwords_differ",
}


def registrant(number, email=None):
    """(kind, e-mail, form answers, files) of registrant ``number``."""
    kind = KINDS[number % len(KINDS)]
    email = email or f"load-{number}@example.kz"
    answers, files = legal_entity(number, email)
    if kind in ("individual", "representative"):
        answers.update(person_type="individual", organization="", bin_iin=VALID_IIN)
        files = {}
    if kind == "representative":
        answers.update(
            via_representative="on",
            representative_name="Представитель",
            represented_email=f"represented-{number}@example.kz",
        )
        files = {"power_of_attorney": (f"attorney-{number}.pdf", pdf_bytes(8000))}
    if kind == "wrong_bin":
        answers["bin_iin"] = WRONG_BIN
    if kind == "certificate_missing":
        files = {}
    if kind == "not_a_pdf":
        files = {
            "registration_certificate": (f"fake-{number}.pdf", b"MZ" + bytes(4000))
        }
    if kind == "wrong_captcha":
        answers["captcha_1"] = "wrong"
    if kind == "passwords_differ":
        answers["password2"] = "another-long-password"
    return kind, email, answers, files


def send(portal):
    def work(person):
        _kind, _email, answers, files = person
        return register(portal, answers, files)

    return work


def check_registered(portal, found, email, files):
    """The registration of ``email`` is whole: one inactive account, its profile, one
    registration in the verification workflow, both consents, the confirmation e-mail
    queued, and each file on disk with the content that was sent."""
    record = found.get(email)
    assert record is not None, f"{email}: accepted but not in the database"
    assert record["accounts"] == 1
    assert record["active"] is False  # until the e-mail is confirmed
    assert record["profile"]
    assert record["registrations"] == 1
    assert record["in_workflow"] == [True]
    assert record["consents"] == ["personal_data_processing", "policy_acceptance"]
    assert record["confirmation_queued"]
    assert set(record["files"]) == set(files)
    stored = set()
    for field, (original, content) in files.items():
        path = portal.private_root / record["files"][field]["name"]
        assert record["files"][field]["original"] == original
        assert path.stat().st_size == len(content)
        assert sha256(path.read_bytes()) == sha256(content)
        stored.add(record["files"][field]["name"])
    return stored


def test_200_registrations_at_once(portal):
    files_before = portal.private_files("registrations")
    [(users_before,)] = portal.sql("SELECT count(*) FROM accounts_user")
    people = [registrant(number) for number in range(200)]

    responses, seconds = run_concurrently(send(portal), people, timeout=150)

    accepted = []
    for (kind, email, _answers, files), response in zip(people, responses, strict=True):
        assert not isinstance(response, Exception), f"{email}: {response!r}"
        if kind in REFUSED:
            assert response.status_code == 200, (email, response.status_code)
            assert "/register/thanks/" not in response.headers.get("Location", "")
        else:
            assert response.status_code == 302, (email, response.status_code)
            assert response.headers["Location"] == "/register/thanks/"
            accepted.append((email, files))
    print(
        f"\n200 registrations (400 requests) in {seconds:.1f} s: "
        f"{400 / seconds:.1f} requests/s, {len(accepted)} accepted"
    )

    found = portal.script("registrations", emails=[email for _k, email, *_ in people])
    stored = set()
    for email, files in accepted:
        stored |= check_registered(portal, found, email, files)
    refused = [email for kind, email, *_ in people if kind in REFUSED]
    assert not [email for email in refused if email in found], "a refused one stayed"
    [(users_after,)] = portal.sql("SELECT count(*) FROM accounts_user")
    assert users_after == users_before + len(accepted)
    # on disk: exactly the files of the accepted registrations, nothing of the others
    assert portal.private_files("registrations") - files_before == stored


def test_the_same_address_twice_at_once_makes_one_account(portal):
    """Five addresses, each sent twice at the same moment (a double click, two tabs):
    both get the same answer, and there is one whole registration per address."""
    people = []
    for number in range(1000, 1005):
        person = registrant(number * len(KINDS), email=f"twice-{number}@example.kz")
        people += [person, person]
    files_before = portal.private_files("registrations")

    responses, _seconds = run_concurrently(send(portal), people, timeout=60)

    for (_kind, email, *_rest), response in zip(people, responses, strict=True):
        assert not isinstance(response, Exception), f"{email}: {response!r}"
        assert (response.status_code, response.headers.get("Location")) == (
            302,
            "/register/thanks/",
        ), (email, response.status_code)
    found = portal.script("registrations", emails=[email for _k, email, *_ in people])
    stored = set()
    for _kind, email, _answers, files in people[::2]:
        stored |= check_registered(portal, found, email, files)
    assert portal.private_files("registrations") - files_before == stored
