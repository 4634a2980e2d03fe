"""Brings an empty database to the schema of an old site: run with the facts file of
``test_upgrade.py`` in the portal's subprocess (``manage.py shell -c "from
tests.upgrade.old_schema import main; main(FACTS)"``), it applies exactly the
migrations the old ``django_migrations`` table lists, and no others, and prints them.

Squashed migrations are applied as the current graph has them (the old table lists both
a squash and the migrations it replaces); for each app the targets are the applied
migrations that no other applied migration of the app follows.
"""

import json
import sys

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def main(facts_path):
    with open(facts_path) as facts_file:
        applied = {tuple(key) for key in json.load(facts_file)["migrations"]}
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    nodes = applied & set(graph.nodes)
    targets = sorted(
        key
        for key in nodes
        if not any(
            child.key in nodes and child.key[0] == key[0]
            for child in graph.node_map[key].children
        )
    )
    executor.migrate(targets)
    executor.loader.build_graph()
    now = set(executor.loader.applied_migrations)
    missing = sorted(nodes - now)
    extra = sorted(key for key in now - applied if key in graph.nodes)
    if missing or extra:
        sys.exit(f"old schema not reached: missing {missing}, not in the old {extra}")
    print(f"old schema: {len(nodes)} migrations, targets {targets}")
