"""Dependencies run one way (DESIGN.md, "Layout"): the import-linter contracts of
pyproject.toml hold for the tree as it is, and each would fail if one of the circles that
issue 13 found came back."""

import copy
import tomllib
from pathlib import Path

import grimp
import pytest
from importlinter.configuration import configure
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract
from importlinter.contracts.protected import ProtectedContract

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
CONFIG = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]
CONTRACT_TYPES = {
    "layers": LayersContract,
    "forbidden": ForbiddenContract,
    "acyclic_siblings": AcyclicSiblingsContract,
    "protected": ProtectedContract,
}


@pytest.fixture(scope="module")
def graph():
    configure()
    return grimp.build_graph(*CONFIG["root_packages"], include_external_packages=False)


def broken_contracts(graph):
    broken = []
    for spec in CONFIG["contracts"]:
        options = {k: v for k, v in spec.items() if k not in ("name", "type")}
        contract = CONTRACT_TYPES[spec["type"]](
            name=spec["name"], session_options=CONFIG, contract_options=options
        )
        # a contract removes its ignored imports from the graph it checks
        if not contract.check(copy.deepcopy(graph), verbose=False).kept:
            broken.append(spec["name"])
    return broken


def test_every_contract_holds_for_the_tree(graph):
    assert broken_contracts(graph) == []


# (importer, imported, the contract that must refuse it): the circles measured on c8efb31
CIRCLES = [
    # submissions/data_requests -> policy.anonymise -> submissions.review -> ...
    ("submissions.applications.review", "privacy.anonymise", "Apps import only"),
    ("policy.models", "submissions.models.applications", "Apps import only"),
    ("accounts.security_log", "policy.consent", "Apps import only"),
    ("accounts.views", "submissions.applications.apply", "Apps import only"),
    ("policy.views", "privacy.data_export", "Apps import only"),
    ("home.page_cache", "config.middleware", "The apps import config"),
    ("home.models", "demo.content", "Nothing imports the demo"),
    (
        "submissions.applications.bulk_actions",
        "submissions.wagtail_hooks",
        "wagtail_hooks",
    ),
    ("accounts.wagtail_hooks", "policy.wagtail_hooks", "wagtail_hooks"),
    (
        "submissions.registrations.register",
        "submissions.applications.review",
        "Inside sub",
    ),
    ("submissions.models.applications", "submissions.applications.apply", "Inside sub"),
    ("privacy.models.data_requests", "privacy.anonymise", "Inside privacy"),
    ("accounts.models", "accounts.mail", "No circles"),
    ("policy.models", "policy.editions", "No circles"),
]


@pytest.mark.parametrize(("importer", "imported", "contract"), CIRCLES)
def test_each_circle_of_issue_13_is_refused(graph, importer, imported, contract):
    # both ends are real modules of the tree, so the edge is one that could come back
    assert {importer, imported} <= graph.modules
    changed = copy.deepcopy(graph)
    changed.add_import(importer=importer, imported=imported)
    assert any(name.startswith(contract) for name in broken_contracts(changed)), (
        f"{importer} -> {imported} passed every contract"
    )
