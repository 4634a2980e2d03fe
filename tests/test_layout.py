"""The suite's own layout: a test module imports factories (tests/factories.py), helpers
(tests/helpers.py, tests/two_factor.py) and fixtures, never another test module; what two
test modules share moves out of both. Every module under tests/ is read, its imports at
the top and inside functions alike."""

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


def module_name(path, root):
    """The dotted name of the module at ``path`` (``root`` holds the ``tests`` package)."""
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path, root):
    """(line, dotted name) of everything the module at ``path`` imports, anywhere in it:
    ``import a.b``, ``from a import b`` (both ``a`` and ``a.b``), relative imports, and
    ``importlib.import_module`` / ``__import__`` of a literal name."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path, root)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            yield node.lineno, module
            for alias in node.names:
                yield node.lineno, f"{module}.{alias.name}"
        elif isinstance(node, ast.Call) and node.args:
            function = node.func
            called = getattr(function, "attr", None) or getattr(function, "id", None)
            first = node.args[0]
            literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
            if called in ("import_module", "__import__") and literal:
                yield node.lineno, first.value


def owning_test_module(name, root):
    """The test module ``name`` is, or is inside of (``tests.x.test_y.helper``), or None."""
    parts = name.split(".")
    for end in range(1, len(parts) + 1):
        candidate = root.joinpath(*parts[:end]).with_suffix(".py")
        if candidate.is_file() and candidate.name.startswith("test_"):
            return ".".join(parts[:end])
    return None


def imports_of_test_modules(root):
    """{path relative to ``root``: {test modules it imports}} for every module under
    ``root``/tests that imports a test module other than itself."""
    found = {}
    for path in sorted((root / "tests").rglob("*.py")):
        own = module_name(path, root)
        for _line, name in imported_names(path, root):
            target = owning_test_module(name, root)
            if target is not None and target != own:
                found.setdefault(path.relative_to(root).as_posix(), set()).add(target)
    return found


def describe(found):
    return "\n".join(
        f"  {path} imports {', '.join(sorted(targets))}"
        for path, targets in sorted(found.items())
    )


def test_no_test_module_imports_another():
    found = imports_of_test_modules(TESTS.parent)
    assert not found, (
        "Test modules import other test modules; move what they share to "
        "tests/factories.py (data, factories), tests/helpers.py or a conftest.py "
        "fixture:\n" + describe(found)
    )


@pytest.mark.parametrize(
    ("source", "imported"),
    [
        ("from tests.app.test_one import helper\n", "tests.app.test_one"),
        ("from .test_one import helper\n", "tests.app.test_one"),
        ("from . import test_one\n", "tests.app.test_one"),
        ("from tests.app import test_one\n", "tests.app.test_one"),
        ("import tests.app.test_one\n", "tests.app.test_one"),
        (
            "def test_x():\n    from tests.app.test_one import helper\n",
            "tests.app.test_one",
        ),
        (
            "import importlib\nimportlib.import_module('tests.app.test_one')\n",
            "tests.app.test_one",
        ),
        ("from ..test_top import helper\n", "tests.test_top"),
    ],
)
def test_the_check_finds_an_import_of_a_test_module(tmp_path, source, imported):
    app = tmp_path / "tests" / "app"
    app.mkdir(parents=True)
    for package in (tmp_path / "tests", app):
        (package / "__init__.py").write_text("")
    (app / "test_one.py").write_text("def helper():\n    pass\n")
    (tmp_path / "tests" / "test_top.py").write_text("def helper():\n    pass\n")
    (tmp_path / "tests" / "factories.py").write_text(
        "def test_like_name():\n    pass\n"
    )
    (app / "test_two.py").write_text(source)
    assert imports_of_test_modules(tmp_path) == {"tests/app/test_two.py": {imported}}


def test_the_check_lets_factories_helpers_and_fixtures_be_imported(tmp_path):
    app = tmp_path / "tests" / "app"
    app.mkdir(parents=True)
    for package in (tmp_path / "tests", app):
        (package / "__init__.py").write_text("")
    for name in ("factories", "helpers", "conftest"):
        (tmp_path / "tests" / f"{name}.py").write_text(
            "def test_like_name():\n    pass\n"
        )
    (app / "test_two.py").write_text(
        "from tests.factories import test_like_name\n"
        "from tests.helpers import test_like_name as other\n"
        "from tests.conftest import test_like_name as third\n"
        "from .. import factories\n"
    )
    assert imports_of_test_modules(tmp_path) == {}
