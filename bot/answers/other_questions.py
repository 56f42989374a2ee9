"""The other questions of a message: ranked once each, offered, and briefly answered.

"Je préférerais tout rédiger la semaine avant l'examen, c'est une mauvaise idée ? Et il
faut numéroter les pages ?" asks two things. The message's best entry answers one; each
other question, ranked alone with the message's context, is offered one tap away, and
when an entry surely answers it, its gist (one sentence) joins the answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from bot.answers.extract import Query
from bot.answers.knowledge import Entry
from bot.answers.passage import Details
from bot.answers.ranking import Ranked
from bot.answers.reply import Also


@dataclass(frozen=True, slots=True)
class Asked:
    """One question of the message, with the message's context, and its best entry."""

    query: Query
    confidence: float
    entry_id: str


# "Quelles compétences vont-ils travailler et peuvent-ils le financer ?": a second question
# joined by "et", which opens with a question word or an inverted verb ("peuvent-ils").
_SECOND_QUESTION = re.compile(
    r",? (?:et|mais|ou) (?=(?:est-ce|comment|quand|combien|pourquoi|qui|quel|quelle|quels"
    r"|quelles|où|ou est|à qui|auprès de qui|que|qu'|faut-il|\w+-(?:t-)?(?:ils|elles|il|elle"
    r"|on|je|vous|nous|tu)"
    # "… à quel métier prépare-t-il, et à quel niveau correspond-il ?"
    r"|(?:à|a|de|dans|pour|sur|en|par|avec|chez) (?:quel|quelle|quels|quelles|combien))\b)",
    re.IGNORECASE,
)
MIN_PART_WORDS = 3


def questions_of(sentence: str) -> list[str]:
    """The questions one sentence asks: itself, or its parts joined by "et"."""
    parts = [p.strip(" ,") for p in _SECOND_QUESTION.split(sentence)]
    if len(parts) < 2 or any(len(p.split()) < MIN_PART_WORDS for p in parts):
        return [sentence]
    return parts


def each_question(query: Query, rank: Callable[[Query], Ranked]) -> tuple[Asked, ...]:
    """Each question's best entry, when the message asks more than one."""
    sentences = [part for sentence in query.questions for part in questions_of(sentence)]
    if len(sentences) < 2:
        return ()
    found: list[Asked] = []
    for sentence in sentences:
        # With the message's context: "Et je dois le rendre quand ?" is about the DP the
        # context talks of.
        asked = Query(sentence, query.context, (sentence,))
        top = rank(asked).best
        if top is not None:
            found.append(Asked(asked, top[0], top[1]))
    return tuple(found)


def _others(
    asked: tuple[Asked, ...], best: str, floor: float, entries: Mapping[str, Entry]
) -> Iterator[Asked]:
    """The other questions whose entry is at least `floor` sure, in the message's order."""
    for question in asked:
        entry_id = question.entry_id
        if question.confidence >= floor and entry_id in entries and entry_id != best:
            yield question


def offered(
    asked: tuple[Asked, ...], best: str, floor: float, entries: Mapping[str, Entry]
) -> list[str]:
    """The other questions' entries at least `floor` sure, each once."""
    return list(dict.fromkeys(q.entry_id for q in _others(asked, best, floor, entries)))


def gist_of_other(
    asked: tuple[Asked, ...],
    best: str,
    sure: float,
    entries: Mapping[str, Entry],
    details: Details,
) -> Also | None:
    """The first other question an entry surely answers: that entry and its gist."""
    question = next(_others(asked, best, sure, entries), None)
    if question is None:
        return None
    entry = entries[question.entry_id]
    return Also(entry, details.gist(entry, question.query))
