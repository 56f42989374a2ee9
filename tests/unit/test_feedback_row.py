"""The feedback buttons are one discreet row on Telegram, after the answer's own buttons."""

from __future__ import annotations

from adapters.telegram.render import keyboard
from bot.messages import Choice


def test_adjacent_compact_choices_share_one_row_the_others_keep_theirs() -> None:
    markup = keyboard(
        (
            Choice("En savoir plus", "kb:more:a"),
            Choice("Voir aussi : B", "kb:show:b"),
            Choice("👍 Utile", "fb:up:1", compact=True),
            Choice("👎 Pas ma question", "fb:down:1", compact=True),
        )
    )
    assert markup is not None
    rows = [[b.text for b in row] for row in markup.inline_keyboard]
    assert rows == [["En savoir plus"], ["Voir aussi : B"], ["👍 Utile", "👎 Pas ma question"]]
