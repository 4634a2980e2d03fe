"""Applications under load through gunicorn: 200 applicants submit at once, each with
two files; then a gunicorn worker is killed (SIGKILL) in the middle of submissions and
uploads. Every submitted application is whole, its files on disk; references are unique
and consecutive; nothing is left half-saved, and no file is left that no row refers to."""

import re
import threading

import pytest

from .conftest import run_concurrently
from .flows import REQUIRED_CATEGORIES, Applicant, sha256

pytestmark = pytest.mark.load

REFERENCE = re.compile(r"^OPI-(\d{4})-(\d{5})$")
SUBMITTED = re.compile(r"^/apply/(\d+)/submitted/$")


def applicants(portal, prefix, count):
    made = portal.script("make_applicants", prefix=prefix, count=count)
    return [Applicant(portal, person["email"], person["session"]) for person in made]


def reference_numbers(described):
    """The numbers of this year's references, checked for their form."""
    numbers = []
    for application in described["applications"]:
        if application["reference"] is not None:
            match = REFERENCE.match(application["reference"])
            assert match, application["reference"]
            numbers.append(int(match.group(2)))
    return numbers


def check_whole(portal, application):
    """A submitted application: under screening, in the workflow, with a revision, and
    each of its files on disk with the size and SHA-256 its row holds."""
    assert application["status"] == "screening", application
    assert application["submitted"] and application["revision"], application
    assert application["workflow"] == "in_progress", application
    categories = {record["category"] for record in application["files"]}
    assert set(REQUIRED_CATEGORIES) <= categories, application
    check_files_on_disk(portal, application)


def check_files_on_disk(portal, application):
    for record in application["files"]:
        path = portal.private_root / record["name"]
        assert path.is_file(), f"{application['pk']}: {record['name']} missing"
        content = path.read_bytes()
        assert len(content) == record["size"]
        assert sha256(content) == record["sha256"]


def referenced_private_files(portal):
    """Every private file a database row names (application files, registrations)."""
    rows = portal.sql(
        """
        SELECT file FROM submissions_applicationfile
        UNION SELECT registration_certificate FROM submissions_applicantprofile
        UNION SELECT power_of_attorney FROM submissions_applicantprofile
        UNION SELECT registration_certificate FROM submissions_registrationrequest
        UNION SELECT power_of_attorney FROM submissions_registrationrequest
        """
    )
    return {name for (name,) in rows if name}


def test_200_applications_submitted_at_once(portal):
    """200 verified applicants, each in a session of their own, start an application,
    answer its four steps, upload the two required files and submit it, all at once:
    each is submitted once, whole, with the very files sent; the references follow the
    demo's with no gap and no repeat; no file on disk lacks its row."""
    people = applicants(portal, "apply", 200)
    before = portal.script("applications")
    numbers_before = reference_numbers(before)

    results, seconds = run_concurrently(
        lambda person: person.apply(file_size=20_000), people, timeout=240
    )

    requests_made = sum(person.requests for person in people)
    print(
        f"\n200 applications ({requests_made} requests, 400 files) in {seconds:.1f} s: "
        f"{requests_made / seconds:.1f} requests/s"
    )
    failures = [
        (p.email, r)
        for p, r in zip(people, results, strict=True)
        if not isinstance(r, str)
    ]
    assert not failures, failures[:5]
    assert all(SUBMITTED.match(result) for result in results), results[:5]

    after = portal.script("applications")
    by_pk = {a["pk"]: a for a in after["applications"]}
    emails = {person.email: person for person in people}
    mine = [a for a in after["applications"] if a["applicant"] in emails]
    assert len(mine) == 200  # one each: no duplicate
    assert {a["applicant"] for a in mine} == set(emails)
    for result, person in zip(results, people, strict=True):
        application = by_pk[int(SUBMITTED.match(result).group(1))]
        assert application["applicant"] == person.email
        check_whole(portal, application)
        sent = {
            (r["category"], r["original"], r["size"], r["sha256"])
            for r in application["files"]
        }
        assert sent == {
            (category, *person.uploaded[category]) for category in REQUIRED_CATEGORIES
        }
    # references: unique, consecutive after the demo's, and the counter agrees
    numbers = reference_numbers(after)
    assert len(numbers) == len(set(numbers))
    assert sorted(numbers) == list(range(1, len(numbers_before) + 201))
    assert max(numbers) == max(after["counters"].values())
    assert portal.private_files("applications") == {
        record["name"] for a in after["applications"] for record in a["files"]
    }


def test_a_worker_killed_mid_upload_leaves_nothing_half_saved(portal):
    """60 applicants upload files of 2 MB and submit, on connections that are not kept
    alive. A gunicorn worker is killed outright (SIGKILL) at the moment it is writing
    an applicant's file to private storage: the requests it was serving or had accepted
    are cut off, and gunicorn starts a new worker. What reached the database is whole;
    the file whose row never came is an orphan, and the sweep removes exactly the
    orphans (submissions.orphans explains why files are written first)."""
    people = applicants(portal, "killed", 60)
    for person in people:
        person.http.headers["Connection"] = "close"
    numbers_before = reference_numbers(portal.script("applications"))
    kills = []
    load_done = threading.Event()

    def kill_workers():
        while not kills and not load_done.is_set():
            caught = portal.worker_writing_private_file(timeout=1)
            if caught is not None:
                portal.kill_gunicorn_worker(caught[0])
                kills.append(caught)

    killer = threading.Thread(target=kill_workers, daemon=True)
    killer.start()
    results, seconds = run_concurrently(
        lambda person: person.apply(file_size=2_000_000), people, timeout=240
    )
    load_done.set()
    killer.join(timeout=60)
    assert kills, "no worker was caught writing a file to kill it"
    cut_off = [r for r in results if isinstance(r, Exception)]
    assert cut_off, "no request was cut off by the killed worker"
    # gunicorn's new worker serves: an applicant who comes now gets through
    [latecomer] = applicants(portal, "after-kill", 1)
    results.append(latecomer.apply(file_size=20_000))
    people.append(latecomer)

    described = portal.script("applications")
    emails = {person.email for person in people}
    for application in described["applications"]:
        if application["applicant"] in emails:
            if application["reference"] is None:  # cut off before it was submitted
                assert application["status"] == "draft", application
                assert application["workflow"] is None, application
                assert not application["submitted"], application
            else:
                check_whole(portal, application)
        check_files_on_disk(portal, application)
    submitted = [SUBMITTED.match(r).group(1) for r in results if isinstance(r, str)]
    numbers = reference_numbers(described)
    assert sorted(numbers) == list(range(1, len(numbers) + 1))  # no gap
    assert len(numbers) >= len(numbers_before) + len(submitted)

    referenced = referenced_private_files(portal)
    on_disk = portal.private_files("applications") | portal.private_files(
        "registrations"
    )
    orphans = on_disk - referenced
    print(
        f"\n{len(cut_off)} of 60 applicants cut off by the kill in {seconds:.1f} s, "
        f"{len(submitted)} submitted; {len(orphans)} orphan file(s) before the sweep"
    )
    [(_pid, file_being_written)] = kills
    assert file_being_written in orphans, "the file the killed worker was writing"
    swept = portal.manage("sweep_orphan_files", "--older-than=0")
    after = portal.private_files("applications") | portal.private_files("registrations")
    assert after == on_disk - orphans
    assert after <= referenced
    assert f"{len(orphans)} orphan file" in swept
    for application in portal.script("applications")["applications"]:
        check_files_on_disk(portal, application)  # the sweep took nothing referenced
