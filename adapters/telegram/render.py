"""Reply → Telegram: HTML chunks under the message limit and an inline keyboard.

The core's light markup (``**bold**``, ``_italic_``, ``- `` bullets, bare URLs) becomes
Telegram HTML. The whole text is HTML-escaped first, so nothing a user typed can ever
become a tag; only matched markup pairs inside one line become ``<b>``/``<i>``.
Long texts are split on paragraph, then line, then word boundaries; a line too long
for one message is cut between words with its open tags closed and reopened, so a
chunk never ends inside a tag, an entity or a URL.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.messages import Choice

# Telegram counts UTF-16 code units; 4,096 is the hard limit, keep a margin.
MESSAGE_LIMIT = 4000
CAPTION_LIMIT = 1000
CALLBACK_DATA_LIMIT = 64  # bytes, by the Bot API

# Greedy, then back to the last character that may end a URL (not trailing punctuation):
# linear. The lazy form with a look-ahead rescanned the punctuation at every character,
# so "http://a" followed by 50,000 dots took minutes.
_URL = re.compile(r"https?://[^\s<>\"]*[^\s<>\".,;:!?)\]]")
# A pair's content never crosses the next marker, so each marker is scanned past once:
# with `.+?`, a line of unmatched markers made every one scan to the end (quadratic).
_BOLD = re.compile(r"\*\*(?=\S)((?:(?!\*\*).)+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w/])_(?=\S)([^_]+?)(?<=\S)_(?![\w/])")
_BOLD_TAG = re.compile(r"(</?b>)")
_PLACEHOLDER = re.compile(r"\x00(\d+)\x00")
_TOKEN = re.compile(r"</?[bi]>|&[#\w]+;|\s+|[^\s<&]+|[<&]")


class CallbackDataTooLong(ValueError):
    """A choice's data exceeds Telegram's 64 bytes: the core must keep it short."""


def tg_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def render_line(line: str) -> str:
    """One line of light markup → Telegram HTML (escaped, URLs left untouched)."""
    escaped = html.escape(line, quote=False)
    urls: list[str] = []

    def _keep(match: re.Match[str]) -> str:
        urls.append(match.group(0))
        return f"\x00{len(urls) - 1}\x00"

    protected = _URL.sub(_keep, escaped.replace("\x00", ""))
    if protected.startswith("- "):
        protected = "• " + protected[2:]
    protected = _italics(_BOLD.sub(r"<b>\1</b>", protected))
    return _PLACEHOLDER.sub(lambda m: urls[int(m.group(1))], protected)


def _italics(line: str) -> str:
    """Italics inside each bold or plain segment: an <i> that crossed a </b> ("**_**_")
    made HTML that Telegram refuses, and the whole message was lost."""
    return "".join(
        part if part in ("<b>", "</b>") else _ITALIC.sub(r"<i>\1</i>", part)
        for part in _BOLD_TAG.split(line)
    )


def render_html(text: str) -> str:
    """The whole text as one HTML string (no length limit applied)."""
    return "\n".join(render_line(line) for line in text.split("\n"))


def render_chunks(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Render and split `text` into messages of at most `limit` UTF-16 units each."""
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", text.strip("\n")) if p.strip()]
    chunks: list[str] = []
    current = ""
    for piece, sep in _pieces(paragraphs, limit):
        candidate = f"{current}{sep}{piece}" if current else piece
        if tg_len(candidate) <= limit:
            current = candidate
        else:
            if current:
                chunks.append(current)
            current = piece
    if current:
        chunks.append(current)
    return chunks


def _pieces(paragraphs: list[str], limit: int) -> Iterator[tuple[str, str]]:
    """Rendered pieces that each fit, with the separator that joins them to the previous."""
    for paragraph in paragraphs:
        rendered = render_html(paragraph)
        if tg_len(rendered) <= limit:
            yield rendered, "\n\n"
            continue
        first = True
        for line in paragraph.split("\n"):
            sep = "\n\n" if first else "\n"
            first = False
            rendered_line = render_line(line)
            if tg_len(rendered_line) <= limit:
                yield rendered_line, sep
                continue
            for i, part in enumerate(split_long_line(rendered_line, limit)):
                yield part, sep if i == 0 else "\n"


def split_long_line(rendered: str, limit: int) -> list[str]:
    """Cut one rendered line between words, closing and reopening open tags."""
    parts: list[str] = []
    current = ""
    open_tags: list[str] = []

    def closing() -> str:
        return "".join(f"</{t}>" for t in reversed(open_tags))

    def reopening() -> str:
        return "".join(f"<{t}>" for t in open_tags)

    for token in _atoms(rendered, limit // 2):
        if token.isspace() and not current.strip():
            continue
        opening = 4 if token in ("<b>", "<i>") else 0  # its closing tag, if cut after it
        if tg_len(current + token + closing()) + opening > limit and current.strip():
            parts.append(current.rstrip() + closing())
            current = reopening()
            if token.isspace():
                continue
        current += token
        if token in ("<b>", "<i>"):
            open_tags.append(token[1])
        elif token in ("</b>", "</i>") and open_tags:
            open_tags.pop()
    if current.strip() and current != reopening():
        parts.append(current.rstrip() + closing())
    return parts


def _atoms(rendered: str, max_len: int) -> Iterator[str]:
    """Tags, entities, spaces and words; a word longer than a message is cut safely."""
    for token in _TOKEN.findall(rendered):
        if tg_len(token) <= max_len or token.startswith("<"):
            yield token
            continue
        # A single "word" longer than a message (no URL is that long): cut it, never
        # inside an HTML entity.
        size = max(1, min(500, max_len // 2))
        yield from re.findall(rf"&[#\w]+;|[^&]{{1,{size}}}|&", token)


def keyboard(choices: tuple[Choice, ...]) -> InlineKeyboardMarkup | None:
    """One button per row, so labels stay readable on a phone; adjacent compact choices
    (👍 / 👎) share one row. A choice with a `url` becomes a URL button."""
    if not choices:
        return None
    for choice in choices:
        if choice.url is None and len(choice.data.encode("utf-8")) > CALLBACK_DATA_LIMIT:
            raise CallbackDataTooLong(
                f"button data over {CALLBACK_DATA_LIMIT} bytes: {choice.data[:80]!r}"
            )
    rows: list[list[InlineKeyboardButton]] = []
    for i, c in enumerate(choices):
        button = (
            InlineKeyboardButton(c.label, url=c.url)
            if c.url is not None
            else InlineKeyboardButton(c.label, callback_data=c.data)
        )
        if c.compact and i and choices[i - 1].compact:
            rows[-1].append(button)
        else:
            rows.append([button])
    return InlineKeyboardMarkup(rows)


def plain_text(rendered: str) -> str:
    """What the user reads: tags dropped, entities decoded (for tests and fallbacks)."""
    return html.unescape(re.sub(r"</?[bi]>", "", rendered))
