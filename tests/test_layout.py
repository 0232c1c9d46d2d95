"""The package reads top to bottom: no import cycle between its modules, and the wheel carries its data."""

from __future__ import annotations

import ast
from importlib import resources
from pathlib import Path

import channelfit as cf

PACKAGE = Path(cf.__file__).resolve().parent


def _imports(path: Path) -> set[str]:
    """Modules of the package that ``path`` imports, at any depth, except under ``if TYPE_CHECKING``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(node) for stmt in ast.walk(tree) if isinstance(stmt, ast.If) and ast.unparse(stmt.test) == "TYPE_CHECKING" for node in ast.walk(stmt)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped or not isinstance(node, ast.ImportFrom) or node.level != 1:
            continue
        if node.module:
            found.add(node.module.split(".")[0])
        else:
            found.update(alias.name for alias in node.names)
    return found


def test_no_import_cycle() -> None:
    graph = {path.stem: _imports(path) - {"__init__"} for path in PACKAGE.glob("*.py") if path.stem != "__init__"}
    assert set().union(*graph.values()) <= set(graph), "imports of modules that do not exist"
    done: set[str] = set()

    def visit(module: str, stack: tuple[str, ...]) -> None:
        assert module not in stack, "import cycle: " + " -> ".join((*stack, module))
        if module in done:
            return
        for imported in sorted(graph[module]):
            visit(imported, (*stack, module))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())


def test_the_installed_package_carries_its_catalog_and_locales() -> None:
    files = resources.files("channelfit")
    assert (files / "catalog_data" / "channels.csv").is_file()
    assert (files / "catalog_data" / "sources.csv").is_file()
    for language in ("en", "it", "ru", "uk"):
        assert (files / "locales" / f"{language}.json").is_file()
    assert cf.catalog().directory.name == "catalog_data"


def test_the_benchmarks_random_profiles_are_valid_profile_arrays() -> None:
    """benchmarks/run.py draws a million encoded profiles without the encoder: its arrays must keep up with
    ProfileArrays (a field added to it once broke the benchmark, which no test ran), and they must score."""
    import importlib.util

    import pytest

    from channelfit.scorer import score

    script = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"
    if not script.exists():
        pytest.skip("benchmarks/ is not beside the tests")
    spec = importlib.util.spec_from_file_location("channelfit_benchmarks", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    arrays = module.random_arrays(40, seed=0)
    scores = score(arrays, cf.catalog())
    assert scores.score.shape == (40, len(cf.catalog().channels))
    assert (scores.score >= 0).all() and (scores.score <= 1).all()
