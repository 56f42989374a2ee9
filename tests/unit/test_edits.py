"""Which reply replaces the pressed message and which one clears its buttons (bot/edits.py)."""

from __future__ import annotations

from dataclasses import replace

from bot.edits import Step, closing, in_place, plan
from bot.messages import Choice, File, Reply
from tests.support.chat import private

PRESSED = replace(private(button="x:y"), message_ref="17")
KEYS = (Choice("Suite", "x:z"),)


def test_an_edit_reply_replaces_the_pressed_message_once() -> None:
    first, second = in_place(Reply("Page 2", KEYS)), in_place(Reply("Encore"))
    assert plan(PRESSED, [first, second]) == [Step(first, replace="17"), Step(second)]


def test_a_used_keyboard_is_cleared_once_then_the_outcome_is_sent() -> None:
    [outcome, more] = closing([Reply("✅ Enregistré"), Reply("Autre chose")])
    assert plan(PRESSED, [outcome, more]) == [Step(outcome, clear="17"), Step(more)]


def test_buttons_brought_by_a_replacement_are_never_cleared_afterwards() -> None:
    edit = in_place(Reply("Nouveau menu", KEYS))
    late = replace(Reply("Fait"), clear_pressed=True)
    assert plan(PRESSED, [edit, late]) == [Step(edit, replace="17"), Step(late)]


def test_without_a_pressed_message_everything_is_sent() -> None:
    typed = private("2")  # a numbered answer: no message to edit
    replies = [in_place(Reply("Page 2", KEYS)), *closing([Reply("Fait")])]
    assert plan(typed, replies) == [Step(r) for r in replies]


def test_a_reply_for_another_chat_or_with_a_file_is_never_an_edit() -> None:
    elsewhere = in_place(Reply("Annonce", chat_id="group-1"))
    with_file = in_place(Reply("Export", file=File("a.txt", b"a")))
    assert plan(PRESSED, [elsewhere, with_file]) == [Step(elsewhere), Step(with_file)]
