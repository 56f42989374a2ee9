"""Links in a Matrix `formatted_body`, read with an HTML parser in linear time.

A regular expression over attacker-written HTML backtracks (60 KB of repeated
`<mx-reply>` stalled the event loop for seconds); a parser reads each character once.
Only real `<a href>` elements count, outside the quoted reply (`<mx-reply>`): a link in
a comment or an attribute is not a mention.
"""

from __future__ import annotations

from html.parser import HTMLParser

MAX_FORMATTED_CHARS = 32_000  # longer bodies are cut before parsing


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.reply_depth = 0
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mx-reply":
            self.reply_depth += 1
        elif tag == "a" and self.reply_depth == 0:
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mx-reply" and self.reply_depth:
            self.reply_depth -= 1


def links(formatted_body: str) -> list[str]:
    """The href of every link written by the sender (not inside the quoted reply)."""
    parser = _Links()
    parser.feed(formatted_body[:MAX_FORMATTED_CHARS])
    parser.close()
    return parser.hrefs
