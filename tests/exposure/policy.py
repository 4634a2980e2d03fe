"""Which role may see which marker: the access policy for personal data as the sweep
expects it (DESIGN.md's roles; policy 4.2 and 5 of the privacy policy).

- anonymous, editor, policy approver, an expert assigned to nothing: nothing of anyone;
- applicant A, applicant B: their own markers only (drafts included);
- the expert assigned to A2: A's organization, and A2's title and file names; nothing
  else of A (never the person, the registration's files, other applications, drafts),
  nothing of B or C;
- an expert given access to A2 who has not declared their independence yet: A's
  organization and A2's title (to declare), not its files; one who declared a conflict
  of interest: nothing;
- reviewer: A's and B's markers but their drafts; nothing of C, who is blocked (staff
  see the pseudonym "blocked");
- administrator: every marker but drafts (a draft is the applicant's alone).
"""

from dataclasses import dataclass

from tests.exposure.world import Kind

ASSIGNED_APPLICATION = "A2"


@dataclass(frozen=True)
class Role:
    """A role the sweep opens pages as: ``user_key`` names the user in the world
    (``staff`` role or applicant letter), None for anonymous; ``may_see(marker)`` is
    the policy; ``must_see`` lists (owner, kind) the role's own pages show, at least
    one marker of each: proof that the sweep looked where the data is (a sweep logged
    out, or reading nothing, would find no leak either)."""

    name: str
    user_key: str | None
    may_see: object
    must_see: tuple = ()
    label: str = ""  # the matrix's column heading

    @property
    def heading(self):
        return self.label or self.name

    def user(self, world):
        if self.user_key is None:
            return None
        if self.user_key in world.applicants:
            return world.applicants[self.user_key]
        return world.staff[self.user_key]


def nothing(marker):
    return False


def own(owner):
    def rule(marker):
        return marker.owner == owner

    return rule


def assigned_expert(marker):
    if marker.owner != "A":
        return False
    if marker.kind == Kind.ORGANIZATION:
        return True
    return (
        marker.kind in (Kind.APPLICATION, Kind.APPLICATION_FILES)
        and marker.application == ASSIGNED_APPLICATION
    )


def undeclared_expert(marker):
    if marker.owner != "A":
        return False
    return marker.kind == Kind.ORGANIZATION or (
        marker.kind == Kind.APPLICATION and marker.application == ASSIGNED_APPLICATION
    )


def reviewer(marker):
    return marker.owner in ("A", "B") and marker.kind != Kind.DRAFT


def administrator(marker):
    return marker.kind != Kind.DRAFT


ROLES = [
    Role("anonymous", None, nothing),
    Role(
        "applicant A",
        "A",
        own("A"),
        (("A", Kind.PERSON), ("A", Kind.DRAFT), ("A", Kind.APPLICATION_FILES)),
    ),
    Role(
        "applicant B",
        "B",
        own("B"),
        (("B", Kind.PERSON), ("B", Kind.DRAFT)),
    ),
    Role("editor", "editor", nothing),
    Role("policy approver", "policy approver", nothing, label="approver"),
    Role(
        "reviewer",
        "reviewer",
        reviewer,
        (
            ("A", Kind.PERSON),
            ("A", Kind.REGISTRATION_FILES),
            ("A", Kind.APPLICATION_FILES),
            ("B", Kind.PERSON),
        ),
    ),
    Role(
        "assigned expert",
        "expert",
        assigned_expert,
        (("A", Kind.APPLICATION), ("A", Kind.APPLICATION_FILES)),
        label="expert A2",
    ),
    Role("unassigned expert", "idle expert", nothing, label="expert -"),
    Role(
        "expert yet to declare",
        "undeclared expert",
        undeclared_expert,
        (("A", Kind.APPLICATION),),
        label="expert ?",
    ),
    Role(
        "expert who declared a conflict",
        "withdrawn expert",
        nothing,
        label="expert ✗",
    ),
    Role(
        "administrator",
        "administrator",
        administrator,
        (("A", Kind.PERSON), ("C", Kind.PERSON)),
        label="admin",
    ),
]


def unseen(role, sighted):
    """The (owner, kind) of ``role.must_see`` of which no marker was seen."""
    seen = {(marker.owner, marker.kind) for marker in sighted}
    return [wanted for wanted in role.must_see if wanted not in seen]
