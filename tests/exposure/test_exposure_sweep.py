"""The exposure sweep: no role sees personal data it may not see.

Every URL pattern the portal answers (Django's resolver and the routable pages'
sub-routes) is filled with the world's objects (tests/exposure/patterns.py) and opened
with GET as each role (tests/exposure/policy.py); the links, GET forms, redirects and
exports of each page are followed (tests/exposure/crawl.py); every answer is searched
for the applicants' markers (tests/exposure/world.py) and none may be a server error. A pattern the sweep cannot fill
fails it, so that no new view escapes; all leaks are gathered and reported at once,
after the role × surface matrix is printed (run with -s to see it)."""

import time

from tests.exposure import report
from tests.exposure.crawl import Needles, sweep_as
from tests.exposure.patterns import EXCLUDED, is_post_only, urls_for, walk
from tests.exposure.policy import ROLES, unseen
from tests.exposure.world import build_world


def seeds_of(world):
    """(seed URLs with their pattern's key, problems): every pattern but the excluded
    ones, filled; a problem names a pattern that could not be."""
    seeds, problems = [], []
    for pattern in walk():
        if pattern.key in EXCLUDED:
            continue
        urls, problem = urls_for(pattern, world)
        if problem:
            problems.append(f"{pattern.key} ({pattern.route}): {problem}")
        seeds += [(url, pattern.key) for url in urls]
    return seeds, problems


def test_no_role_sees_personal_data_it_may_not_see(
    apply_page, data_page, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        world = build_world()
    seeds, problems = seeds_of(world)
    needles = Needles(world.markers)
    print(
        f"\nthe world, and {len(seeds)} seed URLs: {time.monotonic() - started:.1f} s"
    )

    visits_by_role, blind = {}, []
    for role in ROLES:
        began = time.monotonic()
        result = sweep_as(role, world, seeds, needles)
        visits_by_role[role.name] = result.visits
        if not result.logged_in:
            blind.append(f"{role.name}: logged out during the sweep")
        for owner, kind in unseen(role, result.sighted):
            blind.append(f"{role.name}: saw no {kind} marker of {owner} anywhere")
        print(
            f"{role.name}: {len(result.visits)} requests, {time.monotonic() - began:.1f} s"
        )
    print(report.matrix(visits_by_role, {role.name: role.heading for role in ROLES}))
    server_errors = report.errors(visits_by_role)
    if server_errors:
        print("server errors (answers not checked):\n" + server_errors)
    print(f"exposure sweep: {time.monotonic() - started:.1f} s")

    failures = []
    if server_errors:
        # no role, and no link a page offers, meets a server error (issue 16)
        failures.append("answers with a server error:\n" + server_errors)
    if problems:
        failures.append(
            "URL patterns the sweep cannot fill:\n  " + "\n  ".join(problems)
        )
    answered = report.answered_get(visits_by_role, is_post_only)
    if answered:
        failures.append(
            "views in patterns.POST_ONLY answered a GET with a page (take them out of "
            "POST_ONLY, so that every object is opened):\n  " + "\n  ".join(answered)
        )
    if blind:
        failures.append(
            "the sweep did not see what these roles are shown (is it blind?):\n  "
            + "\n  ".join(blind)
        )
    leaks = report.leaks(visits_by_role)
    if leaks:
        failures.append(
            "personal data seen by a role that may not see it (surface — role: whose "
            "kinds):\n"
            + report.leak_summary(visits_by_role)
            + "\n\nevery leak (surface, role, URL — whose, what kind, marker):\n"
            + leaks
        )
    assert not failures, "\n\n".join(failures)
