"""Choices answered without buttons: by number or by typed label, numbers stable in a dialog.

Clients without buttons (Matrix, the console) show a reply's choices as a numbered list;
the person answers "4", "Valider" or "valid" (accents, case and leading symbols such as
"✅" ignored; a start of a label counts when only one label starts so). Within one
dialog (a flow such as /preuve), a choice keeps its number from message to message,
whatever else appears or goes: "Valider" stays 7 while competencies are toggled. Outside
a flow every message numbers its choices from 1. Pure functions; the row that remembers
them is bot.dialogs. Everything here is linear in the text and the number of choices.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from bot.messages import Choice, Reply
from bot.text import fold

MIN_PREFIX = 3  # "Val" for "Valider"; "Va" could be anything
ANSWER_MAX_CHARS = 80  # a label typed back is short; longer text is a message
KEEP_NUMBERS = 200  # a dialog offering more distinct labels starts numbering again
_WORD = re.compile(r"[0-9a-z]+(?:[.'][0-9a-z]+)*")
_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.)]?\s*$")


def label_key(label: str) -> str:
    """ "✅ C1.4 Accueillir…" → "c1.4 accueillir…" minus symbols: the words, folded."""
    return " ".join(_WORD.findall(fold(label)))


def typed_number(text: str) -> int | None:
    """ "3", " 3. ", "3)" → 3; anything else → None."""
    match = _NUMBER.match(text)
    return int(match.group(1)) if match else None


def may_answer(text: str) -> bool:
    """Whether a message could be a choice typed back (checked before any lookup)."""
    stripped = text.strip()
    return 0 < len(stripped) <= ANSWER_MAX_CHARS and "\n" not in stripped


@dataclass(frozen=True, slots=True)
class Found:
    """What a typed answer designates among the pending choices."""

    choice: Choice | None = None  # exactly one
    candidates: tuple[Choice, ...] = ()  # several labels start that way
    out_of_range: bool = False  # a number that is none of the choices'


def resolve(pending: Sequence[Choice], text: str, *, prefixes: bool = True) -> Found:
    """The choice `text` names: its number, its whole label, or (with `prefixes`) the
    start of one label only. Numbers are the ones shown (`Choice.number`)."""
    if not pending or not may_answer(text):
        return Found()
    number = typed_number(text)
    if number is not None:
        for choice in pending:
            if choice.number == number:
                return Found(choice)
        return Found(out_of_range=True)
    raw = text.strip()
    exact = [c for c in pending if c.label.strip() == raw]
    key = label_key(raw)
    if not exact and key:
        exact = [c for c in pending if label_key(c.label) == key]
    if len(exact) == 1:
        return Found(exact[0])
    if exact or not prefixes or len(key) < MIN_PREFIX:
        return Found(candidates=tuple(exact))
    starting = [c for c in pending if label_key(c.label).startswith(key)]
    if len(starting) == 1:
        return Found(starting[0])
    return Found(candidates=tuple(starting))


def which_numbers(pending: Sequence[Choice]) -> str:
    """ "Choisissez un numéro entre 1 et 5." or, with gaps, "… parmi 1, 2, 4 et 7."."""
    numbers = sorted({c.number for c in pending if c.number is not None})
    if numbers == list(range(1, len(numbers) + 1)):
        return f"Choisissez un numéro entre 1 et {len(numbers)}."
    listed = ", ".join(str(n) for n in numbers[:-1])
    return f"Choisissez un numéro parmi {listed} et {numbers[-1]}."


@dataclass
class Numbering:
    """The numbers given in the current dialog (`flow`), by label key."""

    flow: str = ""
    numbers: dict[str, int] = field(default_factory=dict)


def assign(choices: Sequence[Choice], memory: Numbering, flow: str) -> list[Choice]:
    """Number `choices` (all the choices of one message, in order) and update `memory`.

    In a flow, a label seen before keeps its number and a new one takes the next unused
    number (numbers of choices gone stay reserved, so an old "4" never means another
    choice); outside a flow, numbering starts at 1 every message.
    """
    if not flow or memory.flow != flow or len(memory.numbers) > KEEP_NUMBERS:
        memory.flow, memory.numbers = flow, {}
    following = max(memory.numbers.values(), default=0) + 1
    given: set[int] = set()
    numbered: list[Choice] = []
    for choice in choices:
        key = label_key(choice.label) or choice.data
        number = memory.numbers.get(key)
        if number is None or number in given:  # new, or the same label twice in a message
            number, following = following, following + 1
            memory.numbers.setdefault(key, number)
        given.add(number)
        numbered.append(replace(choice, number=number))
    if not flow:
        memory.numbers = {}
    return numbered


def numbered_here(replies: Sequence[Reply], chat_id: str) -> list[Choice]:
    """The choices a number typed in `chat_id` may answer: those of the replies shown
    there (not those sent to another chat), link buttons left out."""
    return [c for r in replies if r.chat_id in (None, chat_id) for c in r.choices if c.url is None]


def with_numbers(replies: Sequence[Reply], numbered: Sequence[Choice], chat_id: str) -> list[Reply]:
    """The replies with the choices of `numbered_here` swapped for the numbered ones."""
    out: list[Reply] = []
    pending = iter(numbered)
    for reply in replies:
        if reply.choices and reply.chat_id in (None, chat_id):
            swapped = tuple(c if c.url is not None else next(pending, c) for c in reply.choices)
            reply = replace(reply, choices=swapped)
        out.append(reply)
    return out


# --- the stored form (dialog_states.choices, JSON) ------------------------------------


def dump(shown: Sequence[Choice], memory: Numbering, at: datetime) -> dict[str, Any]:
    return {
        "v": 2,
        "shown": [[c.label, c.data, c.number or i] for i, c in enumerate(shown, start=1)],
        "flow": memory.flow,
        "numbers": memory.numbers,
        "at": at.isoformat(),
    }


def load(stored: object) -> tuple[list[Choice], Numbering, datetime | None]:
    """The shown choices, the dialog's numbering and when they were offered. The older
    form (a list of [label, data]) reads as numbered 1…n; damaged entries are skipped."""
    if isinstance(stored, list):
        return _shown(stored, legacy=True), Numbering(), None
    if not isinstance(stored, dict):
        return [], Numbering(), None
    memory = Numbering()
    flow, numbers = stored.get("flow"), stored.get("numbers")
    if isinstance(flow, str) and isinstance(numbers, dict):
        memory = Numbering(
            flow,
            {k: n for k, n in numbers.items() if isinstance(k, str) and _is_number(n)},
        )
    at: datetime | None = None
    if isinstance(stored.get("at"), str):
        try:
            at = datetime.fromisoformat(stored["at"])
        except ValueError:
            at = None
    return _shown(stored.get("shown"), legacy=False), memory, at


def _is_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10**6


def _shown(stored: object, legacy: bool) -> list[Choice]:
    if not isinstance(stored, list):
        return []
    out: list[Choice] = []
    for index, item in enumerate(stored, start=1):
        if not isinstance(item, list) or not all(isinstance(p, str) for p in item[:2]):
            continue
        if legacy and len(item) == 2:
            out.append(Choice(item[0], item[1], number=index))
        elif not legacy and len(item) == 3 and _is_number(item[2]):
            out.append(Choice(item[0], item[1], number=item[2]))
    return out
