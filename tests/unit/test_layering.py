"""The layering rule, checked on the source: the core (`bot/`) never imports a transport.

Read with `ast`, so an import inside a function (deferred for start-up time) counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "bot"
TRANSPORT_LIBRARIES = {"telegram", "nio"}
# The composition root (the `mentor` command, the runner) lives in the top-level `mentor`
# package: nothing in the core may import an adapter, nor the root that wires them.
FORBIDDEN_IN_CORE = {"adapters", "mentor"}


def imported_modules(source: str) -> set[str]:
    """Every absolute module name a source imports, at any depth (relative ones are bot's)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id)
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


def top_level(module: str) -> str:
    return module.split(".", 1)[0]


def core_imports() -> dict[str, set[str]]:
    files = sorted(CORE.rglob("*.py"))
    assert len(files) > 50  # the walk found the core
    return {
        path.relative_to(ROOT).as_posix(): {
            top_level(m) for m in imported_modules(path.read_text(encoding="utf-8"))
        }
        for path in files
    }


def test_the_core_never_imports_a_transport_library() -> None:
    offenders = {
        path: sorted(tops & TRANSPORT_LIBRARIES)
        for path, tops in core_imports().items()
        if tops & TRANSPORT_LIBRARIES
    }
    assert offenders == {}


def test_the_core_imports_neither_adapters_nor_the_composition_root() -> None:
    offenders = {
        path: sorted(tops & FORBIDDEN_IN_CORE)
        for path, tops in core_imports().items()
        if tops & FORBIDDEN_IN_CORE
    }
    assert offenders == {}


def test_adapters_do_not_import_the_composition_root() -> None:
    files = sorted((ROOT / "adapters").rglob("*.py"))
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in files
        if "mentor" in {top_level(m) for m in imported_modules(path.read_text(encoding="utf-8"))}
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("source", "module"),
    [
        ("import telegram", "telegram"),
        ("import nio.crypto as c", "nio.crypto"),
        ("from telegram.ext import Application", "telegram.ext"),
        ("def f():\n    from adapters.run import run", "adapters.run"),
        ("import importlib\nimportlib.import_module('nio')", "nio"),
        ("__import__('telegram')", "telegram"),
    ],
)
def test_every_way_of_importing_is_seen(source: str, module: str) -> None:
    assert module in imported_modules(source)


def test_relative_imports_stay_inside_the_core() -> None:
    assert imported_modules("from . import messages\nfrom .storage import models") == set()
