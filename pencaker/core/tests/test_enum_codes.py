"""Error codes and audit actions are enum members, never free strings (ADR 13).

An AST scan of every module (tests, migrations and the browser journeys excluded) fails on
a ``DomainError``-family error (``DomainError``, ``PermissionDenied``, ``NotFound``,
``Conflict`` of ``pencaker.core.errors`` and their subclasses anywhere in the tree) built
with a string literal as its code, on a comparison of an error's ``code`` with a string
literal, and on ``audit_record(action="...")`` with a string literal.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
CORE_ERRORS = "pencaker.core.errors"
FAMILY_ROOTS = frozenset(
    f"{CORE_ERRORS}.{name}" for name in ("DomainError", "PermissionDenied", "NotFound", "Conflict")
)
AUDIT_RECORD = "pencaker.core.audit.audit_record"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_str_literal(node: ast.AST | None) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    return isinstance(node, ast.JoinedStr)


class _Names:
    """What the names of one module stand for: local name → dotted origin."""

    def __init__(self, module: str, tree: ast.Module) -> None:
        self.module = module
        self.origin: dict[str, str] = {}
        package = module.rsplit(".", 1)[0]
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in node.names:
                    self.origin[alias.asname or alias.name] = f"{base}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self.origin[alias.asname] = alias.name
                    else:
                        top = alias.name.split(".")[0]
                        self.origin[top] = top
            elif isinstance(node, ast.ClassDef):
                self.origin.setdefault(node.name, f"{module}.{node.name}")

    def resolve(self, node: ast.AST) -> str | None:
        if isinstance(node, ast.Name):
            return self.origin.get(node.id, f"{self.module}.{node.id}")
        if isinstance(node, ast.Attribute):
            base = self.resolve(node.value)
            return f"{base}.{node.attr}" if base else None
        return None


def _parse(paths: list[Path]) -> list[tuple[Path, ast.Module, _Names]]:
    parsed = []
    for path in paths:
        tree = ast.parse(path.read_text(), filename=str(path))
        parsed.append((path, tree, _Names(_module_name(path), tree)))
    return parsed


def error_family(parsed: list[tuple[Path, ast.Module, _Names]]) -> set[str]:
    """The dotted names of the core errors and of every subclass of them in the tree."""
    family = set(FAMILY_ROOTS)
    classes = [
        (f"{names.module}.{node.name}", [names.resolve(base) for base in node.bases])
        for _, tree, names in parsed
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    ]
    # A class re-exported by another module resolves to its own dotted name there.
    aliases = {
        f"{names.module}.{local}": origin
        for _, _, names in parsed
        for local, origin in names.origin.items()
    }
    grew = True
    while grew:
        grew = False
        for name, bases in classes:
            if name not in family and any(aliases.get(b, b) in family for b in bases if b):
                family.add(name)
                grew = True
    return family


def _literal_or_members(node: ast.AST) -> bool:
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_is_str_literal(e) for e in node.elts)
    return _is_str_literal(node)


def error_code_strings(
    source: str, module: str = "pencaker.planted", family: frozenset[str] | set[str] = FAMILY_ROOTS
) -> list[str]:
    """Where ``source`` builds a domain error, or compares an error's code, with a literal."""
    tree = ast.parse(source)
    names = _Names(module, tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (target := names.resolve(node.func)) in family:
            code = node.args[0] if node.args else None
            for keyword in node.keywords:
                if keyword.arg == "code":
                    code = keyword.value
            if _is_str_literal(code):
                found.append(f"{node.lineno}: {target.rsplit('.', 1)[-1]}({ast.unparse(code)}, …)")
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            reads_code = any(isinstance(s, ast.Attribute) and s.attr == "code" for s in sides)
            if reads_code and any(map(_literal_or_members, sides)):
                found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def audit_action_strings(source: str, module: str = "pencaker.planted") -> list[str]:
    """Where ``source`` records an audit row with a literal action."""
    tree = ast.parse(source)
    names = _Names(module, tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (names.resolve(node.func) or "").endswith(
            ".audit_record"
        ):
            for keyword in node.keywords:
                if keyword.arg == "action" and _is_str_literal(keyword.value):
                    found.append(
                        f"{node.lineno}: audit_record(action={ast.unparse(keyword.value)})"
                    )
    return found


def _scanned_modules() -> list[Path]:
    paths = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if (
            parts[0] == "e2e"
            or "tests" in parts
            or "migrations" in parts
            or path.name == "conftest.py"
        ):
            continue
        paths.append(path)
    return paths


def scan_tree(scan: str = "codes") -> dict[str, list[str]]:
    parsed = _parse(_scanned_modules())
    family = error_family(parsed)
    found = {}
    for path, _, names in parsed:
        source = path.read_text()
        if scan == "codes":
            hits = error_code_strings(source, names.module, family)
        else:
            hits = audit_action_strings(source, names.module)
        if hits:
            found[str(path.relative_to(PACKAGE))] = hits
    return found


def test_no_error_code_is_a_free_string():
    assert len(_scanned_modules()) > 100  # the scan really covers the tree
    assert scan_tree("codes") == {}


def test_no_audit_action_is_a_free_string():
    assert scan_tree("audit") == {}


def test_the_family_includes_the_subclasses_in_the_tree():
    family = error_family(_parse(_scanned_modules()))
    assert "pencaker.regions.nik.NikError" in family
    assert "pencaker.regions.services.RegionImportError" in family


@pytest.mark.parametrize(
    "planted",
    [
        "from pencaker.core.errors import DomainError\nraise DomainError('oops', 'Oops')",
        "from pencaker.core.errors import Conflict\nraise Conflict(code='taken', message='x')",
        "from pencaker.core import errors\nraise errors.NotFound('missing', 'x')",
        "from pencaker.core.errors import PermissionDenied as No\ndef f():\n    raise No('no', 'x')",
        "from pencaker.core.errors import DomainError\nerror = DomainError(f'{1}', 'x')",
        "def f(exc):\n    return exc.code == 'nik_taken'",
        "def f(exc):\n    return exc.code in ('a', 'b')",
    ],
)
def test_the_scan_finds_a_planted_error_code(planted):
    assert error_code_strings(planted)


@pytest.mark.parametrize(
    "planted",
    [
        "from pencaker.core.audit import audit_record\naudit_record(actor=None, action='x.y')",
        "from pencaker.core import audit\naudit.audit_record(actor=None, action=f'x.{1}')",
        "def f():\n    from pencaker.core.audit import audit_record\n"
        "    audit_record(actor=None, action='x.y')",
    ],
)
def test_the_scan_finds_a_planted_audit_action(planted):
    assert audit_action_strings(planted)


def test_the_scans_let_members_and_django_errors_through():
    source = (
        "from django.core.exceptions import PermissionDenied\n"
        "from pencaker.core.audit import AuditAction, audit_record\n"
        "from pencaker.core.errors import DomainError\n"
        "from pencaker.cards.errors import CardErrorCode\n"
        "raise PermissionDenied('not staff')\n"
        "raise DomainError(CardErrorCode.NOT_FOUND, 'x')\n"
        "audit_record(actor=None, action=AuditAction.CARD_ISSUED)\n"
        "audit_record(actor=None, action=AuditAction(f'seekers.{section}.added'))\n"
        "ok = exc.code == CardErrorCode.NOT_FOUND\n"
    )
    assert error_code_strings(source) == []
    assert audit_action_strings(source) == []


def test_the_scans_are_shown_to_fail_on_a_planted_module(tmp_path, monkeypatch):
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "errors.py").write_text("class DomainError(Exception):\n    pass\n")
    (tmp_path / "cards").mkdir()
    (tmp_path / "cards" / "services.py").write_text(
        "from pencaker.core.audit import audit_record\n"
        "from pencaker.core.errors import DomainError\n\n"
        "class CardError(DomainError):\n    pass\n\n"
        "def card_issue():\n"
        "    audit_record(actor=None, action='card.issued')\n"
        "    raise CardError('card_exists', 'The card exists.')\n"
    )
    (tmp_path / "cards" / "tests").mkdir()
    (tmp_path / "cards" / "tests" / "test_x.py").write_text(
        "from pencaker.core.errors import DomainError\nDomainError('in_a_test', 'x')\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path)
    assert scan_tree("codes") == {"cards/services.py": ["9: CardError('card_exists', …)"]}
    assert scan_tree("audit") == {"cards/services.py": ["8: audit_record(action='card.issued')"]}
