"""Adapters translate; what users read is worded in the core (bot/notices.py and others).

Checked on the source: no adapter builds a `Reply` or a `Notice` from a string literal,
so a sentence a user reads cannot be added to an adapter unnoticed.
"""

from __future__ import annotations

import ast
from pathlib import Path

ADAPTERS = Path(__file__).resolve().parents[2] / "adapters"
MESSAGE_TYPES = {"Reply", "Notice"}


def literal_messages(source: str) -> list[int]:
    """Lines where a message type is called with a literal (or f-string) as its text."""
    lines: list[int] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        if node.func.id not in MESSAGE_TYPES:
            continue
        texts = [*node.args, *(k.value for k in node.keywords if k.arg == "text")]
        if any(isinstance(t, ast.Constant | ast.JoinedStr) for t in texts):
            lines.append(node.lineno)
    return lines


def test_the_check_sees_a_worded_reply() -> None:
    assert literal_messages('Reply("Bonjour")\nNotice(chat, f"{x} !")\nReply(TEXT)') == [1, 2]


def test_no_adapter_words_a_message_itself() -> None:
    offenders = {
        path.relative_to(ADAPTERS.parent).as_posix(): found
        for path in sorted(ADAPTERS.rglob("*.py"))
        if (found := literal_messages(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}
