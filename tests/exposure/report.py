"""What the sweep prints: the role × surface matrix of what was opened, refused and
leaked, and the leaks grouped by surface and role."""

from collections import Counter, defaultdict

from tests.exposure.crawl import ERROR, OPENED, OTHER, REDIRECTED, REFUSED

# Of each surface and role, the leaking answers listed one by one (the rest counted).
LEAKS_SHOWN = 6


def matrix(visits_by_role, labels=None):
    """One row per surface, one column per role (headed by ``labels[role]``, else its
    name); each cell "opened/refused/leaked" (leaked: answers holding a marker the role
    may not see, marked "!"), "·" where the role opened nothing of it. Redirects
    elsewhere, other 4xx and 5xx are counted under the table, per role."""
    roles = list(visits_by_role)
    labels = labels or {}
    cells = defaultdict(Counter)
    surfaces = set()
    for role, visits in visits_by_role.items():
        for visit in visits:
            surfaces.add(visit.surface)
            cell = cells[(visit.surface, role)]
            cell[visit.outcome] += 1
            cell["leaked"] += bool(visit.leaks)
    width = max(len(surface) for surface in surfaces) if surfaces else 10
    heads = [labels.get(role, role) for role in roles]
    column = max(11, *(len(head) for head in heads))
    lines = [
        "opened (2xx) / refused (403, 404, 3xx to a login) / leaked, per surface and role",
        " " * width + " | " + " | ".join(head.rjust(column) for head in heads),
    ]
    for surface in sorted(surfaces):
        row = []
        for role in roles:
            cell = cells.get((surface, role))
            text = (
                f"{cell[OPENED]}/{cell[REFUSED]}/{cell['leaked']}"
                + ("!" if cell["leaked"] else "")
                if cell
                else "·"
            )
            row.append(text.rjust(column))
        lines.append(surface.ljust(width) + " | " + " | ".join(row))
    lines.append("")
    for role, visits in visits_by_role.items():
        outcomes = Counter(visit.outcome for visit in visits)
        seconds = Counter()
        for visit in visits:
            seconds[visit.surface] += visit.seconds
        slowest = ", ".join(f"{s} {t:.1f} s" for s, t in seconds.most_common(3))
        lines.append(
            f"{role}: {len(visits)} requests ({sum(seconds.values()):.1f} s; slowest "
            f"{slowest}) — {outcomes[OPENED]} opened, {outcomes[REFUSED]} refused, "
            f"{outcomes[REDIRECTED]} redirected elsewhere, {outcomes[OTHER]} other 4xx, "
            f"{outcomes[ERROR]} server errors; {sum(bool(v.leaks) for v in visits)} "
            "leaking"
        )
    return "\n".join(lines)


def errors(visits_by_role):
    """The server errors met (no leak, but a page that answered nothing was not
    checked)."""
    lines = [
        f"  {role}: {visit.status} {visit.url} {visit.error}"
        for role, visits in visits_by_role.items()
        for visit in visits
        if visit.outcome == ERROR
    ]
    return "\n".join(lines)


def answered_get(visits_by_role, is_post_only):
    """The visits of patterns taken to be POST only that answered a GET with a page."""
    return [
        f"{role}: {visit.status} {visit.url} ({visit.pattern})"
        for role, visits in visits_by_role.items()
        for visit in visits
        if visit.outcome == OPENED and is_post_only(visit.pattern)
    ]


def describe(marker):
    where = f" ({marker.application})" if marker.application else ""
    return f"{marker.owner} {marker.kind}{where} «{marker.value}»"


def leaks(visits_by_role, per_group=LEAKS_SHOWN):
    """Every leak, by surface, then role, then URL: whose, what kind, the marker; the
    first ``per_group`` answers of each surface and role, and how many more."""
    grouped = defaultdict(lambda: defaultdict(list))
    for role, visits in visits_by_role.items():
        for visit in visits:
            if visit.leaks:
                grouped[visit.surface][role].append(visit)
    lines = []
    for surface in sorted(grouped):
        lines.append(surface)
        for role, visits in grouped[surface].items():
            lines.append(f"  {role}:")
            for visit in visits[:per_group]:
                found = "; ".join(describe(marker) for marker in visit.leaks)
                lines.append(f"    {visit.url} — {found}")
            if len(visits) > per_group:
                rest = {describe(m) for v in visits[per_group:] for m in v.leaks}
                lines.append(
                    f"    … and {len(visits) - per_group} more answers, with: "
                    + "; ".join(sorted(rest))
                )
    return "\n".join(lines)


def leak_summary(visits_by_role):
    """Per surface and role: how many answers leaked, and which kinds of whose data."""
    lines = []
    grouped = defaultdict(lambda: defaultdict(Counter))
    for role, visits in visits_by_role.items():
        for visit in visits:
            for marker in visit.leaks:
                grouped[visit.surface][role][f"{marker.owner} {marker.kind}"] += 1
    for surface in sorted(grouped):
        for role, kinds in grouped[surface].items():
            described = ", ".join(sorted(kinds))
            lines.append(f"  {surface} — {role}: {described}")
    return "\n".join(lines)
