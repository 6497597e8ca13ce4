"""The app dependency contract (``[tool.importlinter]`` in pyproject.toml, issue 10).

An app imports only the apps below it, at module level or inside a function; siblings
on one layer never import each other. import-linter builds the graph with grimp, which
reads every import statement of a module (inside functions too), so no AST check of our
own is needed. The last tests show the check failing on a planted import.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
# Packages of pencaker that are not apps under the contract: tests of whole journeys.
NOT_LAYERED = {"e2e", "locale", "templates"}


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(root / "pyproject.toml")],
        cwd=root,
        env={"PATH": str(LINT_IMPORTS.parent), "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _copy_tree(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(
        ROOT / "pencaker",
        tmp_path / "pencaker",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "static", "locale", "templates"),
    )
    return tmp_path


def _layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    (contract,) = config["tool"]["importlinter"]["contracts"]
    return contract["layers"]


def test_the_tree_keeps_the_dependency_contract():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_every_app_has_a_layer():
    listed = {m.strip().removeprefix("pencaker.") for layer in _layers() for m in layer.split("|")}
    apps = {
        p.name
        for p in (ROOT / "pencaker").iterdir()
        if (p / "__init__.py").exists() and p.name not in NOT_LAYERED
    }
    assert apps - listed == set()


def test_an_upward_import_inside_a_function_breaks_the_contract(tmp_path):
    root = _copy_tree(tmp_path)
    numbers = root / "pencaker" / "cards" / "numbers.py"
    numbers.write_text(
        numbers.read_text()
        + "\n\ndef _x():\n    from pencaker.applications.models import Application\n\n"
        + "    return Application\n"
    )
    result = _lint(root)
    assert result.returncode == 1, result.stdout
    assert "pencaker.cards is not allowed to import pencaker.applications" in result.stdout
    assert "pencaker.cards.numbers -> pencaker.applications.models" in result.stdout


@pytest.mark.parametrize(
    ("lower", "upper"),
    [("seekers", "surveys"), ("regions", "accounts"), ("public", "api")],
)
def test_a_cycle_between_two_siblings_breaks_the_contract(tmp_path, lower, upper):
    root = _copy_tree(tmp_path)
    for importer, imported in ((lower, upper), (upper, lower)):
        module = root / "pencaker" / importer / "_planted.py"
        module.write_text(f"def _y():\n    import pencaker.{imported}.apps\n")
    result = _lint(root)
    assert result.returncode == 1, result.stdout
    assert f"pencaker.{lower}._planted -> pencaker.{upper}.apps" in result.stdout
    assert f"pencaker.{upper}._planted -> pencaker.{lower}.apps" in result.stdout
