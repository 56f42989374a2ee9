"""What every reply must satisfy once rendered, whatever the user sent."""

from __future__ import annotations

from html.parser import HTMLParser

from adapters.matrix.render import text_content
from adapters.telegram.render import keyboard, render_chunks, tg_len
from bot.messages import Reply

TELEGRAM_MESSAGE_MAX = 4096  # UTF-16 units, by the Bot API
TELEGRAM_CALLBACK_MAX = 64  # bytes, by the Bot API
TELEGRAM_TAGS = {"b", "i"}  # what adapters/telegram/render.py produces
MATRIX_TAGS = {"b", "i", "a", "br"}  # what adapters/matrix/render.py produces


class _Tags(HTMLParser):
    """Collects tags and checks they nest; an unbalanced or unknown tag is a finding."""

    def __init__(self, allowed: set[str], void: set[str]) -> None:
        super().__init__(convert_charrefs=False)
        self.allowed, self.void = allowed, void
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.allowed:
            self.problems.append(f"tag <{tag}>")
        names = {name for name, _ in attrs}
        if names - ({"href"} if tag == "a" else set()):
            self.problems.append(f"attributes {names} on <{tag}>")
        if tag not in self.void:
            self.stack.append(tag)

    def handle_data(self, data: str) -> None:
        if "<" in data or ">" in data:
            self.problems.append(f"unescaped bracket in {data[:80]!r}")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(f"unbalanced </{tag}>")


def tag_problems(markup: str, allowed: set[str], void: frozenset[str] = frozenset()) -> list[str]:
    parser = _Tags(allowed, set(void))
    parser.feed(markup)
    parser.close()
    if parser.stack:
        parser.problems.append(f"unclosed {parser.stack}")
    return parser.problems


def check_reply(reply: Reply) -> None:
    """Raises AssertionError with the reason when a reply breaks a transport's limit."""
    assert isinstance(reply.text, str)
    for choice in reply.choices:
        size = len(choice.data.encode("utf-8"))
        assert size <= TELEGRAM_CALLBACK_MAX, f"button data {size} bytes: {choice.data!r}"
    keyboard(reply.choices)  # raises on data the Bot API would refuse
    for chunk in render_chunks(reply.text):
        assert tg_len(chunk) <= TELEGRAM_MESSAGE_MAX, f"Telegram chunk of {tg_len(chunk)}"
        problems = tag_problems(chunk, TELEGRAM_TAGS)
        assert not problems, f"Telegram HTML {problems[:3]}: {chunk[:300]!r}"
    html = text_content(reply)["formatted_body"]
    problems = tag_problems(html, MATRIX_TAGS, frozenset({"br"}))
    assert not problems, f"Matrix HTML {problems[:3]}: {html[:300]!r}"
