"""Reply text → Telegram HTML: escaping, markup, and splitting below the message limit."""

from __future__ import annotations

import html
import re

import pytest

from adapters.telegram.render import (
    MESSAGE_LIMIT,
    CallbackDataTooLong,
    keyboard,
    plain_text,
    render_chunks,
    render_html,
    tg_len,
)
from bot.messages import Choice, escape_markup

_TAG = re.compile(r"<(/?)([a-z]+)>")


def assert_valid_html(chunk: str) -> None:
    """Only balanced, properly nested <b>/<i>; every & starts an entity; no stray <."""
    stack: list[str] = []
    for closing, name in _TAG.findall(chunk):
        assert name in ("b", "i"), chunk
        if closing:
            assert stack, chunk
            assert stack.pop() == name, chunk
        else:
            stack.append(name)
    assert not stack, f"unclosed tags in {chunk[-80:]!r}"
    assert "<" not in _TAG.sub("", chunk)
    assert ">" not in _TAG.sub("", chunk)
    assert not re.search(r"&(?!(?:amp|lt|gt|quot|#\d+);)", chunk), chunk


def words(text: str) -> list[str]:
    return text.split()


def test_text_is_escaped_before_markup_is_converted() -> None:
    out = render_html("**Gras** & <script>alert(1)</script> _italique_")
    assert out == "<b>Gras</b> &amp; &lt;script&gt;alert(1)&lt;/script&gt; <i>italique</i>"


def test_user_text_neutralised_by_the_core_never_becomes_markup() -> None:
    typed = escape_markup("**pas gras** _pas italique_ <b>x</b>")
    out = render_html(f"Vous avez écrit : {typed}")
    assert out == "Vous avez écrit : ∗∗pas gras∗∗ ＿pas italique＿ ‹b›x‹/b›"
    assert_valid_html(out)


def test_bullets_and_urls() -> None:
    out = render_html("- un\n- deux : https://exemple.fr/a_b_c?x=1&y=2.")
    # underscores inside a URL are not italics
    assert out == "• un\n• deux : https://exemple.fr/a_b_c?x=1&amp;y=2."


def test_snake_case_and_lone_asterisks_stay_as_they_are() -> None:
    assert render_html("fichier mon_nom_de_fichier.txt") == "fichier mon_nom_de_fichier.txt"
    assert render_html("2 * 3 = 6 et **") == "2 * 3 = 6 et **"


def test_markup_does_not_span_lines() -> None:
    assert render_html("**début\nfin**") == "**début\nfin**"


def test_short_text_is_one_chunk() -> None:
    assert render_chunks("Bonjour **Camille**") == ["Bonjour <b>Camille</b>"]


def test_a_20000_character_answer_is_split_on_paragraphs() -> None:
    paragraph = "**Titre** du paragraphe. " + "Une phrase d'explication & de détail. " * 12
    text = "\n\n".join(f"{i} {paragraph}".strip() for i in range(45))
    assert len(text) > 20_000
    chunks = render_chunks(text)
    assert len(chunks) >= 5
    for chunk in chunks:
        assert tg_len(chunk) <= MESSAGE_LIMIT < 4096
        assert_valid_html(chunk)
        assert not chunk.startswith("\n")
        assert not chunk.endswith("\n")
    rebuilt = "\n\n".join(plain_text(c) for c in chunks)
    assert words(rebuilt) == words(plain_text(render_html(text)))
    # Paragraph boundaries: every chunk starts a paragraph.
    assert all(re.match(r"\d+ ", plain_text(c)) for c in chunks)


def test_lines_of_one_huge_paragraph_are_kept_whole() -> None:
    text = "\n".join(f"- ligne {i} " + "mot " * 40 for i in range(200))
    chunks = render_chunks(text)
    for chunk in chunks:
        assert tg_len(chunk) <= MESSAGE_LIMIT
        assert all(line.startswith("• ligne") for line in chunk.split("\n"))


def test_a_single_very_long_line_is_cut_between_words_with_tags_reopened() -> None:
    text = "Début **" + "gras " * 3000 + "fin** puis https://exemple.fr/une/page_longue " * 3
    chunks = render_chunks(text)
    assert len(chunks) >= 4
    for chunk in chunks:
        assert tg_len(chunk) <= MESSAGE_LIMIT
        assert_valid_html(chunk)
    rebuilt = " ".join(plain_text(c) for c in chunks)
    assert words(rebuilt) == words(plain_text(render_html(text)))
    assert all(url.endswith("page_longue") for url in re.findall(r"https://\S+", rebuilt))
    # the bold run continues in the next message
    assert chunks[1].startswith("<b>")


def test_a_single_word_longer_than_a_message_never_cuts_an_entity() -> None:
    text = "&<>" * 4000
    chunks = render_chunks(text)
    for chunk in chunks:
        assert tg_len(chunk) <= MESSAGE_LIMIT
        assert_valid_html(chunk)
    assert "".join(html.unescape(c) for c in chunks) == text


def test_emoji_count_double_for_telegram() -> None:
    text = "😀" * 3000  # 6,000 UTF-16 units
    chunks = render_chunks(text)
    assert len(chunks) == 2
    assert all(tg_len(c) <= MESSAGE_LIMIT for c in chunks)
    assert "".join(chunks) == text


def test_split_respects_a_smaller_limit() -> None:
    chunks = render_chunks("**un deux trois quatre cinq six sept huit**", limit=20)
    for chunk in chunks:
        assert tg_len(chunk) <= 20
        assert_valid_html(chunk)
    assert (
        words(" ".join(plain_text(c) for c in chunks))
        == "un deux trois quatre cinq six sept huit".split()
    )


def test_choices_become_one_button_per_row() -> None:
    markup = keyboard((Choice("Oui", "j:yes"), Choice("Non", "j:no")))
    assert markup is not None
    rows = markup.inline_keyboard
    assert [[(b.text, b.callback_data) for b in row] for row in rows] == [
        [("Oui", "j:yes")],
        [("Non", "j:no")],
    ]
    assert keyboard(()) is None


def test_callback_data_over_64_bytes_fails_loudly() -> None:
    keyboard((Choice("ok", "x" * 64),))
    with pytest.raises(CallbackDataTooLong):
        keyboard((Choice("trop long", "é" * 33),))  # 66 bytes in UTF-8
