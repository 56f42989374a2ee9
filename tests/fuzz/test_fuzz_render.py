"""Both renderers on any text: only their own tags, balanced, and Telegram's limits kept."""

from __future__ import annotations

import time

from hypothesis import example, given
from hypothesis import strategies as st

from adapters.matrix.render import text_content
from adapters.telegram.render import render_chunks
from bot.messages import Choice, Reply, escape_markup
from tests.fuzz.limits import check_reply

# Markup characters, entities, tags and URLs are what breaks renderers: weight them.
MARKUP = st.sampled_from(
    ["**", "_", "- ", "<", ">", "&", "&amp;", "&#", ";", "<b>", "</i>", "\n", "\n\n", " ",
     "http://", "https://x.org/a_b_", "é", "😀", "`", "\"", "'", "*", "\t", "𝕏"]
)  # fmt: skip
TEXT = st.lists(st.one_of(MARKUP, st.text(max_size=40)), max_size=60).map("".join)


@given(TEXT)
@example("<script>alert(1)</script> **gras _italique_** https://x.org/<b>")
@example("&lt;b&gt; & &amp; &#60;b&#62;")
@example("_" * 30 + "*" * 30)
@example(" ".join(["_0:" * 40] * 70))
@example("**_**_**_ a _b **c_ d** e_")  # found: <b><i></b></i>, refused by Telegram
def test_any_text_renders_within_limits(text: str) -> None:
    check_reply(Reply(text))
    check_reply(Reply(escape_markup(text)))


@given(st.text(min_size=1, max_size=200), st.integers(1, 8))
def test_a_long_reply_splits_into_valid_messages(word: str, repeat: int) -> None:
    text = " ".join([word * 40] * repeat * 10)
    check_reply(Reply(text))


@given(TEXT, st.lists(st.text(max_size=80), max_size=5))
def test_numbered_choices_on_matrix_stay_plain(text: str, labels: list[str]) -> None:
    reply = Reply(text, choices=tuple(Choice(label, "help:show") for label in labels))
    check_reply(reply)


# Found by the fuzzing: each took seconds to minutes before the renderers' fix.
QUADRATIC_BEFORE = [
    "http://a" + "." * 100_000 + "x",  # Telegram's URL look-ahead: 135 s for 50,000 dots
    "_0:" * 33_000,  # italics scanning to the end from every "_": 2.4 s for 10 KB
    "**a " * 25_000,  # the same for bold with no closing pair
]


def test_large_inputs_render_in_linear_time() -> None:
    """100 KB of each kind of hostile text: seconds would mean super-linear work."""
    worst = 0.0
    units = ["**a ", "** a", "_a", "_ a", "<b>", "&amp;", "a" * 99 + " ", "😀", "- x\n", "\n\n",
             "https://x.org/" + "a_" * 25 + " ", "*" * 7 + "_" * 7, "**_", "x&"]  # fmt: skip
    for text in [*QUADRATIC_BEFORE, *(u * (100_000 // len(u)) for u in units)]:
        started = time.perf_counter()
        render_chunks(text)
        text_content(Reply(text))
        worst = max(worst, time.perf_counter() - started)
        check_reply(Reply(text[:5_000]))
    print(f"worst render time for 100 KB: {worst:.3f} s")
    assert worst < 3.0
