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
# Known exception: the composition root (the `mentor` command and the long-running runner)
# still lives in bot/ and starts the adapters. Another piece of work moves it out of the
# core; then this set becomes empty.
MAY_IMPORT_ADAPTERS = {"bot/cli.py", "bot/runner.py"}


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


def test_the_core_imports_adapters_only_from_the_composition_root() -> None:
    offenders = sorted(
        path
        for path, tops in core_imports().items()
        if "adapters" in tops and path not in MAY_IMPORT_ADAPTERS
    )
    assert offenders == []


def test_the_known_exceptions_still_exist() -> None:
    # When the composition root moves out, drop the exception instead of keeping a stale one.
    imports = core_imports()
    assert [p for p in sorted(MAY_IMPORT_ADAPTERS) if "adapters" in imports.get(p, set())] == (
        sorted(MAY_IMPORT_ADAPTERS)
    )


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
